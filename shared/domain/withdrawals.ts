/**
 * Withdrawals of settled commission (Zadarma: "on request from the account, once the accumulated
 * balance exceeds 100 EUR, and only with a signed referral contract on file"), decided from the state
 * read, as intents the store commits in one transaction (docs/ledger.md, "Withdrawals").
 *
 * A withdrawal takes the account's WHOLE available commission in the currency: the program's payout
 * policy names the currencies it pays out in, each with a threshold the available balance must
 * strictly exceed ("exceeds 100 EUR": 100.00 is refused, 100.01 allowed), and whether a contract must
 * be on file. It is a two-phase transfer: the request reserves the amount at once
 * (commission_available → payout_reserved, guarded by the balance rule, so racing requests never take
 * more than is there); the operator then marks it paid (payout_reserved → the operator's
 * payout_clearing) or failed (the reservation is voided: exactly the amount returns to available). At
 * most one withdrawal is open per account, program and currency.
 *
 * A negative available balance (a clawback of commission already paid out) is below any threshold:
 * later commissions recover it before anything can be withdrawn again.
 */
import { DomainError, type ErrorCode, NotFoundError } from "../errors.ts";
import type { Program } from "../schemas/operator-config.ts";
import type { WithdrawalFailed, WithdrawalPaid, WithdrawalRequested } from "../schemas/outbound-messages.ts";
import type { ReservationItem, Transfer } from "../schemas/transfer-items.ts";
import type { ContractItem, WithdrawalItem, WithdrawalSlotItem } from "../schemas/withdrawal-items.ts";
import { assert } from "./assert.ts";
import { periodOf } from "./calendar.ts";
import { holderAccount, operatorAccount } from "./ledger/accounts.ts";
import { post, reserve, voidReservation } from "./ledger/reservations.ts";
import { formatMoney } from "./money.ts";
import { payloadHashOf } from "./payload-hash.ts";

export type { ContractItem, WithdrawalItem, WithdrawalSlotItem };

/** A refusal the requester can act on: a 4xx with a stable code (shared/errors.ts) and a sentence naming the amounts. */
export class WithdrawalRefusedError extends DomainError {
  override name = "WithdrawalRefusedError";
  constructor(code: Extract<ErrorCode, WithdrawalRefusalCode>, message: string) {
    super(code, message);
  }
}

export type WithdrawalRefusalCode =
  | "below_threshold"
  | "contract_not_on_file"
  | "no_payout_policy"
  | "withdrawal_already_open"
  | "withdrawal_mismatch"
  | "withdrawal_already_paid"
  | "withdrawal_already_failed";

/** The source events of a withdrawal's three effects: each is idempotent by its own id, derived from the withdrawal id. */
export function withdrawalEventId(withdrawalId: string, phase: "requested" | "paid" | "failed"): string {
  return `withdrawal:${withdrawalId}:${phase}`;
}

export interface WithdrawalRequest {
  readonly withdrawalId: string;
  readonly accountId: string;
  readonly programId: string;
  readonly currency: string;
  readonly requestedBy: "account" | "operator";
}

/** What the request's decision reads, all of it strongly consistent. */
export interface WithdrawalRequestState {
  /** The program named by the request, from the operator configuration (undefined: no such program). */
  readonly program: Program | undefined;
  readonly timeZone: string;
  readonly contract: ContractItem | undefined;
  readonly slot: WithdrawalSlotItem | undefined;
  /** commission_available's balance in the currency (0 when nothing was ever posted to it; negative after a clawback of paid-out commission). */
  readonly availableMinor: number;
  /** A withdrawal already stored under the request's id. */
  readonly existing: WithdrawalItem | undefined;
}

export interface SourceEventIntent {
  readonly eventId: string;
  readonly eventType: string;
  readonly payloadHash: string;
  readonly outcome: string;
}

export type WithdrawalRequestDecision =
  /** The same request was made before: its withdrawal, as it is now. */
  | { readonly status: "existing"; readonly withdrawal: WithdrawalItem; readonly sourceEvent: SourceEventIntent }
  | { readonly status: "refused"; readonly error: DomainError }
  | {
      readonly status: "reserve";
      readonly withdrawal: WithdrawalItem;
      readonly transfer: Transfer;
      readonly reservation: ReservationItem;
      readonly outbound: WithdrawalRequested;
      readonly sourceEvent: SourceEventIntent;
      /** The contract must still be active when the reservation commits (a revocation meanwhile refuses it). */
      readonly contractChecked: boolean;
    };

/** The request's payload for its idempotency record: what makes two requests under one id the same request (not the amount, which is decided). */
export function withdrawalRequestPayloadHash(request: WithdrawalRequest): string {
  return payloadHashOf({
    type: "withdrawal.requested",
    version: 1,
    data: { withdrawalId: request.withdrawalId, accountId: request.accountId, programId: request.programId, currency: request.currency },
  });
}

const formatMinor = (amountMinor: number, currency: string) => formatMoney({ amountMinor, currency });

