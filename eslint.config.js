// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const nativeAndServer = [
  'better-sqlite3',
  'serialport',
  '@serialport/*',
  'node-hid',
  'pg',
  '@electric-sql/pglite',
  'fastify',
  '@fastify/*',
  'ws',
  'pino',
];

/** Builds one no-restricted-imports rule; type-only imports may cross every boundary. */
const CONSOLE_MESSAGE =
  'hub/console/ runs in the browser: it talks to the hub over HTTP only (type-only imports may cross).';

function restrict({ names = [], patterns = [], message }) {
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [...new Set(names)].map((name) => ({ name, message, allowTypeImports: true })),
        patterns: patterns.map((group) => ({ group: [group], message, allowTypeImports: true })),
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'test-results/', 'playwright-report/', '.data/'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  // Only the Electron shell (and the preload it loads) may import electron.
  {
    files: ['**/*.{ts,tsx,js}'],
    ignores: ['main/electron/**', 'preload/**', 'test/mocks/**', 'test/e2e/electron.e2e.ts'],
    rules: restrict({ names: ['electron'], message: 'Only main/electron/ (and the preload) may import electron.' }),
  },
  // The renderer is DOM-only: no Node built-ins, no native modules, no electron, no core code.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict({
        names: [...nodeBuiltins, 'electron', ...nativeAndServer.filter((n) => !n.includes('*'))],
        patterns: ['@serialport/*', '@fastify/*', '**/main/**', '**/drivers/**', '**/hub/server/**', '**/preload/**'],
        message: 'renderer/ runs in the page: it talks to window.station only (type-only imports may cross).',
      }),
    },
  },
  // contract/ and drivers/ are pure: no electron, no database, no station core.
  {
    files: ['contract/**/*.ts', 'drivers/**/*.ts'],
    rules: restrict({
      names: ['electron', 'better-sqlite3', 'pg', '@electric-sql/pglite'],
      patterns: ['**/main/**', '**/hub/**', '**/renderer/**'],
      message: 'contract/ and drivers/ import no electron, no database and no application code.',
    }),
  },
  // contract/ also runs in the page and the preload, so it imports no Node built-in either.
  {
    files: ['contract/**/*.ts'],
    ignores: ['contract/**/*.test.ts'],
    rules: restrict({
      names: [
        'electron',
        'better-sqlite3',
        'pg',
        '@electric-sql/pglite',
        ...nodeBuiltins,
        ...nativeAndServer.filter((n) => !n.includes('*')),
      ],
      patterns: ['**/main/**', '**/hub/**', '**/renderer/**', '@fastify/*', '@serialport/*'],
      message: 'contract/ is shared by every runtime: zod and plain TypeScript only.',
    }),
  },
  // The hub is another program: it shares contract/ and nothing of the station.
  {
    files: ['hub/**/*.{ts,tsx}'],
    rules: restrict({
      names: ['electron'],
      patterns: ['**/main/**', '**/preload/**', '**/drivers/**'],
      message: 'hub/ imports contract/ and nothing of main/.',
    }),
  },
  // The hub console runs in the specialist's browser: DOM only, and of the hub server only the
  // shared shapes of its admin API. After the hub's block, so its rule is the one that applies.
  {
    files: ['hub/console/**/*.{ts,tsx}'],
    ignores: ['hub/console/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...new Set([...nodeBuiltins, 'electron', ...nativeAndServer.filter((n) => !n.includes('*'))])].map(
            (name) => ({ name, message: CONSOLE_MESSAGE, allowTypeImports: true }),
          ),
          patterns: [
            {
              group: ['@serialport/*', '@fastify/*', '**/main/**', '**/drivers/**', '**/hub/server/**'],
              message: CONSOLE_MESSAGE,
              allowTypeImports: true,
            },
            {
              // Relative imports reach the server as ../server/…; only the wire shapes (plain zod) may.
              regex: String.raw`^(\.\./)+server/(?!admin/admin-wire\.js$|consults/console-wire\.js$)`,
              message: CONSOLE_MESSAGE,
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
