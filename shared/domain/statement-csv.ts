/**
 * A statement as CSV (RFC 4180): a header line, then one line per period, lines ending in CRLF; a field
 * holding a comma, a double quote, a CR or an LF is quoted, its quotes doubled. Every amount comes
 * twice: `<name>_minor`, the integer of minor units the JSON has, and `<name>`, the same as a decimal
 * with the currency's ISO 4217 minor digits (EUR 2: `-12.34`; JPY 0), a dot, no thousands separator.
 * A period with several commission programs lists their settlement fields in the order of `programs`,
 * joined by "; ". docs/ledger.md, "Statements", lists the columns.
 */
import type { StatementBalances, StatementPeriod } from "./statement.ts";

export const statementCsvMediaType = "text/csv; charset=utf-8; header=present";

/** The ISO 4217 minor digits of a currency (2 for a code Intl does not know). */
export function minorDigitsOf(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units as a decimal: 1234 with 2 digits is `12.34`, -5 is `-0.05`. */
export function decimalOf(amountMinor: number, digits: number): string {
  const sign = amountMinor < 0 ? "-" : "";
  const magnitude = Math.abs(amountMinor);
  if (digits === 0) return `${sign}${magnitude}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(magnitude / scale)}.${String(magnitude % scale).padStart(digits, "0")}`;
}

/** One RFC 4180 field. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

type Amount = (period: StatementPeriod) => number;

const balanceColumns: readonly [string, keyof StatementBalances][] = [
  ["commission_pending", "commissionPendingMinor"],
  ["commission_available", "commissionAvailableMinor"],
  ["payout_reserved", "payoutReservedMinor"],
];

/** The amount columns, each written as `<name>_minor` and `<name>`. */
const amountColumns: readonly [string, Amount][] = [
  ["accrued", (period) => period.accruedMinor],
  ["released", (period) => period.releasedMinor],
  ["top_up", (period) => period.topUpMinor],
  ["clawed_back_after_settlement", (period) => period.clawedBackAfterSettlementMinor],
  ["top_up_reversed", (period) => period.topUpReversedMinor],
  ["withdrawal_reserved", (period) => period.withdrawalReservedMinor],
  ["withdrawal_paid", (period) => period.withdrawalPaidMinor],
  ["withdrawal_returned", (period) => period.withdrawalReturnedMinor],
  ...balanceColumns.map(([name, field]): [string, Amount] => [`opening_${name}`, (period) => period.openingBalances[field]]),
  ...balanceColumns.map(([name, field]): [string, Amount] => [`closing_${name}`, (period) => period.closingBalances[field]]),
];

/** The text columns before the amounts. */
const textColumns: readonly [string, (period: StatementPeriod) => string][] = [
  ["period_id", (period) => period.periodId],
  ["first_day", (period) => period.firstDay],
  ["last_day", (period) => period.lastDay],
  ["programs", (period) => period.programs.map((program) => program.programId).join("; ")],
  ["settlement", (period) => period.programs.map((program) => program.settlement).join("; ")],
  ["settled_at", (period) => period.programs.map((program) => program.settledAt ?? "").join("; ")],
  ["active_customers", (period) => period.programs.map((program) => String(program.activeCustomers)).join("; ")],
  ["rate_bps", (period) => period.programs.map((program) => (program.rateBps === undefined ? "" : String(program.rateBps))).join("; ")],
  ["rate_reason", (period) => period.programs.map((program) => program.rateExplanation ?? "").join("; ")],
];

export const statementCsvHeader: readonly string[] = [
  ...textColumns.map(([name]) => name),
  "currency",
  ...amountColumns.flatMap(([name]) => [`${name}_minor`, name]),
];

/** The whole CSV document of a statement's periods in `currency`. */
export function statementCsv(periods: readonly StatementPeriod[], currency: string): string {
  const digits = minorDigitsOf(currency);
  const lines = [
    statementCsvHeader,
    ...periods.map((period) => [
      ...textColumns.map(([, value]) => value(period)),
      currency,
      ...amountColumns.flatMap(([, amount]) => [String(amount(period)), decimalOf(amount(period), digits)]),
    ]),
  ];
  return lines.map((fields) => `${fields.map(csvField).join(",")}\r\n`).join("");
}
