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
// The pure rooms (scansion, runner, mock) run in Node, in the page and in Web Workers, and take time
// only from what is injected (the runner's Clock, the mock's `now`): no timers, no clock reads, no DOM,
// no Node globals. `new Date(ms)` and `Date.parse` (formatting a given time) stay allowed.
const TIME = 'Time is injected here (the runner: its Clock, clock.ts; the mock: its `now` option).';
const HOST = 'This room runs in Node, in the page and in Web Workers alike: host globals belong to adapters.';
const doorGlobals = [
  ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate'].map(
    (name) => ({ name, message: `No timers in this room. ${TIME}` }),
  ),
  { name: 'performance', message: `No clock reads in this room. ${TIME}` },
  ...[
    'window',
    'document',
    'navigator',
    'location',
    'localStorage',
    'sessionStorage',
    'indexedDB',
    'XMLHttpRequest',
    'fetch',
    'alert',
    'self',
  ].map((name) => ({ name, message: `No DOM here. ${HOST}` })),
  ...['process', 'Buffer', 'global', '__dirname', '__filename', 'require'].map((name) => ({
    name,
    message: `No Node globals here. ${HOST}`,
  })),
];
const doorRules = {
  'no-restricted-globals': ['error', ...doorGlobals],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: `No clock reads in this room. ${TIME}` },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: `No clock reads in this room: new Date() reads the wall clock. ${TIME}`,
    },
  ],
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
    // Small files named by role: at most 400 lines of code per file (tests aside).
    files: ['src/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{js,ts}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
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
      ...doorRules,
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
    // The runner core takes time from its injected Clock only; clock.ts is the real clock, and the
    // transports (sockets, connect and close timeouts) are adapters to the host (node*.ts to Node).
    files: ['src/runner/**/*.ts'],
    ignores: ['src/runner/**/*.test.ts', 'src/runner/clock.ts', 'src/runner/transports/**'],
    rules: doorRules,
  },
  {
    files: ['src/runner/transports/**/*.ts'],
    ignores: ['src/runner/**/*.test.ts', 'src/runner/transports/node*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...doorGlobals.filter((g) => !/^(set|clear)(Timeout|Interval|Immediate)$/.test(g.name)),
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
    // The mock's clock is its injected `now`; worker.ts and workerTransport.ts adapt it to a Web Worker.
    files: ['src/mock/**/*.ts'],
    ignores: ['src/mock/**/*.test.ts', 'src/mock/worker.ts', 'src/mock/workerTransport.ts'],
    rules: doorRules,
  },
  {
    // The host's wall clock, which the adapters that build a mock server give it as `now`.
    files: ['src/mock/hostClock.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The run worker composes the runner and the mock in one Web Worker; the page reaches it through
    // src/services only.
    files: ['src/worker/**/*.ts'],
    ignores: ['src/worker/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeOnly,
            noReact,
            up(
              ['cli', 'store', 'services', 'editor', 'ui'],
              'The run worker sits below the page: it composes the runner and the mock, never the UI, the store or the CLI.',
            ),
            {
              group: ['@xmpp/client', '@xmpp/client-core', '@xmpp/websocket', '@xmpp/tcp'],
              message:
                'The run worker runs scripts on the mock only: real servers are reached from the page.',
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
              group: ['**/runner/transports/*', '**/mock/*', '!**/mock/protocol', '**/worker/*'],
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
              group: ['**/runner/transports/*', '**/mock/server*', '**/mock/muc/*', '**/worker/*', '@xmpp/*'],
              message: 'Components hold no protocol logic: they act through src/services and read the store.',
            },
          ],
        },
      ],
    },
  },
);
