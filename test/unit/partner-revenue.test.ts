import { describe, expect, it } from "vitest";
import { meetsConditions, qualifyingLevel } from "../../shared/domain/partner-levels.ts";
import {
  decidePaymentRevenue,
  decideReversalRevenue,
  netPaidRevenue,
  revenueMonthOf,
  revenueProgramsOf,
  revenueWindowOf,
} from "../../shared/domain/partner-revenue.ts";
import { type PartnerLevel, partnerProgramSchema } from "../../shared/schemas/operator-config.ts";

const payment = {
  invoiceId: "inv-1",
  payerAccountId: "partner-1",
  currency: "CZK",
  totalMinor: 10_000,
  revenueMonth: "2026-11",
  sourceEventId: "evt-1",
  recordedAt: "2026-11-20T10:00:00.000Z",
};
const reversal = {
  invoiceId: "inv-1",
  currency: "CZK",
  amountMinor: 3_000,
  recordedAt: "2026-11-21T10:00:00.000Z",
  expiresAtEpochSeconds: 2_000,
};

describe("a partner's paid revenue, invoice by invoice", () => {
  it("counts a first paid invoice in full on condition there is no record", () => {
    const decision = decidePaymentRevenue(undefined, payment);
    expect(decision).toMatchObject({ kind: "count", expectedRevision: undefined, paidMinor: 10_000, reversedMinor: 0 });
    expect(decision.kind === "count" && decision.record).toMatchObject({ state: "recorded", reversedMinor: 0, revision: 0 });
  });

  it("counts an invoice once: a resend under another event id counts nothing", () => {
    const counted = decidePaymentRevenue(undefined, payment);
    if (counted.kind !== "count") throw new Error("counted");
    expect(decidePaymentRevenue(counted.record, { ...payment, sourceEventId: "evt-2" })).toEqual({
      kind: "already_counted",
      sourceEventId: "evt-1",
    });
  });

  it("takes reversals that came first off the invoice, at most its total, on condition of the held record's revision", () => {
    const held = decideReversalRevenue(undefined, reversal);
    expect(held).toMatchObject({ kind: "await", expectedRevision: undefined });
    if (held.kind !== "await") throw new Error("held");
    const again = decideReversalRevenue(held.record, { ...reversal, amountMinor: 9_000, expiresAtEpochSeconds: 1_000 });
    if (again.kind !== "await") throw new Error("held again");
    expect(again.record).toMatchObject({ reversedMinor: 12_000, revision: 1, expiresAtEpochSeconds: 2_000 });
    const counted = decidePaymentRevenue(again.record, payment);
    expect(counted).toMatchObject({ kind: "count", expectedRevision: 1, paidMinor: 10_000, reversedMinor: 10_000 });
  });

  it("ignores held reversals in another currency than the invoice's", () => {
    const held = decideReversalRevenue(undefined, { ...reversal, currency: "EUR" });
    if (held.kind !== "await") throw new Error("held");
    expect(decidePaymentRevenue(held.record, payment)).toMatchObject({ kind: "count", reversedMinor: 0 });
  });

  it("takes a reversal off a counted invoice, never more than is left of it", () => {
    const counted = decidePaymentRevenue(undefined, payment);
    if (counted.kind !== "count") throw new Error("counted");
    const first = decideReversalRevenue(counted.record, { ...reversal, amountMinor: 7_000 });
    expect(first).toMatchObject({ kind: "reduce", reversedMinor: 7_000, expectedRevision: 0 });
    if (first.kind !== "reduce") throw new Error("reduced");
    const second = decideReversalRevenue(first.record, { ...reversal, amountMinor: 7_000 });
    expect(second).toMatchObject({ kind: "reduce", reversedMinor: 3_000, expectedRevision: 1 });
    if (second.kind !== "reduce") throw new Error("reduced");
    expect(second.record.reversedMinor).toBe(10_000);
    expect(decideReversalRevenue(second.record, reversal)).toMatchObject({ kind: "reduce", reversedMinor: 0 });
  });

  it("refuses a reversal in another currency than the invoice's", () => {
    const counted = decidePaymentRevenue(undefined, payment);
    if (counted.kind !== "count") throw new Error("counted");
    expect(decideReversalRevenue(counted.record, { ...reversal, currency: "EUR" })).toEqual({
      kind: "currency_mismatch",
      recordedCurrency: "CZK",
    });
  });
});

