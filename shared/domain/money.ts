/**
 * Money is an integer number of minor units (cents) plus an ISO 4217 currency code.
 * Rates are basis points (1 bps = 0.01 %, 10 000 bps = 100 %).
 *
 * The rounding rule of the whole system lives here, in `shareOfMinor`: a share of an amount is
 * rounded half away from zero to the nearest minor unit. Clawbacks never round on their own: they are
 * computed as the difference between two cumulative shares (see `proportionalShareMinor`), so a full
 * refund returns exactly what was earned and partial refunds never drift.
 */
import { limits } from "../limits.ts";
import { assert } from "./assert.ts";

export type Currency = string;

export interface Money {
  readonly amountMinor: number;
  readonly currency: Currency;
}

export const BASIS_POINTS_PER_WHOLE = 10_000;

export function assertAmountMinor(amountMinor: number): void {
  assert(Number.isSafeInteger(amountMinor), `amount must be an integer of minor units, got ${amountMinor}`);
  assert(Math.abs(amountMinor) <= limits.amountMinorMax, `amount ${amountMinor} is over the limit`);
}

/**
 * A sum of amounts, what the ledger moves (a settlement's release and top-up, a withdrawal of the whole available
 * balance): an integer of minor units that a double holds exactly. One amount of a billing event or a request is
 * at most `limits.amountMinorMax` (`assertAmountMinor`); a sum of them need not be.
 */
export function assertSumMinor(amountMinor: number): void {
  assert(Number.isSafeInteger(amountMinor), `amount must be an integer of minor units that a double holds exactly, got ${amountMinor}`);
}

/** A rate in words: `1250` is "12.5 %", `1000` is "10 %" (memos, statements, the operator CLI). */
export function formatRateBps(rateBps: number): string {
  return `${(rateBps / 100).toFixed(2).replace(/\.?0+$/, "")} %`;
}

/** Divides integers, rounding half away from zero. */
export function divideRounded(numerator: number, denominator: number): number {
  assert(Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator), "integers only");
  assert(denominator > 0, "denominator must be positive");
  const sign = numerator < 0 ? -1 : 1;
  const magnitude = Math.abs(numerator);
  const quotient = Math.floor(magnitude / denominator);
  const remainder = magnitude - quotient * denominator;
  const rounded = remainder * 2 >= denominator ? quotient + 1 : quotient;
  return sign * rounded === 0 ? 0 : sign * rounded;
}

/**
 * `rateBps` of `amountMinor`, rounded by the system's one rule (half away from zero). The amount may be a sum (a
 * period's base: many payments of up to `limits.amountMinorMax` each), so any safe integer; the product is exact
 * in BigInt where it would not be in a double.
 */
export function shareOfMinor(amountMinor: number, rateBps: number): number {
  assertSumMinor(amountMinor);
  assert(Number.isSafeInteger(rateBps) && rateBps >= 0 && rateBps <= BASIS_POINTS_PER_WHOLE, `rate ${rateBps} bps out of range`);
  const product = amountMinor * rateBps;
  if (Number.isSafeInteger(product)) return divideRounded(product, BASIS_POINTS_PER_WHOLE);
  return divideRoundedExact(BigInt(amountMinor) * BigInt(rateBps), BigInt(BASIS_POINTS_PER_WHOLE));
}

/** `divideRounded` on BigInt, for products that a double does not hold exactly: half away from zero, never -0. */
function divideRoundedExact(numerator: bigint, denominator: bigint): number {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  if ((magnitude % denominator) * 2n >= denominator) quotient += 1n;
  const result = Number(negative ? -quotient : quotient);
  return result === 0 ? 0 : result;
}

/**
 * The part of `earnedMinor` that corresponds to `partMinor` out of `wholeMinor`, rounded by the same
 * rule. When `partMinor === wholeMinor` it is exactly `earnedMinor`.
 */
export function proportionalShareMinor(earnedMinor: number, partMinor: number, wholeMinor: number): number {
  assertSumMinor(earnedMinor);
  assert(wholeMinor > 0, "whole must be positive");
  assert(partMinor >= 0 && partMinor <= wholeMinor, `part ${partMinor} must lie within 0..${wholeMinor}`);
  if (partMinor === wholeMinor) return earnedMinor;
  // BigInt keeps earned × part exact even for large invoices.
  return divideRoundedExact(BigInt(earnedMinor) * BigInt(partMinor), BigInt(wholeMinor));
}

/** Formats for people (logs, demo tables); never parsed back. Assumes two decimals unless told. */
export function formatMoney(money: Money, fractionDigits = 2): string {
  const sign = money.amountMinor < 0 ? "-" : "";
  const magnitude = Math.abs(money.amountMinor);
  const scale = 10 ** fractionDigits;
  const whole = Math.floor(magnitude / scale);
  const fraction = String(magnitude % scale).padStart(fractionDigits, "0");
  return `${sign}${whole}${fractionDigits > 0 ? "." + fraction : ""} ${money.currency}`;
}

/**
 * What remains of `amountMinor` after each of `ratesBps` in turn (multiplicatively: amount × Π(1 − rate)),
 * computed exactly and rounded once by the system's one rule (half away from zero). Exact BigInt
 * arithmetic: the product of several rates does not fit a double's integers.
 */
export function remainingAfterRatesMinor(amountMinor: number, ratesBps: readonly number[]): number {
  assertAmountMinor(amountMinor);
  let numerator = BigInt(amountMinor);
  let denominator = 1n;
  for (const rateBps of ratesBps) {
    assert(Number.isSafeInteger(rateBps) && rateBps >= 0 && rateBps <= BASIS_POINTS_PER_WHOLE, `rate ${rateBps} bps out of range`);
    numerator *= BigInt(BASIS_POINTS_PER_WHOLE - rateBps);
    denominator *= BigInt(BASIS_POINTS_PER_WHOLE);
  }
  return divideRoundedExact(numerator, denominator);
}
