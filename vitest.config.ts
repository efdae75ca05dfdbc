import { defineConfig } from "vitest/config";

/**
 * One `npm test` runs everything: unit (no network), integration (DynamoDB Local, started once by the
 * global setup), infra (CDK template + cdk-nag) and end-to-end (the local stack over HTTP).
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    reporters: ["default"],
  },
});
