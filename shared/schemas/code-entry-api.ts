/**
 * Request and response shapes of the invite-code routes (t2): entering a code after sign-up, sending an
 * invite by e-mail or SMS, and the referred clients of an account. Listed per route in
 * shared/schemas/api-routes.ts, from which the OpenAPI document is generated.
 */
import * as z from "zod";
import { limits } from "../limits.ts";
import { accountIdSchema, isoDateTimeSchema, pageQueryFields, programIdSchema } from "./common.ts";
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

// ---------- POST /accounts/{accountId}/invites ----------

/** E.164: a plus, then 8 to 15 digits, the first not 0. */
export const e164PhoneSchema = z.string().regex(/^\+[1-9][0-9]{7,14}$/, "an E.164 phone number such as +420601234567");

/** A BCP 47 language tag (en, cs-CZ, pt-BR). */
export const localeSchema = z
  .string()
  .min(2)
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag such as cs-CZ");

export const inviteRequestSchema = z
  .strictObject({
    email: z.email().max(254).optional().describe("Invite by e-mail. Exactly one of email or phone."),
    phone: e164PhoneSchema.optional().describe("Invite by SMS, in E.164. Exactly one of email or phone."),
    programId: programIdSchema.describe("The program whose invite code the message carries (t2: t2-invite)."),
    locale: localeSchema.default("en").describe("The language of the message the operator's mailer writes (default en)."),
  })
  .superRefine((body, context) => {
    if ((body.email === undefined) === (body.phone === undefined)) {
      context.addIssue({
        code: "custom",
        path: [body.email === undefined ? "email" : "phone"],
        message: "give exactly one of email or phone",
      });
    }
  });

export const inviteResponseSchema = z.object({
  inviteId: z.string().describe("The id of the `invite.requested` message (deduplicate by it)."),
  channel: z.enum(["email", "sms"]),
  programId: programIdSchema,
  code: z.string().describe("The invite code the message carries."),
  requestedAt: isoDateTimeSchema,
});

// ---------- GET /accounts/{accountId}/referrals ----------

export const referralListQuerySchema = z.object({
  ...pageQueryFields("Referred clients"),
});

export const referredClientSchema = z.object({
  clientAccountId: accountIdSchema.describe("The referred client's account id."),
  displayName: z.string().optional().describe("The name the operator gave at registration (account.registered); absent when it gave none."),
  programId: programIdSchema,
  source: z.enum(["link", "code"]).describe("How the client was referred."),
  referredAt: isoDateTimeSchema.describe("When the code was activated (`source: code`) or the link attributed (`source: link`)."),
  status: z.enum(["active", "fraudulent"]),
});

export const referralListSchema = z.object({
  accountId: accountIdSchema,
  referrals: z
    .array(referredClientSchema)
    .describe("Newest first. Read from an index: a referral made a moment ago may not be listed yet."),
  nextCursor: z.string().optional().describe("Present when there may be more."),
});

export type CodeRedemptionRequest = z.infer<typeof codeRedemptionRequestSchema>;
export type CodeRedemptionResponse = z.infer<typeof codeRedemptionResponseSchema>;
export type InviteRequest = z.infer<typeof inviteRequestSchema>;
export type InviteResponse = z.infer<typeof inviteResponseSchema>;
export type ReferralListQuery = z.infer<typeof referralListQuerySchema>;
export type ReferralList = z.infer<typeof referralListSchema>;
export type ReferredClient = z.infer<typeof referredClientSchema>;
