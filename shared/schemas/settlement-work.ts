/**
 * Work items on the settlement queue (docs/ledger.md, "Settlement"): a page of one shard of a period's
 * accounts to settle (which enqueues its accounts and the next page), or one account to settle.
 */
import * as z from "zod";
import { settlementLimits } from "../limits.ts";
import { accountIdSchema, currencySchema, programIdSchema } from "./common.ts";
import { periodIdSchema } from "./periods.ts";

const indexPositionSchema = z.record(z.string().max(300), z.string().max(300));

export const settlementPageWorkSchema = z.strictObject({
  kind: z.literal("settlement.page"),
  programId: programIdSchema,
  periodId: periodIdSchema,
  shard: z
    .number()
    .int()
    .min(0)
    .max(settlementLimits.shards - 1),
  /** Where the page starts (the last key of the page before); absent: the shard's first page. */
  after: indexPositionSchema.optional(),
  /** Accounts of this shard enqueued by the pages before. */
  enqueuedBefore: z.number().int().min(0),
});

export const settlementAccountWorkSchema = z.strictObject({
  kind: z.literal("settlement.account"),
  programId: programIdSchema,
  periodId: periodIdSchema,
  accountId: accountIdSchema,
  currency: currencySchema,
});

export const settlementWorkSchema = z.discriminatedUnion("kind", [settlementPageWorkSchema, settlementAccountWorkSchema]);

export type SettlementPageWork = z.infer<typeof settlementPageWorkSchema>;
export type SettlementAccountWork = z.infer<typeof settlementAccountWorkSchema>;
export type SettlementWork = z.infer<typeof settlementWorkSchema>;
