import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** A Debian package the test suite needs, and how to tell it is there. */
interface Tool {
  pkg: string;
  why: string;
  present: () => boolean;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function postgresBinaries(): boolean {
  if (!existsSync('/usr/lib/postgresql')) return false;
  return readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
}

function cjkFont(): boolean {
  try {
    return /Noto (Sans|Serif) CJK/.test(execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

export const TOOLS: Tool[] = [
  {
    pkg: 'chromium',
    why: 'end-to-end tests drive Debian’s Chromium',
    present: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  },
  { pkg: 'socat', why: 'device tests run over pseudo-terminal pairs', present: () => onPath('socat') },
  { pkg: 'fonts-noto-cjk', why: 'screens and prescriptions render Chinese text', present: cjkFont },
  { pkg: 'postgresql', why: 'hub tests run against a real PostgreSQL server', present: postgresBinaries },
  {
    pkg: 'coturn',
    why: 'call tests relay through a real TURN server',
    present: () => existsSync('/usr/bin/turnserver'),
  },
  {
    pkg: 'nftables',
    why: 'call tests block and drop a link’s packets',
    present: () => onPath('nft') || existsSync('/usr/sbin/nft'),
  },
];

/**
 * Makes sure the system packages are there. As root with apt-get it installs what is missing;
 * otherwise it stops with the exact command to run.
 */
export function ensureSystemTools(log: (line: string) => void): void {
  const missing = TOOLS.filter((tool) => !tool.present());
  if (missing.length === 0) return;
  const pkgs = missing.map((tool) => tool.pkg);
  for (const tool of missing) log(`missing ${tool.pkg}: ${tool.why}`);
  const command = `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  const canInstall = process.getuid?.() === 0 && onPath('apt-get');
  if (!canInstall) {
    throw new Error(`Install the missing system packages first:\n  sudo sh -c '${command}'`);
  }
  log(`installing ${pkgs.join(', ')} with apt-get…`);
  const result = spawnSync('sh', ['-c', command], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) throw new Error(`apt-get failed; run it by hand:\n  ${command}`);
  const still = TOOLS.filter((tool) => !tool.present()).map((tool) => tool.pkg);
  if (still.length > 0) throw new Error(`still missing after apt-get: ${still.join(', ')}`);
}
