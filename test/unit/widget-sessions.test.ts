/** The widget's credentials, decided: a token's lifetime, the one exchange, and what a session admits. */
import { describe, expect, it } from "vitest";
import { findProgram } from "../../shared/data/operator-config-reader.ts";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import {
  decideWidgetSessionAccess,
  decideWidgetTokenExchange,
  isExactOrigin,
  isWidgetSecret,
  newWidgetSecret,
  type WidgetSession,
  type WidgetToken,
  widgetSecretHash,
  widgetTokenLifetimeSecondsMax,
  widgetTokenToIssue,
} from "../../shared/domain/widget-sessions.ts";
import { widgetLimits } from "../../shared/limits.ts";
import { operatorConfigSchema } from "../../shared/schemas/operator-config.ts";
import { widgetProgramOf } from "../../shared/use-cases/open-widget-session.ts";

const now = new Date("2027-03-01T10:00:00.000Z");
const origin = "https://my.example.com";
const token: WidgetToken = widgetTokenToIssue({
  tokenHash: "hash",
  accountId: "acct-1",
  programId: "zadarma-partner",
  locale: "cs",
  now,
  lifetimeSeconds: widgetLimits.tokenLifetimeSeconds,
});
const exchange = (candidate: WidgetToken | undefined, at: Date, ...from: [string | undefined] | []) =>
  decideWidgetTokenExchange(candidate, {
    origin: from.length > 0 ? from[0] : origin,
    allowedOrigins: [origin],
    now: at,
    sessionSeconds: 900,
  });

