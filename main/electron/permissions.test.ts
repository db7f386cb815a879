import type { Session } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { MockSession, real } from '../../test/mocks/electron.js';
import { applyPermissionPolicy } from './permissions.js';

let session: MockSession;

beforeEach(() => {
  session = new MockSession();
  applyPermissionPolicy(real<Session>(session));
});

const own = { requestingUrl: 'app://station/index.html#/consults', isMainFrame: true };

describe('permission requests', () => {
  it.each([[['video']], [['audio']], [['video', 'audio']]])(
    'grants camera/microphone %j to the app’s own page',
    async (mediaTypes) => {
      expect(await session.request('media', { ...own, mediaTypes, securityOrigin: 'app://station' })).toBe(true);
    },
  );

  it.each([
    'https://example.com/',
    'http://127.0.0.1:4100/',
    'file:///home/doctor/x.html',
    'app://evil/index.html',
    'app://station.evil/',
    '',
  ])('refuses camera/microphone to %s', async (requestingUrl) => {
    expect(await session.request('media', { requestingUrl, isMainFrame: true, mediaTypes: ['video', 'audio'] })).toBe(
      false,
    );
  });

  it('refuses media to a sub-frame, to a foreign security origin and to an empty or odd media list', async () => {
    expect(await session.request('media', { ...own, isMainFrame: false, mediaTypes: ['video'] })).toBe(false);
    expect(
      await session.request('media', { ...own, mediaTypes: ['video'], securityOrigin: 'https://example.com' }),
    ).toBe(false);
    expect(await session.request('media', { ...own, mediaTypes: [] })).toBe(false);
    expect(await session.request('media', { ...own })).toBe(false);
    expect(await session.request('media', { ...own, mediaTypes: ['video', 'screen'] })).toBe(false);
  });

  it.each([
    'notifications',
    'geolocation',
    'display-capture',
    'clipboard-read',
    'clipboard-sanitized-write',
    'midi',
    'midiSysex',
    'hid',
    'serial',
    'usb',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'idle-detection',
    'storage-access',
    'window-management',
    'unknown',
  ])('refuses %s even to the app’s own page', async (permission) => {
    expect(await session.request(permission, { ...own, mediaTypes: ['video'] })).toBe(false);
  });
});

describe('permission checks', () => {
  it('pass for camera and microphone on the app’s own origin', () => {
    expect(session.check('media', 'app://station', { mediaType: 'video' })).toBe(true);
    expect(session.check('media', 'app://station', { mediaType: 'audio' })).toBe(true);
  });

  it('fail for other origins, unknown media types and every other permission', () => {
    expect(session.check('media', 'https://example.com', { mediaType: 'video' })).toBe(false);
    expect(session.check('media', 'app://station', { mediaType: 'unknown' })).toBe(false);
    expect(session.check('media', 'app://station')).toBe(false);
    for (const permission of ['notifications', 'geolocation', 'hid', 'serial', 'usb', 'clipboard-read']) {
      expect(session.check(permission, 'app://station', { mediaType: 'video' }), permission).toBe(false);
    }
  });
});

describe('device permissions', () => {
  it('are always refused', () => {
    expect(session.deviceHandler).not.toBeNull();
    expect(session.deviceHandler?.({ deviceType: 'usb', origin: 'app://station', device: {} })).toBe(false);
    expect(session.deviceHandler?.({ deviceType: 'serial', origin: 'app://station', device: {} })).toBe(false);
  });
});
