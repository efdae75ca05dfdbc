/**
 * The five programs of SPEC.md as data. Each is a plain `Program` value: an operator copies one into
 * its configuration and edits the numbers; no program has code of its own.
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
 * Zadarma (seed 001): 10 % of every recharge for life, accrued per half month. The ladder above the
 * 10 % floor is an example for the operator to edit: the seed says only that the rate grows with the
 * clientele.
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
  commissionTiers: {
    basis: "active_referred_customers_in_period",
    ladder: [
      { activeReferredCustomersMin: 0, rateBps: 1_000 },
      { activeReferredCustomersMin: 10, rateBps: 1_200 },
      { activeReferredCustomersMin: 25, rateBps: 1_500 },
    ],
    note: "EXAMPLE ladder, the operator's to edit: only the 10% floor comes from the seed.",
  },
  payout: { thresholdMinor: 10_000, currency: "EUR", requiresSignedContract: true },
};

/** t2 (seed 002): invite codes, 20 % off for the referee, stacked discounts for the referrer. */
export const t2InviteCodePreset: ProgramInput = {
  programId: "t2-invite",
  name: "t2 Corporate PBX invite codes",
  status: "active",
  attribution: { links: false, codeEntryWindowMonths: 1 },
  rewards: [],
  refereeDiscount: { rateBps: 2_000, months: 3, startsAt: "promo_end_or_activation", excludedCategories: ["sms_package"] },
  referrerDiscount: {
    stepRateBps: 2_000,
    rateBpsMax: 10_000,
    validityMonthsByStreakCount: [3, 6, 12, 12, 12],
    bonuses: [
      { atStreakCount: 3, sku: "sms-package-1200", description: "1,200-SMS package" },
      { atStreakCount: 5, sku: "sms-package-3200", description: "3,200-SMS package" },
    ],
    excludedCategories: ["sms_package"],
  },
};

/** Sparrow (seed 003): agencies manage linked client accounts; rewards follow paid invoices only. */
export const sparrowAgencyPreset: ProgramInput = {
  programId: "sparrow-agency",
  name: "Sparrow agency accounts",
  status: "active",
  attribution: { links: true },
  rewards: [],
  linkedAccounts: { enabled: true },
};

/** ACTIVE 24 (seed 004): resellers apply, are reviewed, and order at a level discount. */
export const active24ResellerPreset: ProgramInput = {
  programId: "active24-reseller",
  name: "ACTIVE 24 reseller program",
  status: "active",
  attribution: { links: false },
  rewards: [],
  partnerProgram: {
    requiresApplication: true,
    levels: [
      { levelId: "partner", name: "Partner", discountBps: 1_000, conditions: { activeServicesMin: 10, reviewWindowMonths: 12 } },
      {
        levelId: "premium",
        name: "Premium partner",
        discountBps: 2_000,
        conditions: { activeServicesMin: 100, paidRevenueMinorMin: 500_000, reviewWindowMonths: 12 },
      },
    ],
    priceFloor: "purchase_cost",
    discountAppliesTo: "payer",
    deposit: { enabled: true, requiresAuthorization: true },
  },
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
