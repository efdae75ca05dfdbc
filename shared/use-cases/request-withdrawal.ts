/**
 * POST /accounts/{accountId}/withdrawals: the account (or the operator on its behalf) withdraws its
 * whole available commission in one currency under one program's payout policy.
 *
 * Read (configuration; contract, open-withdrawal slot, available balance and the withdrawal id in one
 * BatchGetItem) → decide (shared/domain/withdrawals.ts) → commit one transaction: the idempotency
 * record `withdrawal:<id>:requested` with the `withdrawal.requested` outbox, the reserve transfer and
 * both ledger accounts (commission_available guarded by its balance rule), the reservation, the
 * withdrawal, the slot (on condition none is open) and, where required, a check that the contract is
 * still active. A lost race (the balance moved, another request took the slot, the contract was
 * revoked) is decided again from fresh reads, which then name the reason. A refusal writes nothing, so
 * the same id can be sent again once the withdrawal is allowed.
 */
import { InsufficientBalanceError, SourceEventConflictError } from "../data/ledger-store.ts";
import { findProgram } from "../data/operator-config-reader.ts";
import { WriteConflictError } from "../data/write-conflicts.ts";
import { assertCustomerAccount, type Principal } from "../domain/principal.ts";
import { decideWithdrawalRequest, WithdrawalRefusedError, type WithdrawalRequest } from "../domain/withdrawals.ts";
import { PermanentMessageError, TransientError } from "../errors.ts";
import type { WithdrawalItem } from "../schemas/withdrawal-items.ts";
import type { WithdrawalRequestBody } from "../schemas/withdrawals-api.ts";
import { commitEffect, duplicateOrThrow } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { WithdrawalDependencies } from "./withdrawal-dependencies.ts";

export interface RequestedWithdrawal {
  /** false: the same request was made before; its withdrawal as it is now. */
  readonly created: boolean;
  readonly withdrawal: WithdrawalItem;
}

/** The caller was authorized by the route (the account itself, or the operator). */
export async function requestWithdrawal(
  deps: WithdrawalDependencies,
  principal: Principal,
  accountId: string,
  body: WithdrawalRequestBody,
): Promise<RequestedWithdrawal> {
  assertCustomerAccount(accountId);
  const request: WithdrawalRequest = { ...body, accountId, requestedBy: principal.kind };
  return await decideUntilCommitted(`withdrawal ${body.withdrawalId}`, async () => {
    const config = await deps.operatorConfigStore.loadOrThrow();
    const reads = await deps.withdrawalStore.readRequestState(request);
    const decision = decideWithdrawalRequest(
      request,
      { program: findProgram(config, request.programId), timeZone: config.timeZone, ...reads },
      deps.clock.now(),
    );
    if (decision.status === "refused") throw decision.error;
    if (decision.status === "existing") {
      // Sends the outbox again if its send was never confirmed.
      await duplicateOrThrow(deps, decision.sourceEvent.eventId, decision.sourceEvent.payloadHash);
      return { created: false, withdrawal: decision.withdrawal };
    }
    const { writes } = deps.withdrawalStore;
    try {
      const result = await commitEffect(deps, {
        sourceEvent: decision.sourceEvent,
        transfers: [decision.transfer],
        reservations: [{ type: "open", reservation: decision.reservation }],
        outbound: [decision.outbound],
        writes: [
          writes.openWithdrawal(decision.withdrawal),
          writes.occupySlot(decision.withdrawal),
          ...(decision.contractChecked ? [writes.contractStillActive(request.accountId, request.programId)] : []),
        ],
      });
      if (result.status === "committed") return { created: true, withdrawal: decision.withdrawal };
      // The same request committed meanwhile (a concurrent retry of the client).
      const stored = await deps.withdrawalStore.readWithdrawal(request.withdrawalId);
      if (!stored) throw new TransientError(`withdrawal ${request.withdrawalId} was committed but cannot be read yet`);
      return { created: false, withdrawal: stored };
    } catch (error) {
      const cause = error instanceof PermanentMessageError ? error.cause : undefined;
      // The available balance fell below what was read (a clawback meanwhile): decide again on the new balance.
      if (cause instanceof InsufficientBalanceError) throw new WriteConflictError([`account:${cause.account.kind}`]);
      if (cause instanceof SourceEventConflictError)
        throw new WithdrawalRefusedError(
          "withdrawal_mismatch",
          `withdrawal ${request.withdrawalId} was requested meanwhile with another account, program or currency: choose a new id`,
        );
      throw error;
    }
  });
}
