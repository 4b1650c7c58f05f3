import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Layers may only import in one direction: web → shared, server → domain/db/reports/shared, db → domain, domain → nothing. */
const fence = (...layers) =>
  layers.map((layer) => ({
    group: [`**/${layer}/**`, `**/${layer}`],
    message: `This layer must not import from src/${layer} (see ARCHITECTURE.md).`,
  }));

/** The product never loads what only builds or checks it; tests in src may use test/ helpers. */
const outside = (...dirs) =>
  dirs.map((dir) => ({
    group: [`**/${dir}/**`, `**/${dir}`],
    message: `Code in src must not import from ${dir}/ (see ARCHITECTURE.md).`,
  }));
const TESTS = ['src/**/*.test.ts', 'src/**/*.test.tsx'];
/** Production files, and test files, of a layer: the fence, and what lies outside src. */
const layer = (dir, patterns, rest = {}) => [
  {
    files: [`src/${dir}/**`],
    ignores: TESTS,
    ...rest,
    rules: {
      ...rest.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [...patterns, ...outside('bench', 'test', 'e2e')] },
      ],
    },
  },
  {
    files: TESTS.map((t) => t.replace('src/**', `src/${dir}/**`)),
    ...rest,
    rules: {
      ...rest.rules,
      'no-restricted-imports': ['error', { patterns: [...patterns, ...outside('bench', 'e2e')] }],
    },
  },
];
const PURE = {
  group: ['node:*', 'pg', '@electric-sql/*', 'hono', 'react'],
  message: 'The domain is pure: no I/O.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  ...layer('domain', [...fence('db', 'server', 'web', 'reports', 'shared'), PURE], {
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass "today" as an argument; the domain reads no clock.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass "today" as an argument; the domain reads no clock.',
        },
      ],
    },
  }),
  {
    // the domain's tests generate cases with the demo's generator, and nothing else of the server
    files: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...fence('db', 'web', 'reports', 'shared'),
            PURE,
            ...outside('bench', 'e2e'),
            {
              regex: '(^|/)server(/(?!demo/generator/)|$)',
              message: 'This layer must not import from src/server (see ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  ...layer('db', fence('server', 'web', 'reports')),
  ...layer('reports', fence('server', 'web', 'db')),
  ...layer('shared', fence('server', 'web', 'db', 'reports')),
  ...layer('server', fence('web')),
  ...layer('web', fence('server', 'db', 'reports'), {
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  }),
  {
    files: ['scripts/**', 'bench/**', 'src/server/cli/**'],
    rules: { 'no-console': 'off' },
  },
);
