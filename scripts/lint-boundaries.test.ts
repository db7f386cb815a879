import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

// Each row: a file in one runtime importing something that runtime must not load.
const forbidden: [string, string][] = [
  ['renderer/src/bad.ts', "import { readFileSync } from 'node:fs';\nreadFileSync('x');\n"],
  ['renderer/src/bad.ts', "import fs from 'fs';\nfs.existsSync('x');\n"],
  ['renderer/src/bad.ts', "import { ipcRenderer } from 'electron';\nipcRenderer.send('x');\n"],
  ['renderer/src/bad.ts', "import Database from 'better-sqlite3';\nnew Database('x');\n"],
  ['renderer/src/bad.ts', "import { startCore } from '../../main/core.js';\nvoid startCore;\n"],
  ['contract/bad.ts', "import Database from 'better-sqlite3';\nnew Database('x');\n"],
  ['contract/bad.ts', "import { createHash } from 'node:crypto';\ncreateHash('sha256');\n"],
  ['drivers/bad.ts', "import { app } from 'electron';\nvoid app;\n"],
  ['drivers/bad.ts', "import Database from 'better-sqlite3';\nnew Database('x');\n"],
  ['main/bad.ts', "import { app } from 'electron';\nvoid app;\n"],
  ['hub/server/bad.ts', "import { startCore } from '../../main/core.js';\nvoid startCore;\n"],
];

describe('import boundaries', () => {
  it.each(forbidden)('%s: %s is refused', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it('lets type-only imports cross and the Electron shell import electron', async () => {
    expect(
      await violations(
        'renderer/src/ok.ts',
        "import type { Core } from '../../main/core.js';\nexport type C = Core;\n",
      ),
    ).toEqual([]);
    expect(await violations('main/electron/ok.ts', "import { app } from 'electron';\nvoid app;\n")).toEqual([]);
    expect(
      await violations(
        'hub/server/ok.ts',
        "import { HubHealth } from '../../contract/hub-wire.js';\nvoid HubHealth;\n",
      ),
    ).toEqual([]);
  });
});
