import type { AttachedPort } from './registry.js';

export type PortLister = () => Promise<AttachedPort[]>;

const keyOf = (p: AttachedPort) => `${p.link}:${p.path}`;

/**
 * Hot-plug by polling: lists the ports every `intervalMs` and reports what appeared and what
 * went away. Polling works the same for USB-serial bridges, HID devices and pseudo-terminals,
 * without udev. A listing that fails counts as "nothing changed".
 */
export function watchPorts(
  list: PortLister,
  intervalMs: number,
  onChange: (change: { added: AttachedPort[]; removed: AttachedPort[]; current: AttachedPort[] }) => void,
): { stop: () => void; poll: () => Promise<void> } {
  let known = new Map<string, AttachedPort>();
  let stopped = false;
  let running: Promise<void> | null = null;
  const poll = (): Promise<void> => {
    running ??= (async () => {
      try {
        const current = await list();
        if (stopped) return;
        const next = new Map(current.map((p) => [keyOf(p), p]));
        const added = current.filter((p) => !known.has(keyOf(p)));
        const removed = [...known.values()].filter((p) => !next.has(keyOf(p)));
        known = next;
        if (added.length > 0 || removed.length > 0) onChange({ added, removed, current });
      } catch {
        // The OS could not list ports this time; try again on the next tick.
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void poll(), intervalMs);
  timer.unref();
  void poll();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
    poll,
  };
}
