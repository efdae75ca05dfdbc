/**
 * How esbuild bundles a function, in one place for the stack (infra/constructs/ledger-function.ts, through
 * NodejsFunction) and the bench (bench/lib/bundle.ts, which bundles the redirect the same way to measure it).
 * No aws-cdk-lib import here: the bench loads this module.
 */
import type { FunctionSpec } from "./catalog.ts";

/** Node 24, the functions' Lambda runtime (infra/constructs/ledger-function.ts). */
export const esbuildTarget = "node24";

/**
 * ESM output needs `require` for the few CommonJS dependencies esbuild leaves as require() calls.
 * The alias avoids clashing with a bundled module's own `createRequire` import.
 */
export const esmRequireBanner =
  "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);";

/**
 * The default credential chain's fallbacks (SSO, shared profiles, credential_process, web identity
 * token file, container and instance metadata): the SDK imports each only dynamically, when the
 * environment holds no credentials, and Lambda always puts the execution role's there
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). A function that bundles the SDK leaves
 * them out (about a third of its bundle, with the STS and SSO clients they bring): should one ever be
 * needed, the dynamic import loads it from the runtime's SDK, as the other functions load all of it.
 * test/unit/redirect-import-graph.test.ts checks they stay dynamic imports.
 */
export const credentialChainFallbacks = [
  "@aws-sdk/credential-provider-sso",
  "@aws-sdk/credential-provider-ini",
  "@aws-sdk/credential-provider-process",
  "@aws-sdk/credential-provider-web-identity",
  "@aws-sdk/credential-provider-http",
  "@smithy/credential-provider-imds",
] as const;

/**
 * What esbuild leaves out of a function's bundle: the AWS SDK (the runtime ships it), unless the
 * function bundles its own; then only the credential chain's fallbacks.
 */
export function externalModulesOf(spec: Pick<FunctionSpec, "bundlesAwsSdk">): string[] {
  return spec.bundlesAwsSdk ? [...credentialChainFallbacks] : ["@aws-sdk/*"];
}
