// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';

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
    // The public schema: graphql-eslint's recommended schema rules, and a description on
    // everything a client sees (types, root fields, fields, arguments, input fields, enum values).
    files: ['schema.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: { schema: 'schema.graphql' } },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      '@graphql-eslint/require-description': [
        'error',
        {
          types: true,
          rootField: true,
          FieldDefinition: true,
          InputValueDefinition: true,
          EnumValueDefinition: true,
          DirectiveDefinition: true,
        },
      ],
      // Types with an identity have `id: ID!`. These have none of their own: each is a value
      // inside its parent (a qualified link, a passage, a claim, a search hit, a page, a drawn
      // subgraph), and the binding contract (contract/core.graphql) defines them without an id.
      // Clients cache them inside the parent (`keyFields: false`, see README "Client caching").
      '@graphql-eslint/strict-id-in-types': [
        'error',
        {
          exceptions: {
            suffixes: ['Connection', 'Edge'],
            types: [
              'PageInfo',
              'Audit',
              'Source',
              'Claim',
              'Partnership',
              'Participation',
              'Contribution',
              'AgendaItem',
              'Lead',
              'Membership',
              'ProjectPartner',
              'ProjectMember',
              'SearchHit',
              'Subgraph',
              'Path',
            ],
          },
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
