// Jest: `unit` (no services) and `integration` (a real Neo4j: the global setup starts a
// throwaway one through src/neo4j/launcher.ts unless NEO4J_URI is set). Run the integration
// project with --runInBand: its tests share the one database.
/* global module */

/** TypeScript through ts-jest, transpiled file by file (no type check here; `tsc` does that). */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] };

/** @type {import('jest').Config} */
module.exports = {
  // Per-project testTimeout is ignored by jest: real Neo4j and browser work needs more than 5 s.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
