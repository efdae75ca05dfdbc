/**
 * GET /accounts/{accountId}/ledger (newest first, pages, kind and period filters) and
 * GET /accounts/{accountId}/balance (every currency), for that account or the operator only.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createGetBalanceHandler } from "../../functions/http/get-balance.ts";
import { createGetLedgerHandler } from "../../functions/http/get-ledger.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { entryIdOf, type LedgerEntry } from "../../shared/domain/ledger-entry.ts";
import type { BalancesResponse, LedgerPageResponse } from "../../shared/schemas/ledger-api.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { httpEvent, invoke, jsonBody, type TestPrincipal } from "../support/http-events.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";

let getLedger: ReturnType<typeof createGetLedgerHandler>;
let getBalance: ReturnType<typeof createGetBalanceHandler>;

const account = "ledger-reader";
const kinds = [
  "credit",
  "commission_accrued",
  "clawback",
  "commission_accrued",
  "credit",
  "clawback",
  "commission_accrued",
  "credit",
  "commission_accrued",
] as const;

const setup = useLedgerTestSetup("2026-03-01T08:00:00.000Z");

beforeAll(async () => {
  const store = createLedgerStore(setup.tableContext, setup.clock);
  // The handlers' reads run with the grants of get-ledger and get-balance; the seeding below does not.
  const granted = (name: string) => ({ ...setup.tableContext, documentClient: withGrantsOf([name], setup.tableContext.documentClient) });
  getLedger = createGetLedgerHandler(createLedgerStore(granted("get-ledger"), setup.clock));
  getBalance = createGetBalanceHandler(createLedgerStore(granted("get-balance"), setup.clock));
  // Nine effects an hour apart, alternating periods; one in CZK.
  for (const [index, kind] of kinds.entries()) {
    const eventId = `ledger-api-event-${index}`;
    const entry: LedgerEntry = {
      entryId: entryIdOf(eventId, 0),
      accountId: account,
      programId: "zadarma-partner",
      kind,
      status: kind === "credit" ? "paid" : "pending",
      amountMinor: kind === "clawback" ? -10 : 100 + index,
      currency: index === 8 ? "CZK" : "EUR",
      sourceEventId: eventId,
      sourceEventType: "test",
      periodId: index % 2 === 0 ? "2026-03-1" : "2026-02-2",
      postedAt: setup.clock.now().toISOString(),
      memo: `entry ${index}`,
    };
    await store.commit({
      sourceEvent: { eventId, eventType: "test", payloadHash: "0".repeat(64), outcome: "test" },
      entries: [entry],
      outbound: [],
      writes: [],
    });
    setup.clock.advance(60 * 60 * 1000);
  }
  await store.commit({
    sourceEvent: { eventId: "someone-else", eventType: "test", payloadHash: "0".repeat(64), outcome: "test" },
    entries: [
      {
        entryId: entryIdOf("someone-else", 0),
        accountId: "someone-else",
        programId: "ex2-credit",
        kind: "credit",
        status: "paid",
        amountMinor: 5,
        currency: "EUR",
        sourceEventId: "someone-else",
        sourceEventType: "test",
        periodId: "2026-03-1",
        postedAt: setup.clock.now().toISOString(),
        memo: "x",
      },
    ],
    outbound: [],
    writes: [],
  });
});

function ledgerRequest(
  query: Record<string, string> = {},
  principal: TestPrincipal = { kind: "account", accountId: account },
  accountId = account,
) {
  return httpEvent({ route: "/accounts/{accountId}/ledger", path: `/accounts/${accountId}/ledger`, query, principal });
}

async function allPages(query: Record<string, string>): Promise<{ entries: LedgerEntry[]; pages: number }> {
  const entries: LedgerEntry[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const response = await invoke(getLedger, ledgerRequest(cursor ? { ...query, cursor } : query));
    expect(response.statusCode).toBe(200);
    const page = jsonBody<LedgerPageResponse>(response);
    expect(page.entries.length).toBeLessThanOrEqual(Number(query.limit ?? 25));
    entries.push(...page.entries);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 20);
  return { entries, pages };
}

describe("GET /accounts/{accountId}/ledger", () => {
  it("lists the account's own entries newest first, page by page, each once", async () => {
    const { entries, pages } = await allPages({ limit: "4" });
    expect(pages).toBe(3);
    expect(entries.map((entry) => entry.memo)).toEqual(kinds.map((_, index) => `entry ${index}`).reverse());
  });

  it("fills a page up to the limit with a kind filter, and pages through the rest", async () => {
    const first = jsonBody<LedgerPageResponse>(await invoke(getLedger, ledgerRequest({ kind: "commission_accrued", limit: "3" })));
    expect(first.entries.map((entry) => entry.memo)).toEqual(["entry 8", "entry 6", "entry 3"]);
    const { entries } = await allPages({ kind: "commission_accrued", limit: "3" });
    expect(entries.map((entry) => entry.memo)).toEqual(["entry 8", "entry 6", "entry 3", "entry 1"]);
  });

  it("lists one half-month period, with or without a kind", async () => {
    expect((await allPages({ periodId: "2026-02-2" })).entries.map((entry) => entry.memo)).toEqual([
      "entry 7",
      "entry 5",
      "entry 3",
      "entry 1",
    ]);
    expect((await allPages({ periodId: "2026-03-1", kind: "credit", limit: "1" })).entries.map((entry) => entry.memo)).toEqual([
      "entry 4",
      "entry 0",
    ]);
  });

  it("lets the operator read any account's ledger, and no account another's", async () => {
    expect((await invoke(getLedger, ledgerRequest({}, { kind: "operator" }))).statusCode).toBe(200);
    expect((await invoke(getLedger, ledgerRequest({}, { kind: "account", accountId: "someone-else" }))).statusCode).toBe(403);
    expect((await invoke(getLedger, ledgerRequest({}, { kind: "anonymous" }))).statusCode).toBe(401);
  });

  it("rejects a cursor of another listing and malformed queries with 400 naming the field", async () => {
    const otherAccountPage = jsonBody<LedgerPageResponse>(
      await invoke(getLedger, ledgerRequest({ limit: "1" }, { kind: "operator" }, "someone-else")),
    );
    const periodPage = jsonBody<LedgerPageResponse>(await invoke(getLedger, ledgerRequest({ limit: "1", periodId: "2026-03-1" })));
    const forged = Buffer.from(JSON.stringify({ pk: "ACCOUNT#someone-else", sk: "ENTRY#9999" })).toString("base64url");
    for (const [query, field] of [
      [{ cursor: forged }, "query.cursor"],
      [{ cursor: "not-a-cursor" }, "query.cursor"],
      [{ cursor: periodPage.nextCursor! }, "query.cursor"],
      [{ limit: "0" }, "query.limit"],
      [{ limit: "101" }, "query.limit"],
      [{ kind: "bonus" }, "query.kind"],
      [{ periodId: "2026-13-1" }, "query.periodId"],
    ] as const) {
      const response = await invoke(getLedger, ledgerRequest(query));
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      expect(jsonBody<{ error: { issues: { path: string }[] } }>(response).error.issues.map((issue) => issue.path)).toContain(field);
    }
    expect(otherAccountPage.nextCursor).toBeDefined();
    expect((await invoke(getLedger, ledgerRequest({ cursor: otherAccountPage.nextCursor! }))).statusCode).toBe(400);
  });
});

describe("GET /accounts/{accountId}/balance", () => {
  function balanceRequest(principal: TestPrincipal = { kind: "account", accountId: account }, accountId = account) {
    return httpEvent({ route: "/accounts/{accountId}/balance", path: `/accounts/${accountId}/balance`, principal });
  }

  it("returns every currency separately, each bucket the sum of its entries", async () => {
    const body = jsonBody<BalancesResponse>(await invoke(getBalance, balanceRequest()));
    expect(body.balances.map((balance) => [balance.currency, balance.pendingMinor, balance.availableMinor, balance.paidMinor])).toEqual([
      ["CZK", 108, 0, 0],
      ["EUR", 101 + 103 + 106 - 10 - 10, 0, 100 + 104 + 107],
    ]);
  });

  it("answers an account without entries with no balances, and refuses other accounts", async () => {
    expect(jsonBody<BalancesResponse>(await invoke(getBalance, balanceRequest({ kind: "operator" }, "no-entries")))).toEqual({
      accountId: "no-entries",
      balances: [],
    });
    expect((await invoke(getBalance, balanceRequest({ kind: "account", accountId: "someone-else" }))).statusCode).toBe(403);
  });
});
