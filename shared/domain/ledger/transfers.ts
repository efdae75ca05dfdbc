/**
 * Transfers: every movement of money goes from a debit account to a credit account, in one currency,
 * for a positive amount, so money is never created or lost (for each currency, the sum over all
 * accounts of credits − debits is zero by construction). Transfers are immutable; a correction is a
 * new transfer that names the one it reverses.
 *
 * `accountChanges` turns the transfers of one effect into one change per touched account (a DynamoDB
 * transaction may touch an item once) and says which of them the balance rules must guard.
 */
import { createHash } from "node:crypto";
import { DomainError } from "../../errors.ts";
import type { LedgerAccount, Transfer, TransferCode } from "../../schemas/transfer-items.ts";
import { assert } from "../assert.ts";
import { assertSumMinor } from "../money.ts";
import { assertLedgerAccount, balanceEffectMinor, balanceRules, isOperatorKind, ledgerAccountId, sameLedgerAccount } from "./accounts.ts";

export type { Transfer, TransferCode };

/**
 * The id of the `index`-th transfer of a source event's effect. Deterministic, so a replayed effect
 * produces the same ids (and whoever receives a message about it can deduplicate by them).
 */
export function transferIdOf(sourceEventId: string, index: number): string {
  assert(Number.isInteger(index) && index >= 0, "transfer index must be a non-negative integer");
  return `tr_${createHash("sha256").update(`transfer\n${sourceEventId}\n${index}`).digest("hex").slice(0, 24)}`;
}

/** A transfer across currencies: refused, never converted. */
export class CrossCurrencyTransferError extends DomainError {
  override name = "CrossCurrencyTransferError";
  constructor(
    readonly debit: LedgerAccount,
    readonly credit: LedgerAccount,
    readonly currency: string,
  ) {
    super("currency_mismatch", `a ${currency} transfer from ${ledgerAccountId(debit)} to ${ledgerAccountId(credit)}`);
  }
}

export type TransferFields = Omit<Transfer, "transferId" | "currency"> & { readonly index: number };

/** Builds the `index`-th transfer of an effect and checks it; its currency is both accounts' currency. */
export function makeTransfer(fields: TransferFields): Transfer {
  const { index, ...rest } = fields;
  const transfer: Transfer = { transferId: transferIdOf(fields.sourceEventId, index), currency: fields.debit.currency, ...rest };
  assertTransfer(transfer);
  return transfer;
}

/** A transfer's own rules: known accounts of the right holders, one currency, two different accounts, a positive integer amount. */
export function assertTransfer(transfer: Transfer): void {
  assertLedgerAccount(transfer.debit);
  assertLedgerAccount(transfer.credit);
  if (transfer.debit.currency !== transfer.currency || transfer.credit.currency !== transfer.currency)
    throw new CrossCurrencyTransferError(transfer.debit, transfer.credit, transfer.currency);
  assert(!sameLedgerAccount(transfer.debit, transfer.credit), `transfer ${transfer.transferId} debits and credits one account`);
  assertSumMinor(transfer.amountMinor);
  assert(transfer.amountMinor > 0, `transfer ${transfer.transferId} must move a positive amount`);
  // Every transfer is listed under a customer account it touches; the operator's accounts are write shards.
  assert(
    !(isOperatorKind(transfer.debit.kind) && isOperatorKind(transfer.credit.kind)),
    `transfer ${transfer.transferId} moves money between two operator accounts`,
  );
}

/** What the transfers of one effect do to one account. */
export interface AccountChange {
  /** Which item the change goes to (`accountKeyOf`): the account, or one of its write shards. */
  readonly key: string;
  readonly account: LedgerAccount;
  readonly debitsMinor: number;
  readonly creditsMinor: number;
  /** On the account's normal side. */
  readonly balanceDeltaMinor: number;
  readonly transferCount: number;
  /**
   * When set, the balance before the change must be at least this much (the account's floor guards
   * this change): the store writes it as the condition of the account's update.
   */
  readonly requiredBalanceMinor?: number;
  readonly transferIds: readonly string[];
}

interface MutableChange {
  key: string;
  account: LedgerAccount;
  debitsMinor: number;
  creditsMinor: number;
  balanceDeltaMinor: number;
  transferCount: number;
  guarded: boolean;
  transferIds: string[];
}

/**
 * One change per account the transfers touch, in first-seen order. An account whose floor applies to
 * one of its debits (`never_negative`, the code not allowed to go below zero) must hold at least the
 * net amount the effect takes from it.
 */
export function accountChanges(
  transfers: readonly Transfer[],
  accountKeyOf: (account: LedgerAccount, transfer: Transfer) => string = (account) => ledgerAccountId(account),
): AccountChange[] {
  const changes = new Map<string, MutableChange>();
  const touch = (account: LedgerAccount, transfer: Transfer, side: "debit" | "credit") => {
    const key = accountKeyOf(account, transfer);
    let change = changes.get(key);
    if (!change) {
      change = { key, account, debitsMinor: 0, creditsMinor: 0, balanceDeltaMinor: 0, transferCount: 0, guarded: false, transferIds: [] };
      changes.set(key, change);
    }
    if (side === "debit") change.debitsMinor += transfer.amountMinor;
    else change.creditsMinor += transfer.amountMinor;
    change.balanceDeltaMinor += balanceEffectMinor(account, side, transfer.amountMinor);
    change.transferCount += 1;
    change.transferIds.push(transfer.transferId);
    const rule = balanceRules[account.kind];
    if (side === "debit" && rule.floor === "never_negative" && !rule.mayGoNegativeBy.includes(transfer.code)) change.guarded = true;
  };
  for (const transfer of transfers) {
    assertTransfer(transfer);
    touch(transfer.debit, transfer, "debit");
    touch(transfer.credit, transfer, "credit");
  }
  return [...changes.values()].map(({ guarded, ...change }) =>
    guarded && change.balanceDeltaMinor < 0 ? { ...change, requiredBalanceMinor: -change.balanceDeltaMinor } : change,
  );
}

/** Per currency, the sum of credits − debits over every account the transfers touch: zero when no money was created or lost. */
export function netByCurrency(changes: readonly Pick<AccountChange, "account" | "debitsMinor" | "creditsMinor">[]): Map<string, number> {
  const net = new Map<string, number>();
  for (const change of changes)
    net.set(change.account.currency, (net.get(change.account.currency) ?? 0) + change.creditsMinor - change.debitsMinor);
  return net;
}
