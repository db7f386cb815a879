import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iceConfigFor, iceServersFor, readIceConfig, turnCredential } from './ice-servers.js';
import type { HubIceConfig } from './ice-servers.js';

const SECRET = 'coturn-static-auth-secret';

describe('readIceConfig', () => {
  it('defaults to no servers, a one-hour TTL and every transport', () => {
    expect(readIceConfig({})).toEqual({ stunUrls: [], turnUrls: [], turnTtlS: 3600, iceTransportPolicy: 'all' });
    expect(readIceConfig({ HUB_STUN_URLS: ' ', HUB_TURN_URLS: '', HUB_TURN_TTL_S: '' })).toEqual(readIceConfig({}));
  });

  it('reads every variable, trimming list items', () => {
    expect(
      readIceConfig({
        HUB_STUN_URLS: 'stun:stun.example.org:3478, stun:[2001:db8::1]',
        HUB_TURN_URLS: 'turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349?transport=tcp',
        HUB_TURN_SECRET: SECRET,
        HUB_TURN_TTL_S: '600',
        HUB_ICE_TRANSPORT_POLICY: 'relay',
      }),
    ).toEqual({
      stunUrls: ['stun:stun.example.org:3478', 'stun:[2001:db8::1]'],
      turnUrls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349?transport=tcp'],
      turnSecret: SECRET,
      turnTtlS: 600,
      iceTransportPolicy: 'relay',
    });
  });

  it('names each bad variable', () => {
    const turn = { HUB_TURN_URLS: 'turn:127.0.0.1:3478', HUB_TURN_SECRET: SECRET };
    expect(() => readIceConfig({ HUB_STUN_URLS: 'turn:x.org' })).toThrow(/HUB_STUN_URLS/);
    expect(() => readIceConfig({ HUB_STUN_URLS: 'stun:x.org:70000' })).toThrow(/HUB_STUN_URLS/);
    expect(() => readIceConfig({ ...turn, HUB_TURN_URLS: 'http://x.org' })).toThrow(/HUB_TURN_URLS/);
    expect(() => readIceConfig({ ...turn, HUB_TURN_URLS: 'turn:x.org?transport=sctp' })).toThrow(/HUB_TURN_URLS/);
    expect(() => readIceConfig({ ...turn, HUB_TURN_SECRET: 'short' })).toThrow(/at least 16[\s\S]*HUB_TURN_SECRET/);
    expect(() => readIceConfig({ ...turn, HUB_TURN_TTL_S: '1h' })).toThrow(/HUB_TURN_TTL_S/);
    expect(() => readIceConfig({ ...turn, HUB_TURN_TTL_S: '10' })).toThrow(/at least 60[\s\S]*HUB_TURN_TTL_S/);
    expect(() => readIceConfig({ ...turn, HUB_ICE_TRANSPORT_POLICY: 'none' })).toThrow(/HUB_ICE_TRANSPORT_POLICY/);
  });

  it('refuses TURN without a secret, a secret without TURN, and relay-only without TURN', () => {
    expect(() => readIceConfig({ HUB_TURN_URLS: 'turn:x.org' })).toThrow(/needs HUB_TURN_SECRET/);
    expect(() => readIceConfig({ HUB_TURN_SECRET: SECRET })).toThrow(/HUB_TURN_URLS/);
    expect(() => readIceConfig({ HUB_ICE_TRANSPORT_POLICY: 'relay' })).toThrow(/relay'? needs[\s\S]*HUB_ICE/);
  });

  it('never echoes the secret in its error', () => {
    const secret = 'x'.repeat(15);
    expect(() => readIceConfig({ HUB_TURN_URLS: 'turn:x.org', HUB_TURN_SECRET: secret })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) as unknown }),
    );
  });
});

describe('turnCredential', () => {
  it('matches a vector computed independently with openssl', () => {
    // printf '%s' '1700003600:station-7f3a' | openssl dgst -sha1 -hmac 'coturn-static-auth-secret' -binary | base64
    expect(turnCredential(SECRET, 'station-7f3a', 1_700_003_600)).toEqual({
      username: '1700003600:station-7f3a',
      credential: 'ufNMjFY4O8a17+up0mCye5Fzp6k=',
    });
  });

  it('refuses participants that would corrupt the username', () => {
    for (const bad of ['', 'a b', 'a\nb', 'x'.repeat(129), 'ü']) expect(() => turnCredential(SECRET, bad, 1)).toThrow();
    expect(() => turnCredential(SECRET, 'ok', 1.5)).toThrow(/unix seconds/);
  });
});

describe('iceServersFor', () => {
  const config: HubIceConfig = {
    stunUrls: ['stun:stun.example.org'],
    turnUrls: ['turn:turn.example.org:3478', 'turns:turn.example.org:5349?transport=tcp'],
    turnSecret: SECRET,
    turnTtlS: 3600,
    iceTransportPolicy: 'relay',
  };

  it('hands STUN without and TURN with a credential expiring TTL seconds after now', () => {
    expect(iceServersFor(config, 'station-7f3a', new Date(1_700_000_000_999))).toEqual([
      { urls: ['stun:stun.example.org'] },
      {
        urls: ['turn:turn.example.org:3478', 'turns:turn.example.org:5349?transport=tcp'],
        username: '1700003600:station-7f3a',
        credential: 'ufNMjFY4O8a17+up0mCye5Fzp6k=',
      },
    ]);
    expect(iceConfigFor(config, 'p', new Date()).iceTransportPolicy).toBe('relay');
    expect(iceServersFor({ ...config, turnUrls: [] }, 'p', new Date())).toEqual([{ urls: ['stun:stun.example.org'] }]);
  });

  it('for any participant, time and TTL: the username carries the expiry and the credential is its HMAC', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9._@:-]{1,128}$/),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 60, max: 86_400 }),
        (participant, nowMs, ttl) => {
          const servers = iceServersFor({ ...config, turnTtlS: ttl }, participant, new Date(nowMs));
          const turn = servers.find((server) => server.username !== undefined);
          const [expiry, ...rest] = (turn?.username ?? '').split(':');
          expect(Number(expiry)).toBe(Math.floor(nowMs / 1000) + ttl);
          expect(rest.join(':')).toBe(participant);
          const expected = createHmac('sha1', SECRET)
            .update(turn?.username ?? '')
            .digest();
          expect(Buffer.from(turn?.credential ?? '', 'base64')).toEqual(expected);
          // No server entry ever carries the secret itself.
          expect(JSON.stringify(servers)).not.toContain(SECRET);
        },
      ),
    );
  });
});
