import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/processes.js';
import { startTurnServer, stunAnswers } from './turn-server.js';
import { until } from './wait.js';

const secret = 'turn-server-test-secret';

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('startTurnServer', () => {
  it('runs coturn side by side on separate ports and relay ranges, and stops each on its own', async () => {
    const [open, capped] = await Promise.all([
      startTurnServer({ secret }),
      startTurnServer({ secret, maxBps: 12_500 }),
    ]);
    try {
      expect(open.url).toBe(`turn:127.0.0.1:${open.port}`);
      expect(capped.port).not.toBe(open.port);
      for (const server of [open, capped]) {
        const [min, max] = server.relayPorts;
        expect(min).toBeGreaterThan(server.port);
        expect(max).toBeGreaterThanOrEqual(min + 20);
      }
      const inside = (port: number, [min, max]: readonly [number, number]) => port >= min && port <= max;
      const [a, b] = [open.relayPorts, capped.relayPorts];
      expect(inside(a[0], b) || inside(a[1], b) || inside(b[0], a)).toBe(false);
      for (const port of [open.port, capped.port]) expect(inside(port, a) || inside(port, b)).toBe(false);

      await open.stop();
      expect(running(open.pid)).toBe(false);
      expect(await stunAnswers(open.port, 500)).toBe(false);
      expect(await stunAnswers(capped.port, 2_000)).toBe(true);
      expect(capped.log()).toMatch(/Coturn-\d/);
    } finally {
      await Promise.all([open.stop(), capped.stop()]);
    }
  });

  it('refuses an empty secret and a bandwidth limit that is not a positive whole number of bytes', async () => {
    await expect(startTurnServer({ secret: '' })).rejects.toThrow(/non-empty/);
    await expect(startTurnServer({ secret, maxBps: 0 })).rejects.toThrow(/maxBps/);
    await expect(startTurnServer({ secret, maxBps: 1.5 })).rejects.toThrow(/maxBps/);
  });

  it('dies with the process that started it, even one killed with SIGKILL', async () => {
    const script = `import { startTurnServer } from './test/support/turn-server.ts';
      const turn = await startTurnServer({ secret: '${secret}' });
      console.log(turn.pid, turn.port);
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: parent.stdout }).once('line', resolve),
    );
    const [pid = 0, port = 0] = line.split(' ').map(Number);
    expect(running(pid)).toBe(true);
    expect(await stunAnswers(port, 2_000)).toBe(true);
    parent.kill('SIGKILL');
    await until(() => !running(pid), 3_000);
    expect(await stunAnswers(port, 300)).toBe(false);
  });
});
