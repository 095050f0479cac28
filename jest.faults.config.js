const base = require('./jest.config');

/**
 * `npm run test:faults`: the built app as real processes on PostgreSQL, through crashes, outages
 * and shutdowns. One file at a time: each runs several app processes and a load of its own.
 *
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: base.testEnvironment,
  rootDir: base.rootDir,
  roots: ['<rootDir>/test/faults'],
  testRegex: '.*\\.faults-spec\\.ts$',
  moduleFileExtensions: base.moduleFileExtensions,
  transform: base.transform,
  moduleNameMapper: base.moduleNameMapper,
  maxWorkers: 1,
  testTimeout: 180_000,
};
