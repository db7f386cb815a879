import { legacyLiveDecoder } from '../../../drivers/cms50d/legacy-decoder.js';
import { encodeLegacyLive } from '../../../drivers/cms50d/legacy-frame.js';
import { beatBetween, plethAt } from '../../../drivers/cms50d/pleth-wave.js';
import { v46Decoder } from '../../../drivers/cms50d/v46-decoder.js';
import { encodeV46 } from '../../../drivers/cms50d/v46-frame.js';
import { storedPackets } from '../../../drivers/cms50d/v46-stored.js';
import { AstmFrameDecoder, encodeFrame } from '../../../drivers/contour-usb/astm-frame.js';
import { HEADER_MG_DL, HEADER_MMOL_L } from '../../../drivers/contour-usb/simulator.js';
import type { StreamDecoder } from '../../../drivers/core/decoder.js';
import { findEcgData, loadRecording } from '../../../drivers/ecg-cyton/recordings.js';
import { CytonDecoder } from '../../../drivers/ecg-cyton/packet-decoder.js';
import {
  AUX_LENGTH,
  FOOTER_MIN,
  MAX_COUNT,
  MIN_COUNT,
  encodePacket,
  microvoltsPerCount,
} from '../../../drivers/ecg-cyton/protocol.js';
import { encodeCardText, encodeReadData } from '../../../drivers/id-card/card-text.js';
import { encodeReply, ReplyDecoder, SW3 } from '../../../drivers/id-card/messages.js';
import { fakePhoto } from '../../../drivers/id-card/test-cards.js';
import { weighingFields } from '../../../drivers/tanita-sc240/simulator.js';
import { ScaleLineDecoder } from '../../../drivers/tanita-sc240/decoder.js';
import { encodeLine } from '../../../drivers/tanita-sc240/line.js';
import { repoRoot } from '../../../scripts/lib/processes.js';
import { person, rng } from './population.js';

/**
 * Byte streams for the parser throughput figures: what each device really sends, made with
 * the driver's own encoder, with values that vary the way a day at the station varies them.
 * Each stream is whole messages only, so the parser must yield exactly `messages` of them.
 */
export interface ParserStream {
  readonly bytes: Uint8Array;
  readonly messages: number;
}

export interface ParserCase {
  /** The key in `parser_mb_per_s`. */
  readonly name: string;
  readonly decoder: () => StreamDecoder<unknown>;
  readonly build: (targetBytes: number) => ParserStream;
}

/** Whole messages appended until the target is reached; only the count of them is kept. */
class StreamBuilder {
  private bytes: Uint8Array;
  private length = 0;
  private count = 0;

  constructor(private readonly target: number) {
    this.bytes = new Uint8Array(target + 64 * 1024);
  }

  get full(): boolean {
    return this.length >= this.target;
  }

  add(message: Uint8Array): void {
    if (this.length + message.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + message.length));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes.set(message, this.length);
    this.length += message.length;
    this.count++;
  }

  result(): ParserStream {
    return { bytes: this.bytes.subarray(0, this.length), messages: this.count };
  }
}

const between = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const fixed1 = (r: () => number, lo: number, hi: number) => (lo + r() * (hi - lo)).toFixed(1);

/**
 * A patient's finger on an oximeter: a pleth wave at 60 packets/s, pulse and SpO2 drifting
 * every ten seconds, now and then a finger taken out for a few seconds.
 */
function oximeterDay(seed: number) {
  const r = rng(seed);
  let pulse = 72;
  let spo2 = 97;
  let outFor = 0;
  let i = 0;
  return () => {
    if (i % 600 === 0) {
      pulse = between(r, 48, 125);
      spo2 = between(r, 88, 99);
    }
    if (outFor === 0 && r() < 1 / 3000) outFor = between(r, 60, 300);
    const out = outFor > 0;
    if (out) outFor--;
    const t = i++ / 60;
    return {
      out,
      pleth: out ? 0 : plethAt(t, pulse),
      beat: !out && beatBetween(t - 1 / 60, t, pulse),
      signal: out ? 0 : between(r, 4, 15),
      // What the device sends when it has no reading is 127 (protocols.md).
      pulse: out ? 127 : pulse,
      spo2: out ? 127 : spo2,
    };
  };
}

const cms50dLegacy: ParserCase = {
  name: 'cms50d-legacy-live',
  decoder: legacyLiveDecoder,
  build: (target) => {
    const b = new StreamBuilder(target);
    const next = oximeterDay(1);
    while (!b.full) {
      const s = next();
      b.add(
        encodeLegacyLive({
          signal: s.signal,
          fingerOut: s.out,
          spo2Dropping: !s.out && s.spo2 < 92,
          beep: s.beat,
          pleth: s.pleth,
          bar: s.pleth >> 3,
          probeError: false,
          searching: false,
          pulse: s.pulse,
          spo2: s.spo2,
        }),
      );
    }
    return b.result();
  },
};

const cms50dV46: ParserCase = {
  name: 'cms50d-v46',
  decoder: v46Decoder,
  build: (target) => {
    const b = new StreamBuilder(target);
    const next = oximeterDay(2);
    const r = rng(3);
    let packets = 0;
    while (!b.full) {
      // Live most of the time; every five minutes or so, a download of the stored hour.
      if (++packets % 18_000 === 0) {
        const stored = Array.from({ length: 3_600 }, () => ({ spo2: between(r, 88, 99), pulse: between(r, 45, 160) }));
        for (const packet of storedPackets(stored)) b.add(encodeV46(packet));
        continue;
      }
      const s = next();
      b.add(
        encodeV46({
          kind: 'live',
          status: 0x60 | (s.out ? 0x01 : 0),
          info: s.signal | (s.beat ? 0x40 : 0),
          pleth: s.pleth,
          aux: between(r, 0, 127),
          pulse: s.pulse,
          spo2: s.spo2,
        }),
      );
    }
    return b.result();
  },
};

