/**
 * Random requests at every HTTP route of infra/catalog.ts whose handler is implemented, through the
 * real `handler` exports wired from the environment (as in Lambda), on DynamoDB Local. Whatever the
 * method, path, headers, cookies, query, body or token: a response with a status, never a 5xx. The
 * redirect routes must always answer 302 to one of the operator's hosts.
 */

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functionSpecs, type HttpRouteSpec, httpRoutes } from "../../infra/catalog.ts";
import { localAwsEnvironment } from "../../scripts/lib/dynamodb-local.ts";
import { type RunningLocalSqs, startLocalSqs } from "../../scripts/lib/local-sqs.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { createReferralStore } from "../../shared/data/referral-store.ts";
import { systemClock } from "../../shared/domain/clock.ts";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import { cryptoRandomBytes } from "../../shared/domain/referral-code.ts";
import { ensureReferralLink } from "../../shared/use-cases/ensure-referral-link.ts";
import { writeWidget } from "../../widget/build.ts";
import { createTestTable } from "../support/dynamodb.ts";
import { type HttpHandler, httpEvent, invoke, type TestPrincipal } from "../support/http-events.ts";

const runsPerRoute = Number(process.env.FUZZ_RUNS_PER_ROUTE ?? 60);
const placeholderMarker = "not implemented yet";
const repositoryRoot = new URL("../../", import.meta.url);

const knownAccountId = "fuzz-referrer";
let knownCode = "";
const handlers = new Map<string, HttpHandler>();
let sqs: RunningLocalSqs;

const widgetDirectory = mkdtempSync(join(tmpdir(), "referral-ledger-fuzz-widget-"));
const widgetScriptFile = join(widgetDirectory, "referral-dashboard.js");

afterAll(async () => {
  await sqs?.stop();
  rmSync(widgetDirectory, { recursive: true, force: true });
});

beforeAll(async () => {
  const table = await createTestTable("fuzz");
  sqs = await startLocalSqs({ port: 0, visibilityTimeoutSeconds: 30 });
  // The handlers build their dependencies from the environment when their module loads, as in Lambda.
  Object.assign(process.env, localAwsEnvironment, {
    TABLE_NAME: table.tableName,
    HASH_SALT: "fuzz-salt",
    REFERRAL_LINK_BASE_URL: "https://go.example.com",
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    // The local SQS the local stack runs: a request that reaches a send (an invite) sends.
    OUTBOUND_QUEUE_URL: sqs.queueUrls.outbound,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    // The widget's script, built as the local stack builds it (in AWS it is packaged beside the get-widget handler).
    WIDGET_SCRIPT_FILE: widgetScriptFile,
  });
  await writeWidget(widgetScriptFile);
  const tableContext = { documentClient: table.documentClient, tableName: table.tableName };
  await createOperatorConfigStore(tableContext, systemClock).save(demoOperatorConfig);
  const linkDependencies = { referralStore: createReferralStore(tableContext), clock: systemClock, randomBytes: cryptoRandomBytes };
  knownCode = (await ensureReferralLink(linkDependencies, knownAccountId, "ex2-credit")).link.code;

  for (const spec of functionSpecs) {
    if (!httpRoutes.some((route) => route.functionName === spec.name)) continue;
    const entryUrl = new URL(spec.entry, repositoryRoot);
    if (readFileSync(entryUrl, "utf8").includes(placeholderMarker)) continue;
    const module = (await import(/* @vite-ignore */ entryUrl.href)) as { handler: HttpHandler };
    handlers.set(spec.name, module.handler);
  }
});

const nastyStrings = [
  "",
  " ",
  "/",
  "//evil.com",
  "/\\evil.com",
  "\\\\evil.com",
  "%2F%2Fevil.com",
  "%252F%252Fevil.com",
  "https://evil.com",
  "@evil.com",
  "..",
  "../../etc/passwd",
  "%00",
  "\u0000",
  "a\r\nb: c",
  "%",
  "%ZZ",
  "ü😀",
  "<script>",
  "' OR 1=1 --",
  "x".repeat(2_000),
  "ck_ABCD2345_01JPB8V0K3ABCDEFGHJKMNPQRS",
  "__proto__",
  "constructor",
  "null",
  "true",
  "-1",
  "1e309",
];

const text = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);

function parameterValue(name: string): fc.Arbitrary<string> {
  const known =
    name === "code"
      ? [knownCode, knownCode.toLowerCase(), "ZZZZZZZZ"]
      : name === "accountId"
        ? [knownAccountId, "fuzz-other"]
        : name === "path"
          ? ["pricing", "a/b/c", "docs/a b"]
          : [];
  return known.length > 0 ? fc.oneof(fc.constantFrom(...known), text) : text;
}

const principal: fc.Arbitrary<TestPrincipal | undefined> = fc.oneof(
  fc.constant<TestPrincipal>({ kind: "anonymous" }),
  fc.constant<TestPrincipal>({ kind: "operator" }),
  fc.constant<TestPrincipal>({ kind: "account", accountId: knownAccountId }),
  text.map((accountId): TestPrincipal => ({ kind: "account", accountId })),
  fc.constant(undefined),
);

const weirdClaims = fc.option(
  fc.dictionary(
    fc.constantFrom("sub", "scope", "scp", "aud", "exp"),
    fc.oneof(text, fc.integer(), fc.array(text, { maxLength: 3 }), fc.constant(null)),
  ),
  { nil: undefined },
);

const query = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(
    fc.oneof(fc.constantFrom("programId", "gclid", "utm_medium", "ref_click", "limit", "cursor", "kind", "periodId"), text),
    text,
    { maxKeys: 4 },
  ),
  text,
);

