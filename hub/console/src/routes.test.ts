import { describe, expect, it } from 'vitest';
import { CONSOLE_ROUTES, hrefOf, parseRoute } from './routes.js';

describe('console routes', () => {
  it('round-trips every page through its link', () => {
    for (const route of CONSOLE_ROUTES) expect(parseRoute(hrefOf(route))).toBe(route);
  });

  it('reads a trailing slash and sends anything unknown to the stations page', () => {
    expect(parseRoute('#/enrollment-codes/')).toBe('enrollment-codes');
    expect(parseRoute('')).toBe('stations');
    expect(parseRoute('#/')).toBe('stations');
    expect(parseRoute('#/admin/../enrollment-codes')).toBe('stations');
    expect(parseRoute('#/constructor')).toBe('stations');
  });
});
