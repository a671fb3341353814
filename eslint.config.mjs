import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SUBJECT_MESSAGE =
  'Subject strings are spelled only in libs/contracts: use its builders (rawSubjects, eventSubject, telemetrySubjects, dlqSubjects, …)';
// A subject's first token and a dot, then only subject tokens (letters, digits, `_`, `-`, `*`, `>`)
// and dots to the end; a first token and a file extension alone (`tel.json`) is a file name.
const SUBJECT_PATTERN =
  '/^(raw|f1|tel|dlq|slipstream[.]control)[.](?!(json|jsonl|ndjson|csv|txt|log|gz|zip|ts|js|mjs|cjs|yaml|yml|md|html|png)$)[A-Za-z0-9_*>.-]*$/';
const SUBJECT_LITERALS = [
  { selector: `Literal[value=${SUBJECT_PATTERN}]`, message: SUBJECT_MESSAGE },
  // A template literal whose text before its first substitution is the start of a subject.
  {
    selector: `TemplateLiteral > TemplateElement:first-child[value.raw=${SUBJECT_PATTERN}]`,
    message: SUBJECT_MESSAGE,
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.nx/**',
      'terraform/cdktf.out/**',
      'examples/**',
      'bench/results/**',
      'test-artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    // One import order everywhere (`eslint --fix` applies it): Node's built-ins, packages, the
    // workspace's libraries, then this project's own files; a blank line between the groups.
    files: ['**/*.{ts,js,mjs,cjs}'],
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': [
        'error',
        { groups: [['^\\u0000'], ['^node:'], ['^@?\\w'], ['^@slipstream/'], ['^\\.']] },
      ],
      'simple-import-sort/exports': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          // Test code only: testing's readStream reads with messaging's stream reader, and
          // messaging's integration specs start their nats-server with testing.
          ignoredCircularDependencies: [['@slipstream/messaging', '@slipstream/testing']],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:service', 'type:lib'] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            {
              sourceTag: 'kind:domain',
              onlyDependOnLibsWithTags: ['kind:domain'],
              bannedExternalImports: ['@nestjs/*', '@nats-io/*', '@clickhouse/*', 'chdb', 'chdb/*'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ignores: ['services/live-gateway/public/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
  },
  {
    // The dashboard and analytics pages: browser modules, with the two libraries their pages load
    // by <script> (Socket.io's client and ECharts).
    files: ['services/live-gateway/public/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.browser, io: 'readonly', echarts: 'readonly' },
    },
  },
  {
    // Subject strings are spelled only in libs/contracts (subjects.ts, and the events' subject
    // builders), its own specs included: they assert what the builders make. Elsewhere a string that
    // starts like one of our subjects (`raw.`, `f1.`, `tel.`, `dlq.`, `slipstream.control.`) is an
    // error; NATS's own (`$JS.…`, `$KV.…`, `_INBOX.…`) are not ours and pass. A deliberately legacy
    // or malformed subject in a spec stays a literal, with an eslint-disable comment saying why.
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    ignores: ['libs/contracts/src/**'],
    rules: { 'no-restricted-syntax': ['error', ...SUBJECT_LITERALS] },
  },
  {
    // Past ~200 lines a file is usually two things (the style guide); 400 is what no file crosses.
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Every history route's case reads one 2023 season published and projected into chDB in
    // beforeAll (the costly part, up to 240 s); split in two, the suite would build it twice.
    files: ['services/projection/src/history-api/history-api.int.spec.ts'],
    rules: { 'max-lines': 'off' },
  },
  {
    // Pure code: projectors, the live session state and each service's core/ are plain functions
    // over plain data, tested with nothing running (the style guide).
    files: [
      'services/projection/src/**/*.projector.ts',
      'services/live-gateway/src/session-state/**/*.ts',
      'services/*/src/core/**/*.ts',
    ],
    // The two adapters in projection's core/ that write a batch's rows to ClickHouse: the seam
    // between the pure projectors and the store, so they take a ClickHouse client.
    ignores: [
      'services/projection/src/core/insert-chunks.ts',
      'services/projection/src/core/project-batch.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', '@nats-io/*', '@clickhouse/*', 'chdb', 'chdb/*'],
              message: 'Pure code imports no framework, broker or store: take plain data, return plain data.',
            },
          ],
        },
      ],
    },
  },
);
