/**
 * Request and response shapes of the partner-level routes (docs/partners.md, "Levels"): GET
 * /accounts/{accountId}/partner-levels/{programId} (the partner or the operator) and the operator's
 * POST …/verifications (a verification on demand). Listed in shared/schemas/api-routes.ts.
 */
import * as z from "zod";
import { partnerLimits } from "../limits.ts";
import { externalIdSchema } from "./billing-events.ts";
import { accountIdSchema, localDateSchema, pageQueryFields, programIdSchema } from "./common.ts";
import { heldLevelSchema, levelHistoryEntrySchema, levelMeasurementSchema } from "./partner-level-items.ts";

export const partnerLevelPathSchema = z.object({ accountId: accountIdSchema, programId: programIdSchema });

export const partnerLevelQuerySchema = z.object(pageQueryFields("History entries", partnerLimits.levelHistoryPageSizeMax, 20));

export const verificationBodySchema = z.strictObject({
  verificationId: externalIdSchema.describe(
    "The verification's idempotency key, the operator's to choose: the same id again answers what was recorded and changes nothing.",
  ),
  effectiveOn: localDateSchema
    .optional()
    .describe(
      `The operator-local day a move up or down takes effect: today (default) or up to ${partnerLimits.levelEffectiveAheadDaysMax} days later.`,
    ),
});

const partnerLevelViewSchema = z.object({
  accountId: accountIdSchema,
  programId: programIdSchema,
  current: heldLevelSchema.extend({ since: localDateSchema.describe("The operator-local day it has been in force from.") }),
  next: heldLevelSchema
    .extend({ effectiveOn: localDateSchema.describe("The first operator-local day of this level.") })
    .optional()
    .describe("A move the operator dated ahead, in force from its effectiveOn."),
  inForceToday: heldLevelSchema.describe("What quotes apply today: `next` from its day on, `current` before."),
  measured: levelMeasurementSchema.describe("The last verification's figures."),
  lastVerifiedAt: z.iso.datetime({ offset: true }),
  nextVerificationOn: localDateSchema.describe("The operator-local day the monthly verification is due."),
});

export const partnerLevelResponseSchema = z.object({
  level: partnerLevelViewSchema,
  history: z.array(levelHistoryEntrySchema).describe("Verifications, newest first: each with its figures and what it decided."),
  nextCursor: z.string().optional().describe("Present when there may be more history."),
});

export const verificationResponseSchema = z.object({
  level: partnerLevelViewSchema,
  verification: levelHistoryEntrySchema.describe("What this verification measured and decided."),
  repeated: z.boolean().describe("true: this verificationId was recorded before; nothing changed now and nothing was sent."),
});

export type PartnerLevelView = z.infer<typeof partnerLevelViewSchema>;
