/**
 * The ledger's invariants, checked on everything in a table: every balance equals the sum of its
 * entries per bucket and currency; every entry belongs to exactly one source event record and every
 * record lists exactly its entries; every pending accrual equals its pending entries.
 */
import { sumEntries } from "../../shared/domain/balances.ts";
import {
  balanceSchema,
  type LedgerEntry,
  ledgerEntrySchema,
  periodAccrualItemSchema,
  sourceEventItemSchema,
} from "../../shared/schemas/ledger-items.ts";

export function ledgerInvariantViolations(items: readonly Record<string, unknown>[]): string[] {
  const problems: string[] = [];
  const entries = items.filter((item) => item.entityType === "LedgerEntry").map((item) => ledgerEntrySchema.parse(item));
  const balances = items.filter((item) => item.entityType === "Balance").map((item) => balanceSchema.parse(item));
  const records = items.filter((item) => item.entityType === "SourceEvent").map((item) => sourceEventItemSchema.parse(item));
  const accruals = items.filter((item) => item.entityType === "PeriodAccrual").map((item) => periodAccrualItemSchema.parse(item));

  const sums = new Map(sumEntries(entries).map((sum) => [`${sum.accountId} ${sum.currency}`, sum]));
  const balanceKeys = new Set<string>();
  for (const balance of balances) {
    const key = `${balance.accountId} ${balance.currency}`;
    balanceKeys.add(key);
    const sum = sums.get(key) ?? { pendingMinor: 0, availableMinor: 0, paidMinor: 0 };
    for (const bucket of ["pendingMinor", "availableMinor", "paidMinor"] as const) {
      if (sum[bucket] !== balance[bucket])
        problems.push(`balance ${key} ${bucket} is ${balance[bucket]}, its entries sum to ${sum[bucket]}`);
    }
  }
  for (const key of sums.keys()) if (!balanceKeys.has(key)) problems.push(`entries of ${key} have no balance`);

  const entriesByEvent = new Map<string, LedgerEntry[]>();
  for (const entry of entries) entriesByEvent.set(entry.sourceEventId, [...(entriesByEvent.get(entry.sourceEventId) ?? []), entry]);
  const recordIds = new Set(records.map((record) => record.eventId));
  for (const record of records) {
    const listed = [...record.entryIds].sort();
    const found = (entriesByEvent.get(record.eventId) ?? []).map((entry) => entry.entryId).sort();
    if (JSON.stringify(listed) !== JSON.stringify(found))
      problems.push(`event ${record.eventId} lists entries ${listed.join(",")} but has ${found.join(",")}`);
  }
  for (const eventId of entriesByEvent.keys())
    if (!recordIds.has(eventId)) problems.push(`entries of event ${eventId} have no source event record`);
  const entryIds = entries.map((entry) => entry.entryId);
  if (new Set(entryIds).size !== entryIds.length) problems.push("an entry id appears twice");

  for (const accrual of accruals) {
    if (accrual.settledAt) continue;
    const pending = entries
      .filter(
        (entry) =>
          entry.status === "pending" &&
          entry.accountId === accrual.accountId &&
          entry.programId === accrual.programId &&
          entry.periodId === accrual.periodId &&
          entry.currency === accrual.currency,
      )
      .reduce((sum, entry) => sum + entry.amountMinor, 0);
    if (pending !== accrual.accruedMinor)
      problems.push(`accrual ${accrual.accountId} ${accrual.periodId} is ${accrual.accruedMinor}, its pending entries sum to ${pending}`);
  }
  return problems;
}
