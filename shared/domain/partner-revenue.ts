/**
 * A partner's paid revenue (ACTIVE 24's levels, docs/partners.md "Levels"), as pure rules:
 *
 * - **What counts**: invoices paid (`invoice.paid`) with an approved partner as their payer, in the currency the
 *   program's levels state, while a program asks for paid revenue; each counts in the operator-local month it
 *   was paid, less its refunds and chargebacks (never below zero for an invoice).
 * - **Exactly once**: an invoice counts once by its id (its revenue record), a reversal once by its own id;
 *   a reversal of an invoice not seen yet is held on an awaited record and taken off the invoice when it arrives.
 * - **The measure**: the net revenue of the 12 operator-local calendar months before the month of the
 *   measuring instant (a verification on 1 December counts December to November of the year before).
 */
import type { OperatorConfig, PartnerLevel } from "../schemas/operator-config.ts";
import type { InvoiceRevenueItem, RecordedInvoiceRevenue } from "../schemas/partner-revenue-items.ts";
import { addMonths, localDay, parseLocalDate } from "./calendar.ts";

/** How many operator-local calendar months a paid-revenue condition looks back over. */
export const paidRevenueWindowMonths = 12;

/** A program whose partner levels ask for paid revenue, and the currency they state it in. */
export interface RevenueProgram {
  readonly programId: string;
  readonly currency: string;
}

/** The currency a program's levels state paid revenue in, or undefined when none asks for it (the configuration allows one). */
export function paidRevenueCurrencyOf(levels: readonly PartnerLevel[]): string | undefined {
  return levels.find((level) => level.conditions.paidRevenueMin)?.conditions.paidRevenueMin?.currency;
}

/** The programs whose levels ask for paid revenue. */
export function revenueProgramsOf(config: Pick<OperatorConfig, "programs">): RevenueProgram[] {
  const programs: RevenueProgram[] = [];
  for (const program of config.programs) {
    const currency = paidRevenueCurrencyOf(program.partnerProgram?.levels ?? []);
    if (currency) programs.push({ programId: program.programId, currency });
  }
  return programs;
}

/** The operator-local month (`YYYY-MM`) an instant falls in. */
export function revenueMonthOf(instant: Date, timeZone: string): string {
  return localDay(instant, timeZone).slice(0, 7);
}

/** The months a measure at `instant` counts: the 12 before the instant's own operator-local month, first and last. */
export function revenueWindowOf(instant: Date, timeZone: string): { readonly fromMonth: string; readonly toMonth: string } {
  const today = parseLocalDate(localDay(instant, timeZone));
  const monthStart = { year: today.year, month: today.month, day: 1 };
  const month = (date: { year: number; month: number }) => `${date.year}-${String(date.month).padStart(2, "0")}`;
  return { fromMonth: month(addMonths(monthStart, -paidRevenueWindowMonths)), toMonth: month(addMonths(monthStart, -1)) };
}

export interface RevenuePayment {
  readonly invoiceId: string;
  readonly payerAccountId: string;
  readonly currency: string;
  readonly totalMinor: number;
  readonly revenueMonth: string;
  readonly sourceEventId: string;
  readonly recordedAt: string;
}

/** What a paid invoice does to its payer's revenue: counts it (less reversals that came first), or nothing. */
export type PaymentRevenueDecision =
  | {
      readonly kind: "count";
      readonly record: RecordedInvoiceRevenue;
      /** The revision the record is written on condition of (undefined: no record yet). */
      readonly expectedRevision: number | undefined;
      readonly paidMinor: number;
      readonly reversedMinor: number;
    }
  | { readonly kind: "already_counted"; readonly sourceEventId: string };

export function decidePaymentRevenue(existing: InvoiceRevenueItem | undefined, payment: RevenuePayment): PaymentRevenueDecision {
  if (existing?.state === "recorded") return { kind: "already_counted", sourceEventId: existing.sourceEventId };
  // Reversals held for this invoice count against it when they are in its currency (another one names another payment).
  const early = existing && existing.currency === payment.currency ? existing.reversedMinor : 0;
  const reversedMinor = Math.min(early, payment.totalMinor);
  return {
    kind: "count",
    record: {
      state: "recorded",
      invoiceId: payment.invoiceId,
      payerAccountId: payment.payerAccountId,
      currency: payment.currency,
      paidMinor: payment.totalMinor,
      reversedMinor,
      revenueMonth: payment.revenueMonth,
      sourceEventId: payment.sourceEventId,
      updatedAt: payment.recordedAt,
      revision: existing ? existing.revision + 1 : 0,
    },
    expectedRevision: existing?.revision,
    paidMinor: payment.totalMinor,
    reversedMinor,
  };
}

export interface RevenueReversal {
  readonly invoiceId: string;
  readonly currency: string;
  readonly amountMinor: number;
  readonly recordedAt: string;
  /** When an awaited record may expire: a payment booked before its reversal is refused after the booking-time horizon. */
  readonly expiresAtEpochSeconds: number;
}

/** What a refund or chargeback does: takes revenue off a counted invoice, waits for the invoice, or nothing (another currency). */
export type ReversalRevenueDecision =
  | {
      readonly kind: "reduce";
      readonly record: RecordedInvoiceRevenue;
      readonly expectedRevision: number;
      /** What comes off the invoice's month (at most what is left of the invoice: 0 once it is fully reversed). */
      readonly reversedMinor: number;
    }
  | { readonly kind: "await"; readonly record: InvoiceRevenueItem; readonly expectedRevision: number | undefined }
  | { readonly kind: "currency_mismatch"; readonly recordedCurrency: string };

export function decideReversalRevenue(existing: InvoiceRevenueItem | undefined, reversal: RevenueReversal): ReversalRevenueDecision {
  if (existing && existing.currency !== reversal.currency) return { kind: "currency_mismatch", recordedCurrency: existing.currency };
  if (existing?.state === "recorded") {
    const reversedMinor = Math.min(reversal.amountMinor, existing.paidMinor - existing.reversedMinor);
    return {
      kind: "reduce",
      record: {
        ...existing,
        reversedMinor: existing.reversedMinor + reversedMinor,
        updatedAt: reversal.recordedAt,
        revision: existing.revision + 1,
      },
      expectedRevision: existing.revision,
      reversedMinor,
    };
  }
  return {
    kind: "await",
    record: {
      state: "awaited",
      invoiceId: reversal.invoiceId,
      currency: reversal.currency,
      reversedMinor: (existing?.reversedMinor ?? 0) + reversal.amountMinor,
      updatedAt: reversal.recordedAt,
      expiresAtEpochSeconds: Math.max(existing?.state === "awaited" ? existing.expiresAtEpochSeconds : 0, reversal.expiresAtEpochSeconds),
      revision: existing ? existing.revision + 1 : 0,
    },
    expectedRevision: existing?.revision,
  };
}

/** One month's paid revenue of a payer in one currency (its bucket). */
export interface PaidRevenueMonth {
  readonly month: string;
  readonly currency: string;
  readonly paidMinor: number;
  readonly reversedMinor: number;
}

/** The net paid revenue of `months` in `currency`. */
export function netPaidRevenue(months: readonly PaidRevenueMonth[], currency: string): number {
  let net = 0;
  for (const month of months) if (month.currency === currency) net += month.paidMinor - month.reversedMinor;
  return net;
}
