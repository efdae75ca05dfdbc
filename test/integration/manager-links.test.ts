/**
 * Manager (agency) links (docs/agencies.md) on DynamoDB Local, through the handlers with their functions'
 * grants: a client's one-time consent, its presentation by a manager (reuse, expiry, forgery, another
 * manager's, concurrent presentations), listing both sides, the audit, revocation from either side, the
 * manager reading the client's ledger and referral overview as itself, and the rule that a managed
 * account's end customer is never contacted (invites).
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createCreateManagerConsentHandler } from "../../functions/http/create-manager-consent.ts";
import { createGetLedgerHandler } from "../../functions/http/get-ledger.ts";
import { createGetReferralHandler } from "../../functions/http/get-referral.ts";
import { createLinkManagedAccountHandler } from "../../functions/http/link-managed-account.ts";
import { createListManagementAuditHandler } from "../../functions/http/list-management-audit.ts";
import { createListManagerLinksHandler } from "../../functions/http/list-manager-links.ts";
import { createRedeemInviteCodeHandler } from "../../functions/http/redeem-invite-code.ts";
import { createRequestWithdrawalHandler } from "../../functions/http/request-withdrawal.ts";
import { createRevokeManagerLinkHandler } from "../../functions/http/revoke-manager-link.ts";
import { createSendInviteHandler } from "../../functions/http/send-invite.ts";
import { createManagedAccess, createManagerLinkDependencies } from "../../functions/wiring/manager-links.ts";
import {
  createCodeRedemptionDependencies,
  createInviteDependencies,
  createReferralOverviewDependencies,
} from "../../functions/wiring/referral.ts";
import { createWithdrawalDependencies } from "../../functions/wiring/withdrawals.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import type { TableContext } from "../../shared/data/table-context.ts";
import { fixedClock } from "../../shared/domain/clock.ts";
import { holderAccount, operatorAccount } from "../../shared/domain/ledger/accounts.ts";
import { makeTransfer } from "../../shared/domain/ledger/transfers.ts";
import { logger } from "../../shared/observability.ts";
import type { LedgerPageResponse } from "../../shared/schemas/ledger-api.ts";
import type { ConsentResponse, ManagementAuditPage, ManagerLinkPage } from "../../shared/schemas/management-api.ts";
import type { ManagerLinkItem } from "../../shared/schemas/management-items.ts";
import { ensureReferralLink } from "../../shared/use-cases/ensure-referral-link.ts";
import { accountRegistered } from "../support/billing-event-builders.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { type HttpHandler, httpEvent, invoke, jsonBody, type TestPrincipal } from "../support/http-events.ts";
import { testHashSalt, useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup("2027-03-01T09:00:00.000Z");
/** The links' own clock, moved by the expiry tests (the ledger's stays put). */
const clock = fixedClock("2027-03-01T09:00:00.000Z");
let unique = 0;
const fresh = (prefix: string) => `${prefix}-${++unique}-${Date.now().toString(36)}`;

interface ErrorBody {
  error: { code: string; message: string };
}

const granted = (name: string): TableContext => ({
  ...setup.tableContext,
  documentClient: withGrantsOf([name], setup.tableContext.documentClient),
});
const linkDependencies = (name: string) => createManagerLinkDependencies({ table: granted(name), clock });

let handlers: Record<
  "consent" | "link" | "list" | "revoke" | "audit" | "ledger" | "referral" | "invite" | "withdrawal" | "redeem",
  HttpHandler
>;