const MARKERS = ['', '', 'B', 'A', 'B/X', 'A/Z4', 'F', 'C', 'Z8'];

/** A glucometer download: header, patient, 1–60 results, terminator, as the meter frames them. */
const contourAstm: ParserCase = {
  name: 'contour-astm',
  decoder: () => new AstmFrameDecoder(),
  build: (target) => {
    const b = new StreamBuilder(target);
    const r = rng(4);
    while (!b.full) {
      const mmol = r() < 0.5;
      const results = Array.from({ length: between(r, 1, 60) }, (_, i) => {
        const value = mmol ? fixed1(r, 2.5, 25) : String(between(r, 45, 450));
        const time = `2025${String(between(r, 1, 12)).padStart(2, '0')}${String(between(r, 1, 28)).padStart(2, '0')}${String(between(r, 0, 23)).padStart(2, '0')}${String(between(r, 0, 59)).padStart(2, '0')}`;
        const markers = MARKERS[between(r, 0, MARKERS.length - 1)] ?? '';
        return `R|${i + 1}|^^^Glucose|${value}|${mmol ? 'mmol/L' : 'mg/dL'}^P||${markers}||${time}`;
      });
      const records = [mmol ? HEADER_MMOL_L : HEADER_MG_DL, 'P|1', ...results, 'L|1||N'];
      records.forEach((text, i) => b.add(encodeFrame({ number: (i + 1) % 8, text, final: false })));
    }
    return b.result();
  },
};

/** People stepping on the scale: weight always, fat and BMI on most weighings. */
const tanitaLines: ParserCase = {
  name: 'tanita-sc240-lines',
  decoder: () => new ScaleLineDecoder(),
  build: (target) => {
    const b = new StreamBuilder(target);
    const r = rng(5);
    while (!b.full) {
      const full = r() < 0.8;
      b.add(
        encodeLine(
          weighingFields({
            weightKg: fixed1(r, 30, 130),
            ...(full ? { fatPercent: fixed1(r, 6, 48), bmi: fixed1(r, 15, 40) } : {}),
          }),
        ),
      );
    }
    return b.result();
  },
};

const ADDRESSES = ['河南省驻马店市上蔡县', '云南省文山州丘北县', '甘肃省定西市陇西县', '湖南省邵阳市隆回县'];

/**
 * The reader's answers over a morning: "no card" to most polls, then for each resident the
 * find, select and read replies, the read carrying 256 bytes of text and the 1024-byte photo.
 */
const idCardReplies: ParserCase = {
  name: 'id-card-replies',
  decoder: () => new ReplyDecoder(),
  build: (target) => {
    const b = new StreamBuilder(target);
    const r = rng(6);
    const used = new Set<string>();
    const reply = (sw3: number, data: Uint8Array = new Uint8Array(0)) =>
      b.add(encodeReply({ sw1: 0, sw2: 0, sw3, data }));
    for (let serial = 0; !b.full; serial++) {
      for (let poll = between(r, 2, 20); poll > 0; poll--) reply(SW3.noCard);
      const p = person(r, serial, used);
      const born = p.birthDate.replace(/-/g, '');
      const issued = `20${String(between(r, 10, 24)).padStart(2, '0')}0${between(r, 1, 9)}1${between(r, 0, 9)}`;
      const text = encodeCardText({
        name: p.name,
        sexCode: p.sex === 'male' ? '1' : '2',
        ethnicityCode: r() < 0.9 ? '01' : String(between(r, 2, 56)).padStart(2, '0'),
        birthDate: born,
        address: `${ADDRESSES[serial % ADDRESSES.length] ?? ''}${p.village}${between(r, 1, 300)}号`,
        nationalId: p.nationalId,
        issuer: '县公安局',
        validFrom: issued,
        validUntil: born < '19700101' ? '长期' : `${Number(issued.slice(0, 4)) + 20}${issued.slice(4)}`,
      });
      reply(SW3.found, new Uint8Array(4));
      reply(SW3.ok, new Uint8Array(8));
      reply(SW3.ok, encodeReadData(text, fakePhoto(serial & 0xff)));
    }
    return b.result();
  },
};

/** A 12-lead ECG at 500 samples/s: the recording the simulator plays, in the board's counts. */
const ecgCyton: ParserCase = {
  name: 'ecg-cyton-packets',
  decoder: () => new CytonDecoder(),
  build: (target) => {
    const b = new StreamBuilder(target);
    const { leads } = loadRecording('ptbdb', 500, findEcgData({ repoRoot })).recording;
    const length = leads[0]?.length ?? 1;
    const scale = microvoltsPerCount(24);
    const aux = new Uint8Array(AUX_LENGTH);
    for (let index = 0; !b.full; index++) {
      const counts = Int32Array.from(leads, (lead) =>
        Math.min(MAX_COUNT, Math.max(MIN_COUNT, Math.round((lead[index % length] ?? 0) / scale))),
      );
      b.add(encodePacket({ counter: index & 0xff, counts, aux, footer: FOOTER_MIN }));
    }
    return b.result();
  },
};

/**
 * The Omron cuff has no byte-stream parser: its replies are gathered from 8-byte HID reports
 * by ReplyReader, one exchange at a time, so there is no stream to measure.
 */
export const PARSERS_WITHOUT_STREAM = {
  'omron-hem': 'replies are read from 8-byte HID reports per exchange (ReplyReader); no byte-stream parser',
} as const;

export const PARSER_CASES: readonly ParserCase[] = [
  cms50dLegacy,
  cms50dV46,
  contourAstm,
  tanitaLines,
  idCardReplies,
  ecgCyton,
];
