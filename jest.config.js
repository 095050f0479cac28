const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: 'tsconfig.json',
        // Our nodenext output is CommonJS; keep full type-checking rather than isolated transpiling.
        diagnostics: { ignoreCodes: [151002] },
      },
    ],
  },
  moduleNameMapper: {
    '^src/(.*)$': '<rootDir>/src/$1',
    '^@turnout/common/(.*)$': '<rootDir>/libs/common/src/$1',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // On PostgreSQL each worker has a database of its own (see global-setup).
  setupFiles: ['<rootDir>/test/support/worker-database.ts'],
  // Two workers at least: jest's default on two cores is one, but the suites wait on the database
  // and child processes much of the time; two halve the run there (10 min -> 5 on PostgreSQL).
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // A guard against hangs, not a speed check (the benchmark measures speed): booting a fresh
  // embedded database runs every migration, over a minute on a busy two-core machine.
  testTimeout: 180_000,
};
