import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/**
 * The core's logger. Structured JSON lines on stderr (stdout is kept for the one-line
 * announcements a launcher reads). Patient data is never passed to it: log ids and codes only.
 */
export function createLogger(name: string, level = process.env.CUNYI_LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, base: { pid: process.pid } }, pino.destination(2));
}
