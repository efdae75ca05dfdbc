/**
 * A referral by invite code was created (POST /attributions with a code, or a code entered after sign-up):
 * the referee's and the referrer's discounts of its program are decided once (shared/domain/discounts.ts)
 * and committed in one transaction with the idempotency record `referral-discounts:<refereeAccountId>`
 * (a referee has one referral, ever) and the outbox of their messages. The table's stream brings every
 * code referral here (functions/streams/decide-discounts.ts), at least once: a redelivery finds the
 * record and changes nothing (its unsent outbox is sent again). Two referrals of one referrer decided at
 * once race on the referrer's discount revision; the loser decides again from fresh reads.
 */
import { findProgram } from "../data/operator-config-reader.ts";
import { addDays, fromLocal, localDay, parseLocalDate } from "../domain/calendar.ts";
import { type DiscountDecision, decideRefereeDiscount, decideReferrerReferral, firstDayFrom } from "../domain/discounts.ts";
import { payloadHashOf } from "../domain/payload-hash.ts";
import type { OutboundMessage } from "../schemas/outbound-messages.ts";
import { commitEffect } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { DiscountDependencies } from "./discount-dependencies.ts";

/** A code referral as the table's stream carries it (the referral item's attributes the decision reads). */
export interface CodeReferral {
  readonly refereeAccountId: string;
  readonly referrerAccountId: string;
  readonly programId: string;
  readonly attributedAt: string;
  /** When the referee registered the code (code entry after sign-up); else the referral's attributedAt is that moment. */
  readonly codeActivatedAt?: string | undefined;
  /** The referee's promo end as the code entry recorded it; else read from its account profile. */
  readonly promoEndsAt?: string | undefined;
}

export type ReferralDiscountsOutcome = "decided" | "duplicate" | "no_discounts";

export function referralDiscountsEventId(refereeAccountId: string): string {
  return `referral-discounts:${refereeAccountId}`;
}

export async function decideReferralDiscounts(
  dependencies: DiscountDependencies,
  referral: CodeReferral,
): Promise<ReferralDiscountsOutcome> {
  const config = await dependencies.operatorConfigStore.loadOrThrow();
  const rules = findProgram(config, referral.programId)?.discounts;
  if (!rules || (!rules.referee && !rules.referrer)) return "no_discounts";
  const activatedAt = new Date(referral.codeActivatedAt ?? referral.attributedAt);
  const referralOn = localDay(activatedAt, config.timeZone);
  const eventId = referralDiscountsEventId(referral.refereeAccountId);
  const payloadHash = payloadHashOf({
    type: "referral.discounts",
    version: 1,
    data: {
      refereeAccountId: referral.refereeAccountId,
      referrerAccountId: referral.referrerAccountId,
      programId: referral.programId,
      referralOn,
    },
  });
  // A redelivery (every later write of the referral item passes the stream's filter too) costs one read.
  const recorded = await dependencies.ledgerStore.readSourceEvent(eventId);
  if (recorded?.outboundSentAt !== undefined || (recorded && recorded.outbound.length === 0)) return "duplicate";

  return await decideUntilCommitted("referral discounts", async (): Promise<ReferralDiscountsOutcome> => {
    const state = await dependencies.discountStore.readReferralState(
      referral.programId,
      referral.referrerAccountId,
      referral.refereeAccountId,
    );
    const now = dependencies.clock.now();
    const at = now.toISOString();
    const today = localDay(now, config.timeZone);
    const promoEndsAt = referral.promoEndsAt ?? state.refereePromoEndsAt;
    const decisions: DiscountDecision[] = [];
    if (rules.referee) {
      const decision = decideRefereeDiscount(
        rules.referee,
        {
          programId: referral.programId,
          refereeAccountId: referral.refereeAccountId,
          activatedOn: referralOn,
          promoOverOn: promoEndsAt === undefined ? undefined : firstDayFrom(new Date(promoEndsAt), config.timeZone),
        },
        state.refereeDiscount,
        today,
        at,
      );
      if (decision) decisions.push(decision);
    }
    if (rules.referrer) {
      const current = state.referrerDiscount;
      // A referral outside the current streak's days (before its start, or after its end): another referral, decided
      // or not yet, may bridge the two (the out-of-order case of an import: one Query of the referrer's referrals).
      const outside =
        current !== undefined && current.status !== "ended" && (referralOn < current.startsOn || referralOn >= current.endsOn);
      const otherDays = outside
        ? (
            await dependencies.discountStore.listCodeReferralsBefore(
              referral.referrerAccountId,
              referral.programId,
              fromLocal(
                addDays(parseLocalDate(referralOn > current.startsOn ? referralOn : current.startsOn), 2),
                config.timeZone,
              ).toISOString(),
            )
          )
            .filter((other) => other.refereeAccountId !== referral.refereeAccountId)
            .map((other) => localDay(new Date(other.registeredCodeAt), config.timeZone))
        : [];
      const referrerDecision = decideReferrerReferral(
        rules.referrer,
        {
          programId: referral.programId,
          referrerAccountId: referral.referrerAccountId,
          refereeAccountId: referral.refereeAccountId,
          referralOn,
        },
        current,
        today,
        at,
        otherDays,
      );
      if (referrerDecision) decisions.push(referrerDecision);
    }
    const outbound: OutboundMessage[] = decisions.flatMap((decision) => decision.messages);
    const committed = await commitEffect(dependencies, {
      sourceEvent: {
        eventId,
        eventType: "referral.discounts",
        payloadHash,
        outcome: decisions.length > 0 ? "discounts_decided" : "no_change",
      },
      transfers: [],
      outbound,
      writes: decisions.flatMap((decision) => dependencies.discountStore.decisionWrites(decision)),
    });
    return committed.status === "duplicate" ? "duplicate" : "decided";
  });
}
