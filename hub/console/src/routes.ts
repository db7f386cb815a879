import { useMemo, useSyncExternalStore } from 'react';

/** The console's pages, in the order the navigation shows them. Later consoles append theirs. */
export const CONSOLE_ROUTES = ['stations', 'enrollment-codes'] as const;
export type ConsoleRoute = (typeof CONSOLE_ROUTES)[number];

/** Parses a location hash (`#/stations`) into a page; anything unknown is the first page. */
export function parseRoute(hash: string): ConsoleRoute {
  const path = hash.replace(/^#\/?/, '').replace(/\/+$/, '');
  return (CONSOLE_ROUTES as readonly string[]).includes(path) ? (path as ConsoleRoute) : CONSOLE_ROUTES[0];
}

/** The link to a page. */
export function hrefOf(route: ConsoleRoute): string {
  return `#/${route}`;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const currentHash = () => window.location.hash;

/** Hash routing: the hub serves one index.html, and a reload keeps the page. */
export function useRoute(): ConsoleRoute {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return useMemo(() => parseRoute(hash), [hash]);
}
