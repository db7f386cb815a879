import { beforeEach, describe, expect, it } from 'vitest';
import { ConsultState, Specialty, Urgency } from '../../../contract/index.js';
import { MODES } from '../../components/call/modes.js';
import type { LadderReason } from '../../components/call/ladder.js';
import { createStationI18n } from '../../components/i18n/i18n.js';
import { consult } from './consult-fixtures.js';
import { callLength, canCancel, canJoin, spanPhrase, statePhrase, waitPhrase } from './consult-words.js';
import { consultWords } from './use-consult-words.js';

const i18n = createStationI18n();
const words = consultWords(i18n);
const LANGUAGES = ['zh-CN', 'en'] as const;
// Every reason the ladder can give: a new one fails to compile here until it has words.
const REASONS = Object.keys({
  'estimate-below-floor': 1,
  'estimate-below-need': 1,
  loss: 1,
  cpu: 1,
  headroom: 1,
  probe: 1,
  'probe-failed': 1,
} satisfies Record<LadderReason, 1>);

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

const dr = { name: '王磊' };

describe('a consult state in words', () => {
  it('says each state, with the specialist by name', async () => {
    const say = (patch: Parameters<typeof consult>[0]) => words.state(consult(patch));
    expect(say({ state: 'waiting' })).toBe('等待专家接诊');
    expect(say({ state: 'waiting', widenedAt: '2026-11-30T02:10:00.000Z' })).toBe(
      '规定时间内无人接诊，已转至全科，等待中',
    );
    expect(say({ state: 'accepted', specialist: dr })).toBe('王磊 医生已接诊');
    expect(say({ state: 'calling', specialist: dr })).toBe('王磊 医生已就绪，请加入通话');
    expect(say({ state: 'in_call', specialist: dr })).toBe('正在与 王磊 医生通话');
    expect(say({ state: 'answered', specialist: dr })).toBe('王磊 医生已答复');
    expect(say({ state: 'cancelled' })).toBe('已撤回');
    await i18n.changeLanguage('en');
    expect(say({ state: 'calling', specialist: { name: 'Li Na' } })).toBe('Dr Li Na is ready — join the call');
    expect(say({ state: 'waiting', widenedAt: '2026-11-30T02:10:00.000Z' })).toContain('general medicine');
  });

  it('never shows an empty name: a missing or blank one uses the words without a name', () => {
    for (const state of ['accepted', 'calling', 'in_call', 'answered'] as const) {
      expect(statePhrase({ state, widenedAt: null, specialist: null }).key).toMatch(/Unnamed$/);
      expect(statePhrase({ state, widenedAt: null, specialist: { name: '  ' } }).key).toMatch(/Unnamed$/);
      expect(words.state(consult({ state, specialist: null }))).not.toContain('{{');
    }
  });

  it('has words in both languages for every state, specialty, urgency, quality mode and step reason', async () => {
    for (const language of LANGUAGES) {
      await i18n.changeLanguage(language);
      const strict = (key: string) => i18n.exists(key, { lng: language, fallbackLng: [] });
      for (const state of ConsultState.options) {
        for (const facts of [
          { state, widenedAt: null, specialist: dr },
          { state, widenedAt: '2026-11-30T02:10:00.000Z', specialist: null },
        ])
          expect(strict(statePhrase(facts).key), `${language} ${state}`).toBe(true);
      }
      for (const s of Specialty.options) expect(strict(`consults.specialties.${s}`), s).toBe(true);
      for (const u of Urgency.options) expect(strict(`consults.urgencies.${u}`), u).toBe(true);
      for (const m of MODES) expect(strict(`consults.modes.${m}`), m).toBe(true);
      for (const r of REASONS) expect(strict(`consults.stepReasons.${r}`), r).toBe(true);
      for (const p of ['connecting', 'connected', 'reconnecting', 'ended'])
        expect(strict(`consults.callStates.${p}`), p).toBe(true);
    }
  });

  it('counts calls in both languages', async () => {
    expect(i18n.t('consults.calls.title', { count: 2 })).toBe('通话记录（2）');
    await i18n.changeLanguage('en');
    expect(i18n.t('consults.calls.title', { count: 1 })).toBe('Calls (1)');
  });

  it('shows a mode or reason it has no words for as its code', () => {
    expect(words.mode('v1080p60')).toBe('v1080p60');
    expect(words.stepReason('solar-flare')).toBe('solar-flare');
    expect(words.mode('audio')).toBe('仅语音，每隔几秒一张静态画面');
  });
});

describe('waiting time', () => {
  const at = (iso: string) => new Date(iso);
  it('counts whole minutes, then hours, then days, and never below zero', () => {
    const span = (ms: number) => words.phrase(spanPhrase(ms));
    expect(span(-5_000)).toBe('不到 1 分钟');
    expect(span(59_999)).toBe('不到 1 分钟');
    expect(span(60_000)).toBe('1 分钟');
    expect(span(59 * 60_000 + 59_999)).toBe('59 分钟');
    expect(span(3_600_000)).toBe('1 小时 0 分钟');
    expect(span(25 * 3_600_000 + 61_000)).toBe('1 天 1 小时');
  });

  it('counts a waiting consult up to now, and an accepted or answered one up to that moment', async () => {
    const now = at('2026-11-30T02:47:30.000Z');
    expect(words.wait(consult({ state: 'waiting' }), now)).toBe('已等待 47 分钟');
    const accepted = consult({ state: 'in_call', acceptedAt: '2026-11-30T02:12:00.000Z' });
    expect(words.wait(accepted, now)).toBe('等待 12 分钟后接诊');
    const answered = consult({
      state: 'answered',
      acceptedAt: '2026-11-30T02:12:00.000Z',
      answeredAt: '2026-11-30T03:30:00.000Z',
    });
    expect(words.wait(answered, now)).toBe('1 小时 30 分钟后答复');
    expect(waitPhrase(consult({ state: 'cancelled' }), now)).toBeNull();
    await i18n.changeLanguage('en');
    expect(words.wait(consult({ state: 'waiting' }), now)).toBe('waiting 47 min');
  });

  it('falls back to counting up to now when an accepted consult has no acceptance time', () => {
    const now = at('2026-11-30T02:05:00.000Z');
    expect(waitPhrase(consult({ state: 'accepted', acceptedAt: null }), now)?.key).toBe('consults.wait.waiting');
  });
});

describe('call lengths and what the doctor may do', () => {
  it('shows a call length as a clock of whole seconds', () => {
    expect(callLength(0)).toBe('0:00');
    expect(callLength(65.9)).toBe('1:05');
    expect(callLength(3600 + 2 * 60 + 9)).toBe('1:02:09');
    expect(callLength(-3)).toBe('0:00');
  });

  it('lets an unanswered consult be withdrawn, but not one in a call or finished', () => {
    expect(ConsultState.options.filter(canCancel)).toEqual(['waiting', 'accepted', 'calling']);
    expect(ConsultState.options.filter(canJoin)).toEqual(['calling', 'in_call']);
  });
});
