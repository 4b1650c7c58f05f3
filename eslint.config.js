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
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...fence('db', 'server', 'web', 'reports', 'shared'),
            {
              group: ['node:*', 'pg', '@electric-sql/*', 'hono', 'react'],
              message: 'The domain is pure: no I/O.',
            },
          ],
        },
      ],
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
  },
  {
    files: ['src/db/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: fence('server', 'web', 'reports') }] },
  },
  {
    files: ['src/reports/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: fence('server', 'web', 'db') }] },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: fence('server', 'web', 'db', 'reports') }],
    },
  },
  {
    files: ['src/web/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: fence('server', 'db', 'reports') }],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'src/server/cli/**'],
    rules: { 'no-console': 'off' },
  },
);
