import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallEvent, ConsultSummary, TimelineEntry } from '../../contract/index.js';
import { createLocalBus } from '../../hub/server/consults/bus.js';
import type { ConsultDetail, Queue } from '../../hub/server/consults/console-wire.js';
import { relayFromStation } from '../../hub/server/consults/signaling.js';
import { DEMO_DOCTOR_ID, startCore } from '../../main/core.js';
import type { Core } from '../../main/core.js';
import { specialist } from '../support/specialist-client.js';
import { startTestHub } from '../support/sync-fixture.js';
import type { TestHub } from '../support/sync-fixture.js';
import { eventually } from '../support/wait.js';

/** Consults end to end through a station core and a real hub: request, queue, accept, call signaling, note. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const PIN = '2468';
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const OFFER = { type: 'offer' as const, sdp: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n' };
const ANSWER = { type: 'answer' as const, sdp: 'v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\n' };

async function station(hub: TestHub) {
  const dir = mkdtempSync(join(tmpdir(), 'cunyi-consults-core-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const core: Core = await startCore({
    dataDir: dir,
    hubUrl: hub.url,
    enrollmentCode: await hub.enrollmentCode(),
    mode: 'browser',
    appVersion: '1.0.0',
    logger: pino({ level: 'silent' }),
    demoDoctorPin: PIN,
    sync: { backoffMs: () => 100, idleMs: 60_000 },
  });
  cleanups.push(() => core.close());
  async function call<T>(channel: string, input: unknown): Promise<T> {
    const result = await core.dispatcher.call(channel, input, { via: 'internal' });
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value as T;
  }
  await call('auth.signIn', { userId: DEMO_DOCTOR_ID, pin: PIN });
  const { id: patientId } = await call<{ id: string }>('patients.register', {
    patient: {
      name: '李桂芬',
      sex: 'female',
      birthDate: '1958-03-02',
      village: '东山村',
      consent: { telemedicine: true, shareWithHub: true },
    },
  });
  const { id: visitId } = await call<{ id: string }>('visits.open', { patientId, reason: 'illness' });
  await call('visits.recordVitals', { visitId, vitals: { systolic: 168, diastolic: 98, heartRate: 96, spo2: 93 } });
  const changes: ConsultSummary[] = [];
  const sub = core.dispatcher.subscribe('consults.changes', {}, (e) => changes.push(e as ConsultSummary), {
    via: 'internal',
  });
  if (!sub.ok) throw new Error(sub.error.code);
  cleanups.push(sub.value);
  const request = (urgency: 'routine' | 'urgent' | 'emergency', specialty = 'cardiology', photoIds: string[] = []) =>
    call<ConsultSummary>('consults.request', {
      visitId,
      specialty,
      urgency,
      question: '胸闷三天，血压高，请会诊',
      attachVitals: true,
      ecgObservationId: null,
      photoIds,
    });
  return { core, call, patientId, visitId, changes, request };
}

const latest = (changes: ConsultSummary[], consultId: string) =>
  changes.filter((c) => c.consultId === consultId).at(-1);

describe('consults through a station core and the hub', () => {
  it('a request reaches the specialist, is accepted, called, signalled both ways and answered into the record', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.close());
    const s = await station(hub);
    const cardio = await specialist(hub.url, hub.db, { username: 'wang', displayName: '王医生' });
    await cardio.api('PUT', '/availability', { available: true });
    await cardio.connect();
    cleanups.push(() => cardio.close());

    // Two photos: a small PNG, and a 200 KB JPEG whose record travels as a resumable upload.
    const png = PNG_1X1;
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(200 * 1024)]).toString('base64');
    const photos = [
      await s.call<{ photoId: string }>('consults.addPhoto', {
        visitId: s.visitId,
        contentType: 'image/png',
        data: png,
        title: '舌苔',
      }),
      await s.call<{ photoId: string }>('consults.addPhoto', {
        visitId: s.visitId,
        contentType: 'image/jpeg',
        data: jpeg,
      }),
    ].map((p) => p.photoId);
    const refused = await s.core.dispatcher.call(
      'consults.addPhoto',
      { visitId: s.visitId, contentType: 'image/jpeg', data: png },
      { via: 'internal' },
    );
    expect(refused.ok ? null : refused.error.code).toBe('invalid_input');
    const asked = await s.request('urgent', 'cardiology', photos);
    expect(asked).toMatchObject({ state: 'waiting', specialty: 'cardiology', urgency: 'urgent' });
    await eventually(
      () => cardio.messages.find((m) => m.t === 'ring' && m.consultId === asked.consultId),
      'ring',
      5000,
    );
    const queue = await cardio.api<Queue>('GET', '/queue');
    expect(queue.body.consults).toEqual([
      expect.objectContaining({
        consultId: asked.consultId,
        patient: expect.objectContaining({ name: '李桂芬', sex: 'female' }),
      }),
    ]);
    const detail = await cardio.api<ConsultDetail>('GET', `/consults/${asked.consultId}`);
    // The photos arrive byte for byte, the large one once its upload completed.
    const withPhotos = await eventually(async () => {
      const d = await cardio.api<ConsultDetail>('GET', `/consults/${asked.consultId}`);
      return d.body.summary.photos.length === 2 ? d.body : undefined;
    }, 'both photos at the hub');
    expect(withPhotos.summary.photos.map((p) => [p.contentType, p.data, p.title]).sort()).toEqual(
      [
        ['image/png', png, '舌苔'],
        ['image/jpeg', jpeg, null],
      ].sort(),
    );
    expect(detail.body.summary.vitals.map((v) => [v.kind, v.value]).sort()).toEqual(
      expect.arrayContaining([
        ['bloodPressure', 168],
        ['spo2', 93],
      ]),
    );

    expect((await cardio.api('POST', `/consults/${asked.consultId}/accept`)).status).toBe(200);
    await eventually(
      () => latest(s.changes, asked.consultId)?.state === 'accepted' || undefined,
      'accepted at the station',
      5000,
    );
    expect(latest(s.changes, asked.consultId)?.specialist?.name).toBe('王医生');

    // Before the specialist calls, signaling is refused by the hub.
    expect((await cardio.api('POST', `/consults/${asked.consultId}/call`)).status).toBe(200);
    await eventually(() => latest(s.changes, asked.consultId)?.state === 'calling', 'calling', 5000);

    const events: CallEvent[] = [];
    const sub = s.core.dispatcher.subscribe(
      'consults.callEvents',
      { consultId: asked.consultId },
      (e) => events.push(e as CallEvent),
      {
        via: 'internal',
      },
    );
    if (!sub.ok) throw new Error(sub.error.code);
    cleanups.push(sub.value);
    await s.call('consults.signal', { consultId: asked.consultId, data: OFFER });
    await eventually(
      () => cardio.messages.find((m) => m.t === 'signal' && m.data.type === 'offer'),
      'offer at the console',
      5000,
    );
    cardio.send({ t: 'signal', consultId: asked.consultId, data: ANSWER });
    await eventually(
      () => events.find((e) => e.type === 'signal' && e.data.type === 'answer'),
      'answer at the station',
      5000,
    );

    const callId = '0190a4c2-0000-7000-8000-000000000001';
    await cardio.api('POST', `/consults/${asked.consultId}/calls`, { event: 'started', callId, mode: 'v360p15' });
    await eventually(() => latest(s.changes, asked.consultId)?.state === 'in_call', 'in call', 5000);
    const note = { assessment: '高血压急症可能', advice: '硝苯地平，复测血压', followUp: '三天后复诊' };
    expect((await cardio.api('POST', `/consults/${asked.consultId}/note`, note)).status).toBe(200);
    await eventually(() => latest(s.changes, asked.consultId)?.state === 'answered', 'answered', 5000);
    expect(latest(s.changes, asked.consultId)?.note).toEqual(note);

    const timeline = await s.call<TimelineEntry[]>('patients.timeline', { id: s.patientId });
    const communication = timeline.find((e) => e.type === 'Communication');
    expect(communication?.summary).toMatchObject({ specialist: '王医生', assessment: '高血压急症可能' });
    expect(timeline.filter((e) => e.type === 'ServiceRequest').map((e) => e.status)).toEqual(['completed', 'active']);
    const [hubCall] = await hub.db.query<{ ended_at: Date | null }>(
      'SELECT ended_at FROM hub_consult_calls WHERE call_id = $1',
      [callId],
    );
    expect(hubCall?.ended_at).not.toBeNull();
  });

  it('only the consult’s station and the specialist who took it may signal; a second accept is refused', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.close());
    const s = await station(hub);
    const first = await specialist(hub.url, hub.db, { username: 'li' });
    const second = await specialist(hub.url, hub.db, { username: 'zhao' });
    await second.connect();
    cleanups.push(() => second.close());
    const asked = await s.request('emergency');
    await eventually(
      async () => (await first.api<Queue>('GET', '/queue')).body.consults.length === 1 || undefined,
      'queued',
      5000,
    );
    const accepts = await Promise.all(
      [first, second].map((who) => who.api('POST', `/consults/${asked.consultId}/accept`)),
    );
    expect(accepts.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = accepts[0]?.status === 200 ? first : second;
    const loser = winner === first ? second : first;
    await winner.api('POST', `/consults/${asked.consultId}/call`);
    await loser.connect();
    loser.send({ t: 'signal', consultId: asked.consultId, data: OFFER });
    await eventually(() => loser.messages.find((m) => m.t === 'signal_refused'), 'refusal', 5000);
    expect(loser.messages.find((m) => m.t === 'signal_refused')).toMatchObject({ reason: 'not_found' });
    expect((await loser.api('GET', `/consults/${asked.consultId}/ice`)).status).toBe(403);
    // A specialist who signed out elsewhere loses her open socket at her next signal.
    await winner.connect();
    await winner.signOut();
    winner.send({ t: 'signal', consultId: asked.consultId, data: OFFER });
    expect(await eventually(() => winner.closedWith(), 'socket closed after sign-out')).toBe(1008);
    // Another station (any id but the consult's own) is refused by the relay itself.
    const bus = createLocalBus();
    expect(await relayFromStation(hub.db, bus, '0190a4c2-0000-7000-8000-0000000000aa', asked.consultId, OFFER)).toBe(
      'not_found',
    );
    // Without a session the console socket and API are refused.
    const anonymous = await fetch(`${hub.url}/api/console/queue`);
    expect(anonymous.status).toBe(401);
    const status = await new Promise<number | undefined>((resolve) => {
      const ws = new WebSocket(`${hub.url.replace('http', 'ws')}/ws/console`);
      ws.on('unexpected-response', (_request, response) => resolve(response.statusCode));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(401);
  });

  it('a consult nobody takes in time is widened to general medicine and the station is told', async () => {
    const hub = await startTestHub({ hub: { widenAfterMs: 1500 } });
    cleanups.push(() => hub.close());
    const s = await station(hub);
    const gp = await specialist(hub.url, hub.db, { username: 'chen', specialty: 'general' });
    await gp.api('PUT', '/availability', { available: true });
    await gp.connect();
    cleanups.push(() => gp.close());
    const asked = await s.request('routine', 'neurology');
    expect((await gp.api<Queue>('GET', '/queue')).body.consults).toEqual([]);
    await eventually(
      () => gp.messages.find((m) => m.t === 'ring' && m.consultId === asked.consultId),
      'widened ring',
      6000,
    );
    expect((await gp.api<Queue>('GET', '/queue')).body.consults).toEqual([
      expect.objectContaining({ consultId: asked.consultId, specialty: 'neurology', routedSpecialty: 'general' }),
    ]);
    await eventually(() => latest(s.changes, asked.consultId)?.widenedAt ?? undefined, 'widened at the station', 5000);
  });
});
