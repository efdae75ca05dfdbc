/** Settlement periods and why a period was paid at its rate: shared by the accrual items and the outbound messages. */
import * as z from "zod";
import { isoDateTimeSchema } from "./common.ts";

export const periodIdSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-[12]$/, "a half-month period such as 2026-03-1");

/** Why settlement paid the period at its rate. */
export const settlementRateReasonSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("individual_rate"), setAt: isoDateTimeSchema }).describe("The operator's per-partner rate."),
  z
    .object({ kind: z.literal("tier"), minActiveCustomers: z.number().int().min(1) })
    .describe("The highest step of the program's ladder the period's active referred customers reach."),
  z.object({ kind: z.literal("rule_rate") }).describe("Below the first step of the ladder (or no ladder): the commission rule's own rate."),
]);
