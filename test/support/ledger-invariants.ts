/**
 * The ledger's invariants, checked on everything in a table: every balance equals the sum of its
 * entries per bucket and currency; every entry belongs to exactly one source event record and every
 * record lists exactly its entries; every pending accrual equals its pending entries.
 */
import { operatorAccountShardOf } from "../../shared/data/transfer-store.ts";
import { sumEntries } from "../../shared/domain/balances.ts";
import { balanceEffectMinor, balanceRules, isOperatorKind, ledgerAccountId } from "../../shared/domain/ledger/accounts.ts";
import { assertTransfer } from "../../shared/domain/ledger/transfers.ts";
import {
  balanceSchema,
  type LedgerEntry,
  ledgerEntrySchema,
  periodAccrualItemSchema,
  sourceEventItemSchema,
} from "../../shared/schemas/ledger-items.ts";
import { ledgerAccountItemSchema, reservationItemSchema, type Transfer, transferSchema } from "../../shared/schemas/transfer-items.ts";

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
  return [...problems, ...transferInvariantViolations(items)];
}

/**
 * The double-entry core's invariants on everything in a table:
 * - every transfer is well formed (one currency, two different accounts, a positive amount), and its
 *   copies (one per customer account it touches) are identical and all present;
 * - for each currency, the sum over all ledger account items of (credits − debits) is zero;
 * - each ledger account item (an operator account's shard) equals the sum of its transfers;
 * - no never-negative account is below zero, unless a code allowed to (a clawback) took it there;
 * - each source event record lists exactly its transfers; each reservation matches its transfers.
 */
