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
    ]) {
      expect(parseRoute(hash)).toEqual({ name: 'status' });
    }
  });

  it('writes addresses it reads back', () => {
    const routes: Route[] = [
      { name: 'patients' },
      { name: 'register' },
      { name: 'patient', id: 'p1' },
      { name: 'visit', id: 'v1' },
      { name: 'devices' },
      { name: 'sync' },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('shows a record under the sidebar entry it belongs to', () => {
    expect(sectionOf({ name: 'visit', id: 'v1' })).toBe('patients');
    expect(sectionOf({ name: 'register' })).toBe('intake');
    expect(sectionOf({ name: 'devices' })).toBe('vitals');
    expect(sectionOf({ name: 'sync' })).toBe('status');
  });
});
