/**
 * POST /quotes' use case and request schema, without DynamoDB: a fake discount store that records which
 * accounts' discounts were read. Every line gets its payer's discounts; one read per distinct payer; the
 * edge refuses what pricing could not hold.
 */
import { describe, expect, it } from "vitest";
import { discountLimits, limits } from "../../shared/limits.ts";
import type { DiscountItem } from "../../shared/schemas/discount-items.ts";
import { type QuoteRequest, quoteRequestSchema } from "../../shared/schemas/quote-api.ts";
import { priceQuote, type QuoteDependencies } from "../../shared/use-cases/price-quote.ts";

function discount(accountId: string, overrides: Partial<DiscountItem> = {}): DiscountItem {
  return {
    discountId: `referrer:t2-invite:${accountId}:1`,
    accountId,
    programId: "t2-invite",
    role: "referrer",
    status: "active",
    rateBps: 4_000,
    startsOn: "2026-03-01",
    endsOn: "2026-09-01",
    excludedCategories: ["sms_package"],
    reason: { code: "referral", refereeAccountId: "referee-2", referralOn: "2026-03-01", streakCount: 2 },
    updatedAt: "2026-03-01T10:00:00.000Z",
    revision: 1,
    ...overrides,
  };
}

function fakeStore(discounts: Record<string, DiscountItem[]>) {
  const reads: string[] = [];
  const dependencies: QuoteDependencies = {
    discountStore: {
      async listPricing(accountId) {
        reads.push(accountId);
        return { discounts: discounts[accountId] ?? [], partnerLevels: [] };
      },
    },
    serviceStore: {
      async payerOf() {
        throw new Error("no line of these tests names a service");
      },
    },
    operatorConfigStore: {
      async loadOrThrow() {
        throw new Error("no line of these tests names a service");
      },
    },
    clock: { now: () => new Date("2026-03-10T12:00:00Z") },
  };
  return { dependencies, reads };
}

const pbx = { sku: "pbx-seat", category: "pbx", quantity: 2, unitListPriceMinor: 1_000, currency: "EUR" };

describe("priceQuote", () => {
  it("reads the account's discounts once for a basket it pays alone, whatever the number of lines", async () => {
    const { dependencies, reads } = fakeStore({ "client-1": [discount("client-1")] });
    const request: QuoteRequest = {
      accountId: "client-1",
      date: "2026-03-10",
      lines: Array.from({ length: 50 }, (_, index) => ({ ...pbx, sku: `sku-${index}` })),
    };
    const quote = await priceQuote(dependencies, request);
    expect(reads).toEqual(["client-1"]);
    expect(quote.lines).toHaveLength(50);
    expect(quote.lines[0]).toMatchObject({ payerAccountId: "client-1", administratorAccountId: "client-1", finalPriceMinor: 1_200 });
    expect(quote.totals).toEqual([{ currency: "EUR", listPriceMinor: 100_000, discountMinor: 40_000, finalPriceMinor: 60_000 }]);
  });

  it("gives each line its payer's discounts: the partner's where it pays, the customer's where the customer pays", async () => {
    const { dependencies, reads } = fakeStore({
      partner: [discount("partner", { programId: "active24-reseller", discountId: "partner-d", rateBps: 3_000, excludedCategories: [] })],
      customer: [discount("customer", { role: "referee", discountId: "customer-d", rateBps: 2_000, reason: { code: "code_activated" } })],
    });
    const quote = await priceQuote(dependencies, {
      accountId: "partner",
      date: "2026-03-10",
      lines: [
        { ...pbx, sku: "domain-own" },
        { ...pbx, sku: "domain-of-customer", payerAccountId: "customer", administratorAccountId: "customer" },
        { ...pbx, sku: "administered-only", administratorAccountId: "customer" },
        { ...pbx, sku: "domain-of-customer-2", payerAccountId: "customer" },
      ],
    });
    expect(reads.sort()).toEqual(["customer", "partner"]);
    expect(quote.lines.map((line) => [line.sku, line.discounts.map((each) => each.discountId), line.finalPriceMinor])).toEqual([
      ["domain-own", ["partner-d"], 1_400],
      ["domain-of-customer", ["customer-d"], 1_600],
      ["administered-only", ["partner-d"], 1_400],
      ["domain-of-customer-2", ["customer-d"], 1_600],
    ]);
    expect(quote.lines[2]).toMatchObject({ payerAccountId: "partner", administratorAccountId: "customer" });
  });

  it("returns each discount with its program, rate and reason, and lines without a discount at their list price", async () => {
    const { dependencies } = fakeStore({ "client-1": [discount("client-1")] });
    const quote = await priceQuote(dependencies, {
      accountId: "client-1",
      date: "2026-03-10",
      lines: [pbx, { ...pbx, sku: "sms-package-1200", category: "sms_package" }, { ...pbx, currency: "CZK", unitListPriceMinor: 25_000 }],
    });
    expect(quote.lines[0]!.discounts).toEqual([
      {
        discountId: "referrer:t2-invite:client-1:1",
        programId: "t2-invite",
        role: "referrer",
        rateBps: 4_000,
        reason: { code: "referral", refereeAccountId: "referee-2", referralOn: "2026-03-01", streakCount: 2 },
        amountMinor: 800,
      },
    ]);
    expect(quote.lines[1]).toMatchObject({ discounts: [], finalPriceMinor: 2_000 });
    expect(quote.totals).toEqual([
      { currency: "EUR", listPriceMinor: 4_000, discountMinor: 800, finalPriceMinor: 3_200 },
      { currency: "CZK", listPriceMinor: 50_000, discountMinor: 20_000, finalPriceMinor: 30_000 },
    ]);
  });

  it("applies nothing on a day the discount is not in force", async () => {
    const { dependencies } = fakeStore({ "client-1": [discount("client-1")] });
    const quote = await priceQuote(dependencies, { accountId: "client-1", date: "2026-09-01", lines: [pbx] });
    expect(quote.lines[0]).toMatchObject({ discounts: [], finalPriceMinor: 2_000 });
  });
});

