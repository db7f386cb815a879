import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { launchBrowserMode } from '../../scripts/lib/browser-mode.js';
import { ensureRendererBuilt, rendererOutDir } from '../../scripts/lib/renderer-build.js';

/**
 * bench:startup — launch of browser mode (as `npm start` does it) to the status screen
 * showing the core's values in Chromium, median of 5 cold starts with fresh data folders; the
 * gzipped size of the renderer's initial JavaScript; the core's resident memory after start.
 */
const RUNS = 5;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

function initialJsGzipKb(): number {
  const manifest = JSON.parse(readFileSync(join(rendererOutDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const bytes = [...seen]
    .map((key) => manifest[key]?.file)
    .filter((file): file is string => typeof file === 'string' && file.endsWith('.js'))
    .reduce((sum, file) => sum + gzipSync(readFileSync(join(rendererOutDir, file)), { level: 9 }).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  await ensureRendererBuilt();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const starts: number[] = [];
  const hubOnline: number[] = [];
  const rss: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const dataRoot = mkdtempSync(join(tmpdir(), 'cunyi-bench-'));
      const t0 = performance.now();
      // Exactly what `npm start` does in browser mode, with a fresh data folder each time.
      const mode = await launchBrowserMode({ dataRoot, logLevel: 'warn', inheritStderr: false });
      const coreReady = performance.now() - t0;
      const page = await browser.newPage();
      await page.goto(mode.stationUrl);
      await page.getByTestId('station-id').waitFor({ state: 'visible' });
      starts.push(performance.now() - t0);
      await page.locator('[data-testid="hub-state"][data-state="online"]').waitFor({ timeout: 60_000 });
      hubOnline.push(performance.now() - t0);
      rss.push(rssMb(mode.core.pid ?? 0));
      await page.close();
      await mode.stop();
      rmSync(dataRoot, { recursive: true, force: true });
      console.log(
        `run ${run + 1}: core ready ${Math.round(coreReady)} ms, status ${Math.round(starts.at(-1) ?? 0)} ms, hub online ${Math.round(hubOnline.at(-1) ?? 0)} ms`,
      );
    }
  } finally {
    await browser.close();
  }
  console.log(
    JSON.stringify({
      cold_start_to_status_ms: Math.round(median(starts)),
      renderer_js_gzip_kb: initialJsGzipKb(),
      core_rss_mb: median(rss),
      hub_online_ms: Math.round(median(hubOnline)),
      runs: RUNS,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
