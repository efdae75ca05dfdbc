/**
 * The operator's configuration: its site, its time zone and every program it runs. Program rules are
 * data validated here, never special code: the five presets in shared/domain/program-presets.ts are
 * instances of this schema.
 */
import * as z from "zod";
import { isValidTimeZone } from "../validators.ts";
import { amountMinorSchema, categorySchema, currencySchema, programIdSchema, rateBpsSchema } from "./common.ts";

export const rewardRecurrenceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("first_payment") }).describe("Only the referred customer's first paid invoice or recharge earns."),
  z
    .object({ kind: z.literal("months"), months: z.number().int().min(1).max(120) })
    .describe("Payments within N months of the first one earn."),
  z.object({ kind: z.literal("lifetime") }).describe("Every payment earns, for life."),
]);

export const rewardRuleSchema = z.object({
  ruleId: z.string().min(1).max(64),
  /** Which billing event earns: a paid invoice, or a completed prepaid recharge. */
  trigger: z.enum(["invoice.paid", "recharge.completed"]),
  rateBps: rateBpsSchema,
  /**
   * account_credit: posted at once as credit and sent to the billing system (Ex2).
   * commission: accrued as pending in the half-month period, made available by settlement (Zadarma).
   */
  payoutAs: z.enum(["account_credit", "commission"]),
  recurrence: rewardRecurrenceSchema,
  /** Invoice line categories that never earn. */
  excludedCategories: z.array(categorySchema).max(50).default([]),
});

export const commissionTierSchema = z.object({
  /** The rung applies when the referrer has at least this many referred customers active in the period. */
  activeReferredCustomersMin: z.number().int().min(0),
  rateBps: rateBpsSchema,
});

export const commissionTiersSchema = z
  .object({
    basis: z.literal("active_referred_customers_in_period"),
    ladder: z.array(commissionTierSchema).min(1).max(20),
    note: z.string().max(500).optional(),
  })
  .refine(
    (tiers) =>
      tiers.ladder.every(
        (rung, index, ladder) => index === 0 || rung.activeReferredCustomersMin > ladder[index - 1]!.activeReferredCustomersMin,
      ),
    {
      message: "ladder rungs must be in increasing order of activeReferredCustomersMin",
    },
  );

export const payoutPolicySchema = z.object({
  /** Withdrawal is allowed when the available balance is strictly more than this. */
  thresholdMinor: amountMinorSchema,
  currency: currencySchema,
  requiresSignedContract: z.boolean(),
});

export const refereeDiscountSchema = z.object({
  rateBps: rateBpsSchema,
  months: z.number().int().min(1).max(120),
  /** When the discount starts: after the promo period when there is one, else at code activation. */
  startsAt: z.literal("promo_end_or_activation"),
  excludedCategories: z.array(categorySchema).max(50).default([]),
});

export const referrerDiscountSchema = z.object({
  stepRateBps: rateBpsSchema,
  rateBpsMax: rateBpsSchema,
  /** Validity by the streak's count: index 0 is the first referral; the last entry applies beyond. */
  validityMonthsByStreakCount: z.array(z.number().int().min(1).max(120)).min(1).max(20),
  bonuses: z
    .array(z.object({ atStreakCount: z.number().int().min(1), sku: z.string().min(1).max(64), description: z.string().max(200) }))
    .max(20),
  excludedCategories: z.array(categorySchema).max(50).default([]),
});

export const partnerLevelSchema = z.object({
  levelId: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  discountBps: rateBpsSchema,
  conditions: z.object({
    paidRevenueMinorMin: amountMinorSchema.optional(),
    activeServicesMin: z.number().int().min(0).optional(),
    reviewWindowMonths: z.number().int().min(1).max(36).optional(),
  }),
});

export const partnerProgramSchema = z.object({
  requiresApplication: z.boolean(),
  levels: z.array(partnerLevelSchema).min(1).max(20),
  /** A discount never takes a price below the operator's purchase cost. */
  priceFloor: z.literal("purchase_cost"),
  /** The discount applies only where the partner is at least the payer of the service. */
  discountAppliesTo: z.literal("payer"),
  deposit: z.object({ enabled: z.boolean(), requiresAuthorization: z.boolean() }),
});

export const programSchema = z.object({
  programId: programIdSchema,
  name: z.string().min(1).max(100),
  status: z.enum(["active", "paused"]),
  attribution: z.object({
    /** Referral links (/r/{code}) count clicks and attribute sign-ups. */
    links: z.boolean(),
    /** Invite codes may be entered within this many months after registration (t2: 1). Absent: at sign-up only. */
    codeEntryWindowMonths: z.number().int().min(1).max(24).optional(),
  }),
  rewards: z.array(rewardRuleSchema).max(20).default([]),
  commissionTiers: commissionTiersSchema.optional(),
  payout: payoutPolicySchema.optional(),
  refereeDiscount: refereeDiscountSchema.optional(),
  referrerDiscount: referrerDiscountSchema.optional(),
  partnerProgram: partnerProgramSchema.optional(),
  /** Sparrow: manager accounts act for linked client accounts. */
  linkedAccounts: z.object({ enabled: z.boolean() }).optional(),
});

const hostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, "a lower-case host name");

export const operatorConfigSchema = z
  .object({
    operatorId: programIdSchema,
    name: z.string().min(1).max(100),
    timeZone: z.string().refine(isValidTimeZone, "an IANA time zone such as Europe/Prague"),
    site: z.object({
      /** Home page; unknown or disabled codes land here. */
      baseUrl: z.url({ protocol: /^https?$/ }),
      /** The only hosts a redirect may reach. */
      allowedHosts: z.array(hostSchema).min(1).max(50),
      /** Set the referral cookie when the redirect host is this domain or under it. */
      cookieDomain: hostSchema.optional(),
    }),
    defaultProgramId: programIdSchema,
    programs: z.array(programSchema).min(1).max(50),
  })
  .superRefine((config, context) => {
    const ids = new Set<string>();
    for (const program of config.programs) {
      if (ids.has(program.programId))
        context.addIssue({ code: "custom", path: ["programs"], message: `duplicate programId ${program.programId}` });
      ids.add(program.programId);
    }
    if (!ids.has(config.defaultProgramId))
      context.addIssue({ code: "custom", path: ["defaultProgramId"], message: "must name one of the programs" });
    const baseHost = new URL(config.site.baseUrl).hostname;
    if (!config.site.allowedHosts.includes(baseHost))
      context.addIssue({ code: "custom", path: ["site", "allowedHosts"], message: `must include the base URL's host ${baseHost}` });
  });

export type RewardRule = z.infer<typeof rewardRuleSchema>;
export type Program = z.infer<typeof programSchema>;
export type OperatorConfig = z.infer<typeof operatorConfigSchema>;
export type OperatorConfigInput = z.input<typeof operatorConfigSchema>;
