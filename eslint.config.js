// Lint: the recommended rules of ESLint, typescript-eslint and eslint-plugin-svelte
// (`npm run lint`), and the phone's browser floor. Types are checked by
// `npm run typecheck`, not here.
import js from '@eslint/js';
import esx from 'eslint-plugin-es-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** What a phone runs: the participant page, the shared client code, core and the kinds'
 * models and views (with the helpers they import), not their server-side definitions. */
const phoneFiles = ['client/participant/**', 'client/lib/**', 'core/**', 'kinds/**/*.ts', 'kinds/**/*.svelte'];

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
      'kinds/**/*.test.ts',
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
    // The phone's floor is Safari 15.0 and Chrome 91 (client/README.md). Vite lowers newer
    // syntax to that target, but no built-in is added: ES2022 and later methods
    // (`Array.prototype.at`, `Object.hasOwn`, …) are refused in the code a phone runs.
    // Without type information es-x sees a method only where its object's type is plain, so
    // the methods whose names nothing else uses count on every object (`aggressive`), and
    // any `.at(…)` call counts (`.at` alone is also a field: a timestamp).
    files: phoneFiles,
    ignores: ['**/*.test.ts', 'kinds/*/index.ts', 'kinds/registry.ts', 'kinds/definition.ts'],
    ...esx.configs['flat/restrict-to-es2021'],
    rules: {
      ...esx.configs['flat/restrict-to-es2021'].rules,
      // Syntax both browsers run, or that the build lowers for them (build.target).
      'es-x/no-class-instance-fields': 'off',
      'es-x/no-class-private-fields': 'off',
      'es-x/no-class-private-methods': 'off',
      'es-x/no-class-static-fields': 'off',
      'es-x/no-class-static-block': 'off',
      'es-x/no-private-in': 'off',
      'es-x/no-top-level-await': 'off',
      'es-x/no-regexp-d-flag': 'off',
      ...Object.fromEntries(
        [
          'no-array-prototype-findlast-findlastindex',
          'no-array-prototype-toreversed',
          'no-array-prototype-tosorted',
          'no-array-prototype-tospliced',
          'no-string-prototype-iswellformed',
          'no-string-prototype-towellformed',
        ].map((rule) => [`es-x/${rule}`, ['error', { aggressive: true }]]),
      ),
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='at']",
          message: 'Safari before 15.4 has no Array.prototype.at or String.prototype.at: index from the length.',
        },
      ],
    },
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
