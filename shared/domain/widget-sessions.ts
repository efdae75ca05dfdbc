/**
 * The embeddable dashboard's credentials (docs/widget.md). The operator's backend mints a widget token for
 * one account (POST /widget-tokens, operator only); the host page hands it to `<referral-dashboard>` as a
 * property, never in a URL; the widget exchanges it once (POST /widget-sessions) for a widget session: a
 * short-lived bearer pinned to the page's origin that the request authorizer admits as that account on the
 * account's own routes, exactly like the account's own JWT.
 *
 * Pure rules: what a token and a session hold, when an exchange is refused, when a session admits a
 * request. Both secrets are 256 random bits, stored only as their SHA-256 (shared/data/widget-credential-store.ts):
 * a copy of the table does not hold a usable credential.
 */
import { createHash } from "node:crypto";
import { isExactOrigin } from "../validators.ts";
import { assert } from "./assert.ts";
import type { RandomBytes } from "./referral-code.ts";

export { isExactOrigin };

/** A widget token starts with this, a widget session with the other: the authorizer tells a session from a JWT (`eyJ…`) by it. */
export const widgetTokenPrefix = "wt_";
export const widgetSessionPrefix = "ws_";

/** Random bytes of each secret (256 bits: never guessed, so an unknown one needs no throttle). */
export const widgetSecretBytes = 32;

/** The longest a widget token may live: the brief of the dashboard (issue 12) says 15 minutes at most. */
export const widgetTokenLifetimeSecondsMax = 15 * 60;

export interface WidgetToken {
  readonly tokenHash: string;
  readonly accountId: string;
  readonly programId: string;
  /** The account's language (BCP 47): the widget's texts, dates and amounts follow it. */
  readonly locale: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  /** Set by the one exchange (conditional write): a token opens one session, ever. */
  readonly exchangedAt?: string;
}

export interface WidgetSession {
  readonly sessionHash: string;
  readonly accountId: string;
  readonly programId: string;
  readonly locale: string;
  /** The page's origin at the exchange (`https://www.example.com`): every request of the session must come from it. */
  readonly origin: string;
  readonly openedAt: string;
  readonly expiresAt: string;
}

/** A new secret: the prefix, then 32 random bytes in base64url (43 characters). */
export function newWidgetSecret(prefix: typeof widgetTokenPrefix | typeof widgetSessionPrefix, randomBytes: RandomBytes): string {
  const bytes = randomBytes(widgetSecretBytes);
  assert(bytes.length === widgetSecretBytes, "the random source returned too few bytes");
  return `${prefix}${Buffer.from(bytes).toString("base64url")}`;
}

/** What is stored of a secret, and what it is looked up by. */
export function widgetSecretHash(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Is this a well-formed secret with this prefix (so that nothing else is hashed and looked up)? */
export function isWidgetSecret(candidate: string, prefix: typeof widgetTokenPrefix | typeof widgetSessionPrefix): boolean {
  return candidate.startsWith(prefix) && /^[A-Za-z0-9_-]{43}$/.test(candidate.slice(prefix.length));
}

/** The token to store for a mint at `now`: it expires `lifetimeSeconds` later (at most 15 minutes). */
export function widgetTokenToIssue(request: {
  readonly tokenHash: string;
  readonly accountId: string;
  readonly programId: string;
  readonly locale: string;
  readonly now: Date;
  readonly lifetimeSeconds: number;
}): WidgetToken {
  assert(
    Number.isInteger(request.lifetimeSeconds) && request.lifetimeSeconds > 0 && request.lifetimeSeconds <= widgetTokenLifetimeSecondsMax,
    `a widget token lives 1 to ${widgetTokenLifetimeSecondsMax} seconds`,
  );
  return {
    tokenHash: request.tokenHash,
    accountId: request.accountId,
    programId: request.programId,
    locale: request.locale,
    issuedAt: request.now.toISOString(),
    expiresAt: new Date(request.now.getTime() + request.lifetimeSeconds * 1000).toISOString(),
  };
}

/** Why an exchange is refused. The client gets one answer for the first three (widget_token_invalid): they tell a thief nothing. */
export type WidgetExchangeRefusal = "token_unknown" | "token_expired" | "token_already_exchanged" | "origin_not_allowed";

export type WidgetExchangeDecision =
  | { readonly outcome: "open"; readonly session: Omit<WidgetSession, "sessionHash"> }
  | { readonly outcome: "refused"; readonly reason: WidgetExchangeRefusal };

/**
 * The exchange of `token` (as read, or undefined) by a page of `origin` at `now`: a session of
 * `sessionSeconds` for the token's account, program and locale, pinned to that origin, when the token
 * exists, has not expired (its expiry instant is already too late) and was never exchanged, and the
 * origin is one the operator allows (widget.allowedOrigins). The store writes it on condition the token
 * is still unexchanged, so two exchanges racing open one session.
 */
export function decideWidgetTokenExchange(
  token: WidgetToken | undefined,
  request: {
    readonly origin: string | undefined;
    readonly allowedOrigins: readonly string[];
    readonly now: Date;
    readonly sessionSeconds: number;
  },
): WidgetExchangeDecision {
  assert(
    Number.isInteger(request.sessionSeconds) && request.sessionSeconds > 0,
    "a widget session lives a positive whole number of seconds",
  );
  if (request.origin === undefined || !isExactOrigin(request.origin) || !request.allowedOrigins.includes(request.origin))
    return { outcome: "refused", reason: "origin_not_allowed" };
  if (!token) return { outcome: "refused", reason: "token_unknown" };
  if (token.exchangedAt !== undefined) return { outcome: "refused", reason: "token_already_exchanged" };
  if (request.now.getTime() >= Date.parse(token.expiresAt)) return { outcome: "refused", reason: "token_expired" };
  return {
    outcome: "open",
    session: {
      accountId: token.accountId,
      programId: token.programId,
      locale: token.locale,
      origin: request.origin,
      openedAt: request.now.toISOString(),
      expiresAt: new Date(request.now.getTime() + request.sessionSeconds * 1000).toISOString(),
    },
  };
}

export type WidgetSessionDenial = "session_unknown" | "session_expired" | "origin_mismatch";

export type WidgetSessionAccess =
  | { readonly outcome: "allowed"; readonly accountId: string }
  | { readonly outcome: "denied"; readonly reason: WidgetSessionDenial };

/**
 * Does `session` (as read, or undefined) admit a request from `origin` at `now`? Only until it expires
 * (TTL deletion lags by up to days, so the expiry is read, not the item's presence) and only from the
 * origin it was opened on: a bearer copied out of the page is refused from any other page.
 */
export function decideWidgetSessionAccess(
  session: WidgetSession | undefined,
  request: { readonly origin: string | undefined; readonly now: Date },
): WidgetSessionAccess {
  if (!session) return { outcome: "denied", reason: "session_unknown" };
  if (request.now.getTime() >= Date.parse(session.expiresAt)) return { outcome: "denied", reason: "session_expired" };
  if (request.origin !== session.origin) return { outcome: "denied", reason: "origin_mismatch" };
  return { outcome: "allowed", accountId: session.accountId };
}
