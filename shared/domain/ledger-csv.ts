/**
 * A ledger (GET /accounts/{id}/ledger's entries) as CSV, in the statement's conventions
 * (shared/domain/statement-csv.ts: RFC 4180, CRLF, every amount as `<name>_minor` and as a decimal with
 * the currency's minor digits): one line per entry, in the order given (the route's: newest first).
 * docs/ledger.md, "Exporting a ledger", lists the columns.
 */
import type { LedgerEntry } from "../schemas/ledger-api.ts";
import { csvField, decimalOf, minorDigitsOf } from "./statement-csv.ts";

const columns: readonly [string, (entry: LedgerEntry) => string | number | undefined][] = [
  ["posted_at", (entry) => entry.postedAt],
  ["transfer_id", (entry) => entry.transferId],
  ["account_id", (entry) => entry.accountId],
  ["ledger_account", (entry) => entry.ledgerAccountKind],
  ["kind", (entry) => entry.kind],
  ["code", (entry) => entry.code],
  ["amount_minor", (entry) => entry.amountMinor],
  ["amount", (entry) => decimalOf(entry.amountMinor, minorDigitsOf(entry.currency))],
  ["currency", (entry) => entry.currency],
  ["counterparty", (entry) => `${entry.counterparty.holder}:${entry.counterparty.kind}`],
  ["program_id", (entry) => entry.programId],
  ["period_id", (entry) => entry.periodId],
  ["referee_account_id", (entry) => entry.refereeAccountId],
  ["payment", (entry) => (entry.payment ? `${entry.payment.kind}:${entry.payment.id}` : undefined)],
  ["rate_bps", (entry) => entry.rateBps],
  ["basis_minor", (entry) => entry.basisMinor],
  ["reverses_transfer_id", (entry) => entry.reversesTransferId],
  ["source_event_id", (entry) => entry.sourceEventId],
  ["source_event_type", (entry) => entry.sourceEventType],
  ["memo", (entry) => entry.memo],
];

export const ledgerCsvHeader = `${columns.map(([name]) => name).join(",")}\r\n`;

/** The lines of these entries, without the header (so a long export can be written page by page). */
export function ledgerCsvLines(entries: readonly LedgerEntry[]): string {
  return entries.map((entry) => `${columns.map(([, value]) => csvField(String(value(entry) ?? ""))).join(",")}\r\n`).join("");
}
