/** Bodies and answers of the operator's settlement routes (docs/ledger.md, "Settlement"). */
import * as z from "zod";
import { accountIdSchema, isoDateTimeSchema, localDateSchema, programIdSchema, rateBpsSchema } from "./common.ts";
import { periodIdSchema } from "./periods.ts";
import { individualRateItemSchema, settlementFailureItemSchema, settlementRunItemSchema, settlementTriggers } from "./settlement-items.ts";

export const startSettlementRequestSchema = z.strictObject({
  date: localDateSchema.describe(
    "Settle as if the schedule fired at 00:00 of this date in the operator's time zone: 2026-11-15 settles 1–14 November (less the program's hold).",
  ),
  programId: programIdSchema.optional().describe("Only this program; absent: every program with a commission rule."),
  dryRun: z.boolean().default(false).describe("Only say which period each program would settle; nothing is written or enqueued."),
});

export const settlementRunPlanSchema = z.object({
  runAt: isoDateTimeSchema.describe("The run time the periods were computed from."),
  timeZone: z.string(),
  trigger: z.enum(settlementTriggers),
  programs: z.array(
    z.object({
      programId: programIdSchema,
      periodId: periodIdSchema,
      firstDay: localDateSchema,
      lastDay: localDateSchema,
      holdDays: z.number().int().min(0),
      runs: z.number().int().min(0).describe("How often this period was started, this run included (0 in a dry run)."),
    }),
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

export const commissionRatePathSchema = z.object({ accountId: accountIdSchema, programId: programIdSchema });

export const setCommissionRateRequestSchema = z.strictObject({
  rateBps: rateBpsSchema.describe(
    "The partner's individual rate in basis points; settlement pays the whole period at it, over the ladder.",
  ),
  note: z.string().max(500).optional().describe("Why (the agreement, a reference), for people."),
});

export const commissionRateSchema = individualRateItemSchema;

export const commissionRateRemovedSchema = z.object({ accountId: accountIdSchema, programId: programIdSchema, removed: z.literal(true) });

export type SettlementProgressResponse = z.infer<typeof settlementProgressSchema>;
