/**
 * A months-N rule rewards the referee's payments paid within N months of its first payment of the
 * rule's trigger. When a payment paid before the recorded first arrives late, the first moves earlier
 * and the window's end with it: rewards of payments inside the old window but at or after the new end
 * no longer belong. This reverses each of them in full (reason `recurrence_window_moved`), one effect
 * per payment and rule, idempotent by the id `recurrence-window:<kind>:<paymentId>:<ruleId>` (a reward
 * leaves the window at most once: the first only ever moves earlier) and optimistic on the payment's
 * reward record (a refund meanwhile is counted, never reversed twice).
 *
 * No reward comes back inside: every payment recorded so far was paid at or after the old first, so
 * none was left out of the old window that the new, earlier window would include.
 *
 * Run right after the effect of a payment that became the first, and again on every redelivery of a
 * payment of such a program, so a crash in between heals. A payment rewarded in the old window that
 * commits meanwhile cannot slip through: its effect checks the referral's first is unchanged.
 */
import { createHash } from "node:crypto";
import type { AccrualReference } from "../data/period-accrual-store.ts";
import { canonicalJson } from "../domain/payload-hash.ts";
import { decideRewardReversal, type SettledAccruals } from "../domain/refunds.ts";
import { firstPaymentOf, type RewardTrigger, recurrenceEndsAt } from "../domain/rewards.ts";
import { TransientError } from "../errors.ts";
import { limits } from "../limits.ts";
import { logger } from "../observability.ts";
import type { RewardInWindowItem } from "../schemas/ledger-items.ts";
import type { Program, RewardRule } from "../schemas/operator-config.ts";
import { commitEffect } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { LedgerDependencies } from "./ledger-dependencies.ts";

type MonthsRule = RewardRule & { readonly recurrence: { readonly kind: "months"; readonly months: number } };

export const recurrenceWindowEventType = "recurrence.window_moved";

export function monthsRulesOf(program: Program, trigger: RewardTrigger): MonthsRule[] {
  return program.rewards.filter((rule): rule is MonthsRule => rule.trigger === trigger && rule.recurrence.kind === "months");
}

export async function reverseRewardsOutsideWindow(
  deps: LedgerDependencies,
  refereeAccountId: string,
  program: Program,
  trigger: RewardTrigger,
  timeZone: string,
): Promise<void> {
  const rules = monthsRulesOf(program, trigger);
  if (rules.length === 0) return;
  const referral = await deps.referralMarksStore.readReferral(refereeAccountId);
  // A fraudulent referral is frozen (nothing moves); without a first there is no window.
  const first = referral && referral.status === "active" ? firstPaymentOf(referral, trigger) : undefined;
  if (!first) return;
  const windowEnds = new Map(rules.map((rule) => [rule.ruleId, recurrenceEndsAt(first.paidAt, rule.recurrence.months, timeZone)]));
  const earliestEnd = new Date(Math.min(...[...windowEnds.values()].map((end) => end.getTime())));
  const kind = trigger === "invoice.paid" ? "invoice" : "recharge";
  let after: RewardInWindowItem | undefined;
  for (;;) {
    const page = await deps.paymentRewardStore.listRewardsInWindowFrom(
      refereeAccountId,
      kind,
      earliestEnd,
      limits.rewardsOutsideWindowPerQueryMax,
      after,
    );
    for (const item of page) {
      for (const rule of rules) {
        if (new Date(item.paidAt).getTime() >= windowEnds.get(rule.ruleId)!.getTime()) await reverseOutsideWindow(deps, item, rule, rules);
      }
    }
    if (page.length < limits.rewardsOutsideWindowPerQueryMax) return;
    after = page.at(-1);
  }
}

/** Reverses one payment's reward under one months-N rule, once. */
async function reverseOutsideWindow(
  deps: LedgerDependencies,
  item: RewardInWindowItem,
  rule: MonthsRule,
  rules: readonly MonthsRule[],
): Promise<void> {
  const sourceEventId = `recurrence-window:${item.payment.kind}:${item.payment.id}:${rule.ruleId}`;
  // The identity is the payload: two runs deciding the same reversal are duplicates, whatever they read.
  const payloadHash = createHash("sha256")
    .update(canonicalJson({ type: recurrenceWindowEventType, payment: item.payment, ruleId: rule.ruleId }))
    .digest("hex");
  let settledAccruals: SettledAccruals = new Map();
  let accrualsTouched: readonly AccrualReference[] = [];
  await decideUntilCommitted(
    sourceEventId,
    async () => {
      accrualsTouched = [];
      const record = await deps.paymentRewardStore.readPaymentReward(item.payment);
      if (!record) throw new TransientError(`${item.payment.kind} ${item.payment.id} is in the window index but has no reward record`);
      const decision = decideRewardReversal({
        record,
        ruleIds: new Set([rule.ruleId]),
        reason: "recurrence_window_moved",
        because: `paid ${record.paidAt}, outside the ${rule.recurrence.months}-month window of the referee's first payment, which was paid earlier than first recorded`,
        sourceEventId,
        sourceEventType: recurrenceWindowEventType,
        firstTransferIndex: 0,
        postedAt: deps.clock.now(),
        settledAccruals,
      });
      accrualsTouched = [...decision.accrualDeltas, ...decision.topUpReversals.map((topUp) => topUp.read)];
      const monthsRuleIds = new Set(rules.map((candidate) => candidate.ruleId));
      const monthsRewardsLeft = decision.record.rewards.some((reward) => monthsRuleIds.has(reward.ruleId) && !reward.reversedBy);
      const writes = deps.paymentRewardStore.writes;
      const accrualWrites = deps.periodAccrualStore.writes;
      if (!decision.changed) {
        // Reversed already (by this id: a duplicate); forget the index item when nothing of it is left.
        if (!monthsRewardsLeft) await deps.paymentRewardStore.deleteRewardInWindow(item);
        return;
      }
      const committed = await commitEffect(deps, {
        sourceEvent: {
          eventId: sourceEventId,
          eventType: recurrenceWindowEventType,
          payloadHash,
          outcome: "clawed_back:recurrence_window_moved",
        },
        transfers: decision.transfers,
        outbound: decision.outbound,
        writes: [
          writes.replacePaymentReward(decision.record, record.revision),
          ...decision.accrualDeltas.map((delta) => accrualWrites.reduceAccrual(delta)),
          ...decision.topUpReversals.map((topUp) => accrualWrites.reverseTopUp(topUp.read, topUp.accrual)),
          ...(monthsRewardsLeft ? [] : [writes.removeRewardInWindow(item)]),
        ],
      });
      if (committed.status !== "duplicate")
        logger.info("reward outside the moved recurrence window reversed", {
          sourceEventId,
          transferIds: decision.transfers.map((transfer) => transfer.transferId),
        });
    },
    async (conflict) => {
      if (conflict.lost("accrual"))
        settledAccruals = new Map([...settledAccruals, ...(await deps.periodAccrualStore.readSettledAccruals(accrualsTouched))]);
      return undefined;
    },
  );
}
