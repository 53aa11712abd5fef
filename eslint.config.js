import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'stream', 'worker_threads', 'zlib', 'util', 'events', 'readline', 'buffer', 'process'];
const nodeImports = [...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'dist-cli/', 'release/', 'test-results/', '.cache/', 'assets/**/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // shared/ runs anywhere: no Node, DOM or Electron.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', 'better-sqlite3', 'react', 'maplibre-gl', ...nodeImports] }],
    },
  },
  {
    // The renderer talks to the backend only through the contract; it never touches Node or Electron.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', 'better-sqlite3', ...nodeImports] }],
    },
  },
  {
    // Backend services, the CLI and the preview server are plain Node: never Electron.
    files: ['backend/**/*.ts', 'backend/cli/**/*.ts', 'backend/preview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'] }],
    },
  },
);
