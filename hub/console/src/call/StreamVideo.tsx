import { useEffect, useRef } from 'react';

/** A media stream in a <video>; muted for the local preview so the specialist does not hear herself. */
export function StreamVideo({
  stream,
  muted,
  label,
  testId,
  className,
}: {
  stream: MediaStream | null;
  muted: boolean;
  label: string;
  testId: string;
  className?: string;
}) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = stream;
    if (stream) void element.play().catch(() => undefined);
  }, [stream]);
  return (
    <video
      ref={video}
      className={className ?? 'call-video'}
      muted={muted}
      autoPlay
      playsInline
      aria-label={label}
      data-testid={testId}
    />
  );
}
