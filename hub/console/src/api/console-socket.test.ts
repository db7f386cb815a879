import { describe, expect, it } from 'vitest';
import {
  consoleSocketUrl,
  createConsoleSocket,
  parseHubMessage,
  PING_EVERY_MS,
  SILENT_LIMIT_MS,
} from './console-socket.js';
import type { SocketEnv, WebSocketLike } from './console-socket.js';

const CONSULT = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: string[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  send(data: string) {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  accept() {
    this.readyState = 1;
    this.onopen?.();
  }
  hangUp() {
    this.readyState = 3;
    this.onclose?.();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

/** Timers that run only when the test moves the clock. */
function fakeEnv() {
  let now = 0;
  let timers: { at: number; run: () => void }[] = [];
  const sockets: FakeSocket[] = [];
  const env: SocketEnv = {
    open: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    setTimer: (run, ms) => {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return () => (timers = timers.filter((t) => t !== timer));
    },
    now: () => now,
    random: () => 0,
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      timers = timers.filter((t) => t !== next);
      now = next.at;
      next.run();
    }
    now = end;
  };
  return { env, sockets, advance, last: () => sockets[sockets.length - 1]! };
}

describe('console socket', () => {
  it('reconnects after a drop on the backoff schedule, and resets it once connected', () => {
    const { env, sockets, advance, last } = fakeEnv();
    const statuses: string[] = [];
    const socket = createConsoleSocket('ws://hub/ws/console', env);
    socket.onStatus((s) => statuses.push(s));
    socket.start();
    last().accept();
    last().hangUp();
    expect(sockets).toHaveLength(1);
    // random() = 0: half of each ceiling, 125, 250, 500 ms…
    advance(124);
    expect(sockets).toHaveLength(1);
    advance(1);
    expect(sockets).toHaveLength(2);
    last().hangUp();
    advance(249);
    expect(sockets).toHaveLength(2);
    advance(1);
    expect(sockets).toHaveLength(3);
    last().accept();
    last().hangUp();
    advance(125);
    expect(sockets).toHaveLength(4);
    expect(statuses).toEqual([
      'connecting',
      'open',
      'closed',
      'connecting',
      'closed',
      'connecting',
      'open',
      'closed',
      'connecting',
    ]);
  });

  it('pings every 20 s while open, and drops a socket that has gone silent', () => {
    const { env, sockets, advance, last } = fakeEnv();
    createConsoleSocket('ws://hub/ws/console', env).start();
    const first = last();
    first.accept();
    advance(PING_EVERY_MS);
    expect(first.sent).toEqual(['{"t":"ping"}']);
    first.receive({ t: 'pong' });
    advance(PING_EVERY_MS);
    expect(first.sent).toHaveLength(2);
    // No answer from here on: past the limit the socket is given up and dialled again.
    advance(SILENT_LIMIT_MS);
    expect(first.closed).toBe(true);
    advance(1000);
    expect(sockets).toHaveLength(2);
  });

  it('keeps messages sent while down and sends them once back, but not pings', () => {
    const { env, advance, last } = fakeEnv();
    const socket = createConsoleSocket('ws://hub/ws/console', env);
    socket.start();
    const signal = { t: 'signal', consultId: CONSULT, data: { type: 'answer', sdp: 'v=0' } } as const;
    socket.send({ t: 'ping' });
    socket.send(signal);
    last().hangUp();
    advance(200);
    last().accept();
    expect(last().sent).toEqual([JSON.stringify(signal)]);
  });

  it('hands listeners only messages of the wire shape', () => {
    const { env, last } = fakeEnv();
    const socket = createConsoleSocket('ws://hub/ws/console', env);
    socket.start();
    const seen: unknown[] = [];
    socket.subscribe((message) => seen.push(message));
    last().accept();
    last().receive({ t: 'ring', consultId: CONSULT, urgency: 'emergency' });
    last().receive({ t: 'ring', consultId: 'not-a-uuid', urgency: 'emergency' });
    last().onmessage?.({ data: '{not json' });
    last().receive({ t: 'queue' });
    expect(seen).toEqual([{ t: 'ring', consultId: CONSULT, urgency: 'emergency' }, { t: 'queue' }]);
  });

  it('dials nothing before start(), stays closed after close(), and opens again on start()', () => {
    const { env, sockets, advance, last } = fakeEnv();
    const socket = createConsoleSocket('ws://hub/ws/console', env);
    expect(sockets).toHaveLength(0);
    socket.start();
    socket.start();
    expect(sockets).toHaveLength(1);
    last().accept();
    socket.close();
    advance(60_000);
    expect(sockets).toHaveLength(1);
    expect(socket.status()).toBe('closed');
    socket.start();
    last().accept();
    expect(sockets).toHaveLength(2);
    expect(socket.status()).toBe('open');
  });

  it('builds the URL from the page origin', () => {
    expect(consoleSocketUrl({ protocol: 'https:', host: 'hub.example:8443' })).toBe(
      'wss://hub.example:8443/ws/console',
    );
    expect(consoleSocketUrl({ protocol: 'http:', host: '127.0.0.1:3000' })).toBe('ws://127.0.0.1:3000/ws/console');
    expect(parseHubMessage(new Uint8Array([1]))).toBeNull();
  });
});