export function transferInvariantViolations(items: readonly Record<string, unknown>[]): string[] {
  const problems: string[] = [];
  const copies = items.filter((item) => item.entityType === "Transfer");
  const transfers = new Map<string, Transfer>();
  const listedUnder = new Map<string, Set<string>>();
  for (const copy of copies) {
    const transfer = transferSchema.parse(copy);
    const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, entityType: _type, listedUnder: holder, operatorShard, ...stored } = copy;
    if (operatorShard !== undefined && operatorShard !== operatorAccountShardOf(transfer.transferId))
      problems.push(`transfer ${transfer.transferId} records shard ${String(operatorShard)}`);
    const first = transfers.get(transfer.transferId);
    if (first && JSON.stringify(sorted(first)) !== JSON.stringify(sorted(stored)))
      problems.push(`copies of transfer ${transfer.transferId} differ`);
    transfers.set(transfer.transferId, stored as Transfer);
    listedUnder.set(transfer.transferId, new Set([...(listedUnder.get(transfer.transferId) ?? []), String(holder)]));
  }
  const expectedSums = new Map<string, { debits: number; credits: number; balance: number; count: number; negativeAllowed: boolean }>();
  const post = (transfer: Transfer, side: "debit" | "credit") => {
    const account = transfer[side];
    const key = itemKeyOf(ledgerAccountId(account), isOperatorKind(account.kind) ? operatorAccountShardOf(transfer.transferId) : undefined);
    const sum = expectedSums.get(key) ?? { debits: 0, credits: 0, balance: 0, count: 0, negativeAllowed: false };
    if (side === "debit") sum.debits += transfer.amountMinor;
    else sum.credits += transfer.amountMinor;
    sum.balance += balanceEffectMinor(account, side, transfer.amountMinor);
    sum.count += 1;
    if (side === "debit" && balanceRules[account.kind].mayGoNegativeBy.includes(transfer.code)) sum.negativeAllowed = true;
    expectedSums.set(key, sum);
  };
  for (const transfer of transfers.values()) {
    try {
      assertTransfer(transfer);
    } catch (error) {
      problems.push(`transfer ${transfer.transferId}: ${(error as Error).message}`);
    }
    const holders = [transfer.debit.holder, transfer.credit.holder].filter((holder) => holder !== "operator");
    for (const holder of holders)
      if (!listedUnder.get(transfer.transferId)?.has(holder))
        problems.push(`transfer ${transfer.transferId} is not listed under ${holder}`);
    post(transfer, "debit");
    post(transfer, "credit");
  }

  const accounts = items.filter((item) => item.entityType === "LedgerAccount").map((item) => ledgerAccountItemSchema.parse(item));
  const netByCurrency = new Map<string, number>();
  const seen = new Set<string>();
  for (const account of accounts) {
    const id = ledgerAccountId(account);
    const key = itemKeyOf(id, account.shard);
    seen.add(key);
    netByCurrency.set(account.currency, (netByCurrency.get(account.currency) ?? 0) + account.creditsMinor - account.debitsMinor);
    const expected = expectedSums.get(key) ?? { debits: 0, credits: 0, balance: 0, count: 0, negativeAllowed: false };
    if (
      account.debitsMinor !== expected.debits ||
      account.creditsMinor !== expected.credits ||
      account.balanceMinor !== expected.balance ||
      account.transferCount !== expected.count
    )
      problems.push(
        `ledger account ${key} holds debits ${account.debitsMinor} credits ${account.creditsMinor} balance ${account.balanceMinor} (${account.transferCount} transfers); its transfers sum to ${expected.debits} / ${expected.credits} / ${expected.balance} (${expected.count})`,
      );
    if (balanceRules[account.kind].floor === "never_negative" && account.balanceMinor < 0 && !expected.negativeAllowed)
      problems.push(`ledger account ${key} is below zero (${account.balanceMinor})`);
  }
  for (const key of expectedSums.keys()) if (!seen.has(key)) problems.push(`transfers post to ${key}, which has no ledger account item`);
  for (const [currency, net] of netByCurrency)
    if (net !== 0) problems.push(`${currency}: credits − debits over all ledger accounts is ${net}, not 0`);

  const records = items.filter((item) => item.entityType === "SourceEvent").map((item) => sourceEventItemSchema.parse(item));
  const transfersByEvent = new Map<string, string[]>();
  for (const transfer of transfers.values())
    transfersByEvent.set(transfer.sourceEventId, [...(transfersByEvent.get(transfer.sourceEventId) ?? []), transfer.transferId]);
  const recordIds = new Set(records.map((record) => record.eventId));
  for (const record of records) {
    const listed = [...(record.transferIds ?? [])].sort();
    const found = [...(transfersByEvent.get(record.eventId) ?? [])].sort();
    if (JSON.stringify(listed) !== JSON.stringify(found))
      problems.push(`event ${record.eventId} lists transfers ${listed.join(",")} but has ${found.join(",")}`);
  }
  for (const eventId of transfersByEvent.keys())
    if (!recordIds.has(eventId)) problems.push(`transfers of event ${eventId} have no source event record`);

  for (const item of items.filter((candidate) => candidate.entityType === "Reservation")) {
    const reservation = reservationItemSchema.parse(item);
    const reserve = transfers.get(reservation.reservationTransferId);
    if (!reserve || reserve.amountMinor !== reservation.amountMinor)
      problems.push(`reservation ${reservation.reservationTransferId} has no reserve transfer of ${reservation.amountMinor}`);
    if (reservation.status === "reserved") continue;
    const resolver = reservation.resolvedByTransferId === undefined ? undefined : transfers.get(reservation.resolvedByTransferId);
    if (
      !resolver ||
      resolver.amountMinor !== reservation.amountMinor ||
      resolver.reservationTransferId !== reservation.reservationTransferId
    )
      problems.push(`reservation ${reservation.reservationTransferId} is ${reservation.status} without a transfer of exactly its amount`);
  }
  return problems;
}

function itemKeyOf(ledgerAccountId: string, shard: number | undefined): string {
  return shard === undefined ? ledgerAccountId : `${ledgerAccountId}#${shard}`;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, sorted(inner)]),
    );
  return value;
}
