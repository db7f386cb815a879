import { createSocket } from 'node:dgram';
import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A run of consecutive loopback ports this process holds against every other test process.
 *
 * Why a claim file and not just a free-port check: coturn binds with SO_REUSEPORT, so two
 * coturns started on the same port both succeed and share the traffic silently. A port is
 * only checked free here after its block is claimed, and claims of dead processes are taken
 * over. Blocks sit below Linux's ephemeral range (32768+), where browsers' own sockets live.
 */
export interface PortBlock {
  readonly first: number;
  readonly size: number;
  release(): void;
}

const CLAIMS = join(tmpdir(), 'cunyi-port-blocks');
const LOWEST = 20_000;
const HIGHEST = 32_767;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes the claim file for `first`, taking it over when its owner has died. */
function claim(first: number): boolean {
  const path = join(CLAIMS, String(first));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) return false;
      unlinkSync(path);
    }
  }
  return false;
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => socket.close(() => resolve(false)));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Claims `size` consecutive ports, all free for UDP and the first also for TCP. */
export async function claimPortBlock(size: number): Promise<PortBlock> {
  mkdirSync(CLAIMS, { recursive: true });
  const slots = Math.floor((HIGHEST - LOWEST + 1) / size);
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = LOWEST + Math.floor(Math.random() * slots) * size;
    if (!claim(first)) continue;
    const release = () => rmSync(join(CLAIMS, String(first)), { force: true });
    const ports = Array.from({ length: size }, (_, i) => first + i);
    const free = (await Promise.all([tcpFree(first), ...ports.map(udpFree)])).every(Boolean);
    if (free) return { first, size, release };
    release();
  }
  throw new Error(`no free block of ${size} loopback ports between ${LOWEST} and ${HIGHEST}`);
}
