/**
 * A paid invoice or a completed recharge: find the customer's referral, let the program's rules
 * decide what the referrer earns (shared/domain/rewards.ts), and commit it with the idempotency
 * record in one transaction. Then apply any refund or chargeback that arrived before this payment:
 * parking one marks the place of the payment's reward record as awaited, so the payment's own Put
 * fails on the mark and is decided again to replace it; a payment that finds no mark does not look for
 * parked reversals (payment-reward-store.ts).
 *
 * Customers without a referral cost one read and write nothing. A referred customer's payment always
 * leaves a reward record (possibly earning nothing), so its refunds know there is nothing to wait for.
 * A payment paid before the referee's recorded first payment of its trigger (it arrived late) becomes
 * the first: its effect also reverses the first_payment rewards of the one it replaces (read here, by
 * the id the referral keeps), and right after it the months-N rewards its shorter window leaves
 * outside are reversed (reverse-rewards-outside-window.ts; again on every redelivery).
 * Lost races (two first invoices at once, an earlier-paid one committed meanwhile, a refund of the
 * replaced first, settlement closing the period, fraud marked meanwhile) are decided again from fresh
 * reads (conflict-retries.ts), then retried by the queue.
 */

import type { LedgerEffect } from "../data/ledger-store.ts";
import { findProgram } from "../data/operator-config-reader.ts";
import { periodsWithRunStarted } from "../data/period-accrual-store.ts";
import type { LabelledWrite } from "../data/write-conflicts.ts";
import { periodOf } from "../domain/calendar.ts";
import { type AccrualDelta, accrualIdentity, type SettledAccruals } from "../domain/refunds.ts";
import { mechanicOf } from "../domain/reward-mechanics/mechanics.ts";
import { decidePaymentRewards, type PaymentFacts, type PaymentRewardDecision, supersededFirstOf } from "../domain/rewards.ts";
import { activeCustomerMark } from "../domain/settlement.ts";
import { PermanentMessageError } from "../errors.ts";
import { settlementLimits } from "../limits.ts";
import { logger } from "../observability.ts";
import type { InvoicePaid, RechargeCompleted } from "../schemas/billing-events.ts";
import type { ReferralItem } from "../schemas/items.ts";
import type { PaymentRewardItem } from "../schemas/ledger-items.ts";
import type { Program } from "../schemas/operator-config.ts";
import type { AppliedOutcome } from "./applied-outcome.ts";
import { commitEffect } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { LedgerDependencies } from "./ledger-dependencies.ts";
import { applyParkedReversals } from "./record-reversal.ts";
import { monthsRulesOf, reverseRewardsOutsideWindow } from "./reverse-rewards-outside-window.ts";

export function paymentFactsOf(event: InvoicePaid | RechargeCompleted): PaymentFacts {
  if (event.type === "invoice.paid") {
    return {
      trigger: "invoice.paid",
      payment: { kind: "invoice", id: event.data.invoiceId },
      refereeAccountId: event.data.accountId,
      payerAccountId: event.data.payerAccountId,
      currency: event.data.currency,
      lines: event.data.lines,
      paidAt: new Date(event.data.paidAt),
    };
  }
  return {
    trigger: "recharge.completed",
    payment: { kind: "recharge", id: event.data.rechargeId },
    refereeAccountId: event.data.accountId,
    currency: event.data.currency,
    lines: [{ category: "recharge", amountMinor: event.data.amountMinor }],
    paidAt: new Date(event.data.completedAt),
  };
}

