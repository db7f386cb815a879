/**
 * A protocol parser for a byte stream: feed it chunks as they arrive (any boundaries), get
 * back the complete, valid messages they finish. It never throws on bad bytes: it skips to the
 * next plausible frame start and counts what it dropped.
 */
export interface StreamDecoder<M> {
  push(chunk: Uint8Array): M[];
  /** Frames dropped so far for failing framing or checksum. */
  readonly dropped: number;
  reset(): void;
}