beforeAll(() => {
  handlers = {
    consent: createCreateManagerConsentHandler(linkDependencies("create-manager-consent")),
    redeem: createRedeemInviteCodeHandler(
      createCodeRedemptionDependencies({ table: granted("redeem-invite-code"), clock: setup.clock, hashSalt: testHashSalt }),
      createManagedAccess(granted("redeem-invite-code")),
    ),
    link: createLinkManagedAccountHandler(linkDependencies("link-managed-account")),
    list: createListManagerLinksHandler(linkDependencies("list-manager-links")),
    revoke: createRevokeManagerLinkHandler(linkDependencies("revoke-manager-link")),
    audit: createListManagementAuditHandler(linkDependencies("list-management-audit")),
    ledger: createGetLedgerHandler(createLedgerStore(granted("get-ledger"), setup.clock), createManagedAccess(granted("get-ledger"))),
    referral: createGetReferralHandler(
      createReferralOverviewDependencies({ table: granted("get-referral"), clock: setup.clock }),
      { referralLinkBaseUrl: "https://go.example.com" },
      createManagedAccess(granted("get-referral")),
    ),
    invite: createSendInviteHandler(
      createInviteDependencies({
        table: granted("send-invite"),
        clock: setup.clock,
        hashSalt: testHashSalt,
        queueClient: setup.queueClient,
        outboundQueueUrl: setup.sqs.queueUrls.outbound,
      }),
    ),
    withdrawal: createRequestWithdrawalHandler(
      createWithdrawalDependencies({
        table: granted("request-withdrawal"),
        clock: setup.clock,
        queueClient: setup.queueClient,
        outboundQueueUrl: setup.sqs.queueUrls.outbound,
      }),
    ),
  };
});

const as = (accountId: string): TestPrincipal => ({ kind: "account", accountId });
const operator: TestPrincipal = { kind: "operator" };

function call(handler: HttpHandler, method: string, route: string, path: string, principal: TestPrincipal, body?: unknown) {
  return invoke(handler, httpEvent({ method, route, path, principal, ...(body === undefined ? {} : { body }) }));
}

const issueConsent = (client: string, body?: unknown, principal: TestPrincipal = as(client)) =>
  call(handlers.consent, "POST", "/accounts/{accountId}/manager-consents", `/accounts/${client}/manager-consents`, principal, body);
const present = (manager: string, consentToken: string, principal: TestPrincipal = as(manager)) =>
  call(handlers.link, "POST", "/accounts/{accountId}/managed-accounts", `/accounts/${manager}/managed-accounts`, principal, {
    consentToken,
  });
const listClients = (manager: string, principal: TestPrincipal = as(manager), query: Record<string, string> = {}) =>
  invoke(
    handlers.list,
    httpEvent({
      method: "GET",
      route: "/accounts/{accountId}/managed-accounts",
      path: `/accounts/${manager}/managed-accounts`,
      query,
      principal,
    }),
  );
const listManagers = (client: string, principal: TestPrincipal = as(client)) =>
  call(handlers.list, "GET", "/accounts/{accountId}/managers", `/accounts/${client}/managers`, principal);
const revokeByClient = (client: string, manager: string, principal: TestPrincipal = as(client)) =>
  call(
    handlers.revoke,
    "POST",
    "/accounts/{accountId}/managers/{managerAccountId}/revocation",
    `/accounts/${client}/managers/${manager}/revocation`,
    principal,
  );
const revokeByManager = (manager: string, client: string, principal: TestPrincipal = as(manager)) =>
  call(
    handlers.revoke,
    "POST",
    "/accounts/{accountId}/managed-accounts/{clientAccountId}/revocation",
    `/accounts/${manager}/managed-accounts/${client}/revocation`,
    principal,
  );
const readLedger = (client: string, principal: TestPrincipal) =>
  call(handlers.ledger, "GET", "/accounts/{accountId}/ledger", `/accounts/${client}/ledger`, principal);
const auditOf = (accountId: string) =>
  call(handlers.audit, "GET", "/accounts/{accountId}/management-audit", `/accounts/${accountId}/management-audit`, operator);

async function consentToken(client: string, body?: unknown): Promise<ConsentResponse> {
  const response = await issueConsent(client, body);
  expect(response.statusCode).toBe(201);
  return jsonBody<ConsentResponse>(response);
}

