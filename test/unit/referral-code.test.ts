import { describe, expect, it } from "vitest";
import {
  generatedCodeAlphabet,
  generateReferralCode,
  isReferralCode,
  normalizeReferralCode,
  referralCodeAlphabet,
} from "../../shared/domain/referral-code.ts";
import { limits } from "../../shared/limits.ts";

describe("referral codes", () => {
  it("uses Crockford base32: digits and capitals without I, L, O and U", () => {
    expect(referralCodeAlphabet).toHaveLength(32);
    expect(new Set(referralCodeAlphabet).size).toBe(32);
    expect(referralCodeAlphabet).not.toMatch(/[ILOU]/);
  });

  it("draws new codes from 30 symbols without any look-alike: no 0/O, no 1/I/L (and no U)", () => {
    expect(generatedCodeAlphabet).toHaveLength(30);
    expect(new Set(generatedCodeAlphabet).size).toBe(30);
    expect(generatedCodeAlphabet).not.toMatch(/[01OIL U]/);
    expect([...generatedCodeAlphabet].every((symbol) => referralCodeAlphabet.includes(symbol))).toBe(true);
  });

  it("generates codes of the configured length (12) from the new alphabet only, unchanged by normalization", () => {
    expect(limits.referralCodeLength).toBe(12);
    for (let index = 0; index < 500; index += 1) {
      const code = generateReferralCode();
      expect(code).toHaveLength(limits.referralCodeLength);
      expect([...code].every((symbol) => generatedCodeAlphabet.includes(symbol))).toBe(true);
      expect(isReferralCode(code)).toBe(true);
      expect(normalizeReferralCode(code.toLowerCase())).toBe(code);
    }
  });

  it("maps the byte values 0-239 to the 30 symbols with equal weight and draws 240-255 again", () => {
    const counts = new Map<string, number>();
    for (let byte = 0; byte < 240; byte += 1) {
      const code = generateReferralCode(() => new Uint8Array(12).fill(byte));
      counts.set(code[0]!, (counts.get(code[0]!) ?? 0) + 1);
    }
    expect(counts.size).toBe(30);
    expect([...counts.values()].every((count) => count === 8)).toBe(true);
    let draws = 0;
    const rejectedFirst = (length: number) => new Uint8Array(length).fill(draws++ === 0 ? 250 : 0);
    expect(generateReferralCode(rejectedFirst)).toBe("222222222222");
    expect(draws).toBe(2);
    expect(() => generateReferralCode(() => new Uint8Array(12).fill(255))).toThrow(/no usable bytes/);
  });

  it("keeps codes issued before working: 8 symbols of Crockford's base32 with 0 and 1", () => {
    expect(normalizeReferralCode("0110abcd")).toBe("0110ABCD");
    expect(normalizeReferralCode("OIL0-ABCD")).toBe("0110ABCD");
    expect(isReferralCode("2SHBYXMN")).toBe(true);
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
