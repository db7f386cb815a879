import { useSyncExternalStore } from 'react';

/** The workflows of the app frame, in the order the sidebar shows them. */
export const ROUTES = ['status', 'intake', 'patients', 'vitals', 'consults', 'prescriptions', 'emergency'] as const;
export type Route = (typeof ROUTES)[number];

function currentRoute(): Route {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'status';
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** Hash routing: no server round trip, works the same from app:// and from http://127.0.0.1. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, currentRoute);
}
