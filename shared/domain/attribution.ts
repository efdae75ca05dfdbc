/**
 * The rules of attributing a sign-up to a referrer (Ex2, Zadarma, t2), as pure functions.
 *
 * - First wins and is permanent: the store enforces it with a conditional write.
 * - No self-referral: the same account, the same e-mail address (normalized) or the same payment
 *   fingerprint on both sides. E-mail addresses and payment fingerprints are only ever stored and
 *   compared as keyed hashes (HMAC-SHA256 with the deployment's HASH_SALT).
 * - A program accepts link attributions when it uses links, and invite codes when it uses links (the
 *   link slug is the invite code) or declares a code-entry window (t2).
 */
import { createHmac } from "node:crypto";
import type { Program } from "../schemas/operator-config.ts";
import { clickTimeSkewMilliseconds } from "./click.ts";

export type AttributionSource = "link" | "code";

/**
 * The form of an address used for comparison: trimmed, lower case, without a `+tag` in the local part
 * (`Jane.Doe+promo@Example.com` → `jane.doe@example.com`). Dots are kept: only some providers ignore
 * them, and a false match would reject an honest referral.
 */
export function normalizeEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at <= 0) return lower;
  const local = lower.slice(0, at);
  const untagged = local.split("+", 1)[0]!;
  return `${untagged.length > 0 ? untagged : local}@${lower.slice(at + 1)}`;
}

function keyedHash(salt: string, purpose: string, value: string): string {
  return createHmac("sha256", salt).update(`${purpose}\n${value}`).digest("hex");
}

/** The stored, comparable form of an e-mail address; the address itself is never stored. */
export function emailHash(salt: string, email: string): string {
  return keyedHash(salt, "email", normalizeEmail(email));
}

/** The stored form of a caller's source address, for the code-entry throttle: the address itself is never stored. */
export function sourceAddressHash(salt: string, sourceAddress: string): string {
  return keyedHash(salt, "source-address", sourceAddress.trim().toLowerCase());
}

/**
 * The stored form of an invite's recipient: an e-mail address in its comparable form, or an E.164
 * number, keyed by channel. The address or number itself is never stored.
 */
export function inviteRecipientHash(salt: string, channel: "email" | "sms", recipient: string): string {
  return keyedHash(salt, `invite-recipient-${channel}`, channel === "email" ? normalizeEmail(recipient) : recipient.trim());
}

/** The stored, comparable form of a payment fingerprint (card fingerprint, IBAN hash, ...). */
export function paymentFingerprintHash(salt: string, paymentFingerprint: string): string {
  return keyedHash(salt, "payment-fingerprint", paymentFingerprint.trim());
}

export interface AttributionParty {
  readonly accountId: string;
  readonly emailHash?: string | undefined;
  readonly paymentFingerprintHash?: string | undefined;
}

export type SelfReferralReason = "same_account" | "same_email" | "same_payment_fingerprint";

/** Why this would be a self-referral, or `undefined` when the two parties are distinct. */
export function selfReferralReason(referrer: AttributionParty, referee: AttributionParty): SelfReferralReason | undefined {
  if (referrer.accountId === referee.accountId) return "same_account";
  if (referrer.emailHash && referrer.emailHash === referee.emailHash) return "same_email";
  if (referrer.paymentFingerprintHash && referrer.paymentFingerprintHash === referee.paymentFingerprintHash)
    return "same_payment_fingerprint";
  return undefined;
}

/** Whether `program` takes attributions from this source at all (windows are checked elsewhere). */
export function programAcceptsAttribution(
  program: Pick<Program, "status"> & { readonly attribution: Pick<Program["attribution"], "links" | "codeEntryWindowMonths"> },
  source: AttributionSource,
): boolean {
  if (program.status !== "active") return false;
  if (source === "link") return program.attribution.links;
  return program.attribution.links || program.attribution.codeEntryWindowMonths !== undefined;
}

/** A program of invite codes (t2): its codes may be entered after sign-up, within its window, and sent by e-mail or SMS. */
export function takesInviteCodes(program: { readonly attribution: Pick<Program["attribution"], "codeEntryWindowMonths"> }): boolean {
  return program.attribution.codeEntryWindowMonths !== undefined;
}

/** A click cannot have happened after the sign-up that reports it (allowing for clock skew). */
export function isClickTimePlausible(clickedAt: Date, now: Date): boolean {
  return clickedAt.getTime() <= now.getTime() + clickTimeSkewMilliseconds;
}
