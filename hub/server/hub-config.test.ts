import { describe, expect, it } from 'vitest';
import { hubUrl, readHubConfig } from './hub-config.js';

describe('readHubConfig', () => {
  it('defaults to loopback, port 8710 and PGlite in ./.data/hub', () => {
    expect(readHubConfig({}, '/srv/cunyi')).toEqual({
      host: '127.0.0.1',
      port: 8710,
      dataDir: '/srv/cunyi/.data/hub',
      logLevel: 'info',
      widenAfterMs: 180_000,
      ice: { stunUrls: [], turnUrls: [], turnTtlS: 3600, iceTransportPolicy: 'all' },
    });
  });

  it('treats empty variables as unset', () => {
    const config = readHubConfig({ HUB_HOST: '', HUB_PORT: '', HUB_DATABASE_URL: '', HUB_DATA_DIR: '' }, '/x');
    expect(config).toEqual(readHubConfig({}, '/x'));
  });

  it('reads every variable, with port 0 meaning any free port', () => {
    expect(
      readHubConfig(
        {
          HUB_HOST: '0.0.0.0',
          HUB_PORT: '0',
          HUB_DATABASE_URL: 'postgres://hub@db:5432/hub',
          HUB_DATA_DIR: 'var/hub',
          CUNYI_LOG_LEVEL: 'warn',
          HUB_CONSULT_WIDEN_AFTER_S: '90',
          HUB_STUN_URLS: 'stun:stun.example.cn:3478',
        },
        '/srv',
      ),
    ).toEqual({
      host: '0.0.0.0',
      port: 0,
      databaseUrl: 'postgres://hub@db:5432/hub',
      dataDir: '/srv/var/hub',
      logLevel: 'warn',
      widenAfterMs: 90_000,
      ice: { stunUrls: ['stun:stun.example.cn:3478'], turnUrls: [], turnTtlS: 3600, iceTransportPolicy: 'all' },
    });
  });

  it('names each bad variable', () => {
    expect(() => readHubConfig({ HUB_PORT: '80a' })).toThrow(/must be a port number[\s\S]*HUB_PORT/);
    expect(() => readHubConfig({ HUB_PORT: '70000' })).toThrow(/HUB_PORT/);
    expect(() => readHubConfig({ HUB_DATABASE_URL: 'mysql://x' })).toThrow(/postgres:\/\/ URL[\s\S]*HUB_DATABASE_URL/);
    expect(() => readHubConfig({ CUNYI_LOG_LEVEL: 'loud' })).toThrow(/CUNYI_LOG_LEVEL/);
    expect(() => readHubConfig({ HUB_CONSULT_WIDEN_AFTER_S: '2' })).toThrow(
      /at least 5 seconds[\s\S]*HUB_CONSULT_WIDEN_AFTER_S/,
    );
  });
});

describe('hubUrl', () => {
  it('brackets IPv6 literals', () => {
    expect(hubUrl('127.0.0.1', 8710)).toBe('http://127.0.0.1:8710');
    expect(hubUrl('::1', 8710)).toBe('http://[::1]:8710');
  });
});
