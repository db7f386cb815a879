import type WebSocket from 'ws';
import type { Dispatcher } from '../../contract/dispatcher.js';
import { createSession, malformedReply } from '../../contract/session.js';
import { ClientMessage } from '../../contract/wire.js';
import type { ServerMessage } from '../../contract/wire.js';

function parseJson(data: WebSocket.RawData, isBinary: boolean): unknown {
  if (isBinary) return undefined;
  try {
    return JSON.parse(String(data)) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Serves one authenticated socket: every message is parsed with the contract's envelope schema
 * and every call goes through the dispatcher, which parses its input.
 */
export function serveSocket(socket: WebSocket, dispatcher: Dispatcher): void {
  const post = (message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const session = createSession(dispatcher, post, { via: 'websocket' });
  socket.on('message', (data, isBinary) => {
    const raw = parseJson(data, isBinary);
    const parsed = ClientMessage.safeParse(raw);
    if (parsed.success) session.handle(parsed.data);
    else post(malformedReply(raw));
  });
  socket.on('close', () => session.close());
}
