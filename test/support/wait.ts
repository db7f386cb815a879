/** Polls `check` every 10 ms until it holds; throws after `ms` so a stuck test says why. */
export const until = async (check: () => boolean, ms = 3_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

export const pause = (ms: number): Promise<unknown> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `check` (which may be async) every 20 ms until it returns something other than
 * undefined, false or null, and returns that; throws naming `what` after `ms`.
 */
export async function eventually<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  ms = 5_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > end) throw new Error(`${what}: not seen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
