/**
 * Ledger accounts of the double-entry core: (holder, kind, currency). A customer account holds the
 * referrer and partner kinds; the operator holds the expense, clearing and funding kinds. Every
 * balance lives on an account's normal side: credits − debits for what the operator owes a customer
 * (holder kinds), debits − credits for the operator's own kinds.
 *
 * Balance rules (checked by the store in the transfer's own transaction, like TigerBeetle's
 * `debits_must_not_exceed_credits`): a debit may not take an account below zero, except where the
 * rule names the transfer codes allowed to (a clawback of paid-out commission leaves
 * `commission_available` negative, and later commissions recover it). Operator accounts have no floor.
 */
import {
  type HolderAccountKind,
  holderAccountKinds,
  type LedgerAccount,
  type LedgerAccountKind,
  type OperatorAccountKind,
  operatorAccountKinds,
  operatorHolder,
  type TransferCode,
} from "../../schemas/transfer-items.ts";
import { assert } from "../assert.ts";

export type { HolderAccountKind, LedgerAccount, LedgerAccountKind, OperatorAccountKind };
export { operatorHolder };

export interface BalanceRule {
  /** Which side a posting must be on to raise the balance. */
  readonly normalSide: "credit" | "debit";
  /** Whether a debit may take the balance below zero. */
  readonly floor: "never_negative" | "none";
  /** Codes that may take a `never_negative` account below zero anyway. */
  readonly mayGoNegativeBy: readonly TransferCode[];
}

const holderRule = (mayGoNegativeBy: readonly TransferCode[] = []): BalanceRule => ({
  normalSide: "credit",
  floor: "never_negative",
  mayGoNegativeBy,
});
const operatorRule: BalanceRule = { normalSide: "debit", floor: "none", mayGoNegativeBy: [] };

export const balanceRules: Readonly<Record<LedgerAccountKind, BalanceRule>> = {
  commission_pending: holderRule(),
  // Settled commission may have been withdrawn before a refund claws it back: the balance goes negative.
  commission_available: holderRule(["commission_clawback"]),
  payout_reserved: holderRule(),
  credit_granted: holderRule(),
  deposit: holderRule(),
  commission_expense: operatorRule,
  credit_expense: operatorRule,
  payout_clearing: operatorRule,
  deposit_funding: operatorRule,
};

export function isOperatorKind(kind: LedgerAccountKind): kind is OperatorAccountKind {
  return (operatorAccountKinds as readonly string[]).includes(kind);
}

export function isHolderKind(kind: LedgerAccountKind): kind is HolderAccountKind {
  return (holderAccountKinds as readonly string[]).includes(kind);
}

/** A customer account's ledger account. */
export function holderAccount(accountId: string, kind: HolderAccountKind, currency: string): LedgerAccount {
  assert(accountId !== operatorHolder, `${operatorHolder} is not a customer account`);
  return { holder: accountId, kind, currency };
}

/** One of the operator's ledger accounts. */
export function operatorAccount(kind: OperatorAccountKind, currency: string): LedgerAccount {
  return { holder: operatorHolder, kind, currency };
}

/** Checks that the kind belongs to the holder: operator kinds to the operator, the others to a customer account. */
export function assertLedgerAccount(account: LedgerAccount): void {
  assert(
    isOperatorKind(account.kind) === (account.holder === operatorHolder),
    `a ${account.kind} account cannot be held by ${account.holder}`,
  );
}

/** A stable identity of a ledger account, for maps and messages. */
export function ledgerAccountId(account: LedgerAccount): string {
  return `${account.holder}/${account.kind}/${account.currency}`;
}

export function sameLedgerAccount(a: LedgerAccount, b: LedgerAccount): boolean {
  return a.holder === b.holder && a.kind === b.kind && a.currency === b.currency;
}

/** The balance change a posting of `amountMinor` on `side` makes, on the account's normal side. */
export function balanceEffectMinor(account: LedgerAccount, side: "debit" | "credit", amountMinor: number): number {
  return balanceRules[account.kind].normalSide === side ? amountMinor : -amountMinor;
}
