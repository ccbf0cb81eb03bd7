import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/generated/**', '.stack/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Domain code is pure: no I/O, frameworks or adapters (Temporal-style purity rule).
    files: ['services/*/src/domain/**/*.ts', 'packages/scoring/src/**/*.ts', 'packages/bindings/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'net', 'crypto'], message: 'domain code is pure: no node I/O' },
            { group: ['express', 'kafkajs', 'typeorm', 'pg', '@clickhouse/*', 'chdb'], message: 'domain code is pure' },
            { group: ['**/adapters/**', '**/app/**'], message: 'domain must not import app or adapters' },
          ],
        },
      ],
    },
  },
  {
    // Tests, scripts, benches and the CLI may print.
    files: ['**/*.test.ts', 'scripts/**/*.ts', '**/bench/**/*.ts', 'packages/cli/**/*.ts', 'packages/testkit/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
  prettier,
);