const headers = fc.dictionary(
  fc.oneof(
    fc.constantFrom("user-agent", "cookie", "x-forwarded-proto", "content-type", "host", "authorization", "content-length"),
    fc.string({ minLength: 1, maxLength: 20 }),
  ),
  text,
  { maxKeys: 4 },
);

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }),
  text,
  fc.record(
    {
      refereeAccountId: fc.oneof(fc.constantFrom(knownAccountId, "fuzz-referee"), text),
      clickId: fc.oneof(fc.constant(`ck_${knownCode}_01JPB8V0K3ABCDEFGHJKMNPQRS`), text),
      code: fc.oneof(fc.constant(knownCode), text),
      email: fc.oneof(fc.constant("fuzz@example.org"), text),
      phone: fc.oneof(fc.constant("+420601234567"), text),
      locale: fc.oneof(fc.constant("cs-CZ"), text),
      paymentFingerprint: text,
      programId: fc.oneof(fc.constantFrom("ex2-credit", "t2-invite"), text),
      // POST /quotes
      accountId: fc.oneof(fc.constantFrom(knownAccountId, "operator"), text),
      date: fc.oneof(fc.constantFrom("2026-03-14", "2026-02-30"), text),
      lines: fc.oneof(
        fc.array(
          fc.record(
            {
              sku: fc.oneof(fc.constant("pbx-seat"), text),
              category: fc.oneof(fc.constantFrom("pbx", "sms_package"), text),
              quantity: fc.oneof(fc.integer({ min: -1, max: 1_000_001 }), fc.double(), text),
              unitListPriceMinor: fc.oneof(fc.integer({ min: -1, max: 100_000_000_001 }), fc.double(), text),
              currency: fc.oneof(fc.constantFrom("EUR", "CZK"), text),
              unitPurchaseCostMinor: fc.oneof(fc.integer({ min: -1, max: 100_000_000_001 }), text),
              payerAccountId: fc.oneof(fc.constantFrom(knownAccountId, "operator"), text),
            },
            { requiredKeys: ["sku", "category", "quantity", "unitListPriceMinor", "currency"] },
          ),
          { maxLength: 4 },
        ),
        text,
      ),
    },
    { requiredKeys: [] },
  ),
  fc.constant("x".repeat(20_000)),
);

function requestFor(route: HttpRouteSpec) {
  const names = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((match) => match[1]!);
  return fc.record({
    method: fc.oneof(
      { weight: 4, arbitrary: fc.constant(route.method) },
      { weight: 1, arbitrary: fc.constantFrom("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS") },
    ),
    pathParameters: fc.record(Object.fromEntries(names.map((name) => [name, parameterValue(name)]))) as fc.Arbitrary<
      Record<string, string>
    >,
    query,
    headers,
    cookies: fc.option(
      fc.array(
        fc.oneof(
          text,
          text.map((value) => `ref=${value}`),
          fc.constant(`ref=ck_${knownCode}_01JPB8V0K3ABCDEFGHJKMNPQRS`),
        ),
        { maxLength: 3 },
      ),
      { nil: undefined },
    ),
    body,
    isBase64Encoded: fc.boolean(),
    principal,
    claims: weirdClaims,
    domainName: fc.oneof(fc.constantFrom("go.example.com", "localhost:4000", "abc.execute-api.eu-central-1.amazonaws.com"), text),
    sourceIp: fc.oneof(fc.constantFrom("203.0.113.9", "2001:db8::1"), text),
    userAgent: fc.oneof(fc.constant(undefined), fc.constant(null), text, fc.constantFrom("facebookexternalhit/1.1", "curl/8.0")),
  });
}

describe("random requests at every implemented route", () => {
  it.each(httpRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    "%s answers 2xx, 3xx or 4xx, never 5xx",
    async (_name, route) => {
      const handler = handlers.get(route.functionName);
      if (!handler) return; // still a placeholder: its owner has not landed it yet
      const allowedHosts = demoOperatorConfig.site.allowedHosts;
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (request) => {
          const path = route.path.replace(/\{([A-Za-z0-9_]+)\+?\}/g, (_match, name: string) => request.pathParameters[name] ?? "");
          const event = httpEvent({
            method: request.method,
            route: route.path,
            path,
            pathParameters: request.pathParameters,
            ...(request.query !== undefined ? { query: typeof request.query === "string" ? request.query : request.query } : {}),
            headers: request.headers,
            ...(request.cookies ? { cookies: request.cookies } : {}),
            ...(request.body !== undefined ? { body: request.body } : {}),
            isBase64Encoded: request.isBase64Encoded,
            ...(request.principal ? { principal: request.principal } : {}),
            ...(request.claims ? { claims: request.claims } : {}),
            domainName: request.domainName,
            sourceIp: request.sourceIp,
            ...(request.userAgent !== undefined ? { userAgent: request.userAgent } : {}),
          });
          const response = await invoke(handler, event);
          expect(response, "a response").toBeDefined();
          expect(typeof response.statusCode, "a status").toBe("number");
          expect(
            response.statusCode,
            JSON.stringify({ status: response.statusCode, body: response.body?.slice(0, 300) }),
          ).toBeGreaterThanOrEqual(200);
          expect(response.statusCode, JSON.stringify({ status: response.statusCode, body: response.body?.slice(0, 300) })).toBeLessThan(
            500,
          );
          if (route.functionName === "redirect") {
            expect(response.statusCode).toBe(302);
            const location = new URL(String(response.headers?.location));
            expect(allowedHosts).toContain(location.hostname);
            expect(location.protocol).toBe("https:");
          }
        }),
        { numRuns: runsPerRoute },
      );
    },
  );
});
