/**
 * Balances are the sums of entries per account, currency and status bucket. The store applies the
 * deltas computed here with ADD in the same transaction as the entries, so a balance always equals the
 * sum of its entries; `sumEntries` recomputes them from scratch to check that invariant.
 */
import type { EntryStatus, LedgerEntry } from "./ledger-entry.ts";
import { assertAmountMinor } from "./money.ts";

export interface BalanceAmounts {
  pendingMinor: number;
  availableMinor: number;
  paidMinor: number;
}

export interface BalanceDelta extends BalanceAmounts {
  readonly accountId: string;
  readonly currency: string;
}

export const bucketByStatus: Readonly<Record<EntryStatus, keyof BalanceAmounts>> = {
  pending: "pendingMinor",
  available: "availableMinor",
  paid: "paidMinor",
};

function balanceKey(accountId: string, currency: string): string {
  return `${accountId}\n${currency}`;
}

/**
 * Sums entries per account and currency (never across currencies), in first-seen order: the balance
 * changes of one effect (one ADD per account and currency), or a balance recomputed from its entries.
 */
export function sumEntries(entries: readonly LedgerEntry[]): BalanceDelta[] {
  const sums = new Map<string, BalanceDelta>();
  for (const entry of entries) {
    const key = balanceKey(entry.accountId, entry.currency);
    let sum = sums.get(key);
    if (!sum) {
      sum = { accountId: entry.accountId, currency: entry.currency, pendingMinor: 0, availableMinor: 0, paidMinor: 0 };
      sums.set(key, sum);
    }
    sum[bucketByStatus[entry.status]] += entry.amountMinor;
    assertAmountMinor(sum[bucketByStatus[entry.status]]);
  }
  return [...sums.values()];
}
