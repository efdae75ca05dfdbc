/**
 * Referral codes: the slug of a referral link (`/r/{code}`) and, the same string, the personal invite
 * code a new client types in. One code per account and program.
 *
 * New codes are drawn from `generatedCodeAlphabet`: digits 2-9 and capitals without I, L, O and U, so
 * a code read aloud, copied by hand or typed from a phone has no look-alikes at all (no 0/O, no
 * 1/I/L). 12 symbols give 30^12 ≈ 5.3 × 10^17 codes: long enough that guessing at the code-entry
 * throttle's rate finds one with a probability below 10^-6 a year (the arithmetic: docs/codes.md).
 *
 * Codes issued before (8 symbols of Crockford's base32, which has 0 and 1) keep working: the accepted
 * alphabet is still Crockford's, and input is normalized the Crockford way before lookup: upper case,
 * O read as 0, I and L read as 1, hyphens and spaces dropped. A new code contains none of 0, 1, O, I,
 * L, so the normalization never changes one.
 */
import { limits } from "../limits.ts";
import { assert } from "./assert.ts";

/** Every symbol a stored code may hold (Crockford's base32): the alphabet of codes issued before, and of click ids. */
export const referralCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The symbols of new codes: Crockford's base32 without 0 and 1, so without any look-alike pair (30 symbols). */
export const generatedCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Bytes below this map to a symbol (byte % 30); the 16 above are drawn again, so every symbol is equally likely. */
const acceptedByteBound = Math.floor(256 / generatedCodeAlphabet.length) * generatedCodeAlphabet.length;

/** Fills `length` random bytes. Injected so that tests can make codes deterministic. */
export type RandomBytes = (length: number) => Uint8Array;

export const cryptoRandomBytes: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

/** The shortest code accepted in a URL or a request (generated codes are `limits.referralCodeLength`). */
export const referralCodeLengthMin = 4;

const referralCodePattern = new RegExp(`^[${referralCodeAlphabet}]{${referralCodeLengthMin},${limits.referralCodeLengthMax}}$`);

/**
 * A new random code from `generatedCodeAlphabet`. Each symbol is one random byte modulo 30, bytes of
 * 240 and above drawn again (rejection sampling), so every symbol is equally likely.
 */
export function generateReferralCode(randomBytes: RandomBytes = cryptoRandomBytes, length: number = limits.referralCodeLength): string {
  assert(
    Number.isInteger(length) && length >= referralCodeLengthMin && length <= limits.referralCodeLengthMax,
    `code length ${length} out of range`,
  );
  let code = "";
  // Each draw keeps on average 15/16 of its bytes; a source that returns only rejected bytes is broken.
  for (let draw = 0; code.length < length; draw += 1) {
    assert(draw < 64, "random source returned no usable bytes");
    const bytes = randomBytes(length);
    assert(bytes.length === length, "random source returned too few bytes");
    for (const byte of bytes) {
      if (byte >= acceptedByteBound || code.length === length) continue;
      code += generatedCodeAlphabet[byte % generatedCodeAlphabet.length];
    }
  }
  return code;
}

/**
 * The canonical form of a code typed or pasted by a person, or `undefined` when it cannot be a code.
 * Lets `abcd-efgh`, ` ABCDEFGH ` and `ABCDEFGH` reach the same link.
 */
export function normalizeReferralCode(input: string): string | undefined {
  if (input.length > limits.referralCodeLengthMax * 2) return undefined;
  const canonical = input.trim().toUpperCase().replace(/[-\s]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return isReferralCode(canonical) ? canonical : undefined;
}

/** True when `code` is already in canonical form (what the table stores). */
export function isReferralCode(code: string): boolean {
  return referralCodePattern.test(code);
}
