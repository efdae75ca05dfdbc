/**
 * The referral code item (CODE#code / CODE, `referralCodeItemSchema` in shared/schemas/items.ts) as
 * resolving a code reads it: the code, its owner, its program and its status, all that the redirect and
 * the attribution decide on. Written with zod/mini for the redirect's bundle; the referral store and the
 * click aggregator, which read the counters, parse the item in full. test/unit/mini-schemas.test.ts
 * checks that this view accepts and refuses what the full schema does on the fields it reads.
 */
import "./zod-mini-locale.ts";
import * as z from "zod/mini";
import { accountIdSchema, programIdSchema } from "./common-mini.ts";

export const resolvedCodeSchema = z.object({
  code: z.string(),
  accountId: accountIdSchema,
  programId: programIdSchema,
  status: z.enum(["active", "disabled"]),
});

export type ResolvedCode = z.infer<typeof resolvedCodeSchema>;
