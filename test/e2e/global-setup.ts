import { ensureRendererBuilt } from '../../scripts/lib/renderer-build.js';

/** The tests drive the built renderer: rebuild it first when a source is newer. */
export default async function globalSetup(): Promise<void> {
  await ensureRendererBuilt((line) => console.log(line));
}
