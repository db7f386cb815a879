import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LoadedQueue } from '../api/queue-context.js';
import type { Loaded } from '../../../../renderer/components/use-load.js';
import { useHubMessages } from '../api/console-context.js';
import { acknowledged, keepWaiting, NO_RINGS, ringArrived, toneOf } from './ring-state.js';
import type { Ring } from './ring-state.js';
import { RingTone } from './ring-tone.js';

/**
 * Rings when the hub says so, until the specialist acknowledges: a tone (WebAudio) and the
 * rings for the banner. A ring for a consult that stopped waiting (someone else took it) goes.
 */
export function useRinger(queue: Loaded<LoadedQueue>): { rings: readonly Ring[]; acknowledge: () => void } {
  const [state, setState] = useState(NO_RINGS);
  const tone = useMemo(() => new RingTone(), []);

  useHubMessages((message) => {
    if (message.t === 'ring') {
      setState((s) => ringArrived(s, { consultId: message.consultId, urgency: message.urgency, at: Date.now() }));
    }
  });

  const shown = useMemo(() => {
    if (queue.state !== 'ready') return state;
    const waiting = new Set(queue.value.consults.filter((c) => c.state === 'waiting').map((c) => c.consultId));
    return keepWaiting(state, waiting, queue.value.loadedAt);
  }, [state, queue]);

  // Autoplay rules: the context may only start inside a user gesture, so every click unlocks it.
  useEffect(() => {
    const unlock = () => tone.unlock();
    window.addEventListener('pointerdown', unlock, true);
    window.addEventListener('keydown', unlock, true);
    return () => {
      window.removeEventListener('pointerdown', unlock, true);
      window.removeEventListener('keydown', unlock, true);
      tone.close();
    };
  }, [tone]);

  const sound = toneOf(shown);
  const alarms = shown.alarms;
  // Runs again on every alarm (an emergency over a ring) to restart the pattern; stops when nothing rings.
  useEffect(() => {
    tone.play(sound);
  }, [tone, sound, alarms]);

  const acknowledge = useCallback(() => setState((s) => acknowledged(s)), []);
  return { rings: shown.rings, acknowledge };
}