async function linked(): Promise<{ client: string; manager: string }> {
  const client = fresh("client");
  const manager = fresh("agency");
  const response = await present(manager, (await consentToken(client)).consentToken);
  expect(response.statusCode).toBe(201);
  return { client, manager };
}

const codeOf = (response: { body?: string }) => jsonBody<ErrorBody>(response as never).error.code;

describe("a client's consent and its presentation by a manager", () => {
  it("links the client once: listed on both sides, audited under both, the token stored only as a hash", async () => {
    const client = fresh("client");
    const manager = fresh("agency");
    const consent = await consentToken(client, { managerAccountId: manager, expiresInMinutes: 30 });
    const start = clock.now();
    clock.advance(1000);
    const response = await present(manager, consent.consentToken).finally(() => clock.set(start));
    expect(consent.consentToken).toMatch(/^mct_[A-Za-z0-9_-]{43}$/);
    expect(consent).toMatchObject({ clientAccountId: client, managerAccountId: manager, expiresAt: "2027-03-01T09:30:00.000Z" });
    expect(response.statusCode).toBe(201);
    const expected: ManagerLinkItem = {
      managerAccountId: manager,
      clientAccountId: client,
      status: "active",
      consentId: consent.consentId,
      linkedAt: "2027-03-01T09:00:01.000Z",
    };
    expect(jsonBody<{ link: ManagerLinkItem }>(response).link).toEqual(expected);
    expect(jsonBody<ManagerLinkPage>(await listClients(manager)).links).toEqual([expected]);
    expect(jsonBody<ManagerLinkPage>(await listManagers(client)).links).toEqual([expected]);
    expect(jsonBody<ManagerLinkPage>(await listManagers(client, operator)).links).toEqual([expected]);

    const clientAudit = jsonBody<ManagementAuditPage>(await auditOf(client)).entries;
    expect(clientAudit.map((entry) => [entry.kind, entry.actor])).toEqual([
      ["consent_issued", "client"],
      ["link_created", "manager"],
    ]);
    const managerAudit = jsonBody<ManagementAuditPage>(await auditOf(manager)).entries;
    expect(managerAudit).toEqual([clientAudit[1]]);

    const items = JSON.stringify(await setup.scanAll());
    expect(items).not.toContain(consent.consentToken);
    expect(items).not.toContain(consent.consentToken.slice(4));
  });

  it("refuses the same token again: 409 consent_already_used, nothing new written", async () => {
    const client = fresh("client");
    const { consentToken: token } = await consentToken(client);
    expect((await present(fresh("agency"), token)).statusCode).toBe(201);
    const before = (await setup.scanAll()).length;
    const again = await present(fresh("agency"), token);
    expect([again.statusCode, codeOf(again)]).toEqual([409, "consent_already_used"]);
    expect((await setup.scanAll()).length).toBe(before);
  });

  it("accepts a token a millisecond before its expiry and refuses it at the expiry: 409 consent_expired", async () => {
    const start = clock.now();
    try {
      const early = await consentToken(fresh("client"), { expiresInMinutes: 1 });
      const late = await consentToken(fresh("client"), { expiresInMinutes: 1 });
      clock.advance(60 * 1000 - 1);
      expect((await present(fresh("agency"), early.consentToken)).statusCode).toBe(201);
      clock.advance(1);
      const expired = await present(fresh("agency"), late.consentToken);
      expect([expired.statusCode, codeOf(expired)]).toEqual([409, "consent_expired"]);
    } finally {
      clock.set(start);
    }
  });

  it("answers a forged or mistyped token as it answers an expired one: 409, the same body shape, consent_invalid", async () => {
    const { consentToken: token } = await consentToken(fresh("client"));
    const forged = `mct_${"A".repeat(43)}`;
    for (const candidate of [forged, `${token}x`, "not a token at all"]) {
      const response = await present(fresh("agency"), candidate);
      expect(response.statusCode).toBe(409);
      expect(Object.keys(jsonBody<ErrorBody>(response).error).sort()).toEqual(["code", "message"]);
      expect(codeOf(response)).toBe("consent_invalid");
    }
    expect((await present(fresh("agency"), token)).statusCode).toBe(201);
  });

  it("refuses a consent bound to another manager without using it up; the manager it names may still present it", async () => {
    const client = fresh("client");
    const intended = fresh("agency");
    const { consentToken: token } = await consentToken(client, { managerAccountId: intended });
    const other = await present(fresh("agency"), token);
    expect([other.statusCode, codeOf(other)]).toEqual([409, "consent_for_another_manager"]);
    expect((await present(intended, token)).statusCode).toBe(201);
  });

  it("links exactly once when eight managers present one token at the same moment", async () => {
    const client = fresh("client");
    const { consentToken: token } = await consentToken(client);
    const managers = Array.from({ length: 8 }, () => fresh("agency"));
    const responses = await Promise.all(managers.map((manager) => present(manager, token)));
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    for (const response of responses.filter((candidate) => candidate.statusCode !== 201))
      expect([response.statusCode, codeOf(response)]).toEqual([409, "consent_already_used"]);
    const links = jsonBody<ManagerLinkPage>(await listManagers(client)).links;
    expect(links.map((link) => link.managerAccountId)).toEqual([managers[statuses.indexOf(201)]]);
  });

  it("lets only the client itself consent and only the manager itself present: the operator and a linked manager get 403", async () => {
    const { client, manager } = await linked();
    expect((await issueConsent(client, undefined, operator)).statusCode).toBe(403);
    expect((await issueConsent(client, undefined, as(manager))).statusCode).toBe(403);
    const { consentToken: token } = await consentToken(fresh("client"));
    expect((await present(manager, token, operator)).statusCode).toBe(403);
    expect((await present(manager, token, as(client))).statusCode).toBe(403);
    expect((await listClients(manager, as(client))).statusCode).toBe(403);
    expect((await present(manager, token)).statusCode).toBe(201);
  });

  it("refuses bad input with 400 and writes nothing: an expiry over a day, unknown fields, a client naming itself", async () => {
    const client = fresh("client");
    for (const body of [{ expiresInMinutes: 24 * 60 + 1 }, { expiresInMinutes: 0 }, { note: "x" }, { managerAccountId: client }]) {
      const response = await issueConsent(client, body);
      expect([response.statusCode, codeOf(response)]).toEqual([400, "validation_failed"]);
    }
    const ownConsent = await consentToken(client);
    const self = await present(client, ownConsent.consentToken);
    expect([self.statusCode, codeOf(self)]).toEqual([400, "validation_failed"]);
    expect(jsonBody<ManagementAuditPage>(await auditOf(client)).entries.map((entry) => entry.kind)).toEqual(["consent_issued"]);
  });

  it("pages a manager's clients by client id", async () => {
    const manager = fresh("agency");
    const clients = [fresh("client-a"), fresh("client-b"), fresh("client-c")];
    for (const client of clients) expect((await present(manager, (await consentToken(client)).consentToken)).statusCode).toBe(201);
    const first = jsonBody<ManagerLinkPage>(await listClients(manager, as(manager), { limit: "2" }));
    expect(first.links).toHaveLength(2);
    const second = jsonBody<ManagerLinkPage>(await listClients(manager, as(manager), { limit: "2", cursor: first.nextCursor! }));
    expect([...first.links, ...second.links].map((link) => link.clientAccountId)).toEqual([...clients].sort());
    const foreign = await listClients(fresh("agency"), operator, { cursor: first.nextCursor! });
    expect(foreign.statusCode).toBe(400);
  });
});

