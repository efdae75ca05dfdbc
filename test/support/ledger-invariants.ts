/**
 * The ledger's invariants, checked on everything in a table: the double-entry core's (below), and
 * every pending accrual equals what its commission accruals and pending clawbacks moved.
 */
import { operatorAccountShardOf } from "../../shared/data/ledger-store.ts";
import { balanceEffectMinor, balanceRules, isOperatorKind, ledgerAccountId } from "../../shared/domain/ledger/accounts.ts";
import { assertTransfer } from "../../shared/domain/ledger/transfers.ts";
import { periodAccrualItemSchema, sourceEventItemSchema } from "../../shared/schemas/ledger-items.ts";
import { ledgerAccountItemSchema, reservationItemSchema, type Transfer, transferSchema } from "../../shared/schemas/transfer-items.ts";

export function ledgerInvariantViolations(items: readonly Record<string, unknown>[]): string[] {
  const problems: string[] = [];
  const transfers = new Map<string, Transfer>();
  for (const item of items.filter((candidate) => candidate.entityType === "Transfer")) {
    const transfer = transferSchema.parse(item);
    transfers.set(transfer.transferId, transfer);
  }
  const accruals = items.filter((item) => item.entityType === "PeriodAccrual").map((item) => periodAccrualItemSchema.parse(item));
  for (const accrual of accruals) {
    if (accrual.settledAt) continue;
    let pending = 0;
    for (const transfer of transfers.values()) {
      if (transfer.programId !== accrual.programId || transfer.periodId !== accrual.periodId || transfer.currency !== accrual.currency)
        continue;
      for (const side of ["debit", "credit"] as const) {
        const account = transfer[side];
        if (account.holder === accrual.accountId && account.kind === "commission_pending")
          pending += balanceEffectMinor(account, side, transfer.amountMinor);
      }
    }
    if (pending !== accrual.accruedMinor)
      problems.push(`accrual ${accrual.accountId} ${accrual.periodId} is ${accrual.accruedMinor}, its pending transfers sum to ${pending}`);
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
    const listed = [...record.transferIds].sort();
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
