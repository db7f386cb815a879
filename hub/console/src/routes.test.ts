import { describe, expect, it } from 'vitest';
import { ADMIN_PAGES, hrefOf, navPages, parseRoute, routeFor, SPECIALIST_PAGES } from './routes.js';
import type { ConsoleRoute } from './routes.js';

const ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const admin = { isAdmin: true, isSpecialist: false };
const specialist = { isAdmin: false, isSpecialist: true };
const both = { isAdmin: true, isSpecialist: true };
const neither = { isAdmin: false, isSpecialist: false };

describe('console routes', () => {
  it('round-trips every page and a consult through its link', () => {
    const routes: ConsoleRoute[] = [
      ...[...SPECIALIST_PAGES, ...ADMIN_PAGES].map((page) => ({ page })),
      { page: 'consult', consultId: ID },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('reads a trailing slash and upper-case ids, and names nothing for anything else', () => {
    expect(parseRoute('#/enrollment-codes/')).toEqual({ page: 'enrollment-codes' });
    expect(parseRoute(`#/consults/${ID.toUpperCase()}`)).toEqual({ page: 'consult', consultId: ID });
    for (const hash of ['', '#/', '#/admin/../enrollment-codes', '#/constructor', '#/consults/', '#/consults/1']) {
      expect(parseRoute(hash), hash).toBeNull();
    }
  });

  it('lands a specialist on her queue and an admin on the stations', () => {
    expect(routeFor('', specialist)).toEqual({ page: 'queue' });
    expect(routeFor('', admin)).toEqual({ page: 'stations' });
    expect(routeFor('', both)).toEqual({ page: 'queue' });
    expect(routeFor('#/nowhere', admin)).toEqual({ page: 'stations' });
  });

  it('never shows admin pages to a specialist, nor consults to an admin who is not one', () => {
    for (const page of ADMIN_PAGES) expect(routeFor(`#/${page}`, specialist)).toEqual({ page: 'queue' });
    expect(routeFor(`#/consults/${ID}`, admin)).toEqual({ page: 'stations' });
    expect(routeFor('#/queue', admin)).toEqual({ page: 'stations' });
    expect(routeFor('#/specialists', both)).toEqual({ page: 'specialists' });
    expect(routeFor(`#/consults/${ID}`, both)).toEqual({ page: 'consult', consultId: ID });
  });

  it('gives each role its navigation, and none to a user with no role', () => {
    expect(navPages(specialist)).toEqual([...SPECIALIST_PAGES]);
    expect(navPages(admin)).toEqual([...ADMIN_PAGES]);
    expect(navPages(both)).toEqual([...SPECIALIST_PAGES, ...ADMIN_PAGES]);
    expect(routeFor('#/queue', neither)).toBeNull();
  });
});
