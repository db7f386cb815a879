import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReconnector } from './reconnect.js';

describe('the reconnector', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = () => {
    let healthy = false;
    const restart = vi.fn();
    const r = createReconnector({ restart, healthy: () => healthy, graceMs: 1_500, retryMs: 3_000 });
    return { r, restart, heal: () => (healthy = true) };
  };

  it('gives `disconnected` a grace period, then restarts every 3 s until connected', () => {
    const { r, restart, heal } = setup();
    r.iceState('disconnected');
    vi.advanceTimersByTime(1_499);
    expect(restart).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(restart).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(9_000);
    expect(restart).toHaveBeenCalledTimes(4);
    heal();
    r.iceState('connected');
    vi.advanceTimersByTime(30_000);
    expect(restart).toHaveBeenCalledTimes(4);
  });

  it('does not restart when `disconnected` heals by itself within the grace', () => {
    const { r, restart, heal } = setup();
    r.iceState('disconnected');
    vi.advanceTimersByTime(800);
    heal();
    r.iceState('connected');
    vi.advanceTimersByTime(10_000);
    expect(restart).not.toHaveBeenCalled();
  });

  it('restarts at once on `failed` and on a network change, and stops when stopped', () => {
    const { r, restart } = setup();
    r.iceState('failed');
    expect(restart).toHaveBeenCalledTimes(1);
    r.networkChanged();
    expect(restart).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(3_000);
    expect(restart).toHaveBeenCalledTimes(3);
    r.stop();
    vi.advanceTimersByTime(30_000);
    expect(restart).toHaveBeenCalledTimes(3);
  });

  it('restarts once on a network change while connected, without looping', () => {
    const { r, restart, heal } = setup();
    heal();
    r.networkChanged();
    vi.advanceTimersByTime(30_000);
    expect(restart).toHaveBeenCalledTimes(1);
  });
});
