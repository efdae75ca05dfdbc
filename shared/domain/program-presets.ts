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
  attribution: { links: true, clickWindowDays: 90 }, // the click window: the operator's to edit
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
 * Zadarma (seed 001): 10 % of every recharge for life, accrued per half month and settled on the 1st
 * and the 15th. The seed gives only the 10 % floor and says the rate grows with the clientele: the
 * ladder below is an EXAMPLE for the operator to edit (by referred customers active in the period);
 * an individual per-partner rate overrides it. Withdrawal when the available balance exceeds
 * 100.00 EUR, with a signed referral contract on file.
 */
export const zadarmaCommissionPreset: ProgramInput = {
  programId: "zadarma-partner",
  name: "Zadarma partner commission",
  status: "active",
  attribution: { links: true, clickWindowDays: 90 }, // the click window: the operator's to edit
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
  commission: {
    holdDays: 0,
    tiers: [
      { minActiveCustomers: 25, rateBps: 1_200 },
      { minActiveCustomers: 100, rateBps: 1_500 },
    ],
    payout: { thresholds: [{ currency: "EUR", exceedsMinor: 10_000 }], contractRequired: true },
  },
};

/**
 * t2 (seed 002): invite codes within a month of registration. The referee gets 20 % for 3 months from
 * the end of its promo period; the referrer's discount stacks by 20 % per referral while it is active
 * (the seed's table: 20 % 3 months, 40 % 6, 60 % 12 with a 1,200-SMS package, 80 % 12, 100 % 12 with a
 * 3,200-SMS package; 12 months beyond five). Neither applies to SMS packages.
 */
export const t2InviteCodePreset: ProgramInput = {
  programId: "t2-invite",
  name: "t2 Corporate PBX invite codes",
  status: "active",
  attribution: { links: false, codeEntryWindowMonths: 1 },
  rewards: [],
  discounts: {
    referee: { rateBps: 2_000, months: 3, excludedCategories: ["sms_package"] },
    referrer: {
      firstRateBps: 2_000,
      stepBps: 2_000,
      capBps: 10_000,
      validityMonthsByCount: [3, 6, 12, 12, 12],
      validityMonthsBeyond: 12,
      bonuses: [
        { atCount: 3, sku: "sms-package-1200", description: "1,200-SMS package" },
        { atCount: 5, sku: "sms-package-3200", description: "3,200-SMS package" },
      ],
      excludedCategories: ["sms_package"],
    },
  },
};

/** Sparrow (seed 003): rewards follow paid invoices only; linked manager accounts arrive with the agency issue. */
export const sparrowAgencyPreset: ProgramInput = {
  programId: "sparrow-agency",
  name: "Sparrow agency accounts",
  status: "active",
  attribution: { links: true, clickWindowDays: 90 }, // the click window: the operator's to edit
  rewards: [],
};

/**
 * ACTIVE 24 (seed 004): joining is not automatic: an account applies, the operator approves or rejects
 * (docs/partners.md). The seed names no form fields and no wait after a rejection: the fields below,
 * which of them are required, and the 30 days are an EXAMPLE, the operator's to edit; `autoApprove`
 * stays false (the seed: "Registrace do Partnerského programu není automatická"). The levels and their
 * rates and conditions are an EXAMPLE too: the seed names "Program spolupráce" but not its numbers.
 */
export const active24ResellerPreset: ProgramInput = {
  programId: "active24-reseller",
  name: "ACTIVE 24 reseller program",
  status: "active",
  attribution: { links: false },
  rewards: [],
  partnerProgram: {
    // The form: the operator's to edit.
    applicationFields: {
      companyName: "required",
      registrationId: "required",
      website: "optional",
      expectedServices: "required",
      note: "optional",
    },
    // The wait after a rejection: the operator's to edit.
    reapplyAfterRejection: { kind: "after_days", days: 30 },
    autoApprove: false,
    // The levels: an EXAMPLE, the operator's to edit (the seed points to its "Program spolupráce" for the real ones).
    levels: [
      { levelId: "partner", name: "Partner", rateBps: 1000, conditions: {} },
      { levelId: "partner-plus", name: "Partner Plus", rateBps: 1500, conditions: { activeServicesAsPayerMin: 50 } },
      { levelId: "partner-premium", name: "Partner Premium", rateBps: 2000, conditions: { activeServicesAsPayerMin: 200 } },
    ],
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
  // The customer area that embeds <referral-dashboard>, and the local stack's demo host page (npm start: docs/widget.md).
  widget: { allowedOrigins: ["https://my.example.com", "http://localhost:3001"] },
};
