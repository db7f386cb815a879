import { EventEmitter } from 'node:events';
import type { HubToStation } from '../../../contract/hub-wire.js';
import type { HubToConsole } from './console-wire.js';

/**
 * Hands live messages (queue changes, ringing, call signaling) to the sockets of one hub
 * process. Durable state never travels here: a consult's state is in the database and reaches
 * a station through its pull, so a message lost with a restarting hub costs only latency.
 * Hubs behind a balancer need a shared bus (PostgreSQL LISTEN/NOTIFY) behind this interface.
 */
export interface HubBus {
  toStation(stationId: string, message: HubToStation): void;
  toConsole(username: string, message: HubToConsole): void;
  onStation(stationId: string, listener: (message: HubToStation) => void): () => void;
  onConsole(username: string, listener: (message: HubToConsole) => void): () => void;
  /** How many sockets listen for a station or a console user now. */
  stationListeners(stationId: string): number;
  consoleListeners(username: string): number;
}

/** The bus of a single hub process. */
export function createLocalBus(): HubBus {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const on = <T>(topic: string, listener: (message: T) => void) => {
    events.on(topic, listener);
    return () => void events.off(topic, listener);
  };
  return {
    toStation: (stationId, message) => void events.emit(`station:${stationId}`, message),
    toConsole: (username, message) => void events.emit(`console:${username}`, message),
    onStation: (stationId, listener) => on(`station:${stationId}`, listener),
    onConsole: (username, listener) => on(`console:${username}`, listener),
    stationListeners: (stationId) => events.listenerCount(`station:${stationId}`),
    consoleListeners: (username) => events.listenerCount(`console:${username}`),
  };
}
