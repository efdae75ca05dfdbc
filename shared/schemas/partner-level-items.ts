/**
 * Shapes of a partner's level in a program (docs/partners.md, "Levels"): the level item (its rate in a
 * quote, a change dated ahead, the last measured figures, when the next monthly verification is due)
 * and one immutable history entry per verification. Stores parse what they read with these; the
 * deciders in shared/domain/partner-levels.ts produce them.
 */
import * as z from "zod";
import { externalIdSchema } from "./billing-events.ts";
import {
  accountIdSchema,
  categorySchema,
  currencySchema,
  isoDateTimeSchema,
  localDateSchema,
  programIdSchema,
  rateBpsSchema,
  signedAmountMinorSchema,
} from "./common.ts";

/** A level as a partner holds it: the level's id (null: no level of the program is met) and its discount. */
export const heldLevelSchema = z.object({
  levelId: programIdSchema
    .nullable()
    .describe("The level (the program's `partnerProgram.levels[].levelId`); null: the partner meets no level's conditions."),
  rateBps: rateBpsSchema.describe("The level's discount on lines the partner pays for (0 without a level)."),
  excludedCategories: z.array(categorySchema).describe("Categories the level's discount skips."),
});

/** What a verification measured (docs/partners.md, "Levels"). */
export const levelMeasurementSchema = z.object({
  activeServicesAsPayer: z
    .number()
    .int()
    .min(0)
    .describe("Services active at `measuredAt` whose payer, then, was the partner (service.activated / payer_changed / cancelled)."),
  paidRevenue: z
    .object({
      currency: currencySchema,
      amountMinor: signedAmountMinorSchema.describe("Paid by the partner as the payer of invoices, net of their refunds and chargebacks."),
      fromMonth: z
        .string()
        .regex(/^\d{4}-\d{2}$/)
        .describe("The first operator-local month counted (`YYYY-MM`)."),
      toMonth: z
        .string()
        .regex(/^\d{4}-\d{2}$/)
        .describe("The last operator-local month counted: the month before `measuredAt`'s."),
    })
    .optional()
    .meta({
      description: "The paid revenue of the 12 months before the measuring instant's month, in the currency the levels state it in.",
      whenAbsent: "the program's levels ask for no paid revenue",
    }),
  measuredAt: isoDateTimeSchema.describe("The instant the figures are for."),
});

/** How a verification came about: the approval, the monthly schedule, or the operator on demand. */
export const levelTriggerSchema = z.enum(["approval", "schedule", "operator"]);

/** ACCOUNT#id / DISCOUNT#program#partner: an approved partner's level (written by its approval, then by every verification). */
export const partnerLevelItemSchema = z.object({
  accountId: accountIdSchema,
  programId: programIdSchema,
  /** The level in force from `since` on (until `next.effectiveOn`, when a change is dated ahead). */
  current: heldLevelSchema.extend({ since: localDateSchema }),
  /** A change dated ahead by the operator: in force from its `effectiveOn`. */
  next: heldLevelSchema.extend({ effectiveOn: localDateSchema }).optional(),
  measured: levelMeasurementSchema,
  lastVerifiedAt: isoDateTimeSchema,
  /** The operator-local day the monthly verification is due (the 1st of the month after the last one). */
  nextVerificationOn: localDateSchema,
  updatedAt: isoDateTimeSchema,
  /** Optimistic concurrency: every change writes revision + 1 on condition of the revision it read. */
  revision: z.number().int().min(0),
});

export const levelHistoryKindSchema = z.enum(["entered", "confirmed", "moved_up", "moved_down"]);

/** ACCOUNT#id / PARTNER_LEVEL_HISTORY#program#at#entryId: one verification, immutable. */
export const levelHistoryEntrySchema = z.object({
  /** `partner-level:<account>:<program>:<verificationId>`: also the message id of its `partner.level.changed`. */
  entryId: z.string(),
  accountId: accountIdSchema,
  programId: programIdSchema,
  verificationId: externalIdSchema,
  kind: levelHistoryKindSchema,
  trigger: levelTriggerSchema,
  /** When it was decided. */
  at: isoDateTimeSchema,
  /** The operator-local day the level it names is in force from. */
  effectiveOn: localDateSchema,
  levelId: programIdSchema.nullable(),
  rateBps: rateBpsSchema,
  /** The level in force on `effectiveOn` before this verification (absent for `entered`). */
  previousLevelId: programIdSchema.nullable().optional(),
  previousRateBps: rateBpsSchema.optional(),
  measured: levelMeasurementSchema,
});

export type HeldLevel = z.infer<typeof heldLevelSchema>;
export type LevelMeasurement = z.infer<typeof levelMeasurementSchema>;
export type LevelTrigger = z.infer<typeof levelTriggerSchema>;
export type PartnerLevelItem = z.infer<typeof partnerLevelItemSchema>;
export type LevelHistoryKind = z.infer<typeof levelHistoryKindSchema>;
export type LevelHistoryEntry = z.infer<typeof levelHistoryEntrySchema>;
