import { describe, expect, it } from "vitest";
import {
  assertDepositAccepts,
  type DepositMovement,
  depositDebitTransfer,
  depositMovementOf,
  depositStatement,
  depositTopUpTransfer,
  monthBounds,
} from "../../shared/domain/deposits.ts";

const movement = (postedAt: string, amountMinor: number, reference = postedAt): DepositMovement => ({
  transferId: `tr_${reference}`,
  kind: amountMinor > 0 ? "top_up" : "order",
  reference,
  amountMinor,
  postedAt,
  memo: "",
});

describe("deposit transfers", () => {
  it("moves a top-up from the operator's deposit funding to the partner's deposit, and an order back", () => {
    const topUp = depositTopUpTransfer({
      accountId: "p-1",
      topUpId: "t-1",
      amountMinor: 500,
      currency: "EUR",
      sourceEventId: "evt-1",
      sourceEventType: "deposit.topped_up",
      paidAt: "2026-03-01T00:00:00.000Z",
    });
    expect([topUp.debit, topUp.credit, topUp.code]).toEqual([
      { holder: "operator", kind: "deposit_funding", currency: "EUR" },
      { holder: "p-1", kind: "deposit", currency: "EUR" },
      "deposit_top_up",
    ]);
    expect(depositMovementOf(topUp)).toMatchObject({ kind: "top_up", reference: "t-1", amountMinor: 500 });
    const order = depositDebitTransfer({
      accountId: "p-1",
      orderId: "o-1",
      amountMinor: 200,
      currency: "EUR",
      sourceEventId: "deposit-debit:o-1",
      postedAt: "2026-03-02T00:00:00.000Z",
      description: "domains",
    });
    expect([order.debit.kind, order.credit.kind, order.memo]).toEqual(["deposit", "deposit_funding", "order o-1: domains"]);
    expect(depositMovementOf(order)).toMatchObject({ kind: "order", reference: "o-1", amountMinor: -200 });
  });

  it("accepts a movement only on an enabled deposit in its currency", () => {
    const settings = { accountId: "p-1", currency: "EUR", requestReference: "R", enabledAt: "2026-03-01T00:00:00.000Z" };
    expect(assertDepositAccepts(settings, "p-1", "EUR")).toBe(settings);
    expect(() => assertDepositAccepts(undefined, "p-1", "EUR")).toThrow(expect.objectContaining({ code: "deposit_not_enabled" }));
    expect(() => assertDepositAccepts(settings, "p-1", "USD")).toThrow(expect.objectContaining({ code: "currency_mismatch" }));
  });
});

describe("the monthly statement", () => {
  it("takes a month in the operator's time zone, across a daylight-saving change", () => {
    expect(monthBounds("2026-03", "Europe/Prague")).toEqual({
      start: new Date("2026-02-28T23:00:00.000Z"),
      end: new Date("2026-03-31T22:00:00.000Z"),
    });
    expect(monthBounds("2026-12", "Europe/Prague").end).toEqual(new Date("2026-12-31T23:00:00.000Z"));
  });

  it("folds closing = now − what moved after, opening = closing − what moved in it, at the month's edges", () => {
    // newest first, as the ledger lists them; balance now 1,000
    const movements = [
      movement("2026-04-02T00:00:00.000Z", -300), // after March
      movement("2026-03-31T22:00:00.000Z", 100), // 1 April 00:00 Prague: after March
      movement("2026-03-31T21:59:59.999Z", -50), // the last instant of March
      movement("2026-03-15T10:00:00.000Z", 400),
      movement("2026-02-28T23:00:00.000Z", 250), // the first instant of March
    ];
    const march = depositStatement("2026-03", "Europe/Prague", 1_000, movements);
    expect(march).toMatchObject({ closingBalanceMinor: 1_200, openingBalanceMinor: 600, toppedUpMinor: 650, debitedMinor: 50 });
    expect(march.movements.map((entry) => entry.postedAt)).toEqual([
      "2026-02-28T23:00:00.000Z",
      "2026-03-15T10:00:00.000Z",
      "2026-03-31T21:59:59.999Z",
    ]);
    expect(depositStatement("2026-05", "Europe/Prague", 1_000, [])).toMatchObject({
      openingBalanceMinor: 1_000,
      closingBalanceMinor: 1_000,
      movements: [],
    });
  });
});