describe("a manager using the client's routes", () => {
  beforeAll(async () => {
    await createLedgerStore(setup.tableContext, setup.clock).commit({
      sourceEvent: { eventId: "manager-links-credit", eventType: "test", payloadHash: "0".repeat(64), outcome: "test" },
      transfers: [
        makeTransfer({
          index: 0,
          debit: operatorAccount("credit_expense", "EUR"),
          credit: holderAccount("managed-client-with-credit", "credit_granted", "EUR"),
          amountMinor: 2500,
          code: "credit_grant",
          programId: "ex2-credit",
          sourceEventId: "manager-links-credit",
          sourceEventType: "test",
          periodId: "2027-03-1",
          postedAt: setup.clock.now().toISOString(),
          memo: "credit",
        }),
      ],
    });
  });

  it("reads the client's ledger and referral overview as itself, logged with both ids; an unlinked account gets 403", async () => {
    const client = "managed-client-with-credit";
    const manager = fresh("agency");
    expect((await present(manager, (await consentToken(client)).consentToken)).statusCode).toBe(201);
    const info = vi.spyOn(logger, "info");
    try {
      const ledger = await readLedger(client, as(manager));
      expect(ledger.statusCode).toBe(200);
      const page = jsonBody<LedgerPageResponse>(ledger);
      expect(page.accountId).toBe(client);
      expect(page.entries.map((entry) => [entry.kind, entry.amountMinor])).toEqual([["credit", 2500]]);
      expect(info).toHaveBeenCalledWith("managed access", {
        managerAccountId: manager,
        clientAccountId: client,
        route: "GET /accounts/{accountId}/ledger",
      });
      const overview = await call(handlers.referral, "GET", "/accounts/{accountId}/referral", `/accounts/${client}/referral`, as(manager));
      expect(overview.statusCode).toBe(200);
      expect(jsonBody<{ accountId: string }>(overview).accountId).toBe(client);
    } finally {
      info.mockRestore();
    }
    expect((await readLedger(client, as(fresh("agency")))).statusCode).toBe(403);
    // A manager reads the client's data, never the operator's accounts.
    expect((await readLedger("operator", as(manager))).statusCode).toBe(403);
  });

  it("may enter a code for its client, but never its own: 422 self_referral, nothing written", async () => {
    const client = fresh("managed-code-client");
    const manager = fresh("agency");
    expect((await present(manager, (await consentToken(client)).consentToken)).statusCode).toBe(201);
    // The client registered a moment ago: inside t2's code-entry window.
    expect(
      (await setup.consume(sqsEventOf([accountRegistered({ accountId: client, registeredAt: "2027-03-01T08:00:00.000Z" })])))
        .batchItemFailures,
    ).toEqual([]);
    const { link } = await ensureReferralLink(
      createReferralOverviewDependencies({ table: setup.tableContext, clock: setup.clock }),
      manager,
      "t2-invite",
    );
    const own = await call(
      handlers.redeem,
      "POST",
      "/accounts/{accountId}/code-redemptions",
      `/accounts/${client}/code-redemptions`,
      as(manager),
      {
        code: link.code,
      },
    );
    expect(own.statusCode, own.body).toBe(422);
    expect(jsonBody<{ error: { code: string } }>(own).error.code).toBe("self_referral");
    expect(await setup.readReferral(client)).toBeUndefined();
  });

  it("may not request the client's withdrawal (not a managed route)", async () => {
    const { client, manager } = await linked();
    const response = await call(
      handlers.withdrawal,
      "POST",
      "/accounts/{accountId}/withdrawals",
      `/accounts/${client}/withdrawals`,
      as(manager),
      { withdrawalId: "wd-manager", programId: "zadarma-partner", currency: "EUR" },
    );
    expect(response.statusCode).toBe(403);
  });

  it("is refused (403) from the request after the client revokes it; revoking again changes nothing; both sides audited", async () => {
    const { client, manager } = await linked();
    expect((await readLedger(client, as(manager))).statusCode).toBe(200);
    const start = clock.now();
    clock.advance(60 * 1000);
    const revoked = await revokeByClient(client, manager).finally(() => clock.set(start));
    expect(revoked.statusCode).toBe(200);
    expect(jsonBody<{ link: ManagerLinkItem; changed: boolean }>(revoked)).toMatchObject({
      changed: true,
      link: { status: "revoked", revokedBy: "client", revokedAt: "2027-03-01T09:01:00.000Z" },
    });
    expect((await readLedger(client, as(manager))).statusCode).toBe(403);
    const again = await revokeByManager(manager, client);
    expect([again.statusCode, jsonBody<{ changed: boolean }>(again).changed]).toEqual([200, false]);
    expect(jsonBody<ManagerLinkPage>(await listClients(manager)).links.map((link) => link.status)).toEqual(["revoked"]);
    // The revocation a minute after the link is the last entry on both sides (entries of one millisecond are in id order).
    for (const accountId of [client, manager]) {
      const kinds = jsonBody<ManagementAuditPage>(await auditOf(accountId)).entries.map((entry) => entry.kind);
      expect(kinds.at(-1)).toBe("link_revoked");
      expect(kinds.filter((kind) => kind !== "consent_issued")).toEqual(["link_created", "link_revoked"]);
    }
  });

  it("is refused after it revokes the link itself; a new consent links it again", async () => {
    const { client, manager } = await linked();
    expect((await revokeByManager(manager, client)).statusCode).toBe(200);
    expect((await readLedger(client, as(manager))).statusCode).toBe(403);
    expect((await present(manager, (await consentToken(client)).consentToken)).statusCode).toBe(201);
    expect((await readLedger(client, as(manager))).statusCode).toBe(200);
  });

  it("revokes only its own links: another account 403, never-linked accounts 404, the operator may revoke", async () => {
    const { client, manager } = await linked();
    expect((await revokeByClient(client, manager, as(fresh("agency")))).statusCode).toBe(403);
    expect((await revokeByClient(client, manager, as(manager))).statusCode).toBe(403);
    expect((await revokeByClient(client, fresh("agency"))).statusCode).toBe(404);
    const byOperator = await revokeByManager(manager, client, operator);
    expect([byOperator.statusCode, jsonBody<{ link: ManagerLinkItem }>(byOperator).link.revokedBy]).toEqual([200, "operator"]);
  });
});

