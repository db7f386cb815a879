// When to restart ICE: after a short grace on `disconnected`, at once on `failed` or a network change, then again every few seconds.

/** Restarts ICE until the connection is healthy again. */
export interface Reconnector {
  /** Feed every iceConnectionState change. */
  iceState(state: RTCIceConnectionState): void;
  /** The browser moved to another network: the old path may be dead already. */
  networkChanged(): void;
  stop(): void;
}

export interface ReconnectorOptions {
  /** Starts one restart attempt. */
  restart(): void;
  /** Whether ICE is connected now. */
  healthy(): boolean;
  /** `disconnected` often heals by itself within a second or two: wait this long first. */
  graceMs?: number;
  /** Between attempts while still not connected. */
  retryMs?: number;
}

/**
 * Restarts ICE on a schedule. Each attempt is a fresh offer, so an offer or request lost on the
 * signaling path during an outage is simply replaced by the next one.
 */
export function createReconnector({
  restart,
  healthy,
  graceMs = 1_500,
  retryMs = 3_000,
}: ReconnectorOptions): Reconnector {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const schedule = (ms: number) => {
    timer ??= setTimeout(attempt, ms);
  };
  function attempt() {
    timer = null;
    if (healthy()) return;
    restart();
    schedule(retryMs);
  }
  return {
    iceState(state) {
      if (state === 'connected' || state === 'completed' || state === 'closed') cancel();
      else if (state === 'disconnected') schedule(graceMs);
      else if (state === 'failed') {
        cancel();
        attempt();
      }
    },
    networkChanged() {
      cancel();
      restart();
      schedule(retryMs);
    },
    stop: cancel,
  };
}
