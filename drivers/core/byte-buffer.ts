/**
 * An append-only byte accumulator for stream parsers: chunks come in at arbitrary boundaries,
 * the parser looks for frames and consumes what it has used. Bounded, so a device sending
 * garbage forever cannot grow it without limit.
 */
export class ByteBuffer {
  private bytes = new Uint8Array(0);

  constructor(private readonly limit = 64 * 1024) {}

  get length(): number {
    return this.bytes.length;
  }

  /** The bytes not yet consumed (a view; copy before keeping). */
  get view(): Uint8Array {
    return this.bytes;
  }

  append(chunk: Uint8Array): void {
    const next = new Uint8Array(this.bytes.length + chunk.length);
    next.set(this.bytes);
    next.set(chunk, this.bytes.length);
    // Keep only the newest bytes: a frame is never longer than the limit.
    this.bytes = next.length > this.limit ? next.slice(next.length - this.limit) : next;
  }

  consume(count: number): void {
    this.bytes = this.bytes.slice(Math.min(count, this.bytes.length));
  }

  clear(): void {
    this.bytes = new Uint8Array(0);
  }
}

export const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

export const fromHex = (text: string): Uint8Array =>
  Uint8Array.from(
    text
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((h) => Number.parseInt(h, 16)),
  );

/** Joins byte chunks into one array, in order (what Buffer.concat does, without Buffer). */
export const concatBytes = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
