import { describe, expect, it } from "vitest";
import {
  consentExpiresAt,
  consentTokenHash,
  decideConsentPresentation,
  decideRevocation,
  isConsentExpired,
  linkAllowsAccess,
  linkStateOf,
  newConsentToken,
} from "../../shared/domain/manager-links.ts";
import { assertCanAccessAccount, authorizeManagedRequest } from "../../shared/domain/principal.ts";
import { ForbiddenError } from "../../shared/errors.ts";
import { routes } from "../../shared/http-routes.ts";
import type { ManagerConsentItem, ManagerLinkItem } from "../../shared/schemas/management-items.ts";

const issuedAt = new Date("2027-03-01T09:00:00.000Z");
const consent: ManagerConsentItem = {
  consentId: "mcn_000000000000000000000001",
  clientAccountId: "client-1",
  issuedAt: issuedAt.toISOString(),
  expiresAt: consentExpiresAt(issuedAt, 60).toISOString(),
};
const at = (offsetMilliseconds: number) => new Date(issuedAt.getTime() + offsetMilliseconds);
const hour = 60 * 60 * 1000;

describe("a consent token", () => {
  it("is mct_ and 32 random bytes in base64url (256 bits), and the table keeps only its SHA-256", () => {
    const token = newConsentToken((length) => new Uint8Array(length).fill(7), 32);
    expect(token).toMatch(/^mct_[A-Za-z0-9_-]{43}$/);
    expect(consentTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(consentTokenHash(token)).not.toContain(token.slice(4));
    expect(consentTokenHash(`${token}x`)).not.toBe(consentTokenHash(token));
  });

  it("hashes any string, so a malformed token takes the path of an unknown one", () => {
    expect(consentTokenHash("")).toMatch(/^[0-9a-f]{64}$/);
    expect(consentTokenHash("\u0000 not a token")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("a consent's expiry", () => {
  it.each([
    ["issued", 0, false],
    ["one millisecond before its expiry", hour - 1, false],
    ["at its expiry exactly", hour, true],
    ["after its expiry", hour + 1, true],
  ])("%s: expired %s", (_when, offset, expired) => {
    expect(isConsentExpired(consent, at(offset))).toBe(expired);
  });

  it("is issuedAt plus the minutes asked, up to a day", () => {
    expect(consentExpiresAt(issuedAt, 1).toISOString()).toBe("2027-03-01T09:01:00.000Z");
    expect(consentExpiresAt(issuedAt, 24 * 60).toISOString()).toBe("2027-03-02T09:00:00.000Z");
  });
});

describe("presenting a consent", () => {
  it.each([
    ["no consent has the token (forged)", undefined, "manager-1", 0, "consent_invalid"],
    [
      "used before",
      { ...consent, usedAt: at(1).toISOString(), usedByManagerAccountId: "manager-1" },
      "manager-1",
      2,
      "consent_already_used",
    ],
    [
      "used before and expired since: used wins",
      { ...consent, usedAt: at(1).toISOString() },
      "manager-1",
      2 * hour,
      "consent_already_used",
    ],
    ["at its expiry", consent, "manager-1", hour, "consent_expired"],
    ["bound to another manager", { ...consent, managerAccountId: "manager-2" }, "manager-1", 0, "consent_for_another_manager"],
    [
      "expired and bound to another manager: expired first",
      { ...consent, managerAccountId: "manager-2" },
      "manager-1",
      hour,
      "consent_expired",
    ],
    ["by the client itself", consent, "client-1", 0, "validation_failed"],
  ] as const)("refuses when %s", (_case, stored, manager, offset, refusal) => {
    expect(decideConsentPresentation(stored, manager, at(offset))).toEqual({ accepted: false, refusal });
  });

  it.each([
    ["any manager, just before its expiry", consent, "manager-1", hour - 1],
    ["the manager it is bound to", { ...consent, managerAccountId: "manager-1" }, "manager-1", 0],
  ] as const)("accepts %s", (_case, stored, manager, offset) => {
    expect(decideConsentPresentation(stored, manager, at(offset))).toEqual({ accepted: true });
  });
});

const link: ManagerLinkItem = {
  managerAccountId: "manager-1",
  clientAccountId: "client-1",
  status: "active",
  consentId: consent.consentId,
  linkedAt: issuedAt.toISOString(),
};

describe("a link's state", () => {
  it("allows access while active only", () => {
    expect([linkStateOf(link), linkAllowsAccess(link)]).toEqual(["active", true]);
    expect([linkStateOf({ ...link, status: "revoked" }), linkAllowsAccess({ ...link, status: "revoked" })]).toEqual(["revoked", false]);
    expect([linkStateOf(undefined), linkAllowsAccess(undefined)]).toEqual(["none", false]);
  });

  it("is revoked once: revoking again changes nothing and keeps who revoked it first", () => {
    const first = decideRevocation(link, at(hour), "client");
    expect(first).toEqual({ changed: true, link: { ...link, status: "revoked", revokedAt: at(hour).toISOString(), revokedBy: "client" } });
    expect(decideRevocation(first.link, at(2 * hour), "manager")).toEqual({ changed: false, link: first.link });
  });
});

describe("the manager path of authorization", () => {
  const claimsOf = (accountId: string) => ({ sub: accountId });
  const path = { accountId: "client-1" };
  const linked = async (manager: string, client: string) => manager === "manager-1" && client === "client-1";

  it("admits a linked manager on a managed route as itself, acting for the client", async () => {
    const principal = await authorizeManagedRequest(routes.getLedger, claimsOf("manager-1"), path, linked);
    expect(principal).toEqual({ kind: "account", accountId: "manager-1", actingFor: "client-1" });
    expect(() => assertCanAccessAccount(principal!, "client-1")).not.toThrow();
    expect(() => assertCanAccessAccount(principal!, "client-2")).toThrow(ForbiddenError);
  });

  it("refuses an account without a link, any account on a route without managed access, and the operator's own accounts", async () => {
    await expect(authorizeManagedRequest(routes.getLedger, claimsOf("manager-2"), path, linked)).rejects.toThrow(ForbiddenError);
    await expect(authorizeManagedRequest(routes.requestWithdrawal, claimsOf("manager-1"), path, linked)).rejects.toThrow(ForbiddenError);
    await expect(authorizeManagedRequest(routes.sendInvite, claimsOf("manager-1"), path, linked)).rejects.toThrow(ForbiddenError);
    await expect(
      authorizeManagedRequest(routes.getLedger, claimsOf("manager-1"), { accountId: "operator" }, async () => true),
    ).rejects.toThrow(ForbiddenError);
    await expect(authorizeManagedRequest(routes.getLedger, claimsOf("manager-1"), path, undefined)).rejects.toThrow(ForbiddenError);
  });

  it("reads no link for the account itself or the operator", async () => {
    const never = async () => {
      throw new Error("read a link");
    };
    expect(await authorizeManagedRequest(routes.getLedger, claimsOf("client-1"), path, never)).toEqual({
      kind: "account",
      accountId: "client-1",
    });
    expect(await authorizeManagedRequest(routes.getLedger, { scope: "referral-ledger/operator" }, path, never)).toEqual({
      kind: "operator",
    });
  });

  it("marks which routes a manager may use: reads of the client's data, and code redemption; never withdrawals, invites or the link routes", () => {
    const managed = Object.entries(routes)
      .filter(([, route]) => "managedAccess" in route)
      .map(([id, route]) => `${id}:${(route as { managedAccess: string }).managedAccess}`)
      .sort();
    expect(managed).toEqual([
      "getBalance:read",
      "getDiscounts:read",
      "getLedger:read",
      "getReferral:read",
      "getReferrals:read",
      "getStatement:read",
      "redeemInviteCode:act",
    ]);
  });
});
