/**
 * Two-phase transfers, for what can still fail after it is decided (a withdrawal): the first phase
 * reserves the amount by moving it to a holding account (`withdrawal_reserve`, commission_available →
 * payout_reserved, guarded by the available balance); the second phase either posts it onwards
 * (`withdrawal_post`, payout_reserved → payout_clearing) or voids it (`withdrawal_void`, back to
 * where it came from, exactly the reserved amount). The reservation's state says which happened; it
 * changes once, on condition it is still `reserved`, so a second post or a post after a void changes
 * nothing.
 */
import type { LedgerAccount, ReservationItem, Transfer, TransferCode } from "../../schemas/transfer-items.ts";
import { assert } from "../assert.ts";
import { makeTransfer } from "./transfers.ts";

export type { ReservationItem };

interface TransferContext {
  readonly sourceEventId: string;
  readonly sourceEventType: string;
  /** The transfer's index in its effect. */
  readonly index: number;
  readonly postedAt: Date;
  readonly memo: string;
  readonly programId?: string;
  /** The half-month period of the posting, so the transfer is listed by period (AP10) like the others. */
  readonly periodId?: string;
}

export interface ReserveInput extends TransferContext {
  readonly code: Extract<TransferCode, "withdrawal_reserve">;
  readonly from: LedgerAccount;
  readonly held: LedgerAccount;
  readonly amountMinor: number;
}

export interface Reserved {
  readonly transfer: Transfer;
  readonly reservation: ReservationItem;
}

/** The first phase: the reserve transfer and the new reservation. */
export function reserve(input: ReserveInput): Reserved {
  const transfer = makeTransfer({
    index: input.index,
    debit: input.from,
    credit: input.held,
    amountMinor: input.amountMinor,
    code: input.code,
    sourceEventId: input.sourceEventId,
    sourceEventType: input.sourceEventType,
    postedAt: input.postedAt.toISOString(),
    memo: input.memo,
    ...(input.programId === undefined ? {} : { programId: input.programId }),
    ...(input.periodId === undefined ? {} : { periodId: input.periodId }),
  });
  return {
    transfer,
    reservation: {
      reservationTransferId: transfer.transferId,
      from: input.from,
      held: input.held,
      amountMinor: input.amountMinor,
      currency: transfer.currency,
      status: "reserved",
      reservedAt: transfer.postedAt,
    },
  };
}

export type Resolution =
  | { readonly status: "resolved"; readonly transfer: Transfer; readonly reservation: ReservationItem }
  /** Resolved before (by this outcome or the other): nothing to post. */
  | { readonly status: "already_resolved"; readonly reservation: ReservationItem };

/** The second phase: post the reserved amount to `to`. */
export function post(
  reservation: ReservationItem,
  to: LedgerAccount,
  context: TransferContext & { code: Extract<TransferCode, "withdrawal_post"> },
): Resolution {
  return resolve(reservation, "posted", to, context);
}

/** The second phase: void the reservation; exactly the reserved amount returns to where it came from. */
export function voidReservation(
  reservation: ReservationItem,
  context: TransferContext & { code: Extract<TransferCode, "withdrawal_void"> },
): Resolution {
  return resolve(reservation, "voided", reservation.from, context);
}

function resolve(
  reservation: ReservationItem,
  status: "posted" | "voided",
  to: LedgerAccount,
  context: TransferContext & { code: TransferCode },
): Resolution {
  if (reservation.status !== "reserved") return { status: "already_resolved", reservation };
  assert(to.currency === reservation.currency, `a ${reservation.currency} reservation cannot resolve to ${to.currency}`);
  const transfer = makeTransfer({
    index: context.index,
    debit: reservation.held,
    credit: to,
    amountMinor: reservation.amountMinor,
    code: context.code,
    sourceEventId: context.sourceEventId,
    sourceEventType: context.sourceEventType,
    postedAt: context.postedAt.toISOString(),
    memo: context.memo,
    reservationTransferId: reservation.reservationTransferId,
    ...(status === "voided" ? { reversesTransferId: reservation.reservationTransferId } : {}),
    ...(context.programId === undefined ? {} : { programId: context.programId }),
    ...(context.periodId === undefined ? {} : { periodId: context.periodId }),
  });
  return {
    status: "resolved",
    transfer,
    reservation: { ...reservation, status, resolvedByTransferId: transfer.transferId, resolvedAt: transfer.postedAt },
  };
}
