import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { CoreStartOptions } from './core-messages.js';

const Env = z.object({
  CUNYI_DATA_DIR: z.string().min(1).optional(),
  CUNYI_HUB_URL: z.url({ protocol: /^https?$/ }).optional(),
  CUNYI_RENDERER_DIR: z.string().min(1).optional(),
  CUNYI_SQLITE_BINDING: z.string().min(1).optional(),
});

/** What the Electron shell knows about where it runs. */
export interface ShellPlace {
  /** Electron's per-user data folder (app.getPath('userData')). */
  userDataDir: string;
  /** The folder holding main.cjs, preload.cjs and core.cjs. */
  bundleDir: string;
  appVersion: string;
  /** True in an installed build, where electron-builder already rebuilt better-sqlite3. */
  packaged: boolean;
}

/** The shell's settings: how to start the core, and where the built renderer is. */
export interface ShellConfig {
  core: CoreStartOptions;
  rendererDir: string;
}

/**
 * Reads the shell's settings from the environment, like browser mode does. In development the
 * core needs a better-sqlite3 addon built for Electron's ABI next to the Node one (see
 * DESIGN.md, "Native modules"): CUNYI_SQLITE_BINDING names it, or it is picked up from
 * dist-electron/native/better_sqlite3.node when present.
 */
export function shellConfig(env: NodeJS.ProcessEnv, place: ShellPlace): ShellConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`Invalid configuration in ${names}`);
  }
  const e = parsed.data;
  const devBinding = join(place.bundleDir, 'native', 'better_sqlite3.node');
  const nativeBinding = e.CUNYI_SQLITE_BINDING ?? (!place.packaged && existsSync(devBinding) ? devBinding : undefined);
  return {
    core: {
      dataDir: resolve(e.CUNYI_DATA_DIR ?? join(place.userDataDir, 'station')),
      hubUrl: e.CUNYI_HUB_URL ?? null,
      appVersion: place.appVersion,
      ...(nativeBinding === undefined ? {} : { nativeBinding: resolve(nativeBinding) }),
    },
    rendererDir: resolve(e.CUNYI_RENDERER_DIR ?? join(place.bundleDir, '..', 'dist', 'renderer')),
  };
}
