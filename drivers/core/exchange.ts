import { DriverError } from './errors.js';

/**
 * Runs one exchange with a device at a time: a second request waits until the first has its
 * answer (or failed). Devices on these links cannot interleave conversations.
 */
export class ExchangeQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(exchange: () => Promise<T>): Promise<T> {
    const next = this.tail.then(exchange, exchange);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** Rejects with a timeout DriverError if `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DriverError('timeout', `${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
