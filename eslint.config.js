// Lint: typescript-eslint + React hooks, and one rule per architectural door.
// Imports point down the room list in ../shared/design/architecture.md, never up; each rule says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'net',
  'tls',
  'child_process',
  'http',
  'https',
  'url',
  'util',
  'crypto',
  'stream',
  'events',
  'worker_threads',
];
// A regex, not gitignore-style globs: the glob `events` would also match our own `./events` module.
const nodeOnly = {
  regex: `^(node:.*|ws|(${nodeBuiltins.join('|')})(/.*)?)$`,
  message:
    'This room runs in the page and in Web Workers too: no Node APIs here (put Node-only code in src/cli/ or a Node adapter).',
};
const noReact = {
  group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'monaco-editor', 'monaco-editor/*'],
  message:
    'The protocol rooms (scansion, runner, mock, cli) are UI-free: React, zustand and Monaco belong to src/ui, src/store, src/editor.',
};
const up = (rooms, why) => ({
  group: rooms.flatMap((r) => [`**/${r}`, `**/${r}/*`, `**/${r}/**`]),
  message: why,
});

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'playwright-report',
      'test-results',
      'e2e-scripts-report',
      'public',
      '.tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: [
      'src/**/*.tsx',
      'src/ui/**/*.ts',
      'src/editor/**/*.ts',
      'src/store/**/*.ts',
      'src/services/**/*.ts',
    ],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/scansion/**/*.ts'],
    ignores: ['src/scansion/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeOnly,
            noReact,
            up(
              ['runner', 'mock', 'cli', 'store', 'services', 'editor', 'ui'],
              'src/scansion is the bottom room: the language core depends on XML libraries only, never on the runner, mock, CLI or UI.',
            ),
            {
              group: [
                '@xmpp/client',
                '@xmpp/client-core',
                '@xmpp/websocket',
                '@xmpp/tcp',
                '@xmpp/sasl*',
                '@xmpp/resource-binding',
              ],
              message:
                'The language core does not talk to servers: connections live in src/runner/transports.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'setTimeout',
          message: 'No timers in the language core: time belongs to the runner (injected Clock).',
        },
        {
          name: 'setInterval',
          message: 'No timers in the language core: time belongs to the runner (injected Clock).',
        },
        { name: 'document', message: 'No DOM in the language core: it runs in Node and in Web Workers.' },
        { name: 'window', message: 'No DOM in the language core: it runs in Node and in Web Workers.' },
      ],
    },
  },
  {
    files: ['src/runner/**/*.ts'],
    ignores: ['src/runner/**/*.test.ts', 'src/runner/transports/node*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeOnly,
            noReact,
            up(
              ['mock', 'cli', 'store', 'services', 'editor', 'ui'],
              'The runner depends on src/scansion only: it must not know whether it talks to Prosody or the mock, nor who shows its events.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/mock/**/*.ts'],
    ignores: ['src/mock/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeOnly,
            noReact,
            up(
              ['cli', 'store', 'services', 'editor', 'ui'],
              'The mock server is a pure state machine below the UI and CLI.',
            ),
            {
              group: ['**/runner/*', '**/runner/**/*', '!**/runner/transport'],
              message:
                "The mock imports only the runner's Transport type (src/runner/transport.ts), nothing else of the runner.",
            },
            {
              group: ['@xmpp/client', '@xmpp/client-core', '@xmpp/websocket', '@xmpp/tcp'],
              message: 'The mock is the server: it needs no client connection library.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    ignores: ['src/cli/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noReact,
            up(
              ['store', 'services', 'editor', 'ui'],
              "The CLI runs in Node on the same runner as the page: it never imports the page's rooms.",
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    ignores: ['src/store/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeOnly,
            up(
              ['services', 'editor', 'ui', 'cli'],
              'The store holds state only: I/O belongs to src/services, views to src/ui.',
            ),
            {
              group: ['**/runner/transports/*', '**/mock/*', '!**/mock/protocol'],
              message:
                'The store imports types of the core rooms, never transports or the mock server itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts'],
    ignores: ['src/services/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeOnly,
            up(
              ['editor', 'ui', 'cli'],
              'Services feed the store; they never reach up into views or the editor.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/editor/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeOnly,
            up(['cli'], 'The page never imports the CLI.'),
            {
              group: ['**/runner/transports/*', '**/mock/server*', '**/mock/muc/*', '@xmpp/*'],
              message: 'Components hold no protocol logic: they act through src/services and read the store.',
            },
          ],
        },
      ],
    },
  },
);
