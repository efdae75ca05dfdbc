/**
 * Referral codes: the slug of a referral link (`/r/{code}`) and, the same string, the personal invite
 * code a new client types in. One code per account and program.
 *
 * Alphabet: Crockford's base32 (0-9 and A-Z without I, L, O and U), so a code read aloud or copied by
 * hand has no look-alike letters. Input is normalized the Crockford way before lookup: upper case,
 * O read as 0, I and L read as 1, hyphens and spaces dropped. 8 symbols give 32^8 ≈ 1.1 × 10^12 codes.
 */
import { limits } from "../limits.ts";
import { assert } from "./assert.ts";

export const referralCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Fills `length` random bytes. Injected so that tests can make codes deterministic. */
export type RandomBytes = (length: number) => Uint8Array;

export const cryptoRandomBytes: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

/** The shortest code accepted in a URL or a request (generated codes are `limits.referralCodeLength`). */
export const referralCodeLengthMin = 4;

const referralCodePattern = new RegExp(`^[${referralCodeAlphabet}]{${referralCodeLengthMin},${limits.referralCodeLengthMax}}$`);

/**
 * A new random code. Each symbol takes the low 5 bits of one random byte: 256 is a multiple of 32, so
 * every symbol is equally likely.
 */
export function generateReferralCode(randomBytes: RandomBytes = cryptoRandomBytes, length: number = limits.referralCodeLength): string {
  assert(
    Number.isInteger(length) && length >= referralCodeLengthMin && length <= limits.referralCodeLengthMax,
    `code length ${length} out of range`,
  );
  const bytes = randomBytes(length);
  assert(bytes.length === length, "random source returned too few bytes");
  let code = "";
  for (const byte of bytes) code += referralCodeAlphabet[byte & 31];
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
