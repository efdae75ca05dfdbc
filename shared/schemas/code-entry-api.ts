/**
 * Request and response shapes of the invite-code routes (t2): entering a code after sign-up. Listed per route in
 * shared/schemas/api-routes.ts, from which the OpenAPI document is generated.
 */
import * as z from "zod";
import { limits } from "../limits.ts";
import { programIdSchema } from "./common.ts";
import { referralItemSchema } from "./items.ts";

// ---------- POST /accounts/{accountId}/code-redemptions ----------

export const codeRedemptionRequestSchema = z.strictObject({
  code: z
    .string()
    .min(1)
    .max(limits.referralCodeLengthMax * 2)
    .describe("The invite code the client typed (case-insensitive; hyphens and spaces ignored; O reads as 0, I and L as 1)."),
  programId: programIdSchema.optional().describe("When given, only a code of this program is accepted."),
});

/** The referral as the redeeming account sees it: who referred it and since when (not whom a link had attributed it to before). */
export const redeemedReferralSchema = referralItemSchema.omit({ replacedLink: true, commissionedPeriods: true });

export const codeRedemptionResponseSchema = z.object({
  referral: redeemedReferralSchema.describe("The account's referral, now by code (`source: code`, `codeActivatedAt`)."),
  replacedLinkAttribution: z
    .boolean()
    .describe("true when the code replaced an earlier attribution by a referral link (no payment had been counted on it)."),
});

export type CodeRedemptionRequest = z.infer<typeof codeRedemptionRequestSchema>;
export type CodeRedemptionResponse = z.infer<typeof codeRedemptionResponseSchema>;