/**
 * Whether the account may withdraw now, and what the withdrawal reserves. Checked in this order, so the
 * answer names the first thing the requester must change: the program and its payout policy in the
 * currency, the contract, an open withdrawal, the threshold.
 */
export function decideWithdrawalRequest(request: WithdrawalRequest, state: WithdrawalRequestState, now: Date): WithdrawalRequestDecision {
  const payloadHash = withdrawalRequestPayloadHash(request);
  const sourceEvent: SourceEventIntent = {
    eventId: withdrawalEventId(request.withdrawalId, "requested"),
    eventType: "withdrawal.requested",
    payloadHash,
    outcome: "reserved",
  };
  const refused = (code: WithdrawalRefusalCode, message: string): WithdrawalRequestDecision => ({
    status: "refused",
    error: new WithdrawalRefusedError(code, message),
  });
  const { existing } = state;
  if (existing) {
    if (existing.accountId !== request.accountId || existing.programId !== request.programId || existing.currency !== request.currency)
      return refused(
        "withdrawal_mismatch",
        `withdrawal ${request.withdrawalId} was already requested with another account, program or currency: choose a new id`,
      );
    return { status: "existing", withdrawal: existing, sourceEvent };
  }
  const { program } = state;
  if (!program) return { status: "refused", error: new NotFoundError(`no program ${request.programId}`) };
  const policy = program.commission?.payout;
  const threshold = policy?.thresholds.find((candidate) => candidate.currency === request.currency);
  if (!policy || !threshold)
    return refused(
      "no_payout_policy",
      policy
        ? `program ${program.programId} pays out in ${policy.thresholds.map((candidate) => candidate.currency).join(", ")}, not in ${request.currency}`
        : `program ${program.programId} pays no commission out`,
    );
  const contract = state.contract?.status === "active" ? state.contract : undefined;
  if (policy.contractRequired && !contract)
    return refused(
      "contract_not_on_file",
      `program ${program.programId} pays out only with a signed referral contract on file; account ${request.accountId} has ${state.contract ? "only a revoked one" : "none"}`,
    );
  if (state.slot?.openWithdrawalId !== undefined)
    return refused(
      "withdrawal_already_open",
      `withdrawal ${state.slot.openWithdrawalId} of ${request.currency} in program ${program.programId} is still open: it must be paid or fail first`,
    );
  if (state.availableMinor <= threshold.exceedsMinor)
    return refused(
      "below_threshold",
      `the available commission ${formatMinor(state.availableMinor, request.currency)} does not exceed the threshold ${formatMinor(threshold.exceedsMinor, request.currency)}: it carries over to later periods`,
    );

  const amountMinor = state.availableMinor;
  const periodId = periodOf(now, state.timeZone).periodId;
  const { transfer, reservation } = reserve({
    code: "withdrawal_reserve",
    index: 0,
    from: holderAccount(request.accountId, "commission_available", request.currency),
    held: holderAccount(request.accountId, "payout_reserved", request.currency),
    amountMinor,
    sourceEventId: sourceEvent.eventId,
    sourceEventType: sourceEvent.eventType,
    postedAt: now,
    memo: `withdrawal ${request.withdrawalId}: ${formatMinor(amountMinor, request.currency)} reserved for payout`,
    programId: program.programId,
    periodId,
  });
  const withdrawal: WithdrawalItem = {
    withdrawalId: request.withdrawalId,
    accountId: request.accountId,
    programId: program.programId,
    currency: request.currency,
    amountMinor,
    status: "requested",
    requestedAt: transfer.postedAt,
    requestedBy: request.requestedBy,
    reservationTransferId: transfer.transferId,
    ...(policy.contractRequired && contract ? { contractDocumentReference: contract.documentReference } : {}),
  };
  return {
    status: "reserve",
    withdrawal,
    transfer,
    reservation,
    sourceEvent,
    contractChecked: policy.contractRequired,
    outbound: {
      type: "withdrawal.requested",
      version: 1,
      entryId: transfer.transferId,
      withdrawalId: withdrawal.withdrawalId,
      accountId: withdrawal.accountId,
      programId: withdrawal.programId,
      amountMinor,
      currency: withdrawal.currency,
      requestedBy: withdrawal.requestedBy,
      ...(withdrawal.contractDocumentReference === undefined ? {} : { contractDocumentReference: withdrawal.contractDocumentReference }),
      requestedAt: withdrawal.requestedAt,
    },
  };
}

/** What the operator says happened to a requested withdrawal. */
export type WithdrawalOutcome =
  | { readonly kind: "paid"; readonly payoutReference: string }
  | { readonly kind: "failed"; readonly reason: string };

export type WithdrawalResolutionDecision =
  /** The same outcome was recorded before (the same reference or reason): nothing to do. */
  | { readonly status: "already_recorded"; readonly withdrawal: WithdrawalItem; readonly sourceEvent: SourceEventIntent }
  | { readonly status: "refused"; readonly error: DomainError }
  | {
      readonly status: "resolve";
      readonly withdrawal: WithdrawalItem;
      readonly transfer: Transfer;
      readonly reservation: ReservationItem;
      readonly outbound: WithdrawalPaid | WithdrawalFailed;
      readonly sourceEvent: SourceEventIntent;
    };

