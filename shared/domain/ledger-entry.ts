/**
 * Ledger entries: immutable records of money moving into or out of one bucket of an account's
 * balance. Corrections are new entries (clawback, adjustment), never edits.
 *
 * Status model (docs/ledger.md):
 * - credit             → paid       account credit is delivered to the billing system at once
 * - commission_accrued → pending    until settlement of its half-month period
 * - settlement         → pending −x / available +y (a later issue)
 * - payout             → available −x / paid +x (a later issue)
 * - clawback           → the bucket the reversed reward is in now (paid for credits; pending before
 *                        settlement, available after it, also when already paid out: the balance may
 *                        go negative and later earnings recover it)
 */
import { createHash } from "node:crypto";
import type { EntryKind, EntryStatus, LedgerEntry } from "../schemas/ledger-items.ts";
import { assert } from "./assert.ts";
import { assertAmountMinor } from "./money.ts";

export type { EntryKind, EntryStatus, LedgerEntry };

/** The statuses each kind may carry: anything else is a programmer error. */
export const statusesByKind: Readonly<Record<EntryKind, readonly EntryStatus[]>> = {
  credit: ["paid"],
  commission_accrued: ["pending"],
  clawback: ["pending", "available", "paid"],
  settlement: ["pending", "available"],
  payout: ["available", "paid"],
  deposit: ["available"],
  adjustment: ["pending", "available", "paid"],
};

/**
 * The id of the `index`-th entry of a source event's effect. Deterministic, so a replayed effect
 * would produce the same ids (and the outbound queue deduplicates by them).
 */
export function entryIdOf(sourceEventId: string, index: number): string {
  assert(Number.isInteger(index) && index >= 0, "entry index must be a non-negative integer");
  return `en_${createHash("sha256").update(`${sourceEventId}\n${index}`).digest("hex").slice(0, 24)}`;
}

/** Checks an entry before it is written: a non-zero integer amount, a status its kind allows. */
export function assertEntry(entry: LedgerEntry): void {
  assertAmountMinor(entry.amountMinor);
  assert(entry.amountMinor !== 0, `entry ${entry.entryId} moves no money`);
  assert(statusesByKind[entry.kind].includes(entry.status), `a ${entry.kind} entry cannot be ${entry.status}`);
  if (entry.kind === "credit" || entry.kind === "commission_accrued")
    assert(entry.amountMinor > 0, `a ${entry.kind} entry must be positive`);
  if (entry.kind === "clawback") assert(entry.amountMinor < 0, "a clawback entry must be negative");
}
