import { EventEmitter } from 'node:events';
import type { CallEvent } from '../../contract/consults/consults-domain.js';
import type { SignalData } from '../../contract/consults/signal.js';
import { StationError } from '../../contract/errors.js';
import type { Logger } from '../logger.js';
import type { HubLink } from '../station/hub-link.js';

/**
 * Carries a consult call's signaling between the call page and the hub's station socket. The
 * station's hub credentials stay in the core: the page only ever sees the other side's SDP and
 * ICE candidates. Nothing is queued while the link is down: stale signaling is worse than
 * none, and the call page restarts ICE once the link is back.
 */
export class CallRelay {
  private readonly events = new EventEmitter<Record<string, [CallEvent]>>();

  constructor(
    private readonly hub: HubLink | null,
    private readonly logger: Logger,
    private readonly onNudge: () => void,
  ) {
    this.events.setMaxListeners(0);
    hub?.on('live', (message) => {
      if (message.t === 'nudge') return this.onNudge();
      if (message.t === 'signal')
        return void this.events.emit(message.consultId, { type: 'signal', data: message.data });
      if (message.t === 'peer')
        return void this.events.emit(message.consultId, { type: 'peer', presence: message.presence });
      this.logger.warn({ consultId: message.consultId, reason: message.reason }, 'hub did not pass a signal on');
    });
    hub?.on('state', (state) => {
      for (const consultId of this.events.eventNames())
        this.events.emit(String(consultId), { type: 'hub', online: state === 'online' });
    });
  }

  send(consultId: string, data: SignalData): void {
    if (!this.hub?.sendLive({ t: 'signal', consultId, data })) throw new StationError('hub_unavailable');
  }

  listen(consultId: string, listener: (event: CallEvent) => void): () => void {
    this.events.on(consultId, listener);
    listener({ type: 'hub', online: this.hub?.state === 'online' });
    return () => void this.events.off(consultId, listener);
  }
}
