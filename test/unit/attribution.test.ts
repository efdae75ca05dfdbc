import { describe, expect, it } from "vitest";
import {
  emailHash,
  isClickTimePlausible,
  normalizeEmail,
  paymentFingerprintHash,
  programAcceptsAttribution,
  selfReferralReason,
} from "../../shared/domain/attribution.ts";

describe("e-mail normalization", () => {
  it.each([
    ["jane@example.com", "jane@example.com"],
    ["  Jane@Example.COM ", "jane@example.com"],
    ["jane+promo@example.com", "jane@example.com"],
    ["Jane.Doe+a+b@Example.com", "jane.doe@example.com"], // dots are kept
    ["+only@example.com", "+only@example.com"], // nothing left before the tag: keep it
    ["no-at-sign", "no-at-sign"],
    ['"quoted@x"@example.com', '"quoted@x"@example.com'],
  ])("%j → %j", (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it("hashes equal addresses equally and never contains the address", () => {
    expect(emailHash("salt", "Jane+x@Example.com")).toBe(emailHash("salt", "jane@example.com"));
    expect(emailHash("salt", "jane@example.com")).not.toBe(emailHash("other", "jane@example.com"));
    expect(emailHash("salt", "jane@example.com")).toMatch(/^[0-9a-f]{64}$/);
    expect(paymentFingerprintHash("salt", " card_123 ")).toBe(paymentFingerprintHash("salt", "card_123"));
    expect(paymentFingerprintHash("salt", "jane@example.com")).not.toBe(emailHash("salt", "jane@example.com"));
  });
});

describe("self-referral", () => {
  const referrer = { accountId: "acct-1", emailHash: "e1", paymentFingerprintHash: "p1" };
  it.each([
    [{ accountId: "acct-1" }, "same_account"],
    [{ accountId: "acct-2", emailHash: "e1" }, "same_email"],
    [{ accountId: "acct-2", paymentFingerprintHash: "p1" }, "same_payment_fingerprint"],
    [{ accountId: "acct-2", emailHash: "e2", paymentFingerprintHash: "p2" }, undefined],
    [{ accountId: "acct-2" }, undefined],
  ])("referee %j → %s", (referee, expected) => {
    expect(selfReferralReason(referrer, referee)).toBe(expected);
  });

  it("does not match two unknown fingerprints", () => {
    expect(selfReferralReason({ accountId: "a" }, { accountId: "b" })).toBeUndefined();
  });
});

describe("which programs take which attribution", () => {
  it.each([
    [{ status: "active", attribution: { links: true } }, "link", true],
    [{ status: "active", attribution: { links: true } }, "code", true],
    [{ status: "active", attribution: { links: false, codeEntryWindowMonths: 1 } }, "link", false],
    [{ status: "active", attribution: { links: false, codeEntryWindowMonths: 1 } }, "code", true],
    [{ status: "active", attribution: { links: false } }, "code", false],
    [{ status: "paused", attribution: { links: true } }, "link", false],
  ] as const)("%j by %s → %s", (program, source, expected) => {
    expect(programAcceptsAttribution(program, source)).toBe(expected);
  });

  it("refuses a click time in the future beyond the skew", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    expect(isClickTimePlausible(new Date("2026-03-01T12:04:59Z"), now)).toBe(true);
    expect(isClickTimePlausible(new Date("2026-03-01T12:05:01Z"), now)).toBe(false);
    expect(isClickTimePlausible(new Date("2020-01-01T00:00:00Z"), now)).toBe(true);
  });
});
