/** Bodies and answers of the operator's settlement routes (docs/ledger.md, "Settlement"). */
import * as z from "zod";
import {
  accountIdSchema,
  currencySchema,
  customerAccountIdSchema,
  isoDateTimeSchema,
  localDateSchema,
  programIdSchema,
  rateBpsSchema,
  requestDaySchema,
} from "./common.ts";
import { periodIdSchema, settlementRateReasonSchema } from "./periods.ts";
import { individualRateItemSchema, settlementFailureItemSchema, settlementRunItemSchema, settlementTriggers } from "./settlement-items.ts";

export const startSettlementRequestSchema = z.strictObject({
  date: requestDaySchema.describe(
    "Settle as if the schedule fired at 00:00 of this date in the operator's time zone: 2026-11-15 settles 1–14 November (less the program's hold).",
  ),
  programId: programIdSchema.optional().describe("Only this program; absent: every program with a commission rule."),
  dryRun: z.boolean().default(false).describe("Only say which period each program would settle; nothing is written or enqueued."),
});

export const settlementRunPlanSchema = z.object({
  runAt: isoDateTimeSchema.describe("The run time the periods were computed from."),
  timeZone: z.string(),
  trigger: z.enum(settlementTriggers),
  programs: z
    .array(
      z.object({
        programId: programIdSchema,
        periodId: periodIdSchema,
        firstDay: localDateSchema,
        lastDay: localDateSchema,
        holdDays: z.number().int().min(0),
        runs: z.number().int().min(0).describe("How often this period was started, this run included (0 in a dry run)."),
      }),
    )
    .describe(
      "Each program and period the run settles, oldest first: usually one per program; two where a hold that is not a whole number of half months makes two periods fall due between two scheduled runs; none for a program when a scheduled run has no period of its own to settle.",
    ),
});

export const settlementPathSchema = z.object({ programId: programIdSchema, periodId: periodIdSchema });

export const settlementProgressSchema = z.object({
  programId: programIdSchema,
  periodId: periodIdSchema,
  run: settlementRunItemSchema.optional().describe("Absent: the period was never started."),
  enqueued: z.number().int().min(0).describe("Accounts (per currency) listed from the index and enqueued so far."),
  settled: z.number().int().min(0).describe("Accounts settled by this period's runs (each once)."),
  failed: z.number().int().min(0).describe("Accounts that could not be settled; `failures` says why."),
  shardsListed: z.number().int().min(0),
  shards: z.number().int().min(1),
  complete: z.boolean().describe("Every shard listed, and every enqueued account settled or failed."),
  failures: z.array(settlementFailureItemSchema).describe("Up to 50 failed accounts with their reason."),
});

export const commissionRatePathSchema = z.object({ accountId: customerAccountIdSchema, programId: programIdSchema });

export const setCommissionRateRequestSchema = z.strictObject({
  rateBps: rateBpsSchema.describe(
    "The partner's individual rate in basis points; settlement pays the whole period at it, over the ladder.",
  ),
  note: z.string().max(500).optional().describe("Why (the agreement, a reference), for people."),
});

export const commissionRateSchema = individualRateItemSchema;

export const commissionRateRemovedSchema = z.object({ accountId: accountIdSchema, programId: programIdSchema, removed: z.literal(true) });

export type SettlementProgressResponse = z.infer<typeof settlementProgressSchema>;

// ---------- GET /accounts/{accountId}/commission-rates/{programId} ----------

const rateNowSchema = z.object({
  rateBps: rateBpsSchema,
  reason: settlementRateReasonSchema,
  explanation: z.string().describe("Why that rate, in words (as statements say it)."),
});

const tierSchema = z.object({ minActiveCustomers: z.number().int().min(1), rateBps: rateBpsSchema });

export const commissionRateViewSchema = z
  .object({
    accountId: accountIdSchema,
    programId: programIdSchema,
    individualRate: z
      .object({ rateBps: rateBpsSchema, setAt: isoDateTimeSchema })
      .nullable()
      .describe("The operator's individual rate for this partner (PUT …/commission-rates/{programId}); it overrides the tiers."),
    tiers: z
      .array(tierSchema)
      .describe("The program's ladder, ascending: from this many active referred customers in a half month, this rate."),
    ruleRateBps: rateBpsSchema.describe("The program's commission rule's rate: the floor below the first tier."),
    openPeriod: z.object({
      periodId: periodIdSchema.describe("The half-month period commission accrues to now (operator time)."),
      firstDay: localDateSchema,
      lastDay: localDateSchema,
      settlesOn: localDateSchema.describe("The operator-local day of the run that settles it (after the program's holdDays)."),
      currencies: z
        .array(
          z.object({
            currency: currencySchema,
            accruedMinor: z.number().int().describe("Commission accrued in the period so far, less refunds while pending."),
            baseMinor: z.number().int().min(0).describe("The commissioned payments of the period so far, net of refunds."),
            activeCustomers: z
              .number()
              .int()
              .min(0)
              .describe("Referred customers with a commissioned payment in the period so far: the tier basis."),
            rateNow: rateNowSchema.describe("The rate the whole period would be paid at if it were settled now."),
            nextTier: tierSchema
              .nullable()
              .describe("The next tier the period can still reach; null at the top of the ladder, or with an individual rate."),
          }),
        )
        .describe(
          "One per currency the program pays out in or the period accrued in, each settled on its own (a currency without commission yet: zeros).",
        ),
    }),
  })
  .describe("A partner's commission rate in a program: the ladder, an individual rate, and where the open half month stands.");

export type CommissionRateView = z.infer<typeof commissionRateViewSchema>;
