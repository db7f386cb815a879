import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, sectionOf } from './routes.js';
import type { Route } from './routes.js';

describe('routes', () => {
  it('reads workflow, record and registration addresses', () => {
    expect(parseRoute('#/intake')).toEqual({ name: 'intake' });
    expect(parseRoute('#/follow-ups')).toEqual({ name: 'follow-ups' });
    expect(parseRoute('#/patients/new')).toEqual({ name: 'register' });
    expect(parseRoute('#/patients/01a2-77d7')).toEqual({ name: 'patient', id: '01a2-77d7' });
    expect(parseRoute('#/visits/01a2-77d7')).toEqual({ name: 'visit', id: '01a2-77d7' });
    expect(parseRoute('#/vitals')).toEqual({ name: 'vitals' });
    expect(parseRoute('#/devices')).toEqual({ name: 'devices' });
    expect(parseRoute('#/sync')).toEqual({ name: 'sync' });
    expect(parseRoute('#/consults')).toEqual({ name: 'consults' });
  });

  it("reads a consult's call address, and nothing near it", () => {
    const id = '0197a0e0-1c2d-7e3f-8a4b-5c6d7e8f9a0b';
    expect(parseRoute(`#/consults/${id}/call`)).toEqual({ name: 'call', consultId: id });
    expect(parseRoute(`consults/${id}/call`)).toEqual({ name: 'call', consultId: id });
    for (const hash of [
      `#/consults/${id}`,
      `#/consults/${id}/call/x`,
      `#/consults/${id}/calls`,
      `#/consults/${id}/`,
      '#/consults//call',
      '#/consults/<img>/call',
      `#/patients/${id}/call`,
      `#/visits/${id}/call`,
    ]) {
      expect(parseRoute(hash), hash).toEqual({ name: 'status' });
    }
  });

  it('sends anything else to the status screen', () => {
    for (const hash of [
      '',
      '#/',
      '#/nowhere',
      '#/patients/a/b',
      '#/patients/<script>',
      '#/visits/',
      '#/status/x',
      '#/devices/x',
      '#/sync/x',
      '#/consults/x',
    ]) {
      expect(parseRoute(hash)).toEqual({ name: 'status' });
    }
  });

  it('reads back the call address of any record id, and no other id', () => {
    const idChar = fc.constantFrom(...'0123456789abcdefABCDEF-xyz');
    fc.assert(
      fc.property(fc.string({ unit: idChar, minLength: 1, maxLength: 64 }), (consultId) => {
        expect(parseRoute(hrefOf({ name: 'call', consultId }))).toEqual({ name: 'call', consultId });
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (junk) => {
        const route = parseRoute(`#/consults/${junk}/call`);
        if (route.name === 'call') expect(route.consultId).toMatch(/^[0-9A-Za-z-]{1,64}$/);
      }),
    );
  });

  it('writes addresses it reads back', () => {
    const routes: Route[] = [
      { name: 'patients' },
      { name: 'register' },
      { name: 'patient', id: 'p1' },
      { name: 'visit', id: 'v1' },
      { name: 'devices' },
      { name: 'sync' },
      { name: 'consults' },
      { name: 'call', consultId: '0197a0e0-1c2d-7e3f-8a4b-5c6d7e8f9a0b' },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('shows a record under the sidebar entry it belongs to', () => {
    expect(sectionOf({ name: 'visit', id: 'v1' })).toBe('patients');
    expect(sectionOf({ name: 'register' })).toBe('intake');
    expect(sectionOf({ name: 'devices' })).toBe('vitals');
    expect(sectionOf({ name: 'sync' })).toBe('status');
    expect(sectionOf({ name: 'call', consultId: 'c1' })).toBe('consults');
  });
});
