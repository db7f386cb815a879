import { useSyncExternalStore } from 'react';

/** Pages a specialist uses, in the order the navigation shows them; the first is her landing page. */
export const SPECIALIST_PAGES = ['queue', 'devices'] as const;
/** Pages only an admin sees; the first is an admin's landing page. */
export const ADMIN_PAGES = ['stations', 'enrollment-codes', 'specialists'] as const;

export type PageName = (typeof SPECIALIST_PAGES)[number] | (typeof ADMIN_PAGES)[number];

/** Where the console is: a page of the navigation, or one consult. */
export type ConsoleRoute = { readonly page: PageName } | { readonly page: 'consult'; readonly consultId: string };

/** What the signed-in user may do. */
export interface Roles {
  readonly isAdmin: boolean;
  readonly isSpecialist: boolean;
}

const ALL_PAGES: readonly string[] = [...SPECIALIST_PAGES, ...ADMIN_PAGES];
const CONSULT = /^consults\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Parses a location hash (`#/queue`, `#/consults/<uuid>`); null when it names no page. */
export function parseRoute(hash: string): ConsoleRoute | null {
  const path = hash.replace(/^#\/?/, '').replace(/\/+$/, '');
  if (ALL_PAGES.includes(path)) return { page: path as PageName };
  const consult = CONSULT.exec(path);
  return consult ? { page: 'consult', consultId: (consult[1] as string).toLowerCase() } : null;
}

/** The link to a route. */
export function hrefOf(route: ConsoleRoute): string {
  return route.page === 'consult' ? `#/consults/${route.consultId}` : `#/${route.page}`;
}

/** The navigation a user gets: her specialist pages, then the admin pages if she is an admin. */
export function navPages(roles: Roles): PageName[] {
  return [...(roles.isSpecialist ? SPECIALIST_PAGES : []), ...(roles.isAdmin ? ADMIN_PAGES : [])];
}

function allowed(route: ConsoleRoute, roles: Roles): boolean {
  if (route.page === 'consult') return roles.isSpecialist;
  return navPages(roles).includes(route.page);
}

/**
 * The route to show for a hash: the one it names when this user may see it, else her landing
 * page (the queue for a specialist, the stations for an admin); null for a user with no role.
 */
export function routeFor(hash: string, roles: Roles): ConsoleRoute | null {
  const route = parseRoute(hash);
  if (route && allowed(route, roles)) return route;
  const landing = navPages(roles)[0];
  return landing === undefined ? null : { page: landing };
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const currentHash = () => window.location.hash;

/** Hash routing: the hub serves one index.html, and a reload keeps the page. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, currentHash);
}
