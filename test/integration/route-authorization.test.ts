/**
 * Every authenticated route, through the real `handler` exports wired from the environment (as in
 * Lambda), on DynamoDB Local: the handler checks the caller exactly as the route's definition in
 * shared/http-routes.ts says (401 without a token, 403 for an account on an operator route or on another
 * account's path), so a handler wired to the wrong route definition, or a route given the wrong auth,
 * fails here.
 */

import { beforeAll, describe, expect, it } from "vitest";
import { functionSpecs, httpRoutes } from "../../infra/catalog.ts";
import { localAwsEnvironment } from "../../scripts/lib/dynamodb-local.ts";
import { createManagementStore, type ManagementStore } from "../../shared/data/management-store.ts";
import { accountPathParameter, type IdentifiedHttpRoute } from "../../shared/http-routes.ts";
import type { ManagerLinkItem } from "../../shared/schemas/management-items.ts";
import { createTestTable } from "../support/dynamodb.ts";
import { type HttpHandler, httpEvent, invoke, type TestPrincipal } from "../support/http-events.ts";

const repositoryRoot = new URL("../../", import.meta.url);
const handlers = new Map<string, HttpHandler>();
let managementStore: ManagementStore;

beforeAll(async () => {
  const table = await createTestTable("route-authorization");
  managementStore = createManagementStore({ documentClient: table.documentClient, tableName: table.tableName });
  Object.assign(process.env, localAwsEnvironment, {
    TABLE_NAME: table.tableName,
    HASH_SALT: "route-authorization-salt",
    REFERRAL_LINK_BASE_URL: "https://go.example.com",
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    POWERTOOLS_LOG_LEVEL: "SILENT",
  });
  for (const spec of functionSpecs) {
    if (!httpRoutes.some((route) => route.functionName === spec.name)) continue;
    const module = (await import(/* @vite-ignore */ new URL(spec.entry, repositoryRoot).href)) as { handler: HttpHandler };
    handlers.set(spec.name, module.handler);
  }
});

const pathAccountId = "acct-path";

async function statusOf(route: IdentifiedHttpRoute, principal: TestPrincipal): Promise<number> {
  const pathParameters = Object.fromEntries(
    [...route.path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((match) => [
      match[1]!,
      match[1] === accountPathParameter ? pathAccountId : "x",
    ]),
  );
  const path = route.path.replace(/\{([A-Za-z0-9_]+)\+?\}/g, (_match, name: string) => pathParameters[name]!);
  const event = httpEvent({ method: route.method, route: route.path, path, pathParameters, principal, body: {} });
  return (await invoke(handlers.get(route.functionName)!, event)).statusCode!;
}

const authenticated = httpRoutes.filter((route) => route.auth !== "public");
const operatorRoutes = httpRoutes.filter((route) => route.auth === "operator");
const accountRoutes = httpRoutes.filter((route) => route.auth === "account-or-operator");
const accountOnlyRoutes = httpRoutes.filter((route) => route.auth === "account");
const managedRoutes = httpRoutes.filter((route) => route.managedAccess !== undefined);

describe("route definitions", () => {
  it("name the account on every account-or-operator and account route by {accountId}", () => {
    expect(accountRoutes.length).toBeGreaterThan(0);
    for (const route of [...accountRoutes, ...accountOnlyRoutes])
      expect(route.path, route.operationId).toContain(`{${accountPathParameter}}`);
  });

  it("give all routes of one function the same auth (the handler is wired with one of them)", () => {
    for (const spec of functionSpecs) {
      const auths = new Set(httpRoutes.filter((route) => route.functionName === spec.name).map((route) => route.auth));
      expect(auths.size, spec.name).toBeLessThanOrEqual(1);
    }
  });
});

describe("handler authorization follows the route definition", () => {
  it.each(authenticated.map((route) => [route.operationId, route] as const))("%s: 401 without a token", async (_id, route) => {
    expect(await statusOf(route, { kind: "anonymous" })).toBe(401);
  });

  it.each(operatorRoutes.map((route) => [route.operationId, route] as const))(
    "%s: 403 for an account token, also the account's own",
    async (_id, route) => {
      expect(await statusOf(route, { kind: "account", accountId: pathAccountId })).toBe(403);
    },
  );

  it.each(accountRoutes.map((route) => [route.operationId, route] as const))(
    "%s: 403 for another account, past the check for the account itself and the operator",
    async (_id, route) => {
      expect(await statusOf(route, { kind: "account", accountId: "acct-other" })).toBe(403);
      expect([401, 403]).not.toContain(await statusOf(route, { kind: "account", accountId: pathAccountId }));
      expect([401, 403]).not.toContain(await statusOf(route, { kind: "operator" }));
    },
  );

  it.each(accountOnlyRoutes.map((route) => [route.operationId, route] as const))(
    "%s: 403 for the operator and for another account, past the check for the account itself",
    async (_id, route) => {
      expect(await statusOf(route, { kind: "operator" })).toBe(403);
      expect(await statusOf(route, { kind: "account", accountId: "acct-other" })).toBe(403);
      expect([401, 403]).not.toContain(await statusOf(route, { kind: "account", accountId: pathAccountId }));
    },
  );

  it.each(operatorRoutes.map((route) => [route.operationId, route] as const))("%s: past the check for the operator", async (_id, route) => {
    expect([401, 403]).not.toContain(await statusOf(route, { kind: "operator" }));
  });
});

describe("the manager path (docs/agencies.md)", () => {
  const manager = "acct-manager";
  const link: ManagerLinkItem = {
    managerAccountId: manager,
    clientAccountId: pathAccountId,
    status: "active",
    consentId: "mcn_route_authorization",
    linkedAt: "2027-03-01T09:00:00.000Z",
  };
  const audit = (kind: "consent_issued" | "link_created" | "link_revoked", entryId: string) => ({
    entryId,
    kind,
    at: "2027-03-01T09:00:00.000Z",
    clientAccountId: pathAccountId,
    managerAccountId: manager,
    consentId: link.consentId,
    actor: "manager" as const,
  });

  it("is wired on every route a manager may use, and on none other: past the check while linked, 403 once revoked", async () => {
    expect(managedRoutes.length).toBeGreaterThan(0);
    for (const route of managedRoutes) expect(await statusOf(route, { kind: "account", accountId: manager })).toBe(403);
    await managementStore.issueConsent(
      "0".repeat(64),
      { consentId: link.consentId, clientAccountId: pathAccountId, issuedAt: link.linkedAt, expiresAt: "2999-01-01T00:00:00.000Z" },
      audit("consent_issued", "mau_1"),
    );
    await managementStore.useConsent("0".repeat(64), link, audit("link_created", "mau_2"));
    for (const route of managedRoutes)
      expect([401, 403], route.operationId).not.toContain(await statusOf(route, { kind: "account", accountId: manager }));
    for (const route of accountRoutes.filter((candidate) => candidate.managedAccess === undefined))
      expect(await statusOf(route, { kind: "account", accountId: manager }), route.operationId).toBe(403);
    await managementStore.revokeLink(
      link,
      { ...link, status: "revoked", revokedAt: link.linkedAt, revokedBy: "client" },
      audit("link_revoked", "mau_3"),
    );
    for (const route of managedRoutes) expect(await statusOf(route, { kind: "account", accountId: manager }), route.operationId).toBe(403);
  });
});
