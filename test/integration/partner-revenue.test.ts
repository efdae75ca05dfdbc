/**
 * A partner level's paid-revenue condition on DynamoDB Local, through the real consumer and the verification route,
 * each on its function's grants: invoices an approved partner pays count in their operator-local month, once by
 * invoice id (a redelivery, a resend under a new event id), less their refunds and chargebacks (once by their own id,
 * also when they arrive before the invoice); other payers and other currencies write nothing; a verification
 * measures the 12 months before its month and moves the partner at the condition's edge.
 */
await vi.hoisted(() => import("../support/handler-environment.ts"));

import { beforeAll, describe, expect, it, vi } from "vitest";
import { keys } from "../../shared/data/keys.ts";
import { active24ResellerPreset, demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import type { BillingEvent } from "../../shared/schemas/billing-events.ts";
import type { OperatorConfigInput } from "../../shared/schemas/operator-config.ts";
import type { ApplicationItem } from "../../shared/schemas/partner-application-items.ts";
import { chargeback, invoicePaid, invoiceRefunded } from "../support/billing-event-builders.ts";
import { jsonBody } from "../support/http-events.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { type PartnerRoutes, partnerRoutes } from "../support/partner-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

// 10:00 in Prague on 2 March 2026: a verification now counts March 2025 to February 2026.
const setup = useLedgerTestSetup("2026-03-02T09:00:00.000Z");
const program = "active24-reseller";
const partner = "rv-partner-1";
let api: PartnerRoutes;

const revenueLevels: OperatorConfigInput = {
  ...demoOperatorConfig,
  programs: demoOperatorConfig.programs.map((candidate) =>
    candidate.programId === program
      ? {
          ...active24ResellerPreset,
          partnerProgram: {
            ...active24ResellerPreset.partnerProgram!,
            levels: [
              { levelId: "partner", name: "Partner", rateBps: 1000, conditions: {} },
              // 50,000.00 CZK paid in the 12 months before the verification's month.
              {
                levelId: "partner-gold",
                name: "Partner Gold",
                rateBps: 1800,
                conditions: { paidRevenueMin: { currency: "CZK", amountMinor: 5_000_000 } },
              },
            ],
          },
        }
      : candidate,
  ),
};

async function consume(events: readonly BillingEvent[]): Promise<void> {
  expect((await setup.consume(sqsEventOf(events))).batchItemFailures).toEqual([]);
}

/** An invoice of `amountMinor` CZK the partner pays for one of its customers, paid at `paidAt`. */
const paidByPartner = (invoiceId: string, amountMinor: number, paidAt: string) =>
  invoicePaid({
    accountId: `end-of-${invoiceId}`,
    payerAccountId: partner,
    invoiceId,
    currency: "CZK",
    lines: [{ sku: "domain-cz", category: "domain", amountMinor }],
    paidAt,
  });

async function month(accountId: string, yearMonth: string, currency = "CZK") {
  return await setup.readItem(keys.paidRevenueMonth(accountId, yearMonth, currency));
}

async function verify(verificationId: string) {
  const response = await api.verify(partner, program, { verificationId });
  expect(response.statusCode, response.body).toBe(200);
  return jsonBody(response) as {
    level: { current: { levelId: string | null }; measured: { paidRevenue?: Record<string, unknown> } };
    verification: { kind: string };
  };
}

beforeAll(async () => {
  api = partnerRoutes(setup);
  await setup.saveOperatorConfig(revenueLevels);
  const applied = await api.apply(partner, {
    programId: program,
    fields: { companyName: "Revenue s.r.o.", registrationId: "CZ55550001", expectedServices: 40 },
  });
  expect(applied.statusCode, applied.body).toBe(201);
  const { application } = jsonBody(applied) as { application: ApplicationItem };
  expect((await api.approve(application.applicationId, { reasonCode: "conditions_met" })).statusCode).toBe(200);
  await setup.drain(setup.sqs.queueUrls.outbound);
});

describe("a partner's paid revenue", () => {
  it("counts an invoice the partner pays in its operator-local month, once, whatever the redelivery or resend", async () => {
    const invoice = paidByPartner("rv-inv-1", 2_000_000, "2026-01-31T23:30:00.000Z"); // 00:30 on 1 February in Prague
    await consume([invoice]);
    await consume([invoice]);
    await consume([{ ...invoice, eventId: `${invoice.eventId}-resent` }]);
    expect(await month(partner, "2026-02")).toMatchObject({ paidMinor: 2_000_000, reversedMinor: 0, invoiceCount: 1 });
    expect(await month(partner, "2026-01")).toBeUndefined();
    expect(await setup.readItem(keys.invoiceRevenue("rv-inv-1"))).toMatchObject({ state: "recorded", payerAccountId: partner });
  });

  it("writes nothing for a payer that is not an approved partner, nor for an invoice in another currency", async () => {
    await consume([
      invoicePaid({ accountId: "rv-someone", invoiceId: "rv-inv-other", currency: "CZK", paidAt: "2026-02-10T09:00:00.000Z" }),
      invoicePaid({
        accountId: "rv-eur",
        payerAccountId: partner,
        invoiceId: "rv-inv-eur",
        currency: "EUR",
        paidAt: "2026-02-10T09:00:00.000Z",
      }),
    ]);
    expect(await setup.readItem(keys.invoiceRevenue("rv-inv-other"))).toBeUndefined();
    expect(await setup.readItem(keys.invoiceRevenue("rv-inv-eur"))).toBeUndefined();
    expect(await month("rv-someone", "2026-02")).toBeUndefined();
    expect(await month(partner, "2026-02", "EUR")).toBeUndefined();
  });

  it("takes refunds and chargebacks off the invoice's month, once by their id, never more than the invoice", async () => {
    await consume([paidByPartner("rv-inv-2", 1_000_000, "2026-02-05T09:00:00.000Z")]);
    const refund = invoiceRefunded({
      accountId: "end-of-rv-inv-2",
      invoiceId: "rv-inv-2",
      currency: "CZK",
      amountMinor: 300_000,
      refundedAt: "2026-03-01T09:00:00.000Z",
    });
    await consume([refund]);
    await consume([{ ...refund, eventId: `${refund.eventId}-resent` }]);
    await consume([
      chargeback({
        accountId: "end-of-rv-inv-2",
        invoiceId: "rv-inv-2",
        currency: "CZK",
        amountMinor: 900_000,
        chargedBackAt: "2026-03-01T10:00:00.000Z",
      }),
    ]);
    // 10,000.00 paid, 3,000.00 refunded, then a chargeback of 9,000.00 of which 7,000.00 were left.
    expect(await setup.readItem(keys.invoiceRevenue("rv-inv-2"))).toMatchObject({ paidMinor: 1_000_000, reversedMinor: 1_000_000 });
    expect(await month(partner, "2026-02")).toMatchObject({ paidMinor: 3_000_000, reversedMinor: 1_000_000, invoiceCount: 2 });
  });

  it("dead-letters a reversal in another currency than the partner's invoice as currency_mismatch, and takes nothing off", async () => {
    await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
    await consume([
      chargeback({
        accountId: "end-of-rv-inv-1",
        invoiceId: "rv-inv-1",
        currency: "EUR",
        amountMinor: 100,
        chargedBackAt: "2026-03-01T11:00:00.000Z",
      }),
    ]);
    const deadLetters = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
    expect(deadLetters.map((message) => message.MessageAttributes?.reason?.StringValue)).toEqual(["currency_mismatch"]);
    expect(await setup.readItem(keys.invoiceRevenue("rv-inv-1"))).toMatchObject({ reversedMinor: 0 });
  });

  it("holds a refund that arrives before its invoice and takes it off when the invoice comes", async () => {
    await consume([
      invoiceRefunded({
        accountId: "end-of-rv-inv-3",
        invoiceId: "rv-inv-3",
        currency: "CZK",
        amountMinor: 500_000,
        refundedAt: "2026-02-20T09:00:00.000Z",
      }),
    ]);
    expect(await setup.readItem(keys.invoiceRevenue("rv-inv-3"))).toMatchObject({ state: "awaited", reversedMinor: 500_000 });
    await consume([paidByPartner("rv-inv-3", 2_000_000, "2026-02-19T09:00:00.000Z")]);
    expect(await setup.readItem(keys.invoiceRevenue("rv-inv-3"))).toMatchObject({
      state: "recorded",
      paidMinor: 2_000_000,
      reversedMinor: 500_000,
    });
    expect(await month(partner, "2026-02")).toMatchObject({ paidMinor: 5_000_000, reversedMinor: 1_500_000, invoiceCount: 3 });
  });
});

describe("a level that asks for paid revenue", () => {
  it("measures the 12 months before the verification's month and moves the partner at the condition's edge", async () => {
    // 35,000.00 net in February; an invoice of the verification's own month does not count yet.
    await consume([paidByPartner("rv-inv-march", 9_000_000, "2026-03-02T08:00:00.000Z")]);
    const short = await verify("rv-check-1");
    expect(short.level.current.levelId).toBe("partner");
    expect(short.level.measured.paidRevenue).toEqual({ currency: "CZK", amountMinor: 3_500_000, fromMonth: "2025-03", toMonth: "2026-02" });
    // 15,000.00 more in March 2025, the window's first month: exactly 50,000.00.
    await consume([paidByPartner("rv-inv-old", 1_500_000, "2025-03-01T09:00:00.000Z")]);
    const met = await verify("rv-check-2");
    expect(met.verification.kind).toBe("moved_up");
    expect(met.level.current.levelId).toBe("partner-gold");
    expect(met.level.measured.paidRevenue).toMatchObject({ amountMinor: 5_000_000 });
    // A refund of 0.01 takes it below: the next verification moves the partner down.
    await consume([
      invoiceRefunded({
        accountId: "end-of-rv-inv-old",
        invoiceId: "rv-inv-old",
        currency: "CZK",
        amountMinor: 1,
        refundedAt: "2026-03-02T08:30:00.000Z",
      }),
    ]);
    const below = await verify("rv-check-3");
    expect(below.verification.kind).toBe("moved_down");
    expect(below.level.measured.paidRevenue).toMatchObject({ amountMinor: 4_999_999 });
  });
});
