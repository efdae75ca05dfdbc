/**
 * The redirect parses with zod/mini (its bundle carries no full zod): its views of stored items and
 * of the operator configuration, their building blocks, and its own request and environment schemas.
 * Each must accept and refuse exactly what the full schema it stands for does, on the fields it reads,
 * and give the same values and messages.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as full from "zod";
import { runtimeConfig } from "../../shared/config.ts";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import { limits } from "../../shared/limits.ts";
import * as fullCommon from "../../shared/schemas/common.ts";
import * as miniCommon from "../../shared/schemas/common-mini.ts";
import { referralCodeItemSchema } from "../../shared/schemas/items.ts";
import { operatorConfigSchema } from "../../shared/schemas/operator-config.ts";
import { redirectPathSchema, redirectQuerySchema } from "../../shared/schemas/redirect.ts";
import { redirectConfigSchema } from "../../shared/schemas/redirect-config.ts";
import { resolvedCodeSchema } from "../../shared/schemas/resolved-code.ts";

interface Parser {
  safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: readonly { message: string; path: PropertyKey[] }[] } };
}

function verdicts(schema: Parser, value: unknown) {
  const parsed = schema.safeParse(value);
  return { success: parsed.success, messages: parsed.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [] };
}

/** Strings over an alphabet that straddles the building blocks' rules (case, digits, punctuation, lengths at the bounds). */
const ruleStraddlingStrings = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", "Z", "0", "9", "-", ".", "_", ":", "@", " ", "/", "é"), maxLength: 140 }),
  fc.constantFrom("", "a", "-a", "a".repeat(64), "a".repeat(65), "a".repeat(128), "a".repeat(129)),
);

describe("the zod/mini building blocks (shared/schemas/common-mini.ts)", () => {
  it.each([
    ["accountIdSchema", fullCommon.accountIdSchema, miniCommon.accountIdSchema],
    ["programIdSchema", fullCommon.programIdSchema, miniCommon.programIdSchema],
  ] as const)("%s accepts and refuses what common.ts's does, with the same messages", (_name, fullSchema, miniSchema) => {
    fc.assert(
      fc.property(fc.oneof(ruleStraddlingStrings, fc.anything()), (value) => {
        expect(verdicts(miniSchema, value)).toEqual(verdicts(fullSchema, value));
      }),
      { numRuns: 500 },
    );
  });
});

describe("the resolved code (shared/schemas/resolved-code.ts), the click store's view of the code item", () => {
  const item = {
    pk: "CODE#ABC123",
    sk: "CODE",
    entityType: "ReferralCode",
    code: "ABC123",
    accountId: "acct-1",
    programId: "ex2-credit",
    status: "active",
    createdAt: "2026-03-01T10:00:00.000Z",
    clickCount: 3,
  };
  const project = (value: Record<string, unknown>) => ({
    code: value.code,
    accountId: value.accountId,
    programId: value.programId,
    status: value.status,
  });

  it.each([
    ["a stored item", {}],
    ["a disabled code", { status: "disabled" }],
    ["an unknown status", { status: "paused" }],
    ["no owner", { accountId: undefined }],
    ["a malformed owner", { accountId: "acct 1" }],
    ["a malformed program", { programId: "Ex2" }],
    ["a numeric code", { code: 123 }],
  ])("agrees with the full schema on %s, and reads the same values", (_case, change) => {
    const value = { ...item, ...change };
    const view = resolvedCodeSchema.safeParse(value);
    const whole = referralCodeItemSchema.safeParse(value);
    expect(verdicts(resolvedCodeSchema, value)).toEqual(verdicts(referralCodeItemSchema, value));
    if (view.success && whole.success) expect(view.data).toEqual(project(whole.data));
  });

  it("ignores what it does not read (the counters and createdAt are the referral store's to check)", () => {
    const value = { ...item, createdAt: "yesterday", clickCount: -1 };
    expect(referralCodeItemSchema.safeParse(value).success).toBe(false);
    expect(resolvedCodeSchema.safeParse(value).success).toBe(true);
  });
});

