/**
 * Request and response shapes of the referral routes (links, attribution, referral overview) and the
 * shapes every route shares (errors). Handlers parse with these; shared/schemas/api-routes.ts lists them
 * per route and the OpenAPI document is generated from that list, so the two cannot differ.
 */
// Namespace import on purpose: `import { z }` binds zod's re-exported namespace object, which keeps every locale (~250 KB) in a bundle.
import * as z from "zod";
import { limits } from "../limits.ts";
import { accountIdSchema, customerAccountIdSchema, isoDateTimeSchema, localDateSchema, programIdSchema } from "./common.ts";
import { referralItemSchema } from "./items.ts";

/** Every error body: a stable code, a message, and the fields at fault for 400s. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe("Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid."),
      message: z.string(),
      issues: z
        .array(z.object({ path: z.string().describe("The field at fault, e.g. body.refereeAccountId."), message: z.string() }))
        .optional(),
    }),
  })
  .describe("An error. Only 4xx errors carry a specific message; 5xx errors say only 'internal error'.");

/** API Gateway's own 401 and 403, answered before any function runs (the route's authorizer refused the request). */
export const gatewayErrorBodySchema = z
  .object({ message: z.enum(["Unauthorized", "Forbidden"]) })
  .describe("API Gateway's answer when the route's authorizer refuses the request: no function ran.");

/** A 401 or 403 of a route with an authorizer: API Gateway's own, or the function's (the Error shape). */
export const accessErrorBodySchema = z.union([errorBodySchema, gatewayErrorBodySchema]);

// ---------- GET /r/{link+} ----------

// In a module of their own, so the redirect function bundles none of this file's schemas; re-exported for the route registry.
export { redirectPathSchema, redirectQuerySchema } from "./redirect.ts";

// ---------- POST /attributions ----------

export const attributionRequestSchema = z
  .strictObject({
    refereeAccountId: customerAccountIdSchema.describe("The new customer's account id in the operator's system."),
    clickId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe("The click id from the `ref` cookie or the `ref_click` query parameter the sign-up page received."),
    code: z
      .string()
      .min(1)
      .max(limits.referralCodeLengthMax * 2)
      .optional()
      .describe("An invite code the new customer typed in (case-insensitive; hyphens and spaces ignored)."),
    email: z.email().max(254).optional().describe("The referee's e-mail; used only as a keyed hash, to reject self-referral."),
    paymentFingerprint: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe("A card or account fingerprint from the payment provider; used only as a keyed hash, to reject self-referral."),
    programId: programIdSchema.optional().describe("When given, the code must belong to this program."),
    attributedAt: isoDateTimeSchema
      .optional()
      .describe(
        "When the sign-up happened, for a sign-up recorded elsewhere first (a migration from another referral system, a backfill after an outage): ISO 8601 with an offset, not in the future, not before the referee's registration when an account.registered is known. Only payments at or after it earn. Default: now.",
      ),
  })
  .superRefine((body, context) => {
    if ((body.clickId === undefined) === (body.code === undefined)) {
      context.addIssue({
        code: "custom",
        path: [body.clickId === undefined ? "clickId" : "code"],
        message: "give exactly one of clickId or code",
      });
    }
  })
  .describe("A sign-up to attribute: exactly one of clickId or code.");

export const referralSchema = referralItemSchema.describe("The referral of a referee: permanent, first attribution wins.");

export const attributionResponseSchema = z.object({
  created: z
    .boolean()
    .describe("true when this request created the referral (201); false when the account was already referred (200) and nothing changed."),
  referral: referralSchema,
});

// ---------- GET /accounts/{accountId}/referral ----------

export const accountPathSchema = z.object({ accountId: accountIdSchema });
/** The path of a route about something only customers have (a referral link, referred clients, a commission rate): never `operator`. */
export const customerAccountPathSchema = z.object({ accountId: customerAccountIdSchema });

export const referralOverviewQuerySchema = z.object({
  programId: programIdSchema.optional().describe("The program; defaults to the operator's default program."),
});

export const referralStatsSchema = z.object({
  clickCount: z.number().int().min(0).describe("Counted clicks, all time."),
  signupCount: z.number().int().min(0).describe("Referrals attributed to the code, all time."),
  customerCount: z.number().int().min(0).describe("Referred accounts that have paid, all time."),
  clicksByDay: z
    .array(z.object({ day: localDateSchema, clickCount: z.number().int().min(0) }))
    .describe(`Counted clicks per day in the operator's time zone, the last ${limits.clickStatsDays} days, oldest first.`),
});

export const referralOverviewSchema = z.object({
  accountId: accountIdSchema,
  programId: programIdSchema,
  code: z.string().describe("The referral code: the link's slug and the personal invite code."),
  inviteCode: z.string().describe("The code to type in at sign-up (the same code)."),
  link: z.url().nullable().describe("The referral link; null when the program does not use links."),
  facebookShareUrl: z.url().nullable().describe("A Facebook share dialog URL for the link; null when the program does not use links."),
  createdAt: isoDateTimeSchema,
  stats: referralStatsSchema,
});

// ---------- GET /openapi.json ----------

export const openApiDocumentSchema = z.record(z.string(), z.unknown()).describe("This OpenAPI 3.1 document.");

export type AttributionRequest = z.infer<typeof attributionRequestSchema>;
export type AttributionResponse = z.infer<typeof attributionResponseSchema>;
export type ReferralOverview = z.infer<typeof referralOverviewSchema>;
export type ReferralStats = z.infer<typeof referralStatsSchema>;
