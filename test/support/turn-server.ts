import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { stopProcess } from '../../scripts/lib/processes.js';
import { claimPortBlock } from './port-block.js';

/** A coturn on loopback, accepting only TURN REST API credentials made from `secret`. */
export interface TurnServer {
  /** `turn:127.0.0.1:<port>`, for RTCIceServer.urls. */
  readonly url: string;
  readonly port: number;
  /** The relay ports coturn allocates from, inclusive. */
  readonly relayPorts: readonly [number, number];
  readonly realm: string;
  /** coturn's process id (setpriv execs it, so this is coturn itself). */
  readonly pid: number;
  /** The last lines coturn printed, for failure reports. */
  log(): string;
  stop(): Promise<void>;
}

export interface TurnServerOptions {
  /** coturn's `--static-auth-secret`. */
  secret: string;
  /** coturn `--max-bps`: bytes per second per TURN session, each direction counted apart. */
  maxBps?: number;
  realm?: string;
}

export const TURNSERVER_PATH = '/usr/bin/turnserver';
/** The listening port, one spare (coturn's alternate port), then the relay range. */
const BLOCK_SIZE = 32;
const LOG_LINES = 300;
const READY_MS = 10_000;
const HAS_SETPRIV = spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0;

/** Starts coturn and resolves once it answers a STUN binding request on its port. */
export async function startTurnServer(options: TurnServerOptions): Promise<TurnServer> {
  if (!existsSync(TURNSERVER_PATH)) throw new Error(`${TURNSERVER_PATH} is missing: install the coturn package`);
  if (options.secret === '') throw new Error('a TURN server needs a non-empty static-auth-secret');
  if (options.maxBps !== undefined && !(Number.isSafeInteger(options.maxBps) && options.maxBps > 0))
    throw new Error(`maxBps must be a positive whole number of bytes per second, got ${options.maxBps}`);
  const realm = options.realm ?? 'cunyi.test';
  const block = await claimPortBlock(BLOCK_SIZE);
  const port = block.first;
  const relayPorts = [port + 2, port + BLOCK_SIZE - 1] as const;
  // coturn writes a pid file and an SQLite user database; as root their defaults are shared paths.
  // One folder per port block, so what a killed run leaves is reused rather than piling up.
  const dir = join(tmpdir(), 'cunyi-turn', String(port));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const turnserver = [
    TURNSERVER_PATH,
    ...['-c', '/dev/null', '--no-cli', '--log-file=stdout', '--verbose'],
    ...[`--pidfile=${join(dir, 'turnserver.pid')}`, `--userdb=${join(dir, 'turndb')}`],
    ...['--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', `--listening-port=${port}`],
    ...[`--min-port=${relayPorts[0]}`, `--max-port=${relayPorts[1]}`],
    ...['--no-tls', '--no-dtls', '--allow-loopback-peers'],
    ...['--use-auth-secret', `--static-auth-secret=${options.secret}`, `--realm=${realm}`],
    ...(options.maxBps !== undefined ? [`--max-bps=${options.maxBps}`] : []),
  ];
  // coturn must not outlive the test process, even one killed with SIGKILL: setpriv sets the
  // parent-death signal before it execs coturn (as drivers/transport/socat-pair.ts does for socat).
  const [command = TURNSERVER_PATH, ...args] = HAS_SETPRIV
    ? ['setpriv', '--pdeathsig', 'KILL', '--', ...turnserver]
    : turnserver;
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let spawnFailed = false;
  child.once('error', (error) => {
    spawnFailed = true;
    lines.push(`spawn ${command}: ${error.message}`);
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > LOG_LINES) lines.shift();
    });
  }
  const log = () => lines.join('\n');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.pid !== undefined) await stopProcess(child, 2_000);
    block.release();
    rmSync(dir, { recursive: true, force: true });
  };
  const exited = () => spawnFailed || child.exitCode !== null || child.signalCode !== null;
  if (!(await stunAnswers(port, READY_MS, exited))) {
    const why = exited() ? 'it exited' : `no STUN answer within ${READY_MS} ms`;
    await stop();
    throw new Error(`coturn did not start on 127.0.0.1:${port} (${why}):\n${log()}`);
  }
  return { url: `turn:127.0.0.1:${port}`, port, relayPorts, realm, pid: child.pid ?? 0, log, stop };
}

/** A STUN Binding Request (RFC 5389): type 0x0001, no attributes, magic cookie, random transaction id. */
function bindingRequest(): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(0x0001, 0);
  header.writeUInt32BE(0x2112a442, 4);
  randomBytes(12).copy(header, 8);
  return header;
}

/**
 * Whether a STUN server answers on 127.0.0.1:`port` within `timeoutMs`: sends a binding request
 * every 100 ms until a success response (0x0101) with the same transaction id comes back.
 * `giveUp` ends the wait early (e.g. the server's process has exited).
 */
export function stunAnswers(port: number, timeoutMs: number, giveUp: () => boolean = () => false): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const request = bindingRequest();
    const deadline = Date.now() + timeoutMs;
    const finish = (answered: boolean) => {
      clearInterval(timer);
      socket.close();
      resolve(answered);
    };
    socket.on('message', (reply) => {
      const id = reply.subarray(8, 20);
      if (reply.length >= 20 && reply.readUInt16BE(0) === 0x0101 && id.equals(request.subarray(8, 20))) finish(true);
    });
    // Sends to a port nobody listens on yet may report ICMP errors; the next send retries.
    socket.on('error', () => undefined);
    const timer = setInterval(() => {
      if (giveUp() || Date.now() > deadline) finish(false);
      else socket.send(request, port, '127.0.0.1');
    }, 100);
    socket.send(request, port, '127.0.0.1');
  });
}