export function withdrawalOutcomePayloadHash(withdrawalId: string, outcome: WithdrawalOutcome): string {
  return payloadHashOf({
    type: `withdrawal.${outcome.kind}`,
    version: 1,
    data: outcome.kind === "paid" ? { withdrawalId, payoutReference: outcome.payoutReference } : { withdrawalId, reason: outcome.reason },
  });
}

/**
 * Paid: the reservation is posted to the operator's payout_clearing (the money left the ledger).
 * Failed: it is voided, and exactly the reserved amount returns to commission_available. Either
 * happens once: the same outcome again is answered with the withdrawal as recorded; the other outcome,
 * or the same one with another reference or reason, is refused by name.
 */
export function decideWithdrawalResolution(
  withdrawal: WithdrawalItem,
  reservation: ReservationItem,
  outcome: WithdrawalOutcome,
  context: { readonly now: Date; readonly timeZone: string },
): WithdrawalResolutionDecision {
  const sourceEvent: SourceEventIntent = {
    eventId: withdrawalEventId(withdrawal.withdrawalId, outcome.kind),
    eventType: `withdrawal.${outcome.kind}`,
    payloadHash: withdrawalOutcomePayloadHash(withdrawal.withdrawalId, outcome),
    outcome: outcome.kind === "paid" ? "posted" : "voided",
  };
  if (withdrawal.status === "paid") {
    if (outcome.kind === "paid" && outcome.payoutReference === withdrawal.payoutReference)
      return { status: "already_recorded", withdrawal, sourceEvent };
    return {
      status: "refused",
      error: new WithdrawalRefusedError(
        "withdrawal_already_paid",
        `withdrawal ${withdrawal.withdrawalId} was paid at ${withdrawal.paidAt} with reference ${withdrawal.payoutReference}`,
      ),
    };
  }
  if (withdrawal.status === "failed") {
    if (outcome.kind === "failed" && outcome.reason === withdrawal.failureReason)
      return { status: "already_recorded", withdrawal, sourceEvent };
    return {
      status: "refused",
      error: new WithdrawalRefusedError(
        "withdrawal_already_failed",
        `withdrawal ${withdrawal.withdrawalId} failed at ${withdrawal.failedAt} (${withdrawal.failureReason}): its amount is back in the available commission`,
      ),
    };
  }
  assert(reservation.reservationTransferId === withdrawal.reservationTransferId, "a withdrawal resolves its own reservation");
  const context_ = {
    sourceEventId: sourceEvent.eventId,
    sourceEventType: sourceEvent.eventType,
    index: 0,
    postedAt: context.now,
    programId: withdrawal.programId,
    periodId: periodOf(context.now, context.timeZone).periodId,
  };
  const resolution =
    outcome.kind === "paid"
      ? post(reservation, operatorAccount("payout_clearing", withdrawal.currency), {
          ...context_,
          code: "withdrawal_post",
          memo: `withdrawal ${withdrawal.withdrawalId} paid out (${outcome.payoutReference})`,
        })
      : voidReservation(reservation, {
          ...context_,
          code: "withdrawal_void",
          memo: `withdrawal ${withdrawal.withdrawalId} failed: the reserved amount is available again`,
        });
  // The withdrawal and its reservation change in one transaction: a requested withdrawal's reservation is reserved.
  assert(
    resolution.status === "resolved",
    `withdrawal ${withdrawal.withdrawalId} is requested but its reservation is ${reservation.status}`,
  );
  const { transfer } = resolution;
  const common = {
    version: 1 as const,
    entryId: transfer.transferId,
    reservationEntryId: withdrawal.reservationTransferId,
    withdrawalId: withdrawal.withdrawalId,
    accountId: withdrawal.accountId,
    programId: withdrawal.programId,
    amountMinor: withdrawal.amountMinor,
    currency: withdrawal.currency,
  };
  if (outcome.kind === "paid") {
    return {
      status: "resolve",
      withdrawal: {
        ...withdrawal,
        status: "paid",
        resolvedByTransferId: transfer.transferId,
        paidAt: transfer.postedAt,
        payoutReference: outcome.payoutReference,
      },
      transfer,
      reservation: resolution.reservation,
      sourceEvent,
      outbound: { type: "withdrawal.paid", ...common, payoutReference: outcome.payoutReference, paidAt: transfer.postedAt },
    };
  }
  return {
    status: "resolve",
    withdrawal: {
      ...withdrawal,
      status: "failed",
      resolvedByTransferId: transfer.transferId,
      failedAt: transfer.postedAt,
      failureReason: outcome.reason,
    },
    transfer,
    reservation: resolution.reservation,
    sourceEvent,
    outbound: { type: "withdrawal.failed", ...common, reason: outcome.reason, failedAt: transfer.postedAt },
  };
}
