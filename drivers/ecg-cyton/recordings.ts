import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readBeats } from './atr.js';
import { MEASURED_LEADS } from './leads.js';
import type { MeasuredLead } from './leads.js';
import { resample } from './resample.js';
import { renderLeads, syntheticBeats } from './synthetic.js';
import { microvolts, readRecord } from './wfdb.js';

/** Eight leads of signal for the simulator to play, looped. */
export interface EcgRecording {
  readonly name: string;
  readonly sampleRate: number;
  /** MEASURED_LEADS order (I, II, V1–V6), microvolts, all the same length. */
  readonly leads: readonly Float64Array[];
  /** Leads that come from the synthetic model rather than the recording. */
  readonly synthetic: readonly MeasuredLead[];
}

export interface DataDirChoice {
  /** The folder holding mitdb/ and ptbdb/, or null when none was found. */
  readonly dir: string | null;
  /** Where it came from, or why there is none. */
  readonly reason: string;
}

/**
 * Where the PhysioNet records are: the `dir` option, else CUNYI_ECG_DATA, else
 * ../shared/data/ecg beside the repository. `repoRoot` is the caller's to give (drivers may be
 * bundled, so this module cannot find its own place on disk).
 */
export function findEcgData(options: { dir?: string; env?: NodeJS.ProcessEnv; repoRoot?: string } = {}): DataDirChoice {
  const env = options.env ?? process.env;
  const root = options.repoRoot ?? process.cwd();
  const holdsData = (dir: string) => existsSync(join(dir, 'mitdb')) || existsSync(join(dir, 'ptbdb'));
  const named =
    options.dir !== undefined
      ? { path: options.dir, source: 'the dir option' }
      : env.CUNYI_ECG_DATA
        ? { path: env.CUNYI_ECG_DATA, source: 'CUNYI_ECG_DATA' }
        : null;
  // A folder someone named is used or reported as empty, never silently passed over.
  if (named) {
    const dir = resolve(root, named.path);
    return holdsData(dir)
      ? { dir, reason: `${named.source}: ${dir}` }
      : { dir: null, reason: `${named.source} (${dir}) holds no mitdb/ or ptbdb/` };
  }
  const beside = resolve(root, '..', 'shared', 'data', 'ecg');
  return holdsData(beside)
    ? { dir: beside, reason: `../shared/data/ecg beside the repository: ${beside}` }
    : { dir: null, reason: `no ECG data: ${beside} is absent and CUNYI_ECG_DATA is unset` };
}

/** The synthetic model alone, `seconds` long. */
export function syntheticRecording(sampleRate: number, heartRate = 72, seconds = 60): EcgRecording {
  const length = Math.round(seconds * sampleRate);
  return {
    name: `synthetic ${heartRate}/min`,
    sampleRate,
    leads: renderLeads(syntheticBeats(heartRate, seconds), sampleRate, length),
    synthetic: [...MEASURED_LEADS],
  };
}

const PTB_NAMES: Readonly<Record<MeasuredLead, string>> = {
  I: 'i',
  II: 'ii',
  V1: 'v1',
  V2: 'v2',
  V3: 'v3',
  V4: 'v4',
  V5: 'v5',
  V6: 'v6',
};

/** A PTB record (12 leads at 1000 Hz): I, II, V1–V6 low-pass filtered and decimated. */
export function ptbRecording(dataDir: string, sampleRate: number, record = 's0010_re'): EcgRecording {
  const wfdb = readRecord(join(dataDir, 'ptbdb'), record);
  const leads = MEASURED_LEADS.map((lead) => {
    const index = wfdb.header.signals.findIndex((s) => s.description.toLowerCase() === PTB_NAMES[lead]);
    if (index < 0) throw new Error(`ptbdb/${record} has no lead ${lead}`);
    return resample(holdMissing(microvolts(wfdb, index)), wfdb.header.sampleRate, sampleRate);
  });
  return { name: `ptbdb/${record}`, sampleRate, leads, synthetic: [] };
}

/**
 * An MIT-BIH record: two real leads (MLII as lead II, and its chest lead, V1–V5 depending on
 * the record). The other six come from the synthetic model, timed to the record's annotated
 * beats so every lead beats together; they are a stand-in and marked as such.
 */
export function mitRecording(dataDir: string, sampleRate: number, record = '100', seconds = 300): EcgRecording {
  const dir = join(dataDir, 'mitdb');
  const wfdb = readRecord(dir, record);
  const rate = wfdb.header.sampleRate;
  const take = Math.min(wfdb.header.length, Math.round(seconds * rate));
  const length = Math.floor((take * sampleRate) / rate);
  const beats = readBeats(join(dir, `${record}.atr`))
    .filter((b) => b < take)
    .map((b) => b / rate);
  const leads = renderLeads(beats, sampleRate, length);
  const real: MeasuredLead[] = [];
  wfdb.header.signals.forEach((signal, index) => {
    const lead = signal.description === 'MLII' ? 'II' : MEASURED_LEADS.find((l) => l === signal.description);
    if (!lead || real.includes(lead)) return;
    const position = MEASURED_LEADS.indexOf(lead);
    leads[position] = resample(holdMissing(microvolts(wfdb, index).subarray(0, take)), rate, sampleRate).subarray(
      0,
      length,
    );
    real.push(lead);
  });
  return { name: `mitdb/${record}`, sampleRate, leads, synthetic: MEASURED_LEADS.filter((l) => !real.includes(l)) };
}

/** Missing samples (NaN) hold the last valid value: the simulator must send some number. */
function holdMissing(signal: Float64Array): Float64Array {
  let last = 0;
  for (let i = 0; i < signal.length; i++) {
    const v = signal[i] as number;
    if (Number.isNaN(v)) signal[i] = last;
    else last = v;
  }
  return signal;
}

export type RecordingChoice = 'ptbdb' | 'mitdb' | 'synthetic';

/**
 * The recording to play: the chosen database when its folder is there, else the synthetic
 * model, with the reason for the choice (the simulator logs it; tests print it).
 */
export function loadRecording(
  choice: RecordingChoice,
  sampleRate: number,
  data: DataDirChoice = findEcgData(),
): { recording: EcgRecording; reason: string } {
  if (choice === 'synthetic') return { recording: syntheticRecording(sampleRate), reason: 'synthetic chosen' };
  if (!data.dir || !existsSync(join(data.dir, choice))) {
    return {
      recording: syntheticRecording(sampleRate),
      reason: `synthetic, as ${choice} is not available: ${data.reason}`,
    };
  }
  const recording = choice === 'ptbdb' ? ptbRecording(data.dir, sampleRate) : mitRecording(data.dir, sampleRate);
  return { recording, reason: `${recording.name} from ${data.reason}` };
}
