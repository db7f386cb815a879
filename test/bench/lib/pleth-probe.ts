import { z } from 'zod';

/**
 * A Playwright init script for the oximeter latency figure. It runs before the renderer's own
 * scripts and catches the assignment of `window.station` (main.tsx sets it from the socket
 * bridge), handing the renderer a copy whose `devices.live` wraps the listener. For each pleth
 * waveform event it notes the wall-clock time (Date.now(), the clock Node stamps packets with)
 * when the page's subscription received it, lets the renderer handle it (the feed store writes
 * the samples into the ring the canvas reads), then asks for an animation frame. That frame's
 * callbacks run after the pleth canvas's own, which were requested a frame earlier: the time
 * noted there is when the frame showing the samples has been drawn. No renderer file changes.
 *
 * Plain JavaScript in a string: it is evaluated in the page, where this project's TypeScript
 * (and tsx's helpers) do not exist.
 */
export const PLETH_PROBE_SCRIPT = `(() => {
  const records = [];
  let station;
  const wrap = (api) => {
    const devices = api.devices;
    const live = (input, listener) =>
      devices.live(input, (event) => {
        if (event.type !== 'waveform' || event.channels[0] !== 'pleth') return listener(event);
        const record = { seq: event.seq, values: event.samples[0], received: Date.now(), shown: null };
        records.push(record);
        listener(event);
        requestAnimationFrame(() => {
          record.shown = Date.now();
        });
      });
    return Object.freeze({ ...api, devices: Object.freeze({ ...devices, live }) });
  };
  Object.defineProperty(window, 'station', {
    configurable: true,
    get: () => station,
    set: (value) => {
      station = value ? wrap(value) : value;
    },
  });
  window.__plethProbe = { count: () => records.length, take: () => records.splice(0) };
})();`;

/** Expressions the bench evaluates in the page. */
export const PROBE_COUNT = 'window.__plethProbe ? window.__plethProbe.count() : -1';
export const PROBE_TAKE = 'window.__plethProbe.take()';
/** Animation frames the page runs in one second: how often the screen can show anything new. */
export const FRAMES_IN_ONE_SECOND = `new Promise((resolve) => {
  let frames = 0;
  const end = performance.now() + 1000;
  const tick = () => (++frames, performance.now() < end ? requestAnimationFrame(tick) : resolve(frames));
  requestAnimationFrame(tick);
})`;

/** One pleth event as the page saw it: its samples, when it arrived, when it was on screen. */
export const ProbeRecord = z.object({
  seq: z.number().int().nonnegative(),
  values: z.array(z.number()),
  received: z.number(),
  shown: z.number().nullable(),
});
export type ProbeRecord = z.infer<typeof ProbeRecord>;
