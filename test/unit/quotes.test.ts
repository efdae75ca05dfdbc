/** Pricing a basket on its intents: multiplicative combination, category exclusions, the purchase-cost floor, 100 %, rounding per line. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { remainingAfterRatesMinor } from "../../shared/domain/money.ts";
import { priceBasket, priceLine, type QuoteLine } from "../../shared/domain/quotes.ts";
import type { DiscountItem } from "../../shared/schemas/discount-items.ts";

function discount(overrides: Partial<DiscountItem>): DiscountItem {
  return {
    discountId: "referrer:t2-invite:acct-1:1",
    accountId: "acct-1",
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

const line: QuoteLine = {
  sku: "pbx-seat",
  category: "pbx",
  quantity: 3,
  unitListPriceMinor: 1_999,
  currency: "EUR",
  payerAccountId: "acct-1",
  administratorAccountId: "acct-1",
};

const referee = discount({ discountId: "referee:t2-invite:acct-1", role: "referee", rateBps: 2_000, reason: { code: "code_activated" } });

describe("priceLine", () => {
  it("combines discounts multiplicatively, largest first, each amount after the one before", () => {
    const priced = priceLine(line, [referee, discount({})], "2026-03-10");
    // 5997 × 0.6 = 3598.2 → 3598; × 0.8 = 2878.56 → 2879 (rounded once from the exact product)
    expect(priced.discounts.map((each) => [each.role, each.rateBps, each.amountMinor])).toEqual([
      ["referrer", 4_000, 2_399],
      ["referee", 2_000, 719],
    ]);
    expect(priced).toMatchObject({ listPriceMinor: 5_997, discountedPriceMinor: 2_879, finalPriceMinor: 2_879 });
    expect(priced.floorRaisedByMinor).toBeUndefined();
  });

  it("excludes SMS package lines from both discounts", () => {
    const priced = priceLine({ ...line, sku: "sms-1200", category: "sms_package" }, [referee, discount({})], "2026-03-10");
    expect(priced.discounts).toEqual([]);
    expect(priced.finalPriceMinor).toBe(priced.listPriceMinor);
  });

  it("applies only discounts in force on the quote's day", () => {
    expect(priceLine(line, [discount({})], "2026-02-28").discounts).toEqual([]);
    expect(priceLine(line, [discount({})], "2026-09-01").discounts).toEqual([]);
    expect(priceLine(line, [discount({ status: "scheduled" })], "2026-03-01").discounts).toHaveLength(1);
    expect(priceLine(line, [discount({ status: "ended", endedOn: "2026-05-01" })], "2026-05-01").discounts).toEqual([]);
  });

  it("a 100 % discount takes the line to 0, and a second discount takes nothing more", () => {
    const priced = priceLine(line, [discount({ rateBps: 10_000 }), referee], "2026-03-10");
    expect(priced.discounts.map((each) => each.amountMinor)).toEqual([5_997, 0]);
    expect(priced.finalPriceMinor).toBe(0);
  });

  it("never takes a line below its purchase cost (the floor), and never above its list price", () => {
    const floored = priceLine({ ...line, unitPurchaseCostMinor: 1_500 }, [discount({ rateBps: 10_000 })], "2026-03-10");
    expect(floored).toMatchObject({ discountedPriceMinor: 0, floorRaisedByMinor: 4_500, finalPriceMinor: 4_500 });
    const costAboveList = priceLine({ ...line, unitPurchaseCostMinor: 2_500 }, [discount({})], "2026-03-10");
    expect(costAboveList.finalPriceMinor).toBe(5_997);
    const notBinding = priceLine({ ...line, unitPurchaseCostMinor: 100 }, [discount({})], "2026-03-10");
    expect(notBinding).toMatchObject({ finalPriceMinor: 3_598 });
    expect(notBinding.floorRaisedByMinor).toBeUndefined();
  });
});

describe("priceLine: t2's stacked discounts and the floor", () => {
  const referrerAt = (rateBps: number) => discount({ rateBps });

  it("stacks the referee's 20 % on the referrer's 80 % multiplicatively: 84 % off, not 100 %", () => {
    const priced = priceLine({ ...line, quantity: 1, unitListPriceMinor: 10_000 }, [referee, referrerAt(8_000)], "2026-03-10");
    expect(priced.discounts.map((each) => [each.role, each.amountMinor])).toEqual([
      ["referrer", 8_000],
      ["referee", 400],
    ]);
    expect(priced.finalPriceMinor).toBe(1_600);
  });

  it("caps stacked discounts at 100 %: a referrer at 100 % with the referee's 20 % leaves exactly 0, never less", () => {
    const priced = priceLine({ ...line, quantity: 7, unitListPriceMinor: 333 }, [referee, referrerAt(10_000)], "2026-03-10");
    expect(priced.discounts.reduce((sum, each) => sum + each.amountMinor, 0)).toBe(priced.listPriceMinor);
    expect(priced).toMatchObject({ discountedPriceMinor: 0, finalPriceMinor: 0 });
  });

  it("a 100 % discount on a line with a purchase cost leaves the floor: quantity × cost", () => {
    const priced = priceLine(
      { ...line, quantity: 4, unitListPriceMinor: 2_000, unitPurchaseCostMinor: 1_250 },
      [referrerAt(10_000)],
      "2026-03-10",
    );
    expect(priced).toMatchObject({ discountedPriceMinor: 0, floorRaisedByMinor: 5_000, finalPriceMinor: 5_000 });
  });

  it("raises a stacked price to the floor only by what it is short of it", () => {
    // 2 × 5 000 × 0.4 × 0.8 = 3 200, the floor 2 × 1 800 = 3 600
    const priced = priceLine(
      { ...line, quantity: 2, unitListPriceMinor: 5_000, unitPurchaseCostMinor: 1_800 },
      [referee, referrerAt(6_000)],
      "2026-03-10",
    );
    expect(priced.discountedPriceMinor).toBe(3_200);
    expect(priced).toMatchObject({ floorRaisedByMinor: 400, finalPriceMinor: 3_600 });
  });

  it("excludes SMS packages from a referrer's 100 %: the 1,200-SMS package costs its list price", () => {
    const priced = priceLine({ ...line, category: "sms_package", sku: "sms-package-1200" }, [referrerAt(10_000), referee], "2026-03-10");
    expect(priced.finalPriceMinor).toBe(priced.listPriceMinor);
  });

  it("rounds once per line, half away from zero: three 1-cent lines at 50 % cost 1 cent each", () => {
    const basket = priceBasket(
      [1, 2, 3].map((index) => ({ ...line, sku: `sku-${index}`, quantity: 1, unitListPriceMinor: 1 })),
      new Map([["acct-1", [referrerAt(5_000)]]]),
      "2026-03-10",
    );
    expect(basket.lines.map((each) => each.finalPriceMinor)).toEqual([1, 1, 1]);
    // The total is the sum of the rounded lines (3), not the rounded sum of exact prices (1.5 → 2).
    expect(basket.totals).toEqual([{ currency: "EUR", listPriceMinor: 3, discountMinor: 0, finalPriceMinor: 3 }]);
  });
});

describe("priceBasket", () => {
  it("prices each line with its payer's discounts and totals per currency, never adding currencies", () => {
    const basket = priceBasket(
      [line, { ...line, currency: "CZK", unitListPriceMinor: 10_000, quantity: 1 }, { ...line, payerAccountId: "acct-2" }],
      new Map([["acct-1", [discount({})]]]),
      "2026-03-10",
    );
    expect(basket.lines.map((each) => each.finalPriceMinor)).toEqual([3_598, 6_000, 5_997]);
    expect(basket.totals).toEqual([
      { currency: "EUR", listPriceMinor: 11_994, discountMinor: 2_399, finalPriceMinor: 9_595 },
      { currency: "CZK", listPriceMinor: 10_000, discountMinor: 4_000, finalPriceMinor: 6_000 },
    ]);
  });

  it("keeps every line between its floor and its list price, the amounts summing to the discount, for any rates", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000 }),
        fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
        (rates, unitListPriceMinor, quantity, unitPurchaseCostMinor) => {
          const items = rates.map((rateBps, index) => discount({ discountId: `d${index}`, rateBps }));
          const priced = priceLine({ ...line, unitListPriceMinor, quantity, unitPurchaseCostMinor }, items, "2026-03-10");
          const listPriceMinor = unitListPriceMinor * quantity;
          const applied = priced.discounts.reduce((sum, each) => sum + each.amountMinor, 0);
          expect(applied).toBe(listPriceMinor - priced.discountedPriceMinor);
          expect(priced.discountedPriceMinor).toBe(remainingAfterRatesMinor(listPriceMinor, rates));
          expect(priced.finalPriceMinor).toBeLessThanOrEqual(listPriceMinor);
          expect(priced.finalPriceMinor).toBeGreaterThanOrEqual(0);
          if (unitPurchaseCostMinor !== undefined)
            expect(priced.finalPriceMinor).toBeGreaterThanOrEqual(Math.min(listPriceMinor, unitPurchaseCostMinor * quantity));
          for (const each of priced.discounts) expect(each.amountMinor).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe("remainingAfterRatesMinor", () => {
  it.each([
    [1_000, [], 1_000],
    [1_000, [2_000], 800],
    [5, [5_000], 3], // 2.5 → 3, half away from zero
    [-5, [5_000], -3],
    [999, [10_000, 2_000], 0],
    [1, [5_000, 5_000], 0], // 0.25 → 0
    [3, [5_000, 5_000], 1], // 0.75 → 1
  ])("%i after %j is %i", (amount, rates, expected) => {
    expect(remainingAfterRatesMinor(amount, rates)).toBe(expected);
  });
});
