/**
 * The five programs of SPEC.md as data. Each is a plain `Program` value: an operator copies one into
 * its configuration and edits the numbers; no program has code of its own. A preset carries only the
 * settings that code reads today (see programSchema).
 */
import type { OperatorConfigInput } from "../schemas/operator-config.ts";

type ProgramInput = OperatorConfigInput["programs"][number];

/** Ex2 (seed 000): 25 % of the referred customer's first paid invoice as account credit. */
export const ex2CreditPreset: ProgramInput = {
  programId: "ex2-credit",
  name: "Ex2 referral credit",
  status: "active",
  attribution: { links: true },
  rewards: [
    {
      ruleId: "invoice-credit",
      trigger: "invoice.paid",
      rateBps: 2_500,
      payoutAs: "account_credit",
      recurrence: { kind: "first_payment" },
      excludedCategories: [],
    },
  ],
};

/**
 * Zadarma (seed 001): 10 % of every recharge for life, accrued per half month. The rate ladder by
 * clientele and the payout threshold arrive with settlement (their configuration comes with that code).
 */
export const zadarmaCommissionPreset: ProgramInput = {
  programId: "zadarma-partner",
  name: "Zadarma partner commission",
  status: "active",
  attribution: { links: true },
  rewards: [
    {
      ruleId: "recharge-commission",
      trigger: "recharge.completed",
      rateBps: 1_000,
      payoutAs: "commission",
      recurrence: { kind: "lifetime" },
      excludedCategories: [],
    },
  ],
};

/** t2 (seed 002): invite codes within a month of registration; the discounts arrive with the codes-and-discounts issue. */
export const t2InviteCodePreset: ProgramInput = {
  programId: "t2-invite",
  name: "t2 Corporate PBX invite codes",
  status: "active",
  attribution: { links: false, codeEntryWindowMonths: 1 },
  rewards: [],
};

/** Sparrow (seed 003): rewards follow paid invoices only; linked manager accounts arrive with the agency issue. */
export const sparrowAgencyPreset: ProgramInput = {
  programId: "sparrow-agency",
  name: "Sparrow agency accounts",
  status: "active",
  attribution: { links: true },
  rewards: [],
};

/** ACTIVE 24 (seed 004): partner levels, applications and deposits arrive with the reseller issue. */
export const active24ResellerPreset: ProgramInput = {
  programId: "active24-reseller",
  name: "ACTIVE 24 reseller program",
  status: "active",
  attribution: { links: false },
  rewards: [],
};

export const programPresets = [ex2CreditPreset, zadarmaCommissionPreset, t2InviteCodePreset, sparrowAgencyPreset, active24ResellerPreset];

/** The demo operator that `npm start` seeds and the tests use: all five programs at once. */
export const demoOperatorConfig: OperatorConfigInput = {
  operatorId: "demo-operator",
  name: "Demo Hosting & Telephony",
  timeZone: "Europe/Prague",
  site: {
    baseUrl: "https://www.example.com/",
    allowedHosts: ["www.example.com", "example.com", "my.example.com"],
    cookieDomain: "example.com",
  },
  defaultProgramId: "ex2-credit",
  programs: programPresets,
};