export async function recordPayment(
  deps: LedgerDependencies,
  event: InvoicePaid | RechargeCompleted,
  payloadHash: string,
): Promise<AppliedOutcome> {
  const facts = paymentFactsOf(event);
  // What lost races taught: settled periods and accruals, a code item that is gone.
  let settledPeriodIds = new Set<string>();
  let settledAccruals: SettledAccruals = new Map();
  let codeItemMissing = false;
  // Reversals were parked for this payment before it arrived: its reward record replaces their mark, then they are applied.
  let replacesAwaited = false;
  let decided: { referral: ReferralItem; decision: PaymentRewardDecision } | undefined;
  return await decideUntilCommitted(
    `event ${event.eventId}`,
    async () => {
      decided = undefined;
      const referral = await deps.referralMarksStore.readReferral(facts.refereeAccountId);
      if (!referral) return { outcome: "not_referred", transferIds: [] };
      const config = await deps.operatorConfigStore.loadOrThrow();
      const program = findProgram(config, referral.programId);
      if (!program)
        throw new PermanentMessageError(
          "configuration_invalid",
          `the referral's program ${referral.programId} is not in the operator configuration`,
        );
      const postedAt = deps.clock.now();
      const superseded = supersededFirstOf(referral, facts);
      const supersededFirst = superseded ? await deps.paymentRewardStore.readPaymentReward(superseded) : undefined;
      if (superseded && !supersededFirst)
        logger.warn("the recorded first payment has no reward record: nothing of it to reverse", { payment: superseded });
      const decision = decidePaymentRewards({
        program,
        referral,
        payment: facts,
        timeZone: config.timeZone,
        sourceEventId: event.eventId,
        sourceEventType: event.type,
        postedAt,
        settledPeriodIds,
        supersededFirst,
        settledAccruals,
      });
      decided = { referral, decision };
      const outcome =
        decision.rewards.length > 0
          ? "rewarded"
          : decision.transfers.length > 0
            ? "clawed_back:first_payment_superseded"
            : `not_rewarded:${decision.noRewardReasons.join(",")}`;
      const committed = await commitEffect(
        deps,
        paymentEffect(deps, event, payloadHash, outcome, referral, program, decision, facts, supersededFirst, {
          codeItemMissing,
          replacesAwaited,
          // A period about to close counts as closed: its run may start before this commit lands.
          openPeriodId: periodOf(new Date(postedAt.getTime() + settlementLimits.runCheckMarginSeconds * 1000), config.timeZone).periodId,
        }),
      );
      // Parked reversals are found by the reward record's Put (their mark is in its place); a redelivery
      // looks for them as well, which heals a crash between the commit and their application.
      if (replacesAwaited || committed.status === "duplicate") await applyParkedReversals(deps, facts.payment);
      // The first payment moved earlier (or may have: a redelivery heals a crash before this ran).
      if (monthsRulesOf(program, facts.trigger).length > 0 && (decision.marksFirstOfTrigger || committed.status === "duplicate"))
        await reverseRewardsOutsideWindow(deps, facts.refereeAccountId, program, facts.trigger, config.timeZone);
      return committed.status === "duplicate"
        ? { outcome: "duplicate", transferIds: committed.record.transferIds }
        : { outcome, transferIds: decision.transfers.map((transfer) => transfer.transferId) };
    },
    async (conflict) => {
      if (conflict.lost("paymentReward")) {
        const existing = await deps.paymentRewardStore.readPaymentRecord(facts.payment);
        if (existing === "awaited") replacesAwaited = true;
        else if (existing && existing.sourceEventId !== event.eventId) {
          // The same payment with another body (another amount, currency or lines): the first stays applied, and the
          // operator learns of the correction instead of the ledger dropping it in silence.
          const recordedBy = await deps.ledgerStore.readSourceEvent(existing.sourceEventId);
          if (recordedBy && recordedBy.payloadHash !== payloadHash)
            throw new PermanentMessageError(
              "payment_mismatch",
              `${facts.payment.kind} ${facts.payment.id} was already recorded by event ${existing.sourceEventId} with a different payload (${recordedBy.processedAt})`,
            );
          logger.warn("payment already recorded under another event id: no second reward", {
            eventId: event.eventId,
            recordedBy: existing.sourceEventId,
          });
          // This event's id is used up all the same: another body under it is payload_mismatch.
          const recorded = await commitEffect(deps, withoutEffect(event, payloadHash, "payment_already_recorded"));
          return { settled: { outcome: recorded.status === "duplicate" ? "duplicate" : "payment_already_recorded", transferIds: [] } };
        }
      }
      if (conflict.lost("codeCounter")) codeItemMissing = true;
      // A closed period's settlement run started meanwhile: its commission accrues in the open period.
      const runsStarted = periodsWithRunStarted(conflict);
      if (runsStarted.length > 0) settledPeriodIds = new Set([...settledPeriodIds, ...runsStarted]);
      if (decided && conflict.lost("accrual")) {
        const { referral, decision } = decided;
        settledPeriodIds = new Set([...settledPeriodIds, ...(await settledPeriodsOf(deps, referral, decision, facts.currency))]);
        settledAccruals = new Map([
          ...settledAccruals,
          ...(await deps.periodAccrualStore.readSettledAccruals([
            ...decision.reversalAccrualDeltas,
            ...decision.reversalTopUps.map((topUp) => topUp.read),
          ])),
        ]);
      }
      return undefined;
    },
  );
}

function withoutEffect(event: InvoicePaid | RechargeCompleted, payloadHash: string, outcome: string): LedgerEffect {
  return { sourceEvent: { eventId: event.eventId, eventType: event.type, payloadHash, outcome }, transfers: [] };
}

