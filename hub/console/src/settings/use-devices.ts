import { useEffect, useState } from 'react';

/** The cameras and microphones this browser offers, kept up to date as they are plugged in. */
export function useDevices(refreshKey: unknown): { cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[] } {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media) return;
    let live = true;
    const list = () =>
      media.enumerateDevices().then(
        (found) => live && setDevices(found),
        () => undefined,
      );
    void list();
    media.addEventListener('devicechange', list);
    return () => {
      live = false;
      media.removeEventListener('devicechange', list);
    };
    // Labels appear only once a stream was granted: list again after each new preview.
  }, [refreshKey]);
  return {
    cameras: devices.filter((d) => d.kind === 'videoinput'),
    microphones: devices.filter((d) => d.kind === 'audioinput'),
  };
}