describe("the months a paid-revenue condition counts", () => {
  it("places a payment in its operator-local month", () => {
    // 23:30 UTC on 30 November is 00:30 on 1 December in Prague.
    expect(revenueMonthOf(new Date("2026-11-30T23:30:00.000Z"), "Europe/Prague")).toBe("2026-12");
    expect(revenueMonthOf(new Date("2026-11-30T22:30:00.000Z"), "Europe/Prague")).toBe("2026-11");
  });

  it("counts the 12 months before the measuring instant's month", () => {
    expect(revenueWindowOf(new Date("2026-12-01T00:30:00.000Z"), "Europe/Prague")).toEqual({ fromMonth: "2025-12", toMonth: "2026-11" });
    expect(revenueWindowOf(new Date("2026-01-15T12:00:00.000Z"), "Europe/Prague")).toEqual({ fromMonth: "2025-01", toMonth: "2025-12" });
  });

  it("sums the months' net revenue in one currency", () => {
    const months = [
      { month: "2026-10", currency: "CZK", paidMinor: 50_000, reversedMinor: 5_000 },
      { month: "2026-11", currency: "CZK", paidMinor: 20_000, reversedMinor: 0 },
      { month: "2026-11", currency: "EUR", paidMinor: 99_999, reversedMinor: 0 },
    ];
    expect(netPaidRevenue(months, "CZK")).toBe(65_000);
    expect(netPaidRevenue(months, "USD")).toBe(0);
  });
});

const plus: PartnerLevel = {
  levelId: "plus",
  name: "Partner Plus",
  rateBps: 1_500,
  excludedCategories: [],
  conditions: { activeServicesAsPayerMin: 50, paidRevenueMin: { currency: "CZK", amountMinor: 5_000_000 } },
};
const basic: PartnerLevel = { levelId: "basic", name: "Partner", rateBps: 1_000, excludedCategories: [], conditions: {} };
const measured = (services: number, revenue?: { currency: string; amountMinor: number }) => ({
  activeServicesAsPayer: services,
  measuredAt: "2026-12-01T00:30:00.000Z",
  ...(revenue ? { paidRevenue: { ...revenue, fromMonth: "2025-12", toMonth: "2026-11" } } : {}),
});

describe("a level that asks for paid revenue", () => {
  it("holds only when every condition does, at the edge", () => {
    expect(meetsConditions(plus, measured(50, { currency: "CZK", amountMinor: 5_000_000 }))).toBe(true);
    expect(meetsConditions(plus, measured(50, { currency: "CZK", amountMinor: 4_999_999 }))).toBe(false);
    expect(meetsConditions(plus, measured(49, { currency: "CZK", amountMinor: 9_000_000 }))).toBe(false);
    expect(meetsConditions(plus, measured(50, { currency: "EUR", amountMinor: 9_000_000 }))).toBe(false);
    expect(meetsConditions(plus, measured(50))).toBe(false);
    expect(qualifyingLevel([basic, plus], measured(80, { currency: "CZK", amountMinor: 100 }))?.levelId).toBe("basic");
  });

  it("is configured in one currency, each level asking for at least as much as the one before and more in one", () => {
    const program = (levels: unknown[]) =>
      partnerProgramSchema.safeParse({
        applicationFields: { companyName: "required" },
        reapplyAfterRejection: { kind: "immediately" },
        levels,
      });
    const revenueOnly = (levelId: string, amountMinor: number, currency = "CZK") => ({
      levelId,
      name: levelId,
      rateBps: 1_000,
      conditions: { paidRevenueMin: { currency, amountMinor } },
    });
    expect(program([basic, revenueOnly("silver", 100_000), revenueOnly("gold", 500_000)]).success).toBe(true);
    expect(program([basic, revenueOnly("silver", 500_000), revenueOnly("gold", 100_000)]).success).toBe(false);
    expect(program([basic, revenueOnly("silver", 100_000), revenueOnly("gold", 500_000, "EUR")]).success).toBe(false);
    // More services but less revenue is not "more".
    expect(
      program([basic, { ...plus, levelId: "a" }, { ...plus, levelId: "b", conditions: { activeServicesAsPayerMin: 60 } }]).success,
    ).toBe(false);
    expect(
      program([basic, plus, { ...plus, levelId: "premium", conditions: { ...plus.conditions, activeServicesAsPayerMin: 200 } }]).success,
    ).toBe(true);
  });

  it("makes its program one that counts paid revenue, in the currency its levels state", () => {
    const partnerProgram = (levels: PartnerLevel[]) =>
      partnerProgramSchema.parse({
        applicationFields: { companyName: "required" },
        reapplyAfterRejection: { kind: "immediately" },
        levels,
      });
    const programs = [
      { programId: "services-only", partnerProgram: partnerProgram([basic, { ...plus, conditions: { activeServicesAsPayerMin: 50 } }]) },
      { programId: "no-partners" },
      { programId: "active24-reseller", partnerProgram: partnerProgram([basic, plus]) },
    ];
    expect(revenueProgramsOf({ programs } as unknown as Parameters<typeof revenueProgramsOf>[0])).toEqual([
      { programId: "active24-reseller", currency: "CZK" },
    ]);
  });
});