describe("a widget token", () => {
  it("expires after its lifetime, at most 15 minutes", () => {
    expect(token.expiresAt).toBe("2027-03-01T10:05:00.000Z");
    expect(widgetLimits.tokenLifetimeSeconds).toBeLessThanOrEqual(widgetTokenLifetimeSecondsMax);
    const longest = { tokenHash: "h", accountId: "a", programId: "p", locale: "en", now };
    expect(widgetTokenToIssue({ ...longest, lifetimeSeconds: 900 }).expiresAt).toBe("2027-03-01T10:15:00.000Z");
    expect(() => widgetTokenToIssue({ ...longest, lifetimeSeconds: 901 })).toThrow(/1 to 900 seconds/);
    expect(() => widgetTokenToIssue({ ...longest, lifetimeSeconds: 0 })).toThrow();
  });

  it("is 256 random bits behind its prefix, stored only as its SHA-256", () => {
    let next = 0;
    const secret = newWidgetSecret("wt_", (length) => Uint8Array.from({ length }, () => next++));
    expect(secret).toMatch(/^wt_[A-Za-z0-9_-]{43}$/);
    expect(isWidgetSecret(secret, "wt_")).toBe(true);
    expect(isWidgetSecret(secret, "ws_")).toBe(false);
    expect(isWidgetSecret(`${secret}x`, "wt_")).toBe(false);
    expect(widgetSecretHash(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(widgetSecretHash(secret)).not.toContain(secret.slice(3));
    expect(() => newWidgetSecret("wt_", () => new Uint8Array(16))).toThrow(/too few bytes/);
  });
});

describe("exchanging a widget token", () => {
  it("opens a session for the token's account, program and locale, pinned to the page's origin", () => {
    expect(exchange(token, new Date("2027-03-01T10:04:59.999Z"))).toEqual({
      outcome: "open",
      session: {
        accountId: "acct-1",
        programId: "zadarma-partner",
        locale: "cs",
        origin,
        openedAt: "2027-03-01T10:04:59.999Z",
        expiresAt: "2027-03-01T10:19:59.999Z",
      },
    });
  });

  it("is refused at and after the token's expiry instant", () => {
    expect(exchange(token, new Date("2027-03-01T10:05:00.000Z"))).toEqual({ outcome: "refused", reason: "token_expired" });
    expect(exchange(token, new Date("2027-03-02T00:00:00.000Z"))).toEqual({ outcome: "refused", reason: "token_expired" });
  });

  it("is refused for a token exchanged before, and for an unknown one", () => {
    expect(exchange({ ...token, exchangedAt: now.toISOString() }, now)).toEqual({ outcome: "refused", reason: "token_already_exchanged" });
    expect(exchange(undefined, now)).toEqual({ outcome: "refused", reason: "token_unknown" });
  });

  it("is refused from an origin the operator does not allow, or without one", () => {
    for (const from of [
      undefined,
      "null",
      "https://evil.example.net",
      "https://my.example.com/",
      "https://MY.example.com",
      "http://my.example.com",
    ])
      expect(exchange(token, now, from), String(from)).toEqual({ outcome: "refused", reason: "origin_not_allowed" });
    expect(decideWidgetTokenExchange(token, { origin, allowedOrigins: [], now, sessionSeconds: 900 })).toEqual({
      outcome: "refused",
      reason: "origin_not_allowed",
    });
  });
});

describe("a widget session", () => {
  const session: WidgetSession = {
    sessionHash: "s",
    accountId: "acct-1",
    programId: "zadarma-partner",
    locale: "cs",
    origin,
    openedAt: now.toISOString(),
    expiresAt: "2027-03-01T10:15:00.000Z",
  };

  it("admits its account's requests from its origin until its expiry instant", () => {
    expect(decideWidgetSessionAccess(session, { origin, now: new Date("2027-03-01T10:14:59.999Z") })).toEqual({
      outcome: "allowed",
      accountId: "acct-1",
    });
    expect(decideWidgetSessionAccess(session, { origin, now: new Date("2027-03-01T10:15:00.000Z") })).toEqual({
      outcome: "denied",
      reason: "session_expired",
    });
  });

  it("refuses a bearer copied to another page, or sent without an origin, and an unknown one", () => {
    expect(decideWidgetSessionAccess(session, { origin: "https://evil.example.net", now })).toEqual({
      outcome: "denied",
      reason: "origin_mismatch",
    });
    expect(decideWidgetSessionAccess(session, { origin: undefined, now })).toEqual({ outcome: "denied", reason: "origin_mismatch" });
    expect(decideWidgetSessionAccess(undefined, { origin, now })).toEqual({ outcome: "denied", reason: "session_unknown" });
  });
});

describe("an allowed origin", () => {
  it("is a scheme, a host and a port, exactly as browsers send Origin", () => {
    for (const good of ["https://www.example.com", "http://localhost:3001", "https://shop.example.co.uk:8443"])
      expect(isExactOrigin(good), good).toBe(true);
    for (const bad of [
      "https://www.example.com/",
      "https://www.example.com/app",
      "www.example.com",
      "ftp://example.com",
      "null",
      "https://Example.com",
    ])
      expect(isExactOrigin(bad), bad).toBe(false);
  });
});

describe("what the widget shows of a program", () => {
  const config = operatorConfigSchema.parse(demoOperatorConfig);
  const program = (programId: string) => findProgram(config, programId)!;
  const settlementAt = (instant: string) => widgetProgramOf(program("zadarma-partner"), new Date(instant), "Europe/Prague").settlement;

  it("says when the open half month is settled, in the operator's time zone, across the month and the year", () => {
    expect(settlementAt("2026-12-14T22:59:59.999Z")).toEqual({ openPeriodId: "2026-12-1", nextRunOn: "2026-12-15" });
    expect(settlementAt("2026-12-14T23:00:00.000Z")).toEqual({ openPeriodId: "2026-12-2", nextRunOn: "2027-01-01" });
    expect(settlementAt("2027-02-28T22:59:59.999Z")).toEqual({ openPeriodId: "2027-02-2", nextRunOn: "2027-03-01" });
  });

  it("has no settlement for a program without commission, and levels only for a partner program with levels", () => {
    expect(widgetProgramOf(program("ex2-credit"), now, "Europe/Prague")).toMatchObject({ settlement: null, partnerLevels: null });
    expect(widgetProgramOf(program("active24-reseller"), now, "Europe/Prague").partnerLevels?.map((level) => level.levelId)).toEqual([
      "partner",
      "partner-plus",
      "partner-premium",
    ]);
  });
});
