// Audio-only mode's stills: grabs the local camera as a small JPEG every few seconds and shows the peer's.
import { createSnapshotAssembler, snapshotFrames } from './snapshot-frames.js';

/** How a snapshot sender is set up; `send` returns false when the channel cannot take it. */
export interface SnapshotSenderOptions {
  track: MediaStreamTrack;
  send(frame: Uint8Array): boolean;
  /** False while earlier data still waits in the channel: a late still is skipped, not queued. */
  canSend(): boolean;
  /**
   * The next snapshot id. The receiver shows only ids newer than the last it showed, so the
   * sequence must carry on across the senders one call starts and stops.
   */
  nextId(): number;
  intervalMs?: number;
  width?: number;
  quality?: number;
}

/** Something that runs until stopped. */
export interface Stoppable {
  stop(): void;
}

async function grab(video: HTMLVideoElement, canvas: HTMLCanvasElement, width: number, quality: number) {
  if (video.videoWidth === 0) return null;
  canvas.width = width;
  canvas.height = Math.round((video.videoHeight * width) / video.videoWidth);
  canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
}

/** Starts sending a still of `track` every `intervalMs` (the first at once) until stopped. */
export function startSnapshots({
  track,
  send,
  canSend,
  nextId,
  intervalMs = 4_000,
  width = 320,
  quality = 0.7,
}: SnapshotSenderOptions): Stoppable {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  void video.play().catch(() => undefined);
  const canvas = document.createElement('canvas');
  let busy = false;
  const tick = async () => {
    if (busy || !canSend() || track.readyState !== 'live') return;
    busy = true;
    try {
      const image = await grab(video, canvas, width, quality);
      if (image) for (const frame of snapshotFrames(nextId(), image)) if (!send(frame)) break;
    } finally {
      busy = false;
    }
  };
  // The first still waits for the element's first frame; later ones keep the interval.
  video.addEventListener('loadeddata', () => void tick(), { once: true });
  const timer = setInterval(() => void tick(), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      video.srcObject = null;
    },
  };
}

/** The receiving side: reassembles stills and hands out object URLs, revoking the one it replaces. */
export interface SnapshotReceiver {
  accept(frame: Uint8Array): void;
  close(): void;
}

/** Calls `onSnapshot` with an object URL for each complete still; older URLs are revoked. */
export function createSnapshotReceiver(onSnapshot: (url: string) => void): SnapshotReceiver {
  const assembler = createSnapshotAssembler();
  let current: string | null = null;
  return {
    accept(frame) {
      const image = assembler.accept(frame, performance.now());
      if (!image) return;
      const previous = current;
      current = URL.createObjectURL(new Blob([image], { type: 'image/jpeg' }));
      onSnapshot(current);
      if (previous) URL.revokeObjectURL(previous);
    },
    close() {
      if (current) URL.revokeObjectURL(current);
      current = null;
    },
  };
}
