/**
 * GET /accounts/{accountId}/ledger (newest first, pages, kind and period filters) and
 * GET /accounts/{accountId}/balance (every currency), for that account or the operator only.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createGetBalanceHandler } from "../../functions/http/get-balance.ts";
import { createGetLedgerHandler } from "../../functions/http/get-ledger.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { holderAccount, operatorAccount } from "../../shared/domain/ledger/accounts.ts";
import { makeTransfer } from "../../shared/domain/ledger/transfers.ts";
import type { BalancesResponse, LedgerEntry, LedgerPageResponse } from "../../shared/schemas/ledger-api.ts";
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
    const currency = index === 8 ? "CZK" : "EUR";
    const pending = holderAccount(account, "commission_pending", currency);
    const legs = {
      credit: {
        code: "credit_grant",
        debit: operatorAccount("credit_expense", currency),
        credit: holderAccount(account, "credit_granted", currency),
      },
      commission_accrued: { code: "commission_accrual", debit: operatorAccount("commission_expense", currency), credit: pending },
      clawback: { code: "commission_clawback", debit: pending, credit: operatorAccount("commission_expense", currency) },
    } as const;
    const transfer = makeTransfer({
      index: 0,
      ...legs[kind],
      amountMinor: kind === "clawback" ? 10 : 100 + index,
      programId: "zadarma-partner",
      sourceEventId: eventId,
      sourceEventType: "test",
      periodId: index % 2 === 0 ? "2026-03-1" : "2026-02-2",
      postedAt: setup.clock.now().toISOString(),
      memo: `entry ${index}`,
    });
    await store.commit({
      sourceEvent: { eventId, eventType: "test", payloadHash: "0".repeat(64), outcome: "test" },
      transfers: [transfer],
    });
    setup.clock.advance(60 * 60 * 1000);
  }
  await store.commit({
    sourceEvent: { eventId: "someone-else", eventType: "test", payloadHash: "0".repeat(64), outcome: "test" },
    transfers: [
      makeTransfer({
        index: 0,
        debit: operatorAccount("credit_expense", "EUR"),
        credit: holderAccount("someone-else", "credit_granted", "EUR"),
        amountMinor: 5,
        code: "credit_grant",
        programId: "ex2-credit",
        sourceEventId: "someone-else",
        sourceEventType: "test",
        periodId: "2026-03-1",
        postedAt: setup.clock.now().toISOString(),
        memo: "x",
      }),
    ],
  });
  // A commission, then its release by settlement: a transfer between two of the account's own ledger accounts.
  const moverPending = holderAccount("ledger-mover", "commission_pending", "EUR");
  const common = { programId: "zadarma-partner", sourceEventType: "test", periodId: "2026-03-1", memo: "mover" } as const;
  await store.commit({
    sourceEvent: { eventId: "mover-accrual", eventType: "test", payloadHash: "0".repeat(64), outcome: "test" },
    transfers: [
      makeTransfer({
        ...common,
        index: 0,
        debit: operatorAccount("commission_expense", "EUR"),
        credit: moverPending,
        amountMinor: 700,
        code: "commission_accrual",
        sourceEventId: "mover-accrual",
        postedAt: setup.clock.now().toISOString(),
      }),
    ],
  });
  setup.clock.advance(60_000);
  await store.commit({
    sourceEvent: { eventId: "mover-release", eventType: "test", payloadHash: "0".repeat(64), outcome: "test" },
    transfers: [
      makeTransfer({
        ...common,
        index: 0,
        debit: moverPending,
        credit: holderAccount("ledger-mover", "commission_available", "EUR"),
        amountMinor: 700,
        code: "settlement_release",
        sourceEventId: "mover-release",
        postedAt: setup.clock.now().toISOString(),
      }),
    ],
  });
});

function ledgerRequest(
  query: Record<string, string> = {},
  principal: TestPrincipal = { kind: "account", accountId: account },
  accountId: string = account,
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

  it("shows each transfer's signed effect on the account's ledger account, and where the money came from", async () => {
    const { entries } = await allPages({});
    expect(entries.find((entry) => entry.memo === "entry 2")).toMatchObject({
      transferId: expect.stringMatching(/^tr_[0-9a-f]{24}$/),
      accountId: account,
      kind: "clawback",
      code: "commission_clawback",
      ledgerAccountKind: "commission_pending",
      amountMinor: -10,
      currency: "EUR",
      counterparty: { holder: "operator", kind: "commission_expense", currency: "EUR" },
      periodId: "2026-03-1",
      sourceEventId: "ledger-api-event-2",
    });
    expect(entries.find((entry) => entry.memo === "entry 0")).toMatchObject({
      kind: "credit",
      code: "credit_grant",
      ledgerAccountKind: "credit_granted",
      amountMinor: 100,
      counterparty: { holder: "operator", kind: "credit_expense" },
    });
  });

  it("shows a transfer between two of the account's own ledger accounts as two entries that sum to zero", async () => {
    const page = jsonBody<LedgerPageResponse>(
      await invoke(getLedger, ledgerRequest({}, { kind: "account", accountId: "ledger-mover" }, "ledger-mover")),
    );
    expect(page.entries.map((entry) => [entry.code, entry.ledgerAccountKind, entry.amountMinor])).toEqual([
      ["settlement_release", "commission_pending", -700],
      ["settlement_release", "commission_available", 700],
      ["commission_accrual", "commission_pending", 700],
    ]);
  });

  it("filters by transfer code, alone or within a kind, and refuses a code outside the kind", async () => {
    const clawbacks = await allPages({ code: "commission_clawback" });
    expect(clawbacks.entries.map((entry) => entry.memo)).toEqual(["entry 5", "entry 2"]);
    expect((await allPages({ kind: "clawback", code: "commission_clawback" })).entries).toHaveLength(2);
    const refused = await invoke(getLedger, ledgerRequest({ kind: "credit", code: "commission_clawback" }));
    expect(refused.statusCode).toBe(400);
    expect(jsonBody<{ error: { issues: { path: string }[] } }>(refused).error.issues.map((issue) => issue.path)).toContain("query.code");
  });

  it("lists the operator's own accounts one currency at a time (test/integration/operator-ledger.test.ts has the rest)", async () => {
    const eur = jsonBody<LedgerPageResponse>(await invoke(getLedger, ledgerRequest({ currency: "EUR" }, { kind: "operator" }, "operator")));
    // The ledger-reader's eight EUR effects, someone-else's credit and ledger-mover's accrual; not the release (customer to customer).
    expect(eur.entries).toHaveLength(10);
    expect(eur.entries.every((entry) => entry.accountId === "operator" && entry.counterparty.holder !== "operator")).toBe(true);
    expect((await invoke(getLedger, ledgerRequest({}, { kind: "operator" }, "operator"))).statusCode).toBe(400);
    expect(
      (await invoke(getLedger, ledgerRequest({ currency: "EUR" }, { kind: "account", accountId: "operator" }, "operator"))).statusCode,
    ).toBe(403);
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
    const forged = Buffer.from(JSON.stringify({ pk: "ACCOUNT#someone-else", sk: "TRANSFER#9999" })).toString("base64url");
    for (const [query, field] of [
      [{ cursor: forged }, "query.cursor"],
      [{ cursor: "not-a-cursor" }, "query.cursor"],
      [{ cursor: periodPage.nextCursor! }, "query.cursor"],
      [{ limit: "0" }, "query.limit"],
      [{ limit: "101" }, "query.limit"],
      [{ kind: "bonus" }, "query.kind"],
      [{ code: "bonus" }, "query.code"],
      [{ periodId: "2026-13-1" }, "query.periodId"],
    ] as const) {
      const response = await invoke(getLedger, ledgerRequest(query));
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      expect(jsonBody<{ error: { issues: { path: string }[] } }>(response).error.issues.map((issue) => issue.path)).toContain(field);
    }
    expect(otherAccountPage.nextCursor).toBeDefined();
    expect((await invoke(getLedger, ledgerRequest({ cursor: otherAccountPage.nextCursor! }))).statusCode).toBe(400);
    // A cursor of a filtered listing goes on in that listing only: not unfiltered, not with another kind or currency.
    const creditPage = jsonBody<LedgerPageResponse>(await invoke(getLedger, ledgerRequest({ limit: "1", kind: "credit" })));
    expect(creditPage.nextCursor).toBeDefined();
    expect((await invoke(getLedger, ledgerRequest({ limit: "1", kind: "credit", cursor: creditPage.nextCursor! }))).statusCode).toBe(200);
    for (const query of [{}, { kind: "clawback" }, { kind: "credit", currency: "CZK" }] as Record<string, string>[])
      expect((await invoke(getLedger, ledgerRequest({ ...query, cursor: creditPage.nextCursor! }))).statusCode, JSON.stringify(query)).toBe(
        400,
      );
    const unfilteredPage = jsonBody<LedgerPageResponse>(await invoke(getLedger, ledgerRequest({ limit: "1" })));
    expect((await invoke(getLedger, ledgerRequest({ kind: "credit", cursor: unfilteredPage.nextCursor! }))).statusCode).toBe(400);
  });
});

describe("GET /accounts/{accountId}/balance", () => {
  function balanceRequest(
    principal: TestPrincipal = { kind: "account", accountId: account },
    accountId: string = account,
    query: Record<string, string> = {},
  ) {
    return httpEvent({ route: "/accounts/{accountId}/balance", path: `/accounts/${accountId}/balance`, query, principal });
  }

  it("returns every currency separately: each ledger account the sum of its transfers, and the dashboard figures", async () => {
    const body = jsonBody<BalancesResponse>(await invoke(getBalance, balanceRequest()));
    expect(
      body.balances.map((balance) => [
        balance.currency,
        balance.commissionPendingMinor,
        balance.commissionAvailableMinor,
        balance.payoutReservedMinor,
        balance.creditGrantedMinor,
        balance.depositMinor,
      ]),
    ).toEqual([
      ["CZK", 108, 0, 0, 0, 0],
      ["EUR", 101 + 103 + 106 - 10 - 10, 0, 0, 100 + 104 + 107, 0],
    ]);
    expect(body.balances[1]!.ledgerAccounts).toEqual([
      { kind: "commission_pending", balanceMinor: 290, debitsMinor: 20, creditsMinor: 310, transferCount: 5 },
      { kind: "credit_granted", balanceMinor: 311, debitsMinor: 0, creditsMinor: 311, transferCount: 3 },
    ]);
  });

  it("answers an account without transfers with no balances, and refuses other accounts", async () => {
    expect(jsonBody<BalancesResponse>(await invoke(getBalance, balanceRequest({ kind: "operator" }, "no-entries")))).toEqual({
      accountId: "no-entries",
      balances: [],
    });
    expect((await invoke(getBalance, balanceRequest({ kind: "account", accountId: "someone-else" }))).statusCode).toBe(403);
  });

  it("lets the operator read its own accounts, one currency at a time: the mirror of what the customers hold", async () => {
    const eur = jsonBody<BalancesResponse>(await invoke(getBalance, balanceRequest({ kind: "operator" }, "operator", { currency: "EUR" })));
    expect(eur.balances).toEqual([
      {
        currency: "EUR",
        ledgerAccounts: [
          // Commission: 290 pending with ledger-reader, 700 released to ledger-mover.
          { kind: "commission_expense", balanceMinor: 990, debitsMinor: 1_010, creditsMinor: 20, transferCount: 6 },
          { kind: "credit_expense", balanceMinor: 316, debitsMinor: 316, creditsMinor: 0, transferCount: 4 },
        ],
      },
    ]);
    expect(
      jsonBody<BalancesResponse>(await invoke(getBalance, balanceRequest({ kind: "operator" }, "operator", { currency: "USD" }))).balances,
    ).toEqual([]);
    const withoutCurrency = await invoke(getBalance, balanceRequest({ kind: "operator" }, "operator"));
    expect(withoutCurrency.statusCode).toBe(400);
    expect(
      (await invoke(getBalance, balanceRequest({ kind: "account", accountId: "operator" }, "operator", { currency: "EUR" }))).statusCode,
    ).toBe(403);
  });
});
