/** The operator configuration holds only settings that code reads; a block nothing reads yet is refused, not ignored. */
import { describe, expect, it } from "vitest";
import { demoOperatorConfig, programPresets, zadarmaCommissionPreset } from "../../shared/domain/program-presets.ts";
import { operatorConfigSchema, programSchema } from "../../shared/schemas/operator-config.ts";

describe("operatorConfigSchema", () => {
  it("accepts the five presets and the demo operator", () => {
    for (const preset of programPresets) expect(programSchema.safeParse(preset).success, preset.programId).toBe(true);
    expect(operatorConfigSchema.safeParse(demoOperatorConfig).success).toBe(true);
  });

  it.each([
    ["commissionTiers", { basis: "active_referred_customers_in_period", ladder: [{ activeReferredCustomersMin: 0, rateBps: 1_000 }] }],
    ["refereeDiscount", { rateBps: 2_000, months: 3 }],
    ["referrerDiscount", { stepRateBps: 2_000 }],
    ["partnerLevels", [{ levelId: "gold", minActiveServices: 100 }]],
    ["linkedAccounts", { enabled: true }],
  ])("refuses a program block no code reads yet (%s), naming it", (block, value) => {
    const parsed = programSchema.safeParse({ ...zadarmaCommissionPreset, [block]: value });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ code: "unrecognized_keys", keys: [block] })]);
  });

  it("refuses a partnerProgram block with a setting no code reads (strict), naming it", () => {
    const parsed = programSchema.safeParse({
      ...zadarmaCommissionPreset,
      partnerProgram: { applicationFields: { note: "optional" }, reapplyAfterRejection: { kind: "immediately" }, requiresContract: true },
    });
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ code: "unrecognized_keys", keys: ["requiresContract"] })]);
  });

  it("refuses a base URL that is not a URL with an issue, never a thrown TypeError", () => {
    const parsed = operatorConfigSchema.safeParse({ ...demoOperatorConfig, site: { ...demoOperatorConfig.site, baseUrl: "not a url" } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["site.baseUrl"]);
  });

  it("refuses a misspelt setting instead of running without it", () => {
    const [rule] = zadarmaCommissionPreset.rewards ?? [];
    const misspelt = { ...zadarmaCommissionPreset, rewards: [{ ...rule, excludedCategory: ["sms_package"] }] };
    expect(programSchema.safeParse(misspelt).success).toBe(false);
    const siteTypo = { ...demoOperatorConfig, site: { ...demoOperatorConfig.site, allowedHost: ["example.com"] } };
    expect(operatorConfigSchema.safeParse(siteTypo).success).toBe(false);
  });

  describe("commission settlement and payout settings", () => {
    const withZadarma = (commission: unknown, rewards = zadarmaCommissionPreset.rewards) =>
      operatorConfigSchema.safeParse({
        ...demoOperatorConfig,
        programs: demoOperatorConfig.programs.map((program) =>
          program.programId === zadarmaCommissionPreset.programId ? { ...program, commission, rewards } : program,
        ),
      });
    const messages = (parsed: ReturnType<typeof withZadarma>) =>
      parsed.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    const payout = { thresholds: [{ currency: "EUR", exceedsMinor: 10_000 }], contractRequired: true };

    it("defaults the hold to 0 days and the ladder to none", () => {
      const parsed = withZadarma({ payout });
      expect(parsed.success).toBe(true);
      expect(parsed.data?.programs.find((program) => program.commission)?.commission).toEqual({ holdDays: 0, tiers: [], payout });
    });

    it("requires them with a commission rule and refuses them without one", () => {
      expect(messages(withZadarma(undefined))).toEqual(["programs.1.commission: required with a commission rule"]);
      expect(messages(withZadarma({ payout }, []))).toEqual(["programs.1.commission: only with a commission rule"]);
    });

    it("refuses a second commission rule, a ladder out of order and two thresholds in one currency", () => {
      const [rule] = zadarmaCommissionPreset.rewards ?? [];
      expect(messages(withZadarma({ payout }, [rule, { ...rule, ruleId: "second" }] as typeof zadarmaCommissionPreset.rewards))).toEqual([
        "programs.1.rewards: at most one commission rule per program",
      ]);
      const ladder = [
        { minActiveCustomers: 50, rateBps: 1_500 },
        { minActiveCustomers: 50, rateBps: 1_600 },
      ];
      expect(messages(withZadarma({ tiers: ladder, payout }))).toEqual(["programs.1.commission.tiers: ascending by minActiveCustomers"]);
      const twice = { ...payout, thresholds: [payout.thresholds[0], { currency: "EUR", exceedsMinor: 5_000 }] };
      expect(messages(withZadarma({ payout: twice }))).toEqual(["programs.1.commission.payout.thresholds: one threshold per currency"]);
    });
  });
});
