/**
 * A refund or chargeback: claw back, in proportion, what the payment earned (shared/domain/refunds.ts),
 * in one transaction with the idempotency record and the payment's reward record (optimistic on its
 * revision, so two refunds of one invoice never both count the same earned amount).
 *
 * A reversal is applied once by its event id AND once by its business id (`refundId` / `chargebackId`):
 * the transaction also writes REFUND#id / CHARGEBACK#id on condition it is new. A billing system that
 * resends the refund under a new event id gets a duplicate (same payload) or `reversal_mismatch`
 * (another payload: the dead-letter queue), never a second clawback; parked copies alike, when their
 * payment arrives.
 *
 * When the payment has not arrived yet (the billing system sent the refund first), the reversal is
 * parked under the payment, its event id held by a placeholder idempotency record, and the message
 * succeeds; the payment applies it right after its own effect. Reversals of customers without a referral cost one read or two and write nothing.
 */

import { DuplicateSourceEventError } from "../data/ledger-store.ts";
import type { AccrualReference } from "../data/period-accrual-store.ts";
import { decideClawbacks, type Reversal, type SettledAccruals } from "../domain/refunds.ts";
import { PermanentMessageError, TransientError } from "../errors.ts";
import { limits } from "../limits.ts";
import { logger } from "../observability.ts";
import { type Chargeback, type InvoiceRefunded, parseBillingEvent } from "../schemas/billing-events.ts";
import type { PaymentReference, ReversalItem } from "../schemas/ledger-items.ts";
import type { AppliedOutcome } from "./applied-outcome.ts";
import { commitEffect, duplicateOrThrow } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { LedgerDependencies } from "./ledger-dependencies.ts";

export function reversedPaymentOf(event: InvoiceRefunded | Chargeback): PaymentReference {
  if (event.type === "invoice.refunded") return { kind: "invoice", id: event.data.invoiceId };
  return event.data.invoiceId !== undefined
    ? { kind: "invoice", id: event.data.invoiceId }
    : { kind: "recharge", id: event.data.rechargeId! };
}

export async function recordReversal(
  deps: LedgerDependencies,
  event: InvoiceRefunded | Chargeback,
  payloadHash: string,
): Promise<AppliedOutcome> {
  const payment = reversedPaymentOf(event);
  const business = reversalIdentityOf(event);
  const reversal: Reversal = {
    kind: event.type === "invoice.refunded" ? "refund" : "chargeback",
    amountMinor: event.data.amountMinor,
    currency: event.data.currency,
    sourceEventId: event.eventId,
    sourceEventType: event.type,
  };
  let settledAccruals: SettledAccruals = new Map();
  let accrualsTouched: readonly AccrualReference[] = [];
  return await decideUntilCommitted(
    `event ${event.eventId}`,
    async () => {
      accrualsTouched = [];
      const record = await deps.paymentRewardStore.readPaymentReward(payment);
      // Not recorded yet: park (a WriteConflictError when the payment was recorded meanwhile: apply now).
      if (!record) return await parkUnlessRecorded(deps, event, payment, payloadHash);
      if (record.currency !== reversal.currency) {
        throw new PermanentMessageError(
          "currency_mismatch",
          `a ${reversal.currency} ${reversal.kind} of ${payment.kind} ${payment.id}, which was paid in ${record.currency}`,
        );
      }
      const decision = decideClawbacks({ record, reversal, postedAt: deps.clock.now(), settledAccruals });
      accrualsTouched = [...decision.accrualDeltas, ...decision.topUpReversals.map((topUp) => topUp.read)];
      const writes = deps.paymentRewardStore.writes;
      const accrualWrites = deps.periodAccrualStore.writes;
      const outcome = decision.transfers.length > 0 ? "clawed_back" : "nothing_to_claw_back";
      const committed = await commitEffect(deps, {
        sourceEvent: { eventId: event.eventId, eventType: event.type, payloadHash, outcome },
        transfers: decision.transfers,
        outbound: decision.outbound,
        writes: [
          writes.replacePaymentReward(decision.record, record.revision),
          ...decision.accrualDeltas.map((delta) => accrualWrites.reduceAccrual(delta)),
          ...decision.topUpReversals.map((topUp) => accrualWrites.reverseTopUp(topUp.read, topUp.accrual)),
          writes.recordReversal({
            ...business,
            eventId: event.eventId,
            payloadHash,
            payment,
            appliedAt: deps.clock.now().toISOString(),
          }),
          writes.unpark(payment, event.eventId),
        ],
      });
      if (committed.status !== "duplicate") return { outcome, transferIds: decision.transfers.map((transfer) => transfer.transferId) };
      // Applied before (directly, while a parked copy waited): drop the copy.
      await deps.paymentRewardStore.deleteParked(payment, event.eventId);
      return { outcome: "duplicate", transferIds: committed.record.transferIds };
    },
    async (conflict) => {
      if (conflict.lost("reversal")) {
        const applied = await deps.paymentRewardStore.readReversal(business.reversalKind, business.reversalId);
        if (applied) return { settled: await duplicateReversalOrThrow(deps, event, payment, payloadHash, applied) };
      }
      if (conflict.lost("accrual")) {
        settledAccruals = new Map([...settledAccruals, ...(await deps.periodAccrualStore.readSettledAccruals(accrualsTouched))]);
      }
      return undefined;
    },
  );
}

