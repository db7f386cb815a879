import { useMemo, useSyncExternalStore } from 'react';

/** The workflows of the app frame, in the order the sidebar shows them. */
export const NAV_ROUTES = [
  'status',
  'intake',
  'patients',
  'follow-ups',
  'vitals',
  'consults',
  'prescriptions',
  'emergency',
] as const;
export type NavRoute = (typeof NAV_ROUTES)[number];

/** Workflows that later releases bring; the frame says so plainly. */
export type UpcomingRoute = 'prescriptions' | 'emergency';

/** Where the app is: a sidebar workflow, or one record opened from it. */
export type Route =
  | { readonly name: NavRoute }
  | { readonly name: 'register' }
  /** Device settings: ports, drivers, simulated or real devices. */
  | { readonly name: 'devices' }
  /** Sync in full and what the hub refused; opened from the status bar. */
  | { readonly name: 'sync' }
  | { readonly name: 'patient'; readonly id: string }
  | { readonly name: 'visit'; readonly id: string }
  /** The video call of one consult, joined from the alert or the consult's status. */
  | { readonly name: 'call'; readonly consultId: string };

/** Record ids are UUIDs made by the core; anything else in the address is not a record. */
const RECORD_ID = /^[0-9A-Za-z-]{1,64}$/;

/** Parses a location hash (`#/patients/<id>`) into a route; anything unknown is the status screen. */
export function parseRoute(hash: string): Route {
  const [first = '', second, ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (first === 'consults' && second !== undefined && RECORD_ID.test(second) && rest.length === 1 && rest[0] === 'call')
    return { name: 'call', consultId: second };
  if (rest.length === 0 && second !== undefined) {
    if (first === 'patients' && second === 'new') return { name: 'register' };
    if (RECORD_ID.test(second) && first === 'patients') return { name: 'patient', id: second };
    if (RECORD_ID.test(second) && first === 'visits') return { name: 'visit', id: second };
  }
  if (second === undefined && first === 'devices') return { name: 'devices' };
  if (second === undefined && first === 'sync') return { name: 'sync' };
  if (second === undefined && (NAV_ROUTES as readonly string[]).includes(first)) return { name: first as NavRoute };
  return { name: 'status' };
}

/** The address of a route, for links (`href`) and for navigate(). */
export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'register':
      return '#/patients/new';
    case 'patient':
      return `#/patients/${route.id}`;
    case 'visit':
      return `#/visits/${route.id}`;
    case 'call':
      return `#/consults/${route.consultId}/call`;
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

/** Which sidebar entry a route belongs to, so the sidebar shows where the doctor is. */
export function sectionOf(route: Route): NavRoute {
  if (route.name === 'register') return 'intake';
  if (route.name === 'patient' || route.name === 'visit') return 'patients';
  if (route.name === 'devices') return 'vitals';
  if (route.name === 'sync') return 'status';
  if (route.name === 'call') return 'consults';
  return route.name;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const currentHash = () => window.location.hash;

/** Hash routing: no server round trip, works the same from app:// and from http://127.0.0.1. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return useMemo(() => parseRoute(hash), [hash]);
}
