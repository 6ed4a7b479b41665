/** Jest runs TypeScript through swc (decorators + metadata for type-graphql). Reporters are explicit (see dependencies.md P9). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  setupFiles: ["reflect-metadata"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", {
      jsc: {
        parser: { syntax: "typescript", decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: "es2022",
      },
      module: { type: "commonjs" },
    }],
  },
  testTimeout: 30000,
  reporters: ["default", "<rootDir>/test/support/ci-summary-reporter.js"],
};