export function reversalIdentityOf(event: InvoiceRefunded | Chargeback): Pick<ReversalItem, "reversalKind" | "reversalId"> {
  return event.type === "invoice.refunded"
    ? { reversalKind: "refund", reversalId: event.data.refundId }
    : { reversalKind: "chargeback", reversalId: event.data.chargebackId };
}

/** The refund or chargeback was applied before under another event id: a duplicate when the payload is the same. */
async function duplicateReversalOrThrow(
  deps: LedgerDependencies,
  event: InvoiceRefunded | Chargeback,
  payment: PaymentReference,
  payloadHash: string,
  applied: ReversalItem,
): Promise<AppliedOutcome> {
  if (applied.payloadHash !== payloadHash) {
    throw new PermanentMessageError(
      "reversal_mismatch",
      `${applied.reversalKind} ${applied.reversalId} was already applied by event ${applied.eventId} with a different payload (${applied.appliedAt})`,
    );
  }
  logger.info("reversal already applied under another event id: no second clawback", {
    eventId: event.eventId,
    appliedBy: applied.eventId,
    reversalKind: applied.reversalKind,
    reversalId: applied.reversalId,
  });
  // This event's id is used up all the same (another body under it is payload_mismatch), and a parked
  // copy of it (a resend that arrived before its payment) is done with, in one transaction.
  const recorded = await commitEffect(deps, {
    sourceEvent: { eventId: event.eventId, eventType: event.type, payloadHash, outcome: "reversal_already_applied" },
    transfers: [],
    writes: [deps.paymentRewardStore.writes.unpark(payment, event.eventId)],
  });
  if (recorded.status === "duplicate") await deps.paymentRewardStore.deleteParked(payment, event.eventId);
  return { outcome: "duplicate", transferIds: [] };
}

/** Parks the reversal of a payment not recorded yet; a WriteConflictError when the payment turned up meanwhile. */
async function parkUnlessRecorded(
  deps: LedgerDependencies,
  event: InvoiceRefunded | Chargeback,
  payment: PaymentReference,
  payloadHash: string,
): Promise<AppliedOutcome> {
  const referral = await deps.referralMarksStore.readReferral(event.data.accountId);
  if (!referral) return { outcome: "not_referred", transferIds: [] };
  try {
    const parked = await deps.paymentRewardStore.park(payment, {
      eventId: event.eventId,
      eventType: event.type,
      payloadHash,
      body: JSON.stringify(event),
      parkedAt: deps.clock.now().toISOString(),
    });
    if (parked.status === "already_parked" && parked.existing.payloadHash !== payloadHash) {
      throw new PermanentMessageError(
        "payload_mismatch",
        `event ${event.eventId} was already received with a different payload (parked ${parked.existing.parkedAt})`,
      );
    }
    return { outcome: parked.status === "parked" ? "parked" : "duplicate", transferIds: [] };
  } catch (error) {
    if (!(error instanceof DuplicateSourceEventError)) throw error;
    await duplicateOrThrow(deps, event.eventId, payloadHash); // the id is another event's: payload_mismatch
    return { outcome: "duplicate", transferIds: [] };
  }
}

/**
 * Applies the reversals parked under a payment, right after the payment's effect (and again on its
 * redelivery, which heals a crash in between). Each is idempotent by its own event id. A parked event
 * that can never apply (its currency differs from the payment's) goes to the dead-letter queue.
 */
export async function applyParkedReversals(deps: LedgerDependencies, payment: PaymentReference): Promise<void> {
  for (;;) {
    const parked = await deps.paymentRewardStore.listParked(payment, limits.parkedEventsPerApplyMax);
    for (const item of parked) {
      try {
        const event = parseBillingEvent(item.body);
        if (event.type !== "invoice.refunded" && event.type !== "chargeback")
          throw new PermanentMessageError("validation_failed", `a parked ${event.type} cannot be applied`);
        const applied = await recordReversal(deps, event, item.payloadHash);
        if (applied.outcome === "parked") throw new TransientError(`parked event ${item.eventId} found no payment to apply to`);
        logger.info("parked billing event applied", { eventId: item.eventId, eventType: item.eventType, outcome: applied.outcome });
      } catch (error) {
        if (!(error instanceof PermanentMessageError)) throw error;
        logger.warn("parked billing event rejected: moved to the dead-letter queue", {
          eventId: item.eventId,
          reason: error.code,
          detail: error.message,
        });
        await deps.deadLetters.send({
          body: item.body,
          originalMessageId: `parked:${item.eventId}`,
          reason: error.code,
          detail: error.message,
          eventId: item.eventId,
        });
        await deps.paymentRewardStore.deleteParked(payment, item.eventId);
      }
    }
    if (parked.length < limits.parkedEventsPerApplyMax) return;
  }
}
