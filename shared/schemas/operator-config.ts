/**
 * The operator's configuration: its site, its time zone and every program it runs. Program rules are
 * data validated here, never special code: the five presets in shared/domain/program-presets.ts are
 * instances of this schema.
 */
import * as z from "zod";
import { widgetLimits } from "../limits.ts";
import { isExactOrigin, isValidTimeZone } from "../validators.ts";
import { amountMinorSchema, categorySchema, currencySchema, programIdSchema, rateBpsSchema } from "./common.ts";

export const rewardRecurrenceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("first_payment") }).describe("Only the referred customer's first paid invoice or recharge earns."),
  z
    .object({ kind: z.literal("months"), months: z.number().int().min(1).max(120) })
    .describe("Payments within N months of the first one earn."),
  z.object({ kind: z.literal("lifetime") }).describe("Every payment earns, for life."),
]);

export const rewardRuleSchema = z.strictObject({
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

/** One step of the rate ladder: from this many active referred customers in the period, this rate. */
export const commissionTierSchema = z.strictObject({
  minActiveCustomers: z.number().int().min(1).max(10_000_000),
  rateBps: rateBpsSchema,
});

/** Withdrawal of settled commission in one currency: allowed when the available balance strictly exceeds the threshold. */
export const payoutThresholdSchema = z.strictObject({
  currency: currencySchema,
  /** "Exceeds 100 EUR" is 10000: 100.00 is refused, 100.01 allowed. */
  exceedsMinor: amountMinorSchema,
});

/**
 * How a commission program settles and pays out (Zadarma): read by the semi-monthly settlement and by
 * withdrawals. The whole period is paid at the rate in force at settlement: an individual per-partner
 * rate set by the operator, else the highest tier of the ladder the period's active referred customers
 * reach, else the commission rule's own rate (the floor).
 */
export const commissionSettlementSchema = z.strictObject({
  /** Commission younger than this at the run stays pending: a period is settled by the first run at least this long after it closed. */
  holdDays: z.number().int().min(0).max(180).default(0),
  /** Ascending by minActiveCustomers; empty: every period is paid at the rule's rate. */
  tiers: z.array(commissionTierSchema).max(20).default([]),
  payout: z.strictObject({
    /** The currencies a partner may withdraw in, each with its threshold; others have no payout policy. */
    thresholds: z.array(payoutThresholdSchema).min(1).max(20),
    /** Whether a referral contract must be on file before a withdrawal. */
    contractRequired: z.boolean(),
  }),
});

const discountMonthsSchema = z.number().int().min(1).max(120);

/**
 * The referee's discount (t2: 20 % for 3 months): it starts on the first day after the referee's promo
 * period ends, or on the day the code was activated when there is no promo period (or it ended before),
 * and applies to every invoice line except the excluded categories (shared/domain/discounts.ts).
 */
export const refereeDiscountSchema = z.strictObject({
  rateBps: rateBpsSchema.min(1),
  months: discountMonthsSchema,
  /** Invoice line categories the discount never applies to (t2: SMS packages). */
  excludedCategories: z.array(categorySchema).max(50).default([]),
});

/** A package granted once per streak when the streak reaches this many referrals (t2: 1,200 SMS at 3, 3,200 SMS at 5). */
export const streakBonusSchema = z.strictObject({
  atCount: z.number().int().min(1).max(1_000),
  /** The billing system's product the package is (sent with bonus.granted). */
  sku: z.string().min(1).max(64),
  description: z.string().min(1).max(200),
});

/**
 * The referrer's stacked discount (t2's table): a streak is the run of referrals while the discount is
 * active. The first referral gives `firstRateBps` for `validityMonthsByCount[0]` months; each further
 * referral while it is active sets the rate to min(capBps, previous + stepBps) and the end to the
 * referral's day plus the validity for the streak's new count (`validityMonthsByCount[count - 1]`,
 * `validityMonthsBeyond` past the table). When the discount ends the streak ends.
 */
export const referrerDiscountSchema = z.strictObject({
  firstRateBps: rateBpsSchema.min(1),
  stepBps: rateBpsSchema,
  capBps: rateBpsSchema.min(1),
  /** Months of validity for the 1st, 2nd, … referral of a streak (t2: 3, 6, 12, 12, 12); never shorter than the one before. */
  validityMonthsByCount: z.array(discountMonthsSchema).min(1).max(50),
  /** Months of validity for every referral past the table (t2: 12). */
  validityMonthsBeyond: discountMonthsSchema,
  bonuses: z.array(streakBonusSchema).max(20).default([]),
  excludedCategories: z.array(categorySchema).max(50).default([]),
});

/** The discounts a program grants (t2). Either part may be absent. */
export const programDiscountsSchema = z
  .strictObject({
    referee: refereeDiscountSchema.optional(),
    referrer: referrerDiscountSchema.optional(),
  })
  .superRefine((discounts, context) => {
    const referrer = discounts.referrer;
    if (!referrer) return;
    if (referrer.firstRateBps > referrer.capBps)
      context.addIssue({ code: "custom", path: ["referrer", "firstRateBps"], message: "at most capBps" });
    const validity = [...referrer.validityMonthsByCount, referrer.validityMonthsBeyond];
    // The end of a streak is its latest referral's day plus the validity of its count only when validity never shrinks.
    if (validity.some((months, at) => at > 0 && months < (validity[at - 1] ?? 0)))
      context.addIssue({ code: "custom", path: ["referrer", "validityMonthsByCount"], message: "never shorter than the count before" });
    const counts = referrer.bonuses.map((bonus) => bonus.atCount);
    if (new Set(counts).size !== counts.length)
      context.addIssue({ code: "custom", path: ["referrer", "bonuses"], message: "one bonus per count" });
  });

/** What an application to a partner program may carry (docs/partners.md): each field the program asks for is required or optional. */
export const applicationFieldNames = ["companyName", "registrationId", "website", "expectedServices", "note"] as const;
export type ApplicationFieldName = (typeof applicationFieldNames)[number];
const fieldRequirementSchema = z.enum(["required", "optional"]);

/**
 * A partner level (ACTIVE 24's "Program spolupráce"): the discount an approved partner gets while it
 * meets every condition, measured from the billing system's events (docs/partners.md, "Levels").
 */
export const partnerLevelSchema = z.strictObject({
  levelId: programIdSchema,
  name: z.string().min(1).max(100),
  /** The level's discount on every quote line the partner pays for (the payer rule), except the excluded categories. */
  rateBps: rateBpsSchema,
  excludedCategories: z.array(categorySchema).max(50).default([]),
  /** Every condition must hold; none: the level every approved partner has. */
  conditions: z
    .strictObject({
      /** At least this many services (domains, hosting plans) active on the verification's day with the partner as their payer. */
      activeServicesAsPayerMin: z.number().int().min(1).max(1_000_000).optional(),
      /**
       * At least this much paid by the partner as the payer of invoices in the 12 operator-local calendar months before
       * the verification's month, net of their refunds and chargebacks, in this currency (docs/partners.md, "Levels").
       */
      paidRevenueMin: z.strictObject({ currency: currencySchema, amountMinor: amountMinorSchema.min(1) }).optional(),
    })
    .default({}),
});

/** A level's conditions as numbers to compare (absent: 0), in the order levels must ascend. */
function conditionFiguresOf(level: z.infer<typeof partnerLevelSchema>): number[] {
  return [level.conditions.activeServicesAsPayerMin ?? 0, level.conditions.paidRevenueMin?.amountMinor ?? 0];
}

/**
 * A partner program that accounts apply to (ACTIVE 24): the fields an application carries, when a
 * rejected account may apply again, and whether an application is approved without the operator.
 * Only an approved partner is a partner of the program (shared/data/partner-store.ts `isApprovedPartner`).
 */
export const partnerProgramSchema = z.strictObject({
  /** The fields the application form asks for; a field not listed is refused. At least one. */
  applicationFields: z
    .strictObject({
      /** The partner's company name. */
      companyName: fieldRequirementSchema.optional(),
      /** The company's registration or VAT id (normalized: upper case, no spaces, dots, dashes or slashes). */
      registrationId: fieldRequirementSchema.optional(),
      /** The partner's website (http or https URL). */
      website: fieldRequirementSchema.optional(),
      /** The number of domains or services the partner expects to manage. */
      expectedServices: fieldRequirementSchema.optional(),
      /** Free text for the operator. */
      note: fieldRequirementSchema.optional(),
    })
    .refine((fields) => Object.keys(fields).length > 0, "at least one field"),
  /** When a rejected account may apply again: at once, from the operator-local day N days after the rejection, or never. */
  reapplyAfterRejection: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("immediately") }),
    z.strictObject({ kind: z.literal("after_days"), days: z.number().int().min(1).max(3650) }),
    z.strictObject({ kind: z.literal("never") }),
  ]),
  /** Approve every valid application at once (reason `auto_approved`). Default false: the operator decides each one. */
  autoApprove: z.boolean().default(false),
  /**
   * The levels, lowest first: a partner is at the last level whose conditions it meets, verified at approval, every month
   * and on demand. Absent or empty: approved partners get no discount from the program.
   */
  levels: z
    .array(partnerLevelSchema)
    .max(20)
    .default([])
    .superRefine((levels, context) => {
      const ids = levels.map((level) => level.levelId);
      if (new Set(ids).size !== ids.length) context.addIssue({ code: "custom", message: "one entry per levelId" });
      const figures = levels.map(conditionFiguresOf);
      // Lowest first: a higher level asks for at least as much in every condition and more in one, so "the last level
      // met" is the best one a partner qualifies for.
      const ascends = (higher: number[], lower: number[]) =>
        higher.every((figure, at) => figure >= (lower[at] ?? 0)) && higher.some((figure, at) => figure > (lower[at] ?? 0));
      if (figures.some((higher, at) => at > 0 && !ascends(higher, figures[at - 1] ?? [])))
        context.addIssue({
          code: "custom",
          message:
            "ascending by conditions (lowest level first): each level asks for at least as much as the one before in activeServicesAsPayerMin and paidRevenueMin, and more in one",
        });
      const currencies = new Set(levels.flatMap((level) => level.conditions.paidRevenueMin?.currency ?? []));
      if (currencies.size > 1) context.addIssue({ code: "custom", message: "one currency for every level's conditions.paidRevenueMin" });
    }),
});

