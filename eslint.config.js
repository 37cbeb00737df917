// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'backend/drizzle/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    // contracts is isomorphic: zod schemas and types only.
    files: ['contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@muster/backend',
                '@muster/backend/*',
                '@muster/frontend',
                '@muster/frontend/*',
              ],
              message: 'contracts may import neither backend nor frontend.',
            },
            {
              group: [
                '../../backend/*',
                '../../frontend/*',
                '**/backend/src/*',
                '**/frontend/src/*',
              ],
              message: 'contracts may import neither backend nor frontend.',
            },
            {
              group: [
                'node:*',
                'postgres',
                'drizzle-orm',
                'drizzle-orm/*',
                '@nats-io/*',
                'express',
                'socket.io',
              ],
              message:
                'contracts holds zod schemas and types only: no Node, database or NATS imports.',
            },
          ],
        },
      ],
    },
  },
  {
    // The platform holds no domain words: it never imports a module.
    files: ['backend/src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/*', '**/modules/**'],
              message: 'platform never imports a module.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['infra/scripts/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['infra/scripts/**/*.mjs', 'tests/bench/**/*.ts', 'tests/src/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