function paymentEffect(
  deps: LedgerDependencies,
  event: InvoicePaid | RechargeCompleted,
  payloadHash: string,
  outcome: string,
  referral: ReferralItem,
  program: Program,
  decision: PaymentRewardDecision,
  facts: PaymentFacts,
  supersededFirst: PaymentRewardItem | undefined,
  learned: { readonly codeItemMissing: boolean; readonly replacesAwaited: boolean; readonly openPeriodId: string },
): LedgerEffect {
  const writes = deps.paymentRewardStore.writes;
  const referralWrites = deps.referralMarksStore.writes;
  const accrualWrites = deps.periodAccrualStore.writes;
  const paidAt = facts.paidAt.toISOString();
  const effectWrites: LabelledWrite[] = [
    writes.recordPaymentReward(
      {
        payment: facts.payment,
        refereeAccountId: facts.refereeAccountId,
        currency: facts.currency,
        totalMinor: decision.totalMinor,
        refundedMinor: 0,
        rewards: [...decision.rewards],
        sourceEventId: event.eventId,
        paidAt,
        revision: 0,
      },
      learned.replacesAwaited,
    ),
  ];
  // One update per accrual item: two commission rules in one period add up, and so does a reversal of the replaced first in the same one.
  const accruals = new Map<
    string,
    { periodId: string; programId: string; accruedMinor: number; baseMinor: number; accrualRateBps: number; countsActiveCustomer: boolean }
  >();
  let commissionedPeriods: string[] | undefined;
  for (const reward of decision.rewards) {
    if (!mechanicOf(reward.payoutAs).accruesUntilSettlement) continue;
    const key = accrualIdentity(reward, facts.currency);
    let accrual = accruals.get(key);
    if (!accrual) {
      // The referee counts once per accrual as an active customer (the tier basis); the referral remembers where it was counted.
      const mark = activeCustomerMark(
        { commissionedPeriods: commissionedPeriods ?? referral.commissionedPeriods },
        { programId: reward.programId, periodId: reward.periodId, currency: facts.currency },
      );
      if (mark.counts) commissionedPeriods = [...mark.commissionedPeriods];
      accrual = {
        periodId: reward.periodId,
        programId: reward.programId,
        accruedMinor: 0,
        baseMinor: 0,
        accrualRateBps: reward.rateBps,
        countsActiveCustomer: mark.counts,
      };
      accruals.set(key, accrual);
    }
    accrual.accruedMinor += reward.earnedMinor;
    // The base is the payment itself, counted once even when two rules commission it.
    accrual.baseMinor = Math.max(accrual.baseMinor, reward.basisMinor);
  }
  if (decision.marksFirstPayment || decision.marksFirstOfTrigger || decision.transfers.length > 0) {
    effectWrites.push(
      referralWrites.referralAsRead(
        referral,
        facts.trigger,
        { firstPayment: decision.marksFirstPayment, firstOfTrigger: decision.marksFirstOfTrigger },
        { id: facts.payment.id, paidAt },
        commissionedPeriods,
      ),
    );
  }
  if (decision.countsCustomer && !learned.codeItemMissing) effectWrites.push(referralWrites.countCustomer(referral.code));
  const reductions: AccrualDelta[] = [];
  for (const delta of decision.reversalAccrualDeltas) {
    const accrual = accruals.get(accrualIdentity({ ...delta, referrerAccountId: delta.accountId }, delta.currency));
    if (accrual) {
      accrual.accruedMinor += delta.accruedMinor;
      accrual.baseMinor += delta.baseMinor;
    } else reductions.push(delta);
  }
  for (const accrual of accruals.values()) {
    effectWrites.push(
      accrualWrites.accrue({
        ...accrual,
        accountId: referral.referrerAccountId,
        currency: facts.currency,
      }),
    );
    // Late (its period closed): only while that period's run has not started, which would not list a new accrual.
    if (accrual.periodId !== learned.openPeriodId) effectWrites.push(accrualWrites.runNotStarted(accrual.programId, accrual.periodId));
  }
  for (const delta of reductions) effectWrites.push(accrualWrites.reduceAccrual(delta));
  for (const topUp of decision.reversalTopUps) effectWrites.push(accrualWrites.reverseTopUp(topUp.read, topUp.accrual));
  if (decision.supersededRecord && supersededFirst)
    effectWrites.push({ ...writes.replacePaymentReward(decision.supersededRecord, supersededFirst.revision), label: "supersededReward" });
  const monthsRuleIds = new Set(monthsRulesOf(program, facts.trigger).map((rule) => rule.ruleId));
  if (decision.rewards.some((reward) => monthsRuleIds.has(reward.ruleId)))
    effectWrites.push(writes.recordRewardInWindow({ refereeAccountId: facts.refereeAccountId, payment: facts.payment, paidAt }));
  return {
    sourceEvent: { eventId: event.eventId, eventType: event.type, payloadHash, outcome },
    transfers: decision.transfers,
    outbound: decision.outbound,
    writes: effectWrites,
  };
}

async function settledPeriodsOf(
  deps: LedgerDependencies,
  referral: ReferralItem,
  decision: PaymentRewardDecision,
  currency: string,
): Promise<Set<string>> {
  const candidates = decision.rewards
    .filter((reward) => mechanicOf(reward.payoutAs).accruesUntilSettlement)
    .map((reward) => ({ accountId: referral.referrerAccountId, programId: reward.programId, periodId: reward.periodId, currency }));
  const settled = await deps.periodAccrualStore.readSettledAccruals(candidates);
  return new Set(
    candidates
      .filter((candidate) => settled.has(accrualIdentity({ referrerAccountId: candidate.accountId, ...candidate }, currency)))
      .map((candidate) => candidate.periodId),
  );
}
