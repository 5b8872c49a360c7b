// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'web/dist/',
      'graphiql/dist/',
      'src/generated/',
      'tools/neo4j/target/',
      '.data/',
      'test-artifacts/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Layers point one way: the database layer and the curation service speak in domain
    // errors (src/errors.ts) and know nothing of the GraphQL API above them.
    files: ['src/db/**', 'src/curation/**', 'src/errors.ts', 'src/validation.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['graphql', 'graphql/*', '@apollo/*', '**/graphql', '**/graphql/**'],
              message: 'Only src/graphql knows GraphQL: throw domain errors (src/errors.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
