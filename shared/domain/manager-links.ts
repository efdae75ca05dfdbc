/**
 * Manager (agency) links (Sparrow, docs/agencies.md): a client account issues a one-time, expiring
 * consent; a manager account presents its token to link the client; while the link is active the
 * manager may use the client's managed routes (shared/http-routes.ts `managedAccess`) under its own
 * identity. Pure rules: the token and its hash, a consent's expiry, what a presentation decides, and
 * what a link's state allows. No I/O, time passed in.
 */
import { createHash } from "node:crypto";
import type { ErrorCode } from "../errors.ts";
import type { ManagerConsentItem, ManagerLinkItem } from "../schemas/management-items.ts";
import type { RandomBytes } from "./referral-code.ts";

const minuteMilliseconds = 60 * 1000;

/** A new consent token: `mct_` and the random bytes in base64url (32 bytes: 256 bits, well over the 128 asked). */
export function newConsentToken(randomBytes: RandomBytes, tokenBytes: number): string {
  return `mct_${Buffer.from(randomBytes(tokenBytes)).toString("base64url")}`;
}

/** The only form of a token the table holds: its SHA-256, hex. Any string hashes, so a malformed token takes the path of an unknown one. */
export function consentTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The first instant a consent issued at `issuedAt` is no longer accepted. */
export function consentExpiresAt(issuedAt: Date, expiresInMinutes: number): Date {
  return new Date(issuedAt.getTime() + expiresInMinutes * minuteMilliseconds);
}

/** A consent is accepted strictly before its expiry: at `expiresAt` itself it is expired. */
export function isConsentExpired(consent: Pick<ManagerConsentItem, "expiresAt">, now: Date): boolean {
  return now.getTime() >= Date.parse(consent.expiresAt);
}

export type ConsentRefusal = Extract<
  ErrorCode,
  "consent_invalid" | "consent_expired" | "consent_already_used" | "consent_for_another_manager" | "validation_failed"
>;

export type ConsentDecision = { readonly accepted: true } | { readonly accepted: false; readonly refusal: ConsentRefusal };

/**
 * What presenting a consent (`undefined`: no consent has that token's hash) by `managerAccountId` at
 * `now` decides. In this order: unknown (a forged or mistyped token), already used, expired, bound to
 * another manager, and a client presenting its own consent (an account does not manage itself).
 */
export function decideConsentPresentation(consent: ManagerConsentItem | undefined, managerAccountId: string, now: Date): ConsentDecision {
  if (consent === undefined) return { accepted: false, refusal: "consent_invalid" };
  if (consent.usedAt !== undefined) return { accepted: false, refusal: "consent_already_used" };
  if (isConsentExpired(consent, now)) return { accepted: false, refusal: "consent_expired" };
  if (consent.managerAccountId !== undefined && consent.managerAccountId !== managerAccountId)
    return { accepted: false, refusal: "consent_for_another_manager" };
  if (consent.clientAccountId === managerAccountId) return { accepted: false, refusal: "validation_failed" };
  return { accepted: true };
}

export const consentRefusalMessages: Record<ConsentRefusal, string> = {
  consent_invalid: "no consent has this token",
  consent_expired: "this consent has expired: ask the client for a new one",
  consent_already_used: "this consent was used already: ask the client for a new one",
  consent_for_another_manager: "this consent was issued for another manager account",
  validation_failed: "an account cannot manage itself",
};

export type LinkState = "active" | "revoked" | "none";

export function linkStateOf(link: Pick<ManagerLinkItem, "status"> | undefined): LinkState {
  return link === undefined ? "none" : link.status;
}

/** Whether a manager may act for the client now: only while their link is active (a revoked link allows nothing). */
export function linkAllowsAccess(link: Pick<ManagerLinkItem, "status"> | undefined): boolean {
  return linkStateOf(link) === "active";
}

/** The link a revocation leaves, and whether it changed anything (revoking a revoked link is a repeat, not an error). */
export function decideRevocation(
  link: ManagerLinkItem,
  revokedAt: Date,
  revokedBy: NonNullable<ManagerLinkItem["revokedBy"]>,
): { readonly link: ManagerLinkItem; readonly changed: boolean } {
  if (link.status === "revoked") return { link, changed: false };
  return { link: { ...link, status: "revoked", revokedAt: revokedAt.toISOString(), revokedBy }, changed: true };
}
