/**
 * Valid billing events with sensible defaults, for tests: override only what a test is about.
 * Ids are unique per call unless given. The default times make a plausible history before the test
 * clock (2026-03-14T10:00Z): issued 03-09, paid 03-10, refunded 03-12, charged back 03-13.
 */
import { randomUUID } from "node:crypto";
import { accrualIdentity } from "../../shared/domain/refunds.ts";
import type { SettledAccrual } from "../../shared/domain/settlement.ts";
import type {
  AccountRegistered,
  Chargeback,
  DepositToppedUp,
  InvoiceIssued,
  InvoicePaid,
  InvoiceRefunded,
  RechargeCompleted,
  ServiceActivated,
  ServiceCancelled,
  ServicePayerChanged,
} from "../../shared/schemas/billing-events.ts";
import type { RewardState } from "../../shared/schemas/ledger-items.ts";

const uniqueId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 12)}`;

type DataOf<T extends { data: unknown }> = T["data"];

export function invoicePaid(data: Partial<DataOf<InvoicePaid>> & { accountId: string }, eventId = uniqueId("evt")): InvoicePaid {
  const paidAt = data.paidAt ?? "2026-03-10T09:00:00.000Z";
  return {
    eventId,
    type: "invoice.paid",
    version: 1,
    occurredAt: paidAt,
    data: {
      invoiceId: uniqueId("inv"),
      currency: "EUR",
      lines: [{ sku: "hosting-start", category: "hosting", amountMinor: 10_000 }],
      payerAccountId: data.accountId,
      administratorAccountId: data.accountId,
      paymentMethod: "card",
      paidAt,
      ...data,
    },
  };
}

export function rechargeCompleted(
  data: Partial<DataOf<RechargeCompleted>> & { accountId: string },
  eventId = uniqueId("evt"),
): RechargeCompleted {
  const completedAt = data.completedAt ?? "2026-03-10T09:00:00.000Z";
  return {
    eventId,
    type: "recharge.completed",
    version: 1,
    occurredAt: completedAt,
    data: { rechargeId: uniqueId("rch"), amountMinor: 5_000, currency: "EUR", paymentMethod: "card", completedAt, ...data },
  };
}

export function invoiceRefunded(
  data: Partial<DataOf<InvoiceRefunded>> & { accountId: string; invoiceId: string; amountMinor: number },
  eventId = uniqueId("evt"),
): InvoiceRefunded {
  const refundedAt = data.refundedAt ?? "2026-03-12T09:00:00.000Z";
  return {
    eventId,
    type: "invoice.refunded",
    version: 1,
    occurredAt: refundedAt,
    data: { refundId: uniqueId("ref"), currency: "EUR", refundedAt, ...data },
  };
}

export function chargeback(
  data: Partial<DataOf<Chargeback>> & { accountId: string; amountMinor: number },
  eventId = uniqueId("evt"),
): Chargeback {
  const chargedBackAt = data.chargedBackAt ?? "2026-03-13T09:00:00.000Z";
  return {
    eventId,
    type: "chargeback",
    version: 1,
    occurredAt: chargedBackAt,
    data: { chargebackId: uniqueId("cb"), currency: "EUR", chargedBackAt, ...data },
  };
}

export function accountRegistered(
  data: Partial<DataOf<AccountRegistered>> & { accountId: string },
  eventId = uniqueId("evt"),
): AccountRegistered {
  const registeredAt = data.registeredAt ?? "2026-03-01T09:00:00.000Z";
  return { eventId, type: "account.registered", version: 1, occurredAt: registeredAt, data: { registeredAt, ...data } };
}

export function invoiceIssued(data: Partial<DataOf<InvoiceIssued>> & { accountId: string }, eventId = uniqueId("evt")): InvoiceIssued {
  const issuedAt = data.issuedAt ?? "2026-03-09T09:00:00.000Z";
  return {
    eventId,
    type: "invoice.issued",
    version: 1,
    occurredAt: issuedAt,
    data: { invoiceId: uniqueId("inv"), currency: "EUR", totalMinor: 10_000, issuedAt, ...data },
  };
}

export function servicePayerChanged(
  data: Partial<DataOf<ServicePayerChanged>> & { administratorAccountId: string; payerAccountId: string },
  eventId = uniqueId("evt"),
): ServicePayerChanged {
  const changedAt = data.changedAt ?? "2026-03-09T09:00:00.000Z";
  return {
    eventId,
    type: "service.payer_changed",
    version: 1,
    occurredAt: changedAt,
    data: { serviceId: uniqueId("svc"), previousPayerAccountId: data.administratorAccountId, changedAt, ...data },
  };
}

export function serviceActivated(
  data: Partial<DataOf<ServiceActivated>> & { administratorAccountId: string; payerAccountId: string },
  eventId = uniqueId("evt"),
): ServiceActivated {
  const activatedAt = data.activatedAt ?? "2026-03-09T09:00:00.000Z";
  return {
    eventId,
    type: "service.activated",
    version: 1,
    occurredAt: activatedAt,
    data: { serviceId: uniqueId("svc"), category: "domain", activatedAt, ...data },
  };
}

export function serviceCancelled(
  data: Partial<DataOf<ServiceCancelled>> & { administratorAccountId: string; serviceId: string },
  eventId = uniqueId("evt"),
): ServiceCancelled {
  const cancelledAt = data.cancelledAt ?? "2026-03-09T09:00:00.000Z";
  return { eventId, type: "service.cancelled", version: 1, occurredAt: cancelledAt, data: { cancelledAt, ...data } };
}

export function depositToppedUp(
  data: Partial<DataOf<DepositToppedUp>> & { accountId: string; amountMinor: number },
  eventId = uniqueId("evt"),
): DepositToppedUp {
  const paidAt = data.paidAt ?? "2026-03-10T09:00:00.000Z";
  return {
    eventId,
    type: "deposit.topped_up",
    version: 1,
    occurredAt: paidAt,
    data: { topUpId: uniqueId("top"), currency: "EUR", paidAt, ...data },
  };
}

/** The figures of a settled accrual a clawback reads, settled at the accrual's own rate (no top-up) unless told. */
export function settledAccrualsOf(
  rewards: readonly Pick<RewardState, "referrerAccountId" | "programId" | "periodId">[],
  currency: string,
  figures: Partial<SettledAccrual> = {},
): Map<string, SettledAccrual> {
  return new Map(
    rewards.map((reward) => [
      accrualIdentity(reward, currency),
      {
        accountId: reward.referrerAccountId,
        programId: reward.programId,
        periodId: reward.periodId,
        currency,
        settledBaseMinor: 0,
        topUpMinor: 0,
        baseReversedAfterSettlementMinor: 0,
        topUpReversedMinor: 0,
        ...figures,
      },
    ]),
  );
}
