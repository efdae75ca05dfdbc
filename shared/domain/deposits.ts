/**
 * A partner's prepaid deposit (ACTIVE 24), as pure rules: the transfers of a top-up and of an order
 * paid from the deposit, and the monthly statement folded from the movements.
 *
 * - A top-up moves money from the operator's `deposit_funding` to the partner's `deposit`; an order
 *   paid from the deposit moves it back. The `deposit` ledger account can never go below zero (its
 *   balance rule, shared/domain/ledger/accounts.ts), so a debit larger than the balance is refused by
 *   the transaction itself, whatever ran concurrently.
 * - A deposit is in one currency, chosen when it is enabled; a movement in another is refused.
 * - The statement covers one calendar month in the operator's time zone: opening balance, each
 *   movement of the month (oldest first), totals topped up and debited, closing balance.
 */
import { DomainError } from "../errors.ts";
import type { DepositSettingsItem } from "../schemas/deposit-items.ts";
import type { Transfer } from "../schemas/transfer-items.ts";
import { fromLocal } from "./calendar.ts";
import { holderAccount, operatorAccount } from "./ledger/accounts.ts";
import { makeTransfer } from "./ledger/transfers.ts";

/** The settings of an enabled deposit in the movement's currency, or the reason it cannot move. */
export function assertDepositAccepts(settings: DepositSettingsItem | undefined, accountId: string, currency: string): DepositSettingsItem {
  if (!settings)
    throw new DomainError("deposit_not_enabled", `account ${accountId} has no deposit: the operator enables it on an authorized request`);
  if (settings.currency !== currency)
    throw new DomainError("currency_mismatch", `the deposit of ${accountId} is in ${settings.currency}, not ${currency}`);
  return settings;
}

export function depositTopUpTransfer(input: {
  readonly accountId: string;
  readonly topUpId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly sourceEventId: string;
  readonly sourceEventType: string;
  readonly paidAt: string;
}): Transfer {
  return makeTransfer({
    index: 0,
    debit: operatorAccount("deposit_funding", input.currency),
    credit: holderAccount(input.accountId, "deposit", input.currency),
    amountMinor: input.amountMinor,
    code: "deposit_top_up",
    sourceEventId: input.sourceEventId,
    sourceEventType: input.sourceEventType,
    postedAt: input.paidAt,
    memo: `deposit top-up ${input.topUpId}`,
    depositReference: { kind: "top_up", id: input.topUpId },
  });
}

export function depositDebitTransfer(input: {
  readonly accountId: string;
  readonly orderId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly sourceEventId: string;
  readonly postedAt: string;
  readonly description?: string | undefined;
}): Transfer {
  return makeTransfer({
    index: 0,
    debit: holderAccount(input.accountId, "deposit", input.currency),
    credit: operatorAccount("deposit_funding", input.currency),
    amountMinor: input.amountMinor,
    code: "deposit_debit",
    sourceEventId: input.sourceEventId,
    sourceEventType: "deposit.debited",
    postedAt: input.postedAt,
    memo: input.description ? `order ${input.orderId}: ${input.description}` : `order ${input.orderId}`,
    depositReference: { kind: "order", id: input.orderId },
  });
}

/** One movement on the deposit: positive for a top-up, negative for a debit. */
export interface DepositMovement {
  readonly transferId: string;
  readonly kind: "top_up" | "order";
  /** The top-up id or the order id. */
  readonly reference: string;
  readonly amountMinor: number;
  readonly postedAt: string;
  readonly memo: string;
}

export function depositMovementOf(transfer: Transfer): DepositMovement {
  const reference = transfer.depositReference ?? {
    kind: transfer.code === "deposit_top_up" ? "top_up" : "order",
    id: transfer.sourceEventId,
  };
  return {
    transferId: transfer.transferId,
    kind: reference.kind,
    reference: reference.id,
    amountMinor: transfer.code === "deposit_top_up" ? transfer.amountMinor : -transfer.amountMinor,
    postedAt: transfer.postedAt,
    memo: transfer.memo,
  };
}

/** The month's instants in the operator's time zone: [start, end). `month` is YYYY-MM. */
export function monthBounds(month: string, timeZone: string): { readonly start: Date; readonly end: Date } {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const next = monthNumber === 12 ? { year: year + 1, month: 1 } : { year, month: monthNumber + 1 };
  return {
    start: fromLocal({ year, month: monthNumber, day: 1, hour: 0, minute: 0, second: 0 }, timeZone),
    end: fromLocal({ ...next, day: 1, hour: 0, minute: 0, second: 0 }, timeZone),
  };
}

export interface DepositStatement {
  readonly month: string;
  readonly from: string;
  readonly to: string;
  readonly openingBalanceMinor: number;
  readonly toppedUpMinor: number;
  readonly debitedMinor: number;
  readonly closingBalanceMinor: number;
  /** The month's movements, oldest first. */
  readonly movements: DepositMovement[];
}

/**
 * The statement of a month from the balance now and every movement since the month began (newest
 * first, as the ledger lists them): closing = now − what moved after the month; opening = closing −
 * what moved in it.
 */
export function depositStatement(
  month: string,
  timeZone: string,
  balanceNowMinor: number,
  movementsSinceStartNewestFirst: readonly DepositMovement[],
): DepositStatement {
  const { start, end } = monthBounds(month, timeZone);
  let after = 0;
  const inMonth: DepositMovement[] = [];
  for (const movement of movementsSinceStartNewestFirst) {
    const at = new Date(movement.postedAt).getTime();
    if (at >= end.getTime()) after += movement.amountMinor;
    else if (at >= start.getTime()) inMonth.push(movement);
  }
  inMonth.reverse();
  const closingBalanceMinor = balanceNowMinor - after;
  const net = inMonth.reduce((sum, movement) => sum + movement.amountMinor, 0);
  return {
    month,
    from: start.toISOString(),
    to: end.toISOString(),
    openingBalanceMinor: closingBalanceMinor - net,
    toppedUpMinor: inMonth.filter((movement) => movement.amountMinor > 0).reduce((sum, movement) => sum + movement.amountMinor, 0),
    debitedMinor: -inMonth.filter((movement) => movement.amountMinor < 0).reduce((sum, movement) => sum + movement.amountMinor, 0),
    closingBalanceMinor,
    movements: inMonth,
  };
}
