/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  // The WASM schema engine and jose ship as ESM only; let the transformer compile them.
  transformIgnorePatterns: ['/node_modules/(?!(@prisma/schema-engine-wasm|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  // The example client imports its generated TypeScript as `./generated/graphql.js` (Node ESM style).
  moduleNameMapper: { '^(\\.{1,2}/generated/.*)\\.js$': '$1' },
  setupFiles: ['<rootDir>/test/support/quiet-logs.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
