import WebSocket from 'ws';
import { ADMIN_API_PREFIX } from '../../hub/server/admin/admin-wire.js';
import { SESSION_COOKIE } from '../../hub/server/admin/sessions.js';
import { createSpecialist } from '../../hub/server/admin/specialist-admin.js';
import type { CreateSpecialistRequest } from '../../hub/server/admin/admin-wire.js';
import { CONSOLE_API_PREFIX, CONSOLE_SOCKET_PATH, HubToConsole } from '../../hub/server/consults/console-wire.js';
import type { ConsoleToHub } from '../../hub/server/consults/console-wire.js';
import type { HubDb } from '../../hub/server/db.js';

/** A specialist using the hub's console API as the console page does: cookie session, JSON, socket. */
export interface SpecialistClient {
  username: string;
  /** A console API call: status and parsed body. */
  api<T = unknown>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Opens the console socket; messages collect in `messages`. */
  connect(): Promise<WebSocket>;
  send(message: ConsoleToHub): void;
  /** Ends the session as the console's sign-out does. */
  signOut(): Promise<void>;
  /** The close code of the console socket, once it closed. */
  closedWith(): number | null;
  messages: HubToConsole[];
  close(): void;
}

const sockets = new Set<WebSocket>();

/** Creates a specialist on the hub database (if absent) and signs her in. */
export async function specialist(
  hubUrl: string,
  db: HubDb,
  who: Partial<CreateSpecialistRequest> & Pick<CreateSpecialistRequest, 'username'>,
): Promise<SpecialistClient> {
  const account: CreateSpecialistRequest = {
    password: 'specialist-password',
    displayName: `Dr ${who.username}`,
    specialty: 'cardiology',
    ...who,
  };
  await createSpecialist(db, account);
  const login = await fetch(new URL(`${ADMIN_API_PREFIX}/login`, hubUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .find((line) => line.startsWith(`${SESSION_COOKIE}=`))
    ?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  const messages: HubToConsole[] = [];
  let socket: WebSocket | null = null;
  let closeCode: number | null = null;
  return {
    username: account.username,
    messages,
    async api<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) {
      const response = await fetch(new URL(`${CONSOLE_API_PREFIX}${path}`, hubUrl), {
        method,
        headers: { cookie, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
        ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    connect() {
      const url = new URL(CONSOLE_SOCKET_PATH, hubUrl);
      url.protocol = 'ws:';
      const ws = new WebSocket(url, { headers: { cookie } });
      sockets.add(ws);
      socket = ws;
      ws.on('message', (data) => {
        const parsed = HubToConsole.safeParse(JSON.parse(String(data)));
        if (parsed.success) messages.push(parsed.data);
      });
      ws.on('close', (code) => {
        closeCode = code;
        sockets.delete(ws);
      });
      return new Promise((resolve, reject) => {
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    },
    send(message) {
      socket?.send(JSON.stringify(message));
    },
    async signOut() {
      const response = await fetch(new URL(`${ADMIN_API_PREFIX}/logout`, hubUrl), {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: '{}',
      });
      if (response.status !== 204) throw new Error(`sign-out failed: ${response.status}`);
    },
    closedWith: () => closeCode,
    close() {
      socket?.close();
    },
  };
}