describe("the redirect's view of the operator configuration (shared/schemas/redirect-config.ts)", () => {
  const config = operatorConfigSchema.parse(demoOperatorConfig);
  const withSite = (site: Record<string, unknown>) => ({ ...config, site: { ...config.site, ...site } });
  const withProgram = (change: Record<string, unknown>) => ({
    ...config,
    programs: config.programs.map((program, index) => (index === 0 ? { ...program, ...change } : program)),
  });
  const baseHost = new URL(config.site.baseUrl).hostname;
  const project = (value: typeof config) => ({
    timeZone: value.timeZone,
    site: value.site,
    programs: value.programs.map((program) => ({
      programId: program.programId,
      status: program.status,
      attribution: { links: program.attribution.links },
    })),
  });

  it.each([
    ["the demo configuration", config],
    ["a paused program", withProgram({ status: "paused" })],
    ["a program without links", withProgram({ attribution: { links: false, codeEntryWindowMonths: 1 } })],
    ["an unknown program status", withProgram({ status: "stopped" })],
    ["links that are not a boolean", withProgram({ attribution: { links: "yes" } })],
    ["a malformed program id", withProgram({ programId: "Ex2 Credit" })],
    ["no programs", { ...config, programs: [] }],
    [
      "too many programs",
      { ...config, programs: Array.from({ length: 51 }, (_, index) => ({ ...config.programs[0]!, programId: `p${index}` })) },
    ],
    ["an unknown time zone", { ...config, timeZone: "Europe/Atlantis" }],
    ["no time zone", { ...config, timeZone: undefined }],
    ["a base URL that is not http(s)", withSite({ baseUrl: "ftp://example.com/" })],
    ["no allowed hosts", withSite({ allowedHosts: [] })],
    ["an upper-case allowed host", withSite({ allowedHosts: [baseHost, "Shop.Example.com"] })],
    [
      "too many allowed hosts",
      withSite({ allowedHosts: [baseHost, ...Array.from({ length: 50 }, (_, index) => `h${index}.example.com`)] }),
    ],
    ["allowed hosts without the base URL's host", withSite({ allowedHosts: ["elsewhere.example.net"] })],
    ["a malformed cookie domain", withSite({ cookieDomain: "-example.com" })],
    ["no cookie domain", withSite({ cookieDomain: undefined })],
    ["an unknown site setting", withSite({ allowedHost: [baseHost] })],
  ])("agrees with the full schema on %s, with the same messages, and reads the same values", (_case, value) => {
    const view = redirectConfigSchema.safeParse(value);
    const whole = operatorConfigSchema.safeParse(value);
    expect(view.success).toBe(whole.success);
    // The same issues on the fields the view reads; the full schema's own rules (the default program, rewards) may add others.
    const onTheView = /^(timeZone|site(\.[a-zA-Z]+(\.\d+)?)?|programs|programs\.\d+\.(programId|status|attribution\.links)): /;
    expect(verdicts(redirectConfigSchema, value).messages).toEqual(
      verdicts(operatorConfigSchema, value).messages.filter((message) => onTheView.test(message)),
    );
    if (view.success && whole.success) expect(view.data).toEqual(project(whole.data));
  });

  it("refuses a base URL that is not a URL with an issue, not an exception", () => {
    const parsed = redirectConfigSchema.safeParse(withSite({ baseUrl: "example.com" }));
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["site.baseUrl"]);
  });

  it("ignores what it does not read (rewards, names, the default program): the full schema checks them on every write", () => {
    const value = { ...withProgram({ rewards: [{ ruleId: "r1" }] }), name: "", defaultProgramId: "no-such-program" };
    expect(operatorConfigSchema.safeParse(value).success).toBe(false);
    expect(redirectConfigSchema.safeParse(value).success).toBe(true);
  });
});

describe("the redirect's request schemas (shared/schemas/redirect.ts) and the environment (shared/config.ts)", () => {
  // As they were written with full zod before the redirect moved to zod/mini.
  const fullRedirectPathSchema = full.object({
    link: full
      .string()
      .min(1)
      .max(limits.referralCodeLengthMax * 4 + limits.deepLinkPathLengthMax),
  });
  const fullRedirectQuerySchema = full.record(full.string(), full.string()).optional();
  const fullEnvironmentSchema = full.object({
    TABLE_NAME: full.string().min(1),
    OUTBOUND_QUEUE_URL: full.string().min(1).optional(),
    BILLING_EVENTS_DLQ_URL: full.string().min(1).optional(),
    HASH_SALT: full.string().min(1).optional(),
    REFERRAL_LINK_BASE_URL: full.url({ protocol: /^https?$/ }).optional(),
  });

  it.each([
    {},
    { link: "" },
    { link: "ABC123" },
    { link: "ABC123/pricing/plans" },
    { link: "A".repeat(limits.referralCodeLengthMax * 4 + limits.deepLinkPathLengthMax) },
    { link: "A".repeat(limits.referralCodeLengthMax * 4 + limits.deepLinkPathLengthMax + 1) },
    { link: 42 },
    { link: "ABC123", extra: "kept out" },
  ])("the path %j: as full zod", (value) => {
    expect(verdicts(redirectPathSchema, value)).toEqual(verdicts(fullRedirectPathSchema, value));
    expect(redirectPathSchema.safeParse(value).data).toEqual(fullRedirectPathSchema.safeParse(value).data);
  });

  it.each([undefined, {}, { utm_source: "x" }, { gclid: "1", page: "2" }, { n: 1 }, "a=b", null])("the query %j: as full zod", (value) => {
    expect(verdicts(redirectQuerySchema, value)).toEqual(verdicts(fullRedirectQuerySchema, value));
  });

  it.each([
    { TABLE_NAME: "ledger" },
    { TABLE_NAME: "" },
    {},
    { TABLE_NAME: "ledger", HASH_SALT: "" },
    { TABLE_NAME: "ledger", REFERRAL_LINK_BASE_URL: "https://r.example.com" },
    { TABLE_NAME: "ledger", REFERRAL_LINK_BASE_URL: "ftp://r.example.com" },
    { TABLE_NAME: "ledger", REFERRAL_LINK_BASE_URL: "not a url", OUTBOUND_QUEUE_URL: "" },
  ])("the environment %j: as full zod, with the same messages", (environment) => {
    const expected = fullEnvironmentSchema.safeParse(environment);
    if (expected.success) expect(runtimeConfig(environment)).toEqual(expected.data);
    else
      expect(() => runtimeConfig(environment)).toThrow(
        `invalid function environment: ${expected.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
      );
  });
});
