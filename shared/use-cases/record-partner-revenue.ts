/**
 * A partner's paid revenue from the billing events (docs/partners.md, "Levels"; shared/domain/partner-revenue.ts):
 * an effect of its own beside the event's ledger effect, applied right after it (apply-billing-event.ts), with
 * its own idempotency record `partner-revenue:<eventId>` in its one transaction.
 *
 * Only while a program's levels ask for paid revenue (`paidRevenueMin`): otherwise nothing is read or written.
 * - `invoice.paid` whose payer is an approved partner of such a program, in the program's currency: the
 *   invoice's revenue record (once by the invoice id; a resend under a new event id counts nothing again) and
 *   the payer's month, less the reversals held for it. Another payer costs one read per program and writes nothing.
 * - `invoice.refunded`, and `chargeback` of an invoice: once by the reversal's own id, taken off the invoice's
 *   month (at most what is left of it); before the invoice arrived, held on its record (which expires after the
 *   booking-time horizon) and taken off when it does. A reversal of an invoice no partner paid holds nothing
 *   for long: its record expires unused.
 * Lost races (a reversal and its invoice at once, two reversals of one invoice) are decided again from fresh reads.
 */
import { decidePaymentRevenue, decideReversalRevenue, revenueMonthOf, revenueProgramsOf } from "../domain/partner-revenue.ts";
import { linesTotalMinor } from "../domain/rewards.ts";
import { PermanentMessageError } from "../errors.ts";
import { limits } from "../limits.ts";
import { logger } from "../observability.ts";
import type { BillingEvent, Chargeback, InvoicePaid, InvoiceRefunded } from "../schemas/billing-events.ts";
import { commitEffect } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { LedgerDependencies } from "./ledger-dependencies.ts";

/** What the event did to a partner's paid revenue, for the log; undefined when it is not about one. */
export type PartnerRevenueOutcome =
  | "revenue_counted"
  | "revenue_reduced"
  | "revenue_reversal_held"
  | "duplicate"
  | "already_counted"
  | "reversal_already_applied"
  | "not_a_partner";

export function partnerRevenueEventId(eventId: string): string {
  return `partner-revenue:${eventId}`;
}

export async function recordPartnerRevenue(
  deps: LedgerDependencies,
  event: BillingEvent,
  payloadHash: string,
): Promise<PartnerRevenueOutcome | undefined> {
  if (event.type !== "invoice.paid" && event.type !== "invoice.refunded" && !(event.type === "chargeback" && event.data.invoiceId))
    return undefined;
  const config = await deps.operatorConfigStore.loadOrThrow();
  const programs = revenueProgramsOf(config);
  if (programs.length === 0) return undefined;
  if (event.type === "invoice.paid") {
    const candidates = programs.filter((program) => program.currency === event.data.currency);
    if (candidates.length === 0) return undefined;
    const payer = event.data.payerAccountId;
    const approved = await Promise.all(candidates.map((program) => deps.partnerStore.isApprovedPartner(payer, program.programId)));
    if (!approved.includes(true)) return "not_a_partner";
    return await countInvoice(deps, event, payloadHash, config.timeZone);
  }
  return await takeOffReversal(deps, event as InvoiceRefunded | Chargeback, payloadHash);
}

