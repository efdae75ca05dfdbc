/**
 * One stream batch of code referrals into their discounts (decide-referral-discounts.ts), in order. A
 * record that is not a readable code referral, or whose referee was decided with another referral
 * (a payload mismatch, permanent), is set aside by name; anything else is thrown: the event source
 * mapping retries the batch (bisecting it), and the idempotency record of each referee makes the
 * retry decide only what had not committed.
 */
import { PermanentMessageError } from "../errors.ts";
import { logger } from "../observability.ts";
import { streamedCodeReferralRecordSchema } from "../schemas/referral-stream.ts";
import { decideReferralDiscounts, type ReferralDiscountsOutcome } from "./decide-referral-discounts.ts";
import type { DiscountDependencies } from "./discount-dependencies.ts";

export interface ReferralDiscountsSummary {
  readonly records: number;
  readonly decided: number;
  readonly duplicates: number;
  /** Referrals of programs without discounts. */
  readonly withoutDiscounts: number;
  readonly setAside: number;
}

export async function decideStreamedReferralDiscounts(
  dependencies: DiscountDependencies,
  records: readonly unknown[],
): Promise<ReferralDiscountsSummary> {
  const counts: Record<ReferralDiscountsOutcome | "setAside", number> = { decided: 0, duplicate: 0, no_discounts: 0, setAside: 0 };
  for (const record of records) {
    const parsed = streamedCodeReferralRecordSchema.safeParse(record);
    if (!parsed.success) {
      counts.setAside += 1;
      logger.error("stream record is not a code referral; no discount decided", {
        reason: "referral_record_unreadable",
        issues: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
      });
      continue;
    }
    const image = parsed.data.dynamodb.NewImage;
    try {
      const outcome = await decideReferralDiscounts(dependencies, {
        refereeAccountId: image.refereeAccountId.S,
        referrerAccountId: image.referrerAccountId.S,
        programId: image.programId.S,
        attributedAt: image.attributedAt.S,
        codeActivatedAt: image.codeActivatedAt?.S,
        promoEndsAt: image.promoEndsAt?.S,
      });
      counts[outcome] += 1;
    } catch (error) {
      if (!(error instanceof PermanentMessageError)) throw error;
      counts.setAside += 1;
      logger.error("referral discounts refused; set aside", { reason: error.code, refereeAccountId: image.refereeAccountId.S });
    }
  }
  return {
    records: records.length,
    decided: counts.decided,
    duplicates: counts.duplicate,
    withoutDiscounts: counts.no_discounts,
    setAside: counts.setAside,
  };
}
