import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { divideRounded, formatRateBps, proportionalShareMinor, shareOfMinor } from "../../shared/domain/money.ts";

describe("the one rounding rule: half away from zero", () => {
  it.each([
    [10_000, 2_500, 2_500],
    [1, 2_500, 0], // 0.25 -> 0
    [2, 2_500, 1], // 0.5 -> 1
    [3, 2_500, 1], // 0.75 -> 1
    [6, 2_500, 2], // 1.5 -> 2
    [12_345, 1_000, 1_235], // 1234.5 -> 1235
    [0, 1_000, 0],
    [-12_345, 1_000, -1_235],
  ])("shareOfMinor(%i, %i bps) = %i", (amountMinor, rateBps, expected) => {
    expect(shareOfMinor(amountMinor, rateBps)).toBe(expected);
  });

  it("takes a share of a sum beyond one payment's limit exactly: a period's base (the audit's IDR case)", () => {
    expect(shareOfMinor(104_000_000_000, 1_200)).toBe(12_480_000_000);
    expect(shareOfMinor(300_000_000_000, 10_000)).toBe(300_000_000_000);
    // Beyond a double's exact products: compared with BigInt arithmetic, half away from zero.
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, rate) => {
          const numerator = BigInt(amount) * BigInt(rate);
          const magnitude = numerator < 0n ? -numerator : numerator;
          const rounded = magnitude / 10_000n + ((magnitude % 10_000n) * 2n >= 10_000n ? 1n : 0n);
          expect(shareOfMinor(amount, rate)).toBe(Number(numerator < 0n ? -rounded : rounded));
        },
      ),
    );
    expect(() => shareOfMinor(Number.MAX_SAFE_INTEGER + 1, 100)).toThrow(/integer/);
  });

  it("rejects fractional amounts and rates outside 0..10000 bps", () => {
    expect(() => shareOfMinor(10.5, 100)).toThrow(/integer/);
    expect(() => shareOfMinor(100, 10_001)).toThrow(/out of range/);
    expect(() => shareOfMinor(100, -1)).toThrow(/out of range/);
  });

  it("divides negative numbers symmetrically", () => {
    expect(divideRounded(-5, 2)).toBe(-3);
    expect(divideRounded(5, 2)).toBe(3);
    expect(divideRounded(-4, 3)).toBe(-1);
  });
});

describe("proportional shares for clawbacks", () => {
  it("returns exactly what was earned for a full refund", () => {
    expect(proportionalShareMinor(3_333, 9_999, 9_999)).toBe(3_333);
  });

  it("sums partial refunds to exactly the earned amount when each clawback is a cumulative difference", () => {
    const earnedMinor = 2_500; // 25 % of 99.99 rounded
    const wholeMinor = 9_999;
    const refundsMinor = [3_333, 3_333, 3_333];
    let refundedMinor = 0;
    let clawedBackMinor = 0;
    const clawbacksMinor: number[] = [];
    for (const partMinor of refundsMinor) {
      refundedMinor += partMinor;
      const clawbackMinor = proportionalShareMinor(earnedMinor, refundedMinor, wholeMinor) - clawedBackMinor;
      clawbacksMinor.push(clawbackMinor);
      clawedBackMinor += clawbackMinor;
    }
    expect(clawbacksMinor).toEqual([833, 834, 833]);
    expect(clawedBackMinor).toBe(earnedMinor);
    // Rounding each refund on its own would drift: three times 833 is one cent short.
    expect(
      refundsMinor.map((partMinor) => proportionalShareMinor(earnedMinor, partMinor, wholeMinor)).reduce((sum, value) => sum + value, 0),
    ).toBe(2_499);
  });

  it("rejects a part larger than the whole", () => {
    expect(() => proportionalShareMinor(100, 101, 100)).toThrow(/within/);
  });
});

describe("a rate in words", () => {
  it("says basis points as a percentage without trailing zeros", () => {
    expect(formatRateBps(1000)).toBe("10 %");
    expect(formatRateBps(1250)).toBe("12.5 %");
    expect(formatRateBps(1275)).toBe("12.75 %");
    expect(formatRateBps(7)).toBe("0.07 %");
    expect(formatRateBps(0)).toBe("0 %");
    expect(formatRateBps(10_000)).toBe("100 %");
  });
});
