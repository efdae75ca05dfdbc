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
    ["payout", { thresholdMinor: 10_000, currency: "EUR", requiresSignedContract: true }],
    ["refereeDiscount", { rateBps: 2_000, months: 3 }],
    ["referrerDiscount", { stepRateBps: 2_000 }],
    ["partnerProgram", { requiresApplication: true }],
    ["linkedAccounts", { enabled: true }],
  ])("refuses a program block no code reads yet (%s), naming it", (block, value) => {
    const parsed = programSchema.safeParse({ ...zadarmaCommissionPreset, [block]: value });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ code: "unrecognized_keys", keys: [block] })]);
  });

  it("refuses a misspelt setting instead of running without it", () => {
    const [rule] = zadarmaCommissionPreset.rewards ?? [];
    const misspelt = { ...zadarmaCommissionPreset, rewards: [{ ...rule, excludedCategory: ["sms_package"] }] };
    expect(programSchema.safeParse(misspelt).success).toBe(false);
    const siteTypo = { ...demoOperatorConfig, site: { ...demoOperatorConfig.site, allowedHost: ["example.com"] } };
    expect(operatorConfigSchema.safeParse(siteTypo).success).toBe(false);
  });
});
