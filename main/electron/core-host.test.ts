import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetElectronMock, utilityProcess } from '../../test/mocks/electron.js';
import { forkCore } from './core-host.js';

vi.mock('electron', () => import('../../test/mocks/electron.js'));

const options = { dataDir: '/data/station', hubUrl: 'http://hub.example:4000', appVersion: '0.1.0' };

beforeEach(() => resetElectronMock());
afterEach(() => vi.useRealTimers());

describe('forkCore', () => {
  it('runs the core bundle in a utility process and sends it the start options', () => {
    forkCore('/app/dist-electron/core.cjs', options);
    expect(utilityProcess.forked).toHaveLength(1);
    const child = utilityProcess.forked[0]!;
    expect(child.modulePath).toBe('/app/dist-electron/core.cjs');
    expect(child.posted).toEqual([{ t: 'start', options }]);
  });

  it('asks the core to stop and waits for it to exit', async () => {
    const host = forkCore('/core.cjs', options);
    const child = utilityProcess.forked[0]!;
    child.on('posted', (message: { t: string }) => {
      if (message.t === 'stop') queueMicrotask(() => child.emit('exit', 0));
    });
    await host.stop();
    expect(child.posted.at(-1)).toEqual({ t: 'stop' });
    expect(child.killed).toBe(false);
  });

  it('kills a core that does not exit in time', async () => {
    vi.useFakeTimers();
    const host = forkCore('/core.cjs', options);
    const child = utilityProcess.forked[0]!;
    const stopped = host.stop();
    await vi.advanceTimersByTimeAsync(4999);
    expect(child.killed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(child.killed).toBe(true);
    child.emit('exit', 9);
    await stopped;
  });
});
