/** Polls `check` every 10 ms until it holds; throws after `ms` so a stuck test says why. */
export const until = async (check: () => boolean, ms = 3_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

export const pause = (ms: number): Promise<unknown> => new Promise((r) => setTimeout(r, ms));
