import { beforeEach, describe, expect, it } from 'vitest';
import { SyncState } from '../../../contract/sync/station-sync.js';
import { RejectReason, SyncRecordType } from '../../../contract/sync/wire.js';
import { createStationI18n } from '../../components/i18n/i18n.js';
import { estimatePhrase, explanationKey, lastSyncPhrase, waitingTotal } from './sync-format.js';
import { syncWords } from './use-sync-words.js';

const i18n = createStationI18n();
const words = syncWords(i18n);
const none = { emergency: 0, consult: 0, routine: 0 };
const some = { emergency: 1, consult: 0, routine: 4 };

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('the catch-up estimate', () => {
  it('says nothing when nothing waits, whatever the core estimated', () => {
    expect(estimatePhrase({ waiting: none, estimateSeconds: 0 })).toBeNull();
    expect(estimatePhrase({ waiting: none, estimateSeconds: null })).toBeNull();
    expect(waitingTotal(some)).toBe(5);
  });

  it('says it is estimating before the core has measured a push', () => {
    expect(words.phrase(estimatePhrase({ waiting: some, estimateSeconds: null })!)).toBe('正在估算…');
  });

  it('rounds up to whole minutes, and under a minute says so', async () => {
    const text = (estimateSeconds: number) => words.phrase(estimatePhrase({ waiting: some, estimateSeconds })!);
    expect(text(0)).toBe('预计不到 1 分钟');
    expect(text(59.9)).toBe('预计不到 1 分钟');
    expect(text(60)).toBe('预计 1 分钟');
    expect(text(61)).toBe('预计 2 分钟');
    expect(text(59 * 60)).toBe('预计 59 分钟');
    expect(text(3600)).toBe('预计 1 小时 0 分钟');
    expect(text(3661)).toBe('预计 1 小时 2 分钟');
    await i18n.changeLanguage('en');
    expect(text(61)).toBe('about 2 min');
    expect(text(30)).toBe('under 1 min');
    expect(words.phrase(estimatePhrase({ waiting: some, estimateSeconds: null })!)).toBe('estimating…');
  });
});

describe('the last successful sync', () => {
  // Local times, so "today" is today wherever the test runs.
  const now = new Date(2026, 5, 3, 15, 0, 0);
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const text = (iso: string | null) => words.phrase(lastSyncPhrase(iso, now, i18n.language));

  it('says never when the station has never synced', async () => {
    expect(text(null)).toBe('从未同步');
    await i18n.changeLanguage('en');
    expect(text(null)).toBe('never');
  });

  it('is relative within the hour, even a little ahead of the clock', () => {
    expect(text(ago(0))).toBe('刚刚');
    expect(text(ago(-5_000))).toBe('刚刚');
    expect(text(ago(59_999))).toBe('刚刚');
    expect(text(ago(60_000))).toBe('1 分钟前');
    expect(text(ago(59 * 60_000 + 59_000))).toBe('59 分钟前');
  });

  it('shows the time of day for earlier today and the date before today', async () => {
    expect(text(new Date(2026, 5, 3, 9, 5).toISOString())).toBe('09:05');
    expect(lastSyncPhrase(new Date(2026, 5, 3, 0, 1).toISOString(), now, 'zh-CN').key).toBe('sync.lastSync.today');
    expect(text(new Date(2026, 5, 2, 23, 59).toISOString())).toBe('2026/6/2 23:59');
    await i18n.changeLanguage('en');
    expect(text(new Date(2026, 5, 3, 9, 5).toISOString())).toBe('9:05 AM');
    expect(text(new Date(2026, 5, 2, 23, 59).toISOString())).toBe('6/2/26, 11:59 PM');
  });
});

describe('what the state means', () => {
  it('gives advice for each refusal the doctor can act on, and the general advice otherwise', () => {
    expect(i18n.t(explanationKey({ state: 'refused', lastError: 'station_revoked' }))).toContain(
      '请联系云医院管理员重新注册本站',
    );
    expect(i18n.t(explanationKey({ state: 'refused', lastError: 'clock_skew' }))).toContain('请检查本机时间');
    expect(explanationKey({ state: 'refused', lastError: 'signature_invalid' })).toBe('sync.explain.refused.other');
    expect(explanationKey({ state: 'refused', lastError: null })).toBe('sync.explain.refused.other');
    expect(i18n.t(explanationKey({ state: 'offline', lastError: 'unreachable' }))).toBe(
      '记录已安全保存在本机，网络恢复后自动上传。',
    );
    expect(explanationKey({ state: 'offline', lastError: 'internal' })).toBe('sync.explain.offlineInternal');
  });

  it('has a sentence in both languages for every state and every error the core reports', async () => {
    const errors = [null, 'unreachable', 'internal', 'station_revoked', 'station_unknown', 'clock_skew'];
    const keys = SyncState.options.flatMap((state) =>
      [...errors, 'enrollment_code_invalid', 'nonce_replayed'].map((lastError) => explanationKey({ state, lastError })),
    );
    for (const language of ['zh-CN', 'en']) {
      await i18n.changeLanguage(language);
      for (const key of keys) expect(i18n.exists(key, { fallbackLng: [] }), `${language} ${key}`).toBe(true);
    }
  });
});

describe('sync in words', () => {
  it('names every state, lane, reject reason and record type in both languages', async () => {
    for (const language of ['zh-CN', 'en']) {
      await i18n.changeLanguage(language);
      const strict = (key: string) => i18n.exists(key, { lng: language, fallbackLng: [] });
      for (const state of SyncState.options) expect(strict(`sync.states.${state}`), state).toBe(true);
      for (const lane of ['emergency', 'consult', 'routine']) expect(strict(`sync.lanes.${lane}`), lane).toBe(true);
      for (const reason of RejectReason.options) expect(strict(`sync.reasons.${reason}`), reason).toBe(true);
      for (const type of SyncRecordType.options) expect(strict(`sync.types.${type}`), type).toBe(true);
    }
  });

  it('shows a code it has no words for as the code itself', async () => {
    expect(words.reason('version_conflict')).toBe('云医院已有此记录同一版本的不同内容');
    expect(words.reason('quota_exceeded')).toBe('quota_exceeded');
    expect(words.recordType('Patient')).toBe('患者资料');
    expect(words.recordType('ImagingStudy')).toBe('ImagingStudy');
    await i18n.changeLanguage('en');
    expect(words.reason('version_conflict')).toBe('The hub holds different contents for this version of the record');
    expect(words.state('offline')).toBe('Offline');
  });

  it('counts what needs attention in both languages', async () => {
    expect(i18n.t('sync.attentionBadge', { count: 3 })).toBe('需处理 3');
    await i18n.changeLanguage('en');
    expect(i18n.t('sync.attentionBadge', { count: 1 })).toBe('1 to fix');
  });
});
