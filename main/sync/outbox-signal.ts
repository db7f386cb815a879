import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import type { Lane } from '../../contract/sync/wire.js';

const signals = new WeakMap<Database.Database, EventEmitter<{ written: [Lane] }>>();

function signalOf(db: Database.Database): EventEmitter<{ written: [Lane] }> {
  let signal = signals.get(db);
  if (!signal) {
    signal = new EventEmitter();
    signals.set(db, signal);
  }
  return signal;
}

/**
 * Tells the sync engine an outbox entry was written. Emitted from inside the writing
 * transaction; listeners defer their work (setImmediate), by which time it has committed.
 */
export function signalOutboxWrite(db: Database.Database, lane: Lane): void {
  signals.get(db)?.emit('written', lane);
}

/** Listens for outbox writes on one database; returns the unsubscribe. */
export function onOutboxWrite(db: Database.Database, listener: (lane: Lane) => void): () => void {
  const signal = signalOf(db);
  signal.on('written', listener);
  return () => signal.off('written', listener);
}
