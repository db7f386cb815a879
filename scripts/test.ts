import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './lib/processes.js';
import { ensureRendererBuilt } from './lib/renderer-build.js';
import { ensureSystemTools } from './lib/system-tools.js';

/**
 * `npm test`: system tools, then lint, typecheck, unit + integration (vitest) and end-to-end
 * (Playwright in Debian's Chromium). Every step runs; the exit code says whether all passed.
 */
const resultsDir = join(repoRoot, 'test-results');
const vitestJson = join(resultsDir, 'vitest.json');
const playwrightJson = join(resultsDir, 'playwright.json');

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<boolean> {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('exit', (code) => {
      console.log(`${code === 0 ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      resolve(code === 0);
    });
  });
}

function counts(): { passed: number; failed: number; skipped: number } {
  const total = { passed: 0, failed: 0, skipped: 0 };
  try {
    const v = JSON.parse(readFileSync(vitestJson, 'utf8')) as Record<string, number>;
    total.passed += v.numPassedTests ?? 0;
    total.failed += v.numFailedTests ?? 0;
    total.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  } catch {
    // vitest did not get far enough to write its report; its step already failed.
  }
  try {
    const p = JSON.parse(readFileSync(playwrightJson, 'utf8')) as { stats: Record<string, number> };
    total.passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
    total.failed += p.stats.unexpected ?? 0;
    total.skipped += p.stats.skipped ?? 0;
  } catch {
    // as above
  }
  return total;
}

async function main(): Promise<void> {
  ensureSystemTools((line) => console.log(line));
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const npx = (bin: string) => join(repoRoot, 'node_modules', '.bin', bin);

  const outcomes: boolean[] = [];
  outcomes.push(await run('lint', 'npm', ['run', '-s', 'lint']));
  outcomes.push(await run('typecheck', 'npm', ['run', '-s', 'typecheck']));
  console.log('\n▶ build renderer');
  await ensureRendererBuilt((line) => console.log(line));
  outcomes.push(
    await run('unit and integration tests', npx('vitest'), [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson}`,
    ]),
  );
  outcomes.push(
    await run(
      'end-to-end tests',
      npx('playwright'),
      ['test', '--config', 'test/e2e/playwright.config.ts', '--reporter=list,json'],
      {
        PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
      },
    ),
  );

  const { passed, failed, skipped } = counts();
  const ok = outcomes.every(Boolean);
  console.log(`\n${ok ? 'All steps passed.' : 'Some steps failed.'}`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(ok && failed === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
