/**
 * What an account's ledger shows a person: each transfer's signed effect on the account's own ledger
 * accounts, and the dashboard figures per currency (earned pending, available to withdraw, reserved by
 * withdrawals, credit granted, deposit). Pure: derived from transfers and ledger-account balances.
 */
import type { LedgerEntry } from "../../schemas/ledger-api.ts";
import { entryKindOfCode, type HolderAccountKind, type LedgerAccount, type Transfer } from "../../schemas/transfer-items.ts";
import { balanceEffectMinor, isHolderKind, sameLedgerAccount } from "./accounts.ts";

/** A transfer's change to one ledger account, on that account's normal side (+ raises its balance). */
export interface AccountEffect {
  readonly account: LedgerAccount;
  readonly amountMinor: number;
}

/** The transfer's effects on the ledger accounts of `holder` (one, or two when it moves money between two of them). */
export function effectsOnHolder(transfer: Transfer, holder: string): AccountEffect[] {
  const effects: AccountEffect[] = [];
  if (transfer.debit.holder === holder)
    effects.push({ account: transfer.debit, amountMinor: balanceEffectMinor(transfer.debit, "debit", transfer.amountMinor) });
  if (transfer.credit.holder === holder && !sameLedgerAccount(transfer.debit, transfer.credit))
    effects.push({ account: transfer.credit, amountMinor: balanceEffectMinor(transfer.credit, "credit", transfer.amountMinor) });
  return effects;
}

/** The field of the dashboard figures each holder kind is shown in. */
export const figureOfKind = {
  commission_pending: "commissionPendingMinor",
  commission_available: "commissionAvailableMinor",
  payout_reserved: "payoutReservedMinor",
  credit_granted: "creditGrantedMinor",
  deposit: "depositMinor",
} as const satisfies Record<HolderAccountKind, string>;

export type BalanceFigures = { readonly currency: string } & {
  readonly [Kind in HolderAccountKind as (typeof figureOfKind)[Kind]]: number;
};

/** One set of figures per currency the account holds anything in, in currency order; amounts in different currencies are never added. */
export function balanceFigures(balances: readonly { readonly account: LedgerAccount; readonly balanceMinor: number }[]): BalanceFigures[] {
  const byCurrency = new Map<string, Record<string, number>>();
  for (const { account, balanceMinor } of balances) {
    if (!isHolderKind(account.kind)) continue;
    const figures = byCurrency.get(account.currency) ?? Object.fromEntries(Object.values(figureOfKind).map((field) => [field, 0] as const));
    figures[figureOfKind[account.kind]] = (figures[figureOfKind[account.kind]] ?? 0) + balanceMinor;
    byCurrency.set(account.currency, figures);
  }
  return [...byCurrency.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([currency, figures]) => ({ currency, ...figures }) as BalanceFigures);
}

/**
 * The transfer as the entries of `holder`'s ledger: one per ledger account of the holder it touches
 * (two when it moves money between two of them, the debit first), each with its signed effect.
 */
export function ledgerEntriesOf(transfer: Transfer, holder: string): LedgerEntry[] {
  const { transferId, debit, credit, code, amountMinor: _amount, ...facts } = transfer;
  return effectsOnHolder(transfer, holder).map((effect) => ({
    transferId,
    accountId: holder,
    ledgerAccountKind: effect.account.kind,
    kind: entryKindOfCode[code],
    code,
    amountMinor: effect.amountMinor,
    counterparty: sameLedgerAccount(effect.account, debit) ? credit : debit,
    ...facts,
  }));
}
