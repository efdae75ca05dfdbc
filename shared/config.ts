/**
 * The runtime configuration of a function: read from the environment once, validated, typed. A missing
 * or malformed variable fails the cold start instead of the first request.
 *
 * infra/ sets these variables in the same helper that grants the matching permission (see
 * infra/constructs/ledger-function.ts), so names and grants cannot drift.
 *
 * zod/mini (shared/schemas/zod-mini-locale.ts): every function reads it at cold start, the redirect included.
 */
import "./schemas/zod-mini-locale.ts";
import * as z from "zod/mini";

export const environmentVariables = {
  tableName: "TABLE_NAME",
  outboundQueueUrl: "OUTBOUND_QUEUE_URL",
  billingEventsDeadLetterQueueUrl: "BILLING_EVENTS_DLQ_URL",
  /** The settlement queue: pages of accounts to settle and the accounts themselves. */
  settlementQueueUrl: "SETTLEMENT_QUEUE_URL",
  /** Salt for hashing visitor fingerprints, emails and payment fingerprints; never logged. */
  hashSalt: "HASH_SALT",
  /** Public address of the referral links (`<base>/r/<code>`): the redirect's custom domain or the API's URL. Never taken from a request. */
  referralLinkBaseUrl: "REFERRAL_LINK_BASE_URL",
  /** The request authorizer verifies JWTs of this OIDC issuer (the HTTP API's JWT authorizer's issuer) ... */
  jwtIssuer: "JWT_ISSUER",
  /** ... for these audiences, comma-separated (`aud`, or `client_id` of Amazon Cognito access tokens). */
  jwtAudience: "JWT_AUDIENCE",
  /** The local stack only: where the built widget script is (in AWS it is packaged beside the get-widget handler). */
  widgetScriptFile: "WIDGET_SCRIPT_FILE",
} as const;

const nonEmpty = () => z.string().check(z.minLength(1));

const environmentSchema = z.object({
  TABLE_NAME: nonEmpty(),
  OUTBOUND_QUEUE_URL: z.optional(nonEmpty()),
  BILLING_EVENTS_DLQ_URL: z.optional(nonEmpty()),
  SETTLEMENT_QUEUE_URL: z.optional(nonEmpty()),
  /** No default: a function that hashes must never run with a known salt (hashSaltOrThrow fails its cold start). */
  HASH_SALT: z.optional(nonEmpty()),
  REFERRAL_LINK_BASE_URL: z.optional(z.url({ protocol: /^https?$/ })),
  JWT_ISSUER: z.optional(z.url({ protocol: /^https$/ })),
  JWT_AUDIENCE: z.optional(nonEmpty()),
  WIDGET_SCRIPT_FILE: z.optional(nonEmpty()),
});

export type RuntimeConfig = z.infer<typeof environmentSchema>;

let cached: RuntimeConfig | undefined;

export function runtimeConfig(environment: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  if (!cached || environment !== process.env) {
    const parsed = environmentSchema.safeParse(environment);
    if (!parsed.success) {
      throw new Error(
        `invalid function environment: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
      );
    }
    if (environment !== process.env) return parsed.data;
    cached = parsed.data;
  }
  return cached;
}

/** REFERRAL_LINK_BASE_URL for the functions that build links: without it their cold start fails. */
export function referralLinkBaseUrlOrThrow(config: RuntimeConfig = runtimeConfig()): string {
  const baseUrl = config.REFERRAL_LINK_BASE_URL;
  if (!baseUrl)
    throw new Error(`invalid function environment: ${environmentVariables.referralLinkBaseUrl} is required to build referral links`);
  return baseUrl;
}

/**
 * HASH_SALT for the functions that hash visitors, e-mails or payment fingerprints (only they get it,
 * from the stack's secret): without it their cold start fails, never a hash with a built-in salt.
 */
export function hashSaltOrThrow(config: RuntimeConfig = runtimeConfig()): string {
  const salt = config.HASH_SALT;
  if (!salt) throw new Error(`invalid function environment: ${environmentVariables.hashSalt} is required to hash identifiers`);
  return salt;
}
