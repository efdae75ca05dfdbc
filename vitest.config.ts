import { defineConfig } from "vitest/config";

// Lambda runs Node 22/24; this machine runs Node 20, which the SDK warns about on every client. Expected here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// Metrics are asserted through spies; their EMF lines would only flood the test output.
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";

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
