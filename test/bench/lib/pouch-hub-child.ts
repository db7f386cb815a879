import { ToPouchHub, startPouchHub, whenReadable } from './pouch-hub.js';
import type { FromPouchHub } from './pouch-hub.js';

/**
 * The PouchDB hub in a process of its own (pouch-peer.ts with `hub: 'child-process'`), so station
 * and hub each get a core as they would on two machines. Talks to its parent over IPC and exits
 * when the parent goes away.
 */

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir || !process.send) throw new Error('usage: fork pouch-hub-child.ts <folder> with an IPC channel');
  const send = (message: FromPouchHub) => process.send?.(message);
  const hub = await startPouchHub(dir);
  process.on('message', (raw) => {
    const message = ToPouchHub.parse(raw);
    if (message.kind === 'watch')
      void whenReadable(hub.db, message.id).arrival.then((at) => send({ kind: 'landed', at }));
    else void hub.db.info().then((info) => send({ kind: 'count', count: info.doc_count }));
  });
  process.once('disconnect', () => void hub.close().finally(() => process.exit(0)));
  send({ kind: 'ready', url: hub.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
