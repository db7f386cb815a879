/**
 * A wait that the caller settles, that ends on its own when nothing has happened for `ms`
 * (the devices have no "done" marker or go silent when they fail), and that fails at once
 * when the link goes.
 */
export interface IdleWait<T> {
  readonly promise: Promise<T>;
  /** Something arrived: restart the idle clock (optionally with a new length). */
  touch(ms?: number): void;
  settle(value: T): void;
  fail(error: Error): void;
}

export function idleWait<T>(ms: number, onIdle: () => T | Error): IdleWait<T> {
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const finish = (outcome: () => void) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    outcome();
  };
  const arm = (length: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const result = onIdle();
      finish(() => (result instanceof Error ? reject(result) : resolve(result)));
    }, length);
  };
  arm(ms);
  return {
    promise,
    touch: (length = ms) => {
      if (!done) arm(length);
    },
    settle: (value) => finish(() => resolve(value)),
    fail: (error) => finish(() => reject(error)),
  };
}
