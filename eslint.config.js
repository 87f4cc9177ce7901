// Lint: the recommended rules of ESLint, typescript-eslint and eslint-plugin-svelte
// (`npm run lint`). Types are checked by `npm run typecheck`, not here.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'bench-results/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  { languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // `any` only where a registry holds every kind at once: each kind's data and payload
    // types are its own, and strict tsc checks everything inside the kinds.
    files: [
      'core/session.ts',
      'core/moderation.ts',
      'kinds/definition.ts',
      'client/lib/kind-views.ts',
      'client/participant/App.svelte',
      'client/home/ArenaAmbition.svelte',
      'server/sessions/*.ts',
      'test/**/*.ts',
    ],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // A `let` declared before the closures that read it, then set once, stays a `let`.
    // (.svelte files have svelte/prefer-const instead, which knows $props.)
    files: ['**/*.ts'],
    rules: { 'prefer-const': ['error', { ignoreReadBeforeAssign: true }] },
  },
  {
    // The server's settings: every environment variable is read once, at start, in server/config.ts.
    files: ['server/**/*.ts'],
    ignores: ['server/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read environment variables in server/config.ts, into Config.' }],
    },
  },
  {
    // A route's request parts are typed from its schema (`TypedApp`, server/context.ts): never cast.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            ':matches(TSAsExpression, TSTypeAssertion) > MemberExpression.expression[object.name=/^(request|req)$/][property.name=/^(body|params|query|headers)$/]',
          message: 'Give the route a schema for this part: its type follows from it (TypedApp in server/context.ts).',
        },
      ],
    },
  },
  {
    rules: {
      // `_name` marks what a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
);