describe("the quote request at the edge", () => {
  const valid = { accountId: "client-1", date: "2026-03-10", lines: [pbx] };
  const issuesOf = (body: unknown) => {
    const parsed = quoteRequestSchema.safeParse(body);
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."));
  };

  it("takes up to the line limit in mixed currencies, and not one line more", () => {
    const lines = (count: number) => Array.from({ length: count }, (_, index) => ({ ...pbx, currency: index % 2 ? "EUR" : "CZK" }));
    expect(issuesOf({ ...valid, lines: lines(discountLimits.quoteLinesMax) })).toEqual([]);
    expect(issuesOf({ ...valid, lines: lines(discountLimits.quoteLinesMax + 1) })).toEqual(["lines"]);
    expect(issuesOf({ ...valid, lines: [] })).toEqual(["lines"]);
  });

  it("bounds quantities, on both sides", () => {
    expect(issuesOf({ ...valid, lines: [{ ...pbx, quantity: discountLimits.quoteQuantityMax, unitListPriceMinor: 1 }] })).toEqual([]);
    expect(issuesOf({ ...valid, lines: [{ ...pbx, quantity: discountLimits.quoteQuantityMax + 1 }] })).toEqual(["lines.0.quantity"]);
    expect(issuesOf({ ...valid, lines: [{ ...pbx, quantity: 0 }] })).toEqual(["lines.0.quantity"]);
    expect(issuesOf({ ...valid, lines: [{ ...pbx, quantity: 1.5 }] })).toEqual(["lines.0.quantity"]);
  });

  it("bounds every amount and every quantity × unit amount at the amount limit, on both sides", () => {
    const max = limits.amountMinorMax;
    expect(issuesOf({ ...valid, lines: [{ ...pbx, quantity: 1, unitListPriceMinor: max, unitPurchaseCostMinor: max }] })).toEqual([]);
    expect(issuesOf({ ...valid, lines: [{ ...pbx, quantity: 1, unitListPriceMinor: max + 1 }] })).toEqual(["lines.0.unitListPriceMinor"]);
    expect(issuesOf({ ...valid, lines: [{ ...pbx, quantity: 2, unitListPriceMinor: max / 2 }] })).toEqual([]);
    expect(issuesOf({ ...valid, lines: [{ ...pbx, quantity: 2, unitListPriceMinor: max / 2 + 1 }] })).toEqual([
      "lines.0.unitListPriceMinor",
    ]);
    expect(issuesOf({ ...valid, lines: [{ ...pbx, quantity: 2, unitListPriceMinor: 1, unitPurchaseCostMinor: max / 2 + 1 }] })).toEqual([
      "lines.0.unitPurchaseCostMinor",
    ]);
    expect(issuesOf({ ...valid, lines: [{ ...pbx, unitListPriceMinor: -1 }] })).toEqual(["lines.0.unitListPriceMinor"]);
  });

  it("refuses a date that is not a day, a currency that is not ISO 4217, unknown fields and the operator as an account", () => {
    expect(issuesOf({ ...valid, date: "2026-02-30" })).toEqual(["date"]);
    expect(issuesOf({ ...valid, date: "2026-03-10T00:00:00Z" })).toEqual(["date"]);
    expect(issuesOf({ ...valid, lines: [{ ...pbx, currency: "eur" }] })).toEqual(["lines.0.currency"]);
    expect(issuesOf({ ...valid, lines: [{ ...pbx, discountBps: 10_000 }] })).toEqual(["lines.0"]);
    expect(issuesOf({ ...valid, accountId: "operator" })).toEqual(["accountId"]);
    expect(issuesOf({ ...valid, lines: [{ ...pbx, payerAccountId: "operator" }] })).toEqual(["lines.0.payerAccountId"]);
  });
});