async function countInvoice(deps: LedgerDependencies, event: InvoicePaid, payloadHash: string, timeZone: string) {
  const { data } = event;
  const eventId = partnerRevenueEventId(event.eventId);
  return await decideUntilCommitted(`partner revenue ${eventId}`, async (): Promise<PartnerRevenueOutcome> => {
    const existing = await deps.partnerRevenueStore.readInvoiceRevenue(data.invoiceId);
    const now = deps.clock.now().toISOString();
    const decision = decidePaymentRevenue(existing, {
      invoiceId: data.invoiceId,
      payerAccountId: data.payerAccountId,
      currency: data.currency,
      totalMinor: linesTotalMinor(data.lines),
      revenueMonth: revenueMonthOf(new Date(data.paidAt), timeZone),
      sourceEventId: event.eventId,
      recordedAt: now,
    });
    if (decision.kind === "already_counted") {
      if (decision.sourceEventId === event.eventId) return "duplicate";
      logger.warn("invoice already counted as partner revenue under another event id", {
        eventId: event.eventId,
        recordedBy: decision.sourceEventId,
      });
      const recorded = await commitEffect(deps, {
        sourceEvent: { eventId, eventType: event.type, payloadHash, outcome: "already_counted" },
        transfers: [],
      });
      return recorded.status === "duplicate" ? "duplicate" : "already_counted";
    }
    const writes = deps.partnerRevenueStore.writes;
    const committed = await commitEffect(deps, {
      sourceEvent: { eventId, eventType: event.type, payloadHash, outcome: "revenue_counted" },
      transfers: [],
      writes: [
        writes.invoiceRevenue(decision.record, decision.expectedRevision),
        writes.addToMonth({
          accountId: decision.record.payerAccountId,
          month: decision.record.revenueMonth,
          currency: decision.record.currency,
          paidMinor: decision.paidMinor,
          reversedMinor: decision.reversedMinor,
          invoices: 1,
          at: now,
        }),
      ],
    });
    return committed.status === "duplicate" ? "duplicate" : "revenue_counted";
  });
}

async function takeOffReversal(deps: LedgerDependencies, event: InvoiceRefunded | Chargeback, payloadHash: string) {
  const { data } = event;
  const invoiceId = data.invoiceId!;
  const eventId = partnerRevenueEventId(event.eventId);
  const kind = event.type === "invoice.refunded" ? "refund" : "chargeback";
  const reversalId = event.type === "invoice.refunded" ? event.data.refundId : event.data.chargebackId;
  const bookedAt = new Date(event.type === "invoice.refunded" ? event.data.refundedAt : event.data.chargedBackAt);
  let alreadyApplied = false;
  return await decideUntilCommitted(
    `partner revenue ${eventId}`,
    async (): Promise<PartnerRevenueOutcome> => {
      const existing = await deps.partnerRevenueStore.readInvoiceRevenue(invoiceId);
      const now = deps.clock.now().toISOString();
      const decision = decideReversalRevenue(existing, {
        invoiceId,
        currency: data.currency,
        amountMinor: data.amountMinor,
        recordedAt: now,
        expiresAtEpochSeconds: Math.ceil(bookedAt.getTime() / 1000) + limits.bookingTimeHorizonDays * 86_400,
      });
      // As the ledger's own refunds are (docs/events.md): the dead-letter queue, named; the invoice's revenue stays.
      if (decision.kind === "currency_mismatch")
        throw new PermanentMessageError(
          "currency_mismatch",
          `a ${data.currency} ${kind} of invoice ${invoiceId}, which its partner paid in ${decision.recordedCurrency}`,
        );
      const writes = deps.partnerRevenueStore.writes;
      const reversal = writes.revenueReversal({
        kind,
        reversalId,
        invoiceId,
        amountMinor: data.amountMinor,
        currency: data.currency,
        sourceEventId: event.eventId,
        at: now,
      });
      const outcome: PartnerRevenueOutcome = alreadyApplied
        ? "reversal_already_applied"
        : decision.kind === "reduce"
          ? "revenue_reduced"
          : "revenue_reversal_held";
      const effectWrites = alreadyApplied
        ? []
        : decision.kind === "reduce"
          ? [
              writes.invoiceRevenue(decision.record, decision.expectedRevision),
              writes.addToMonth({
                accountId: decision.record.payerAccountId,
                month: decision.record.revenueMonth,
                currency: decision.record.currency,
                paidMinor: 0,
                reversedMinor: decision.reversedMinor,
                invoices: 0,
                at: now,
              }),
              reversal,
            ]
          : [writes.invoiceRevenue(decision.record, decision.expectedRevision), reversal];
      const committed = await commitEffect(deps, {
        sourceEvent: { eventId, eventType: event.type, payloadHash, outcome },
        transfers: [],
        writes: effectWrites,
      });
      return committed.status === "duplicate" ? "duplicate" : outcome;
    },
    (conflict) => {
      // Resent under a new event id: its id is used up all the same, and nothing comes off again.
      if (conflict.lost("revenueReversal")) alreadyApplied = true;
      return undefined;
    },
  );
}
