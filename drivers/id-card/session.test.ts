import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSession, SerialDriver } from '../core/driver.js';
import type { DriverEvent, ErrorEvent, IdCardEvent } from '../core/events.js';
import { openSerial } from '../transport/serial.js';
import { openPtyPair } from '../transport/socat-pair.js';
import type { PtyPair } from '../transport/socat-pair.js';
import { pause, until as waitFor } from '../../test/support/wait.js';
import { idCardReaderDriver } from './driver.js';
import { COMMANDS, isCommand } from './messages.js';
import { IdReaderSimulator } from './simulator.js';
import type { ReaderFault } from './simulator.js';
import { LONG_TERM_CARD, ZHANG_SAN, ZHANG_SAN_DECODED } from './test-cards.js';

/** Longer than the shared 3 s: a spoiled read costs a 500 ms timeout and a poll before the retry. */
const until = (check: () => boolean) => waitFor(check, 5_000);

const driver: SerialDriver = idCardReaderDriver({ pollMs: 30, timeoutMs: 500, readTimeoutMs: 500 });

let dir: string;
let pair: PtyPair;
let session: DeviceSession;
let reader: IdReaderSimulator;
let events: DriverEvent[];
const cards = () => events.filter((e): e is IdCardEvent => e.type === 'id-card');
const errors = () => events.filter((e): e is ErrorEvent => e.type === 'error');
const statuses = () =>
  events.flatMap((e) => (e.type === 'status' ? [`${e.state}${e.reason ? `/${e.reason}` : ''}`] : []));
const reads = () => reader.received.filter((r) => isCommand(r, COMMANDS.read)).length;

/**
 * Places ZHANG_SAN with the first read reply spoiled by `fault`: that reply yields no card and
 * one error, and the next poll reads the card. Returns the error.
 */
async function readThrough(fault: ReaderFault): Promise<ErrorEvent | undefined> {
  reader.injectFault(fault, 'read');
  reader.place(ZHANG_SAN);
  await until(() => errors().length === 1);
  expect(cards()).toEqual([]);
  const [error] = errors();
  await until(() => cards().length === 1);
  return error;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunyi-idcard-'));
  pair = await openPtyPair(join(dir, 'station'), join(dir, 'device'));
  reader = new IdReaderSimulator(await openSerial(pair.devicePath, driver.serial));
  session = driver.open(await openSerial(pair.stationPath, driver.serial));
  events = [];
  session.on((e) => events.push(e));
  await session.start();
});
afterEach(async () => {
  await session.close();
  await pair.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ID card reader over a socat pseudo-terminal pair', () => {
  it('no card: no-signal; a card placed: one id-card event with every field and the photo intact', async () => {
    await until(() => statuses().includes('no-signal/no_card'));
    reader.place(ZHANG_SAN);
    await until(() => cards().length === 1);
    // It lies there for many more polls: still one event, and it is not read again.
    await pause(300);
    expect(cards()).toHaveLength(1);
    expect(reads()).toBe(1);
    const { card } = cards()[0]!;
    expect({ ...card, photo: undefined }).toEqual({ ...ZHANG_SAN_DECODED, photo: undefined });
    expect(card.photo).toHaveLength(1024);
    expect(Buffer.from(card.photo).equals(Buffer.from(ZHANG_SAN.photo))).toBe(true);
    expect(statuses()).toEqual(['connecting', 'connected', 'no-signal/no_card', 'connected/card_present']);
    expect(errors()).toEqual([]);
  });

  it('a card lifted and presented again is reported again; another card after it too', async () => {
    reader.place(ZHANG_SAN);
    await until(() => cards().length === 1);
    reader.remove();
    await until(() => statuses().at(-1) === 'no-signal/no_card');
    reader.place(ZHANG_SAN);
    await until(() => cards().length === 2);
    reader.remove();
    await until(() => statuses().at(-1) === 'no-signal/no_card');
    reader.place(LONG_TERM_CARD);
    await until(() => cards().length === 3);
    expect(cards().map((c) => c.card.name)).toEqual(['张三', '张三', '阿依古丽·买买提']);
    expect(cards()[2]?.card).toMatchObject({ ethnicity: '维吾尔', validUntil: 'long-term', sex: 'female' });
  });

  it('a read reply with a bad XOR: no event from it, a checksum error; the next poll reads the card', async () => {
    expect(await readThrough('bad-xor')).toMatchObject({ kind: 'checksum', code: 'id_card.checksum' });
    expect(cards()[0]?.card.name).toBe('张三');
    expect(errors()).toHaveLength(1);
  });

  it('the card cannot be read (SW3 41): a device error, no event, then a good read', async () => {
    expect(await readThrough('read-failure')).toMatchObject({ kind: 'device', code: 'id_card.read_failed' });
  });

  it('a reply cut off halfway times out, and the reader is read cleanly afterwards', async () => {
    expect(await readThrough('truncated')).toMatchObject({ kind: 'timeout' });
    expect(Buffer.from(cards()[0]!.card.photo).equals(Buffer.from(ZHANG_SAN.photo))).toBe(true);
  });

  it('garbage before a reply: exactly the card, once', async () => {
    reader.injectFault('garbage-before', 'find');
    reader.injectFault('garbage-before', 'read');
    reader.place(ZHANG_SAN);
    await until(() => cards().length === 1);
    await pause(150);
    expect(cards()).toHaveLength(1);
    expect(cards()[0]?.card.nationalId).toBe('53010219800115001X');
    expect(errors()).toEqual([]);
  });

  it('a pulled cable: disconnected, polling stops, nothing thrown, close safe twice', async () => {
    await until(() => statuses().includes('no-signal/no_card'));
    await pair.unplug();
    await until(() => statuses().at(-1) === 'disconnected');
    const seen = reader.received.length;
    await pause(150);
    expect(reader.received.length).toBe(seen);
    await expect(session.close()).resolves.toBeUndefined();
    await expect(session.close()).resolves.toBeUndefined();
    expect(errors().filter((e) => e.kind !== 'disconnected')).toEqual([]);
  });
});

describe('ID card reader start', () => {
  it('rejects as a timeout when nothing answers the status check', async () => {
    const silentDir = mkdtempSync(join(tmpdir(), 'cunyi-idcard-silent-'));
    const silent = await openPtyPair(join(silentDir, 'station'), join(silentDir, 'device'));
    try {
      const lonely = idCardReaderDriver({ timeoutMs: 100 }).open(await openSerial(silent.stationPath, driver.serial));
      await expect(lonely.start()).rejects.toMatchObject({ kind: 'timeout' });
      await lonely.close();
    } finally {
      await silent.close();
      rmSync(silentDir, { recursive: true, force: true });
    }
  });
});
