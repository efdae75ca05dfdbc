import { describe, expect, it } from "vitest";
import { generateReferralCode, isReferralCode, normalizeReferralCode, referralCodeAlphabet } from "../../shared/domain/referral-code.ts";
import { limits } from "../../shared/limits.ts";

describe("referral codes", () => {
  it("uses Crockford base32: digits and capitals without I, L, O and U", () => {
    expect(referralCodeAlphabet).toHaveLength(32);
    expect(new Set(referralCodeAlphabet).size).toBe(32);
    expect(referralCodeAlphabet).not.toMatch(/[ILOU]/);
  });

  it("generates codes of the configured length from the alphabet only", () => {
    for (let index = 0; index < 500; index += 1) {
      const code = generateReferralCode();
      expect(code).toHaveLength(limits.referralCodeLength);
      expect([...code].every((symbol) => referralCodeAlphabet.includes(symbol))).toBe(true);
      expect(isReferralCode(code)).toBe(true);
    }
  });

  it("maps every byte value to a symbol with equal weight", () => {
    const counts = new Map<string, number>();
    for (let byte = 0; byte < 256; byte += 1) {
      const code = generateReferralCode(() => new Uint8Array(8).fill(byte));
      counts.set(code[0]!, (counts.get(code[0]!) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    expect([...counts.values()].every((count) => count === 8)).toBe(true);
  });

  it("draws different codes", () => {
    const codes = new Set(Array.from({ length: 1000 }, () => generateReferralCode()));
    expect(codes.size).toBe(1000);
  });

  it("rejects lengths outside the bounds", () => {
    expect(() => generateReferralCode(undefined, 3)).toThrow(/out of range/);
    expect(() => generateReferralCode(undefined, limits.referralCodeLengthMax + 1)).toThrow(/out of range/);
    expect(generateReferralCode(undefined, limits.referralCodeLengthMax)).toHaveLength(limits.referralCodeLengthMax);
  });

  it.each([
    ["ABCD2345", "ABCD2345"],
    ["abcd2345", "ABCD2345"],
    [" abcd-2345 ", "ABCD2345"],
    ["ABCD 2345", "ABCD2345"],
    ["OIL0ABCD", "0110ABCD"], // Crockford: O reads as 0, I and L as 1
    ["ABCD", "ABCD"],
    ["A".repeat(limits.referralCodeLengthMax), "A".repeat(limits.referralCodeLengthMax)],
  ])("normalizes %j to %j", (input, expected) => {
    expect(normalizeReferralCode(input)).toBe(expected);
  });

  it.each([
    ["ABC"],
    [""],
    ["ABCDU234"],
    ["ABCD_234"],
    ["ABCD/234"],
    ["ÄBCD2345"],
    ["A".repeat(limits.referralCodeLengthMax + 1)],
    ["%2E%2E"],
    ["../../x"],
  ])("refuses %j", (input) => {
    expect(normalizeReferralCode(input)).toBeUndefined();
  });
});