describe("end customers of an agency are never contacted", () => {
  const inviteFrom = (accountId: string, principal: TestPrincipal = as(accountId)) =>
    call(handlers.invite, "POST", "/accounts/{accountId}/invites", `/accounts/${accountId}/invites`, principal, {
      email: `friend-${++unique}@example.org`,
      programId: "t2-invite",
    });
  const outbound = async () =>
    (await setup.drain(setup.sqs.queueUrls.outbound)).map((message) => JSON.parse(message.Body!) as { type: string; accountId: string });

  it("sends no invite in a managed account's name, whoever asks: 409 managed_account_not_contacted, nothing queued", async () => {
    await outbound();
    const { client, manager } = await linked();
    for (const principal of [as(client), operator]) {
      const response = await inviteFrom(client, principal);
      expect([response.statusCode, codeOf(response)]).toEqual([409, "managed_account_not_contacted"]);
    }
    // The manager cannot send one for it either: the invite route is not a managed route.
    expect((await inviteFrom(client, as(manager))).statusCode).toBe(403);
    expect(await outbound()).toEqual([]);
  });

  it("sends again once no manager's link is active, and always for an account that manages others", async () => {
    await outbound();
    const { client, manager } = await linked();
    expect((await revokeByClient(client, manager)).statusCode).toBe(200);
    expect((await inviteFrom(client)).statusCode).toBe(201);
    expect((await inviteFrom(manager)).statusCode).toBe(201);
    expect((await outbound()).map((message) => [message.type, message.accountId])).toEqual([
      ["invite.requested", client],
      ["invite.requested", manager],
    ]);
  });
});
