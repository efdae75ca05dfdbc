/**
 * POST /withdrawals/{withdrawalId}/paid and /failed (the operator, or the CLI): the second phase of a
 * withdrawal's two-phase transfer. Read the withdrawal and its reservation → decide
 * (shared/domain/withdrawals.ts) → commit one transaction: the idempotency record
 * `withdrawal:<id>:paid` (or `:failed`) with its outbox message, the post (payout_reserved → the
 * operator's payout_clearing) or void (payout_reserved → commission_available) of exactly the reserved
 * amount, the reservation and the withdrawal on condition they are still open, and the freed slot.
 *
 * The same outcome again (the same payout reference, the same reason) is answered with the withdrawal as
 * recorded (`changed: false`); the other outcome, or another reference, is refused by name
 * (`withdrawal_already_paid`, `withdrawal_already_failed`). A paid and a failed racing each other:
 * one commits, the other loses its conditions and, decided again, is refused.
 */
import { SourceEventConflictError } from "../data/ledger-store.ts";
import { WriteConflictError } from "../data/write-conflicts.ts";
import { decideWithdrawalResolution, type WithdrawalOutcome } from "../domain/withdrawals.ts";
import { NotFoundError, PermanentMessageError, TransientError } from "../errors.ts";
import type { WithdrawalItem } from "../schemas/withdrawal-items.ts";
import { commitEffect, duplicateOrThrow } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { WithdrawalDependencies } from "./withdrawal-dependencies.ts";

export interface ResolvedWithdrawal {
  readonly withdrawal: WithdrawalItem;
  /** false: the same outcome had been recorded before; nothing changed. */
  readonly changed: boolean;
}

export async function resolveWithdrawal(
  deps: WithdrawalDependencies,
  withdrawalId: string,
  outcome: WithdrawalOutcome,
): Promise<ResolvedWithdrawal> {
  return await decideUntilCommitted(`withdrawal ${withdrawalId} ${outcome.kind}`, async () => {
    const withdrawal = await deps.withdrawalStore.readWithdrawal(withdrawalId);
    if (!withdrawal) throw new NotFoundError(`no withdrawal ${withdrawalId}`);
    const reservation = await deps.ledgerStore.readReservation(withdrawal.accountId, withdrawal.reservationTransferId);
    if (!reservation) throw new TransientError(`withdrawal ${withdrawalId} has no reservation yet`);
    // Read one after the other: the same outcome committed by a concurrent call between the two reads leaves a requested
    // withdrawal beside a resolved reservation. Read both again (the next reading finds the withdrawal resolved too).
    if (withdrawal.status === "requested" && reservation.status !== "reserved")
      throw new WriteConflictError([`reservation:${withdrawal.reservationTransferId}`]);
    const config = await deps.operatorConfigStore.loadOrThrow();
    const decision = decideWithdrawalResolution(withdrawal, reservation, outcome, { now: deps.clock.now(), timeZone: config.timeZone });
    if (decision.status === "refused") throw decision.error;
    if (decision.status === "already_recorded") {
      // Sends the outbox again if its send was never confirmed.
      await duplicateOrThrow(deps, decision.sourceEvent.eventId, decision.sourceEvent.payloadHash);
      return { withdrawal: decision.withdrawal, changed: false };
    }
    const { writes } = deps.withdrawalStore;
    try {
      const result = await commitEffect(deps, {
        sourceEvent: decision.sourceEvent,
        transfers: [decision.transfer],
        reservations: [{ type: "resolve", reservation: decision.reservation }],
        outbound: [decision.outbound],
        writes: [writes.resolveWithdrawal(decision.withdrawal), writes.releaseSlot(decision.withdrawal, decision.transfer.postedAt)],
      });
      if (result.status === "committed") return { withdrawal: decision.withdrawal, changed: true };
      // The same outcome committed meanwhile (a concurrent retry).
      const stored = await deps.withdrawalStore.readWithdrawal(withdrawalId);
      return { withdrawal: stored ?? decision.withdrawal, changed: false };
    } catch (error) {
      // The same outcome with another reference or reason committed meanwhile: decide again, which names it.
      if (error instanceof PermanentMessageError && error.cause instanceof SourceEventConflictError)
        throw new WriteConflictError(["sourceEvent"]);
      throw error;
    }
  });
}