/**
 * A program holds only settings that code reads. Blocks for mechanics not built yet come back with the
 * issue that implements them; until then a configuration that carries one is refused (strict objects), so no
 * operator believes a setting is in force when nothing reads it.
 */
export const programSchema = z.strictObject({
  programId: programIdSchema,
  name: z.string().min(1).max(100),
  status: z.enum(["active", "paused"]),
  attribution: z.strictObject({
    /** Referral links (/r/{code}) count clicks and attribute sign-ups. */
    links: z.boolean(),
    /** Invite codes may be entered within this many months after registration (t2: 1). Absent: at sign-up only. */
    codeEntryWindowMonths: z.number().int().min(1).max(24).optional(),
    /**
     * A link click attributes a sign-up only within this many days (24 h each) of the click id's time,
     * enforced on the server whatever the cookie's lifetime; an older click id is refused
     * (click_window_expired). The presets say 90: the operator's to edit.
     */
    clickWindowDays: z.number().int().min(1).max(3650).default(90),
  }),
  rewards: z.array(rewardRuleSchema).max(20).default([]),
  /** Settlement and payout of the program's commission rule; required when it has one. */
  commission: commissionSettlementSchema.optional(),
  /** Referee and referrer discounts (t2), decided when a code referral is created and kept by the daily schedule. */
  discounts: programDiscountsSchema.optional(),
  /** Applications to become a partner of the program (ACTIVE 24); absent: nobody applies to it. */
  partnerProgram: partnerProgramSchema.optional(),
});

const hostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, "a lower-case host name");

export const operatorConfigSchema = z
  .strictObject({
    operatorId: programIdSchema,
    name: z.string().min(1).max(100),
    timeZone: z.string().refine(isValidTimeZone, "an IANA time zone such as Europe/Prague"),
    site: z.strictObject({
      /** Home page; unknown or disabled codes land here. */
      baseUrl: z.url({ protocol: /^https?$/ }),
      /** The only hosts a redirect may reach. */
      allowedHosts: z.array(hostSchema).min(1).max(50),
      /** Set the referral cookie when the redirect host is this domain or under it. */
      cookieDomain: hostSchema.optional(),
    }),
    defaultProgramId: programIdSchema,
    programs: z.array(programSchema).min(1).max(50),
    /**
     * The embeddable dashboard (`<referral-dashboard>`, docs/widget.md). `allowedOrigins`: the pages that may embed it, as
     * browsers send them in `Origin` (`https://www.example.com`, no path or trailing slash). The API answers CORS for these
     * only (the stack's CORS configuration is built from it at deploy), and a widget token is exchanged only from one of them.
     * Absent or empty: no page may embed the widget.
     */
    widget: z
      .strictObject({
        allowedOrigins: z
          .array(z.string().refine(isExactOrigin, "an origin such as https://www.example.com (scheme, host, port; no path)"))
          .max(widgetLimits.allowedOriginsMax)
          .default([]),
      })
      .optional(),
  })
  .superRefine((config, context) => {
    const ids = new Set<string>();
    config.programs.forEach((program, index) => {
      const commissionRules = program.rewards.filter((rule) => rule.payoutAs === "commission");
      // Settlement re-rates one rule's base; a second commission rule would have no rate of its own at settlement.
      if (commissionRules.length > 1)
        context.addIssue({ code: "custom", path: ["programs", index, "rewards"], message: "at most one commission rule per program" });
      if (commissionRules.length > 0 && !program.commission)
        context.addIssue({
          code: "custom",
          path: ["programs", index, "commission"],
          message: "required with a commission rule",
        });
      if (commissionRules.length === 0 && program.commission)
        context.addIssue({
          code: "custom",
          path: ["programs", index, "commission"],
          message: "only with a commission rule",
        });
      const tiers = program.commission?.tiers ?? [];
      if (tiers.some((tier, at) => at > 0 && tier.minActiveCustomers <= (tiers[at - 1]?.minActiveCustomers ?? 0)))
        context.addIssue({
          code: "custom",
          path: ["programs", index, "commission", "tiers"],
          message: "ascending by minActiveCustomers",
        });
      const currencies = program.commission?.payout.thresholds.map((threshold) => threshold.currency) ?? [];
      if (new Set(currencies).size !== currencies.length)
        context.addIssue({
          code: "custom",
          path: ["programs", index, "commission", "payout", "thresholds"],
          message: "one threshold per currency",
        });
    });
    for (const program of config.programs) {
      if (ids.has(program.programId))
        context.addIssue({ code: "custom", path: ["programs"], message: `duplicate programId ${program.programId}` });
      ids.add(program.programId);
    }
    if (!ids.has(config.defaultProgramId))
      context.addIssue({ code: "custom", path: ["defaultProgramId"], message: "must name one of the programs" });
    // superRefine runs after a failed check too: an unparsable base URL already has its issue.
    if (!URL.canParse(config.site.baseUrl)) return;
    const baseHost = new URL(config.site.baseUrl).hostname;
    if (!config.site.allowedHosts.includes(baseHost))
      context.addIssue({ code: "custom", path: ["site", "allowedHosts"], message: `must include the base URL's host ${baseHost}` });
  });

export type RewardRule = z.infer<typeof rewardRuleSchema>;
export type CommissionSettlement = z.infer<typeof commissionSettlementSchema>;
export type CommissionTier = z.infer<typeof commissionTierSchema>;
export type Program = z.infer<typeof programSchema>;
export type RefereeDiscountRules = z.infer<typeof refereeDiscountSchema>;
export type ReferrerDiscountRules = z.infer<typeof referrerDiscountSchema>;
export type StreakBonus = z.infer<typeof streakBonusSchema>;
export type PartnerProgram = z.infer<typeof partnerProgramSchema>;
export type PartnerLevel = z.infer<typeof partnerLevelSchema>;
export type OperatorConfig = z.infer<typeof operatorConfigSchema>;
export type OperatorConfigInput = z.input<typeof operatorConfigSchema>;
