// `npm run test:stress`: the long reliability runs, apart from `npm test` (minutes each).
// Same setup as the integration project: a throwaway Neo4j unless NEO4J_URI is set.
/* global module, __dirname */

/** @type {import('jest').Config} */
module.exports = {
  rootDir: `${__dirname}/../..`,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
  testMatch: ['<rootDir>/test/stress/**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 600_000,
};
