/**
 * Byte-exact CMS50D+ simulators for both firmware generations, over any ByteTransport (a
 * socat pty end opened with openSerial, or a byte pipe). Unplugging is the caller's: kill the
 * pty pair or the pipe and the simulator stops when its transport closes.
 */
export { LegacySimulator } from './simulator-legacy.js';
export { V46Simulator } from './simulator-v46.js';
export type { V46SimulatorOptions } from './simulator-v46.js';
export type { SimulatorOptions } from './simulator-core.js';
export type { StoredReading } from './legacy-download-frame.js';
export { legacyGarbage, v46Garbage } from './garbage.js';
