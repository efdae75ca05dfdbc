/**
 * Stored items of settlement (docs/ledger.md, "Settlement"): the operator's individual rates, the run
 * record, each shard's progress and the accounts that failed. Stores parse what they read with these.
 */
import * as z from "zod";
import { accountIdSchema, currencySchema, isoDateTimeSchema, programIdSchema, rateBpsSchema } from "./common.ts";
import { periodIdSchema } from "./periods.ts";

/** ACCOUNT#id / COMMISSION_RATE#program: the partner's individual rate, in force from `setAt` until replaced or removed. */
export const individualRateItemSchema = z.object({
  accountId: accountIdSchema,
  programId: programIdSchema,
  rateBps: rateBpsSchema,
  /** Why, for people (the agreement, a reference). */
  note: z.string().max(500).optional(),
  setAt: isoDateTimeSchema,
});

export const settlementTriggers = ["schedule", "on_demand"] as const;

/** SETTLEMENT#program#period / RUN. */
export const settlementRunItemSchema = z.object({
  programId: programIdSchema,
  periodId: periodIdSchema,
  firstStartedAt: isoDateTimeSchema,
  lastStartedAt: isoDateTimeSchema,
  /** The scheduled time (or the on-demand date) of the last run. */
  lastRunAt: isoDateTimeSchema,
  lastTrigger: z.enum(settlementTriggers),
  runs: z.number().int().min(1),
  shards: z.number().int().min(1),
});

/** SETTLEMENT#program#period#shard / PROGRESS. */
export const settlementProgressItemSchema = z.object({
  enqueued: z.number().int().min(0).default(0),
  listingComplete: z.boolean().default(false),
  settled: z.number().int().min(0).default(0),
  failed: z.number().int().min(0).default(0),
});

/** SETTLEMENT#program#period#shard / FAILED#account#currency. */
export const settlementFailureItemSchema = z.object({
  programId: programIdSchema,
  periodId: periodIdSchema,
  accountId: accountIdSchema,
  currency: currencySchema,
  code: z.string(),
  message: z.string(),
  failedAt: isoDateTimeSchema,
});

export type IndividualRateItem = z.infer<typeof individualRateItemSchema>;
export type SettlementRunItem = z.infer<typeof settlementRunItemSchema>;
export type SettlementProgressItem = z.infer<typeof settlementProgressItemSchema>;
export type SettlementFailureItem = z.infer<typeof settlementFailureItemSchema>;
