import { describe, expect, it } from "vitest";
import { payloadHashOf } from "../../shared/domain/payload-hash.ts";
import { PermanentMessageError } from "../../shared/errors.ts";
import { billingEventTypes, eventIdOfBody, orderingAccountOf, parseBillingEvent } from "../../shared/schemas/billing-events.ts";
import {
  accountRegistered,
  chargeback,
  depositToppedUp,
  invoiceIssued,
  invoicePaid,
  invoiceRefunded,
  rechargeCompleted,
  serviceActivated,
  serviceCancelled,
  servicePayerChanged,
} from "../support/billing-event-builders.ts";

function rejection(body: unknown): { code: string; message: string } {
  try {
    parseBillingEvent(typeof body === "string" ? body : JSON.stringify(body));
  } catch (error) {
    if (error instanceof PermanentMessageError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("billing event messages", () => {
  const examples = [
    accountRegistered({ accountId: "a-1", promoEndsAt: "2026-04-01T00:00:00+02:00", email: "a@example.com" }),
    invoiceIssued({ accountId: "a-1" }),
    invoicePaid({ accountId: "a-1", lines: [{ sku: "s", category: "hosting", amountMinor: 100, purchaseCostMinor: 60 }] }),
    invoiceRefunded({ accountId: "a-1", invoiceId: "inv-1", amountMinor: 50 }),
    chargeback({ accountId: "a-1", invoiceId: "inv-1", amountMinor: 50 }),
    chargeback({ accountId: "a-1", rechargeId: "rch-1", amountMinor: 50 }),
    rechargeCompleted({ accountId: "a-1" }),
    servicePayerChanged({ administratorAccountId: "a-1", payerAccountId: "p-1" }),
    serviceActivated({ administratorAccountId: "a-1", payerAccountId: "p-1" }),
    serviceCancelled({ administratorAccountId: "a-1", serviceId: "svc-1" }),
    depositToppedUp({ accountId: "p-1", amountMinor: 50_000 }),
  ];

  it("covers every type with an example", () => {
    expect(new Set(examples.map((event) => event.type))).toEqual(new Set(billingEventTypes));
  });

  it.each(examples.map((event) => [event.type, event] as const))("parses a valid %s unchanged", (_, event) => {
    expect(parseBillingEvent(JSON.stringify(event))).toEqual(event);
  });

  it.each([
    ["a body that is not JSON", "{", "validation_failed", "not JSON"],
    [
      "an envelope without a version",
      { eventId: "e", type: "invoice.paid", occurredAt: "2026-01-01T00:00:00Z", data: {} },
      "validation_failed",
      "message.version",
    ],
    ["an event id with a slash", { ...rechargeCompleted({ accountId: "a" }), eventId: "a/b" }, "validation_failed", "message.eventId"],
    ["an unknown type", { ...rechargeCompleted({ accountId: "a" }), type: "recharge.failed" }, "unknown_event_type", "recharge.failed"],
    ["a type inherited from Object", { ...rechargeCompleted({ accountId: "a" }), type: "toString" }, "unknown_event_type", "toString"],
    ["an unknown version", { ...rechargeCompleted({ accountId: "a" }), version: 2 }, "unsupported_event_version", "no version 2"],
    [
      "a fractional amount",
      { ...rechargeCompleted({ accountId: "a" }), data: { ...rechargeCompleted({ accountId: "a" }).data, amountMinor: 1.5 } },
      "validation_failed",
      "data.amountMinor",
    ],
    ["a lower-case currency", invoicePaid({ accountId: "a", currency: "eur" }), "validation_failed", "data.currency"],
    ["an invoice without lines", invoicePaid({ accountId: "a", lines: [] }), "validation_failed", "data.lines"],
    ["a refund of zero", invoiceRefunded({ accountId: "a", invoiceId: "i", amountMinor: 0 }), "validation_failed", "data.amountMinor"],
    [
      "a chargeback naming both an invoice and a recharge",
      chargeback({ accountId: "a", invoiceId: "i", rechargeId: "r", amountMinor: 5 }),
      "validation_failed",
      "give exactly one",
    ],
    ["a chargeback naming neither", chargeback({ accountId: "a", amountMinor: 5 }), "validation_failed", "give exactly one"],
    [
      "a time without an offset",
      { ...rechargeCompleted({ accountId: "a", completedAt: "2026-03-01T10:00:00" }), occurredAt: "2026-03-01T10:00:00Z" },
      "validation_failed",
      "data.completedAt",
    ],
  ])("rejects %s with a reason", (_, body, code, detail) => {
    const { code: actualCode, message } = rejection(body);
    expect(actualCode).toBe(code);
    expect(message).toContain(detail);
  });

  it("finds the event id of a rejected message when it has one", () => {
    expect(eventIdOfBody(JSON.stringify({ eventId: "evt-1", type: "nope" }))).toBe("evt-1");
    expect(eventIdOfBody("nope")).toBeUndefined();
  });

  it("orders by the customer account, the administrator for a payer change", () => {
    expect(orderingAccountOf(invoicePaid({ accountId: "c-1", payerAccountId: "agency" }))).toBe("c-1");
    expect(orderingAccountOf(servicePayerChanged({ administratorAccountId: "admin", payerAccountId: "p" }))).toBe("admin");
  });

  it("fingerprints the meaning of an event: key order and occurredAt do not matter, data does", () => {
    const event = rechargeCompleted({ accountId: "a" });
    const reordered = {
      ...event,
      occurredAt: "2030-01-01T00:00:00Z",
      data: Object.fromEntries(Object.entries(event.data).reverse()) as typeof event.data,
    };
    expect(payloadHashOf(reordered)).toBe(payloadHashOf(event));
    expect(payloadHashOf({ ...event, data: { ...event.data, amountMinor: event.data.amountMinor + 1 } })).not.toBe(payloadHashOf(event));
    expect(payloadHashOf({ ...event, version: 2 })).not.toBe(payloadHashOf(event));
  });
});
