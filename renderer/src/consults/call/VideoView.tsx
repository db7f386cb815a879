import { useEffect, useRef } from 'react';

/** A <video> showing a MediaStream; `muted` for the local preview, so the doctor does not hear herself. */
export function VideoView({
  stream,
  muted,
  label,
  className,
  testId,
}: {
  stream: MediaStream | null;
  muted: boolean;
  label: string;
  className: string;
  testId: string;
}) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);
  return (
    <video
      ref={video}
      className={className}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
      data-testid={testId}
    />
  );
}
