/**
 * GET /accounts/operator/ledger?currency=: the transfers touching the operator's ledger accounts,
 * newest first, merged from the 16 shards of the operator's index (gsi3, AP35), with the account
 * ledger's filters, cursor rules and authorization (the operator only).
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createGetBalanceHandler } from "../../functions/http/get-balance.ts";
import { createGetLedgerHandler } from "../../functions/http/get-ledger.ts";
import { createLedgerStore, operatorAccountShardOf } from "../../shared/data/ledger-store.ts";
import { holderAccount, operatorAccount } from "../../shared/domain/ledger/accounts.ts";
import { makeTransfer } from "../../shared/domain/ledger/transfers.ts";
import type { BalancesResponse, LedgerEntry, LedgerPageResponse } from "../../shared/schemas/ledger-api.ts";
import type { Transfer, TransferCode } from "../../shared/schemas/transfer-items.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { httpEvent, invoke, jsonBody, type TestPrincipal } from "../support/http-events.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";

const setup = useLedgerTestSetup("2026-03-01T08:00:00.000Z");

let getLedger: ReturnType<typeof createGetLedgerHandler>;
let getBalance: ReturnType<typeof createGetBalanceHandler>;
/** Every transfer committed, in commit order. */
const committed: Transfer[] = [];

const effectsPerCurrency = { EUR: 36, CZK: 5 } as const;

beforeAll(async () => {
  const store = createLedgerStore(setup.tableContext, setup.clock);
  const granted = (name: string) => ({ ...setup.tableContext, documentClient: withGrantsOf([name], setup.tableContext.documentClient) });
  getLedger = createGetLedgerHandler(createLedgerStore(granted("get-ledger"), setup.clock));
  getBalance = createGetBalanceHandler(createLedgerStore(granted("get-balance"), setup.clock));

  const plan = (Object.entries(effectsPerCurrency) as [keyof typeof effectsPerCurrency, number][]).flatMap(([currency, count]) =>
    Array.from({ length: count }, (_, index) => ({ currency, index })),
  );
  for (const { currency, index } of plan) {
    const eventId = `operator-ledger-${currency}-${index}`;
    // Four effects per customer (accrual and credit, accrual, clawback, release): the clawback and release find the money there.
    const customer = `op-customer-${Math.floor(index / 4) % 5}`;
    const pending = holderAccount(customer, "commission_pending", currency);
    const legs: Record<number, { code: TransferCode; debit: Transfer["debit"]; credit: Transfer["credit"]; amountMinor: number }[]> = {
      // A commission and, in the same effect (the same posting time), a credit: the transfer id orders them.
      0: [
        { code: "commission_accrual", debit: operatorAccount("commission_expense", currency), credit: pending, amountMinor: 200 + index },
        {
          code: "credit_grant",
          debit: operatorAccount("credit_expense", currency),
          credit: holderAccount(customer, "credit_granted", currency),
          amountMinor: 50 + index,
        },
      ],
      1: [
        { code: "commission_accrual", debit: operatorAccount("commission_expense", currency), credit: pending, amountMinor: 300 + index },
      ],
      2: [{ code: "commission_clawback", debit: pending, credit: operatorAccount("commission_expense", currency), amountMinor: 7 }],
      // Between two of the customer's own accounts: not the operator's, never in its ledger.
      3: [
        {
          code: "settlement_release",
          debit: pending,
          credit: holderAccount(customer, "commission_available", currency),
          amountMinor: 100,
        },
      ],
    };
    const transfers = legs[index % 4]!.map((leg, legIndex) =>
      makeTransfer({
        index: legIndex,
        ...leg,
        programId: "zadarma-partner",
        sourceEventId: eventId,
        sourceEventType: "test",
        periodId: index % 3 === 0 ? "2026-02-2" : "2026-03-1",
        postedAt: setup.clock.now().toISOString(),
        memo: `${eventId}#${legIndex}`,
      }),
    );
    await store.commit({
      sourceEvent: { eventId, eventType: "test", payloadHash: "0".repeat(64), outcome: "test" },
      transfers,
    });
    committed.push(...transfers);
    // Several effects share a posting time: the merge orders them by transfer id across shards.
    if (index % 3 !== 1) setup.clock.advance(60_000);
  }
});

const touchesOperator = (transfer: Transfer) => transfer.debit.holder === "operator" || transfer.credit.holder === "operator";

/** The operator's transfers in a currency as the listing must show them: newest first, then by transfer id. */
function expectedTransfers(currency: string, keep: (transfer: Transfer) => boolean = () => true): string[] {
  return committed
    .filter((transfer) => transfer.currency === currency && touchesOperator(transfer) && keep(transfer))
    .sort((a, b) => {
      const left = `${a.postedAt}#${a.transferId}`;
      const right = `${b.postedAt}#${b.transferId}`;
      return left < right ? 1 : left > right ? -1 : 0;
    })
    .map((transfer) => transfer.transferId);
}

function ledgerRequest(query: Record<string, string>, principal: TestPrincipal = { kind: "operator" }, accountId = "operator") {
  return httpEvent({ route: "/accounts/{accountId}/ledger", path: `/accounts/${accountId}/ledger`, query, principal });
}

async function allPages(query: Record<string, string>): Promise<{ entries: LedgerEntry[]; pageSizes: number[] }> {
  const entries: LedgerEntry[] = [];
  const pageSizes: number[] = [];
  let cursor: string | undefined;
  do {
    const response = await invoke(getLedger, ledgerRequest(cursor ? { ...query, cursor } : query));
    expect(response.statusCode, response.body).toBe(200);
    const page = jsonBody<LedgerPageResponse>(response);
    expect(page.accountId).toBe("operator");
    expect(page.entries.length).toBeLessThanOrEqual(Number(query.limit ?? 25));
    entries.push(...page.entries);
    pageSizes.push(page.entries.length);
    cursor = page.nextCursor;
  } while (cursor && pageSizes.length < 200);
  expect(cursor).toBeUndefined();
  return { entries, pageSizes };
}

function errorPaths(response: { body?: string }): string[] {
  return jsonBody<{ error: { issues: { path: string }[] } }>(response as never).error.issues.map((issue) => issue.path);
}

describe("GET /accounts/operator/ledger", () => {
  it("lists the operator's transfers newest first across its index shards, each once, then by transfer id at one posting time", async () => {
    const expected = expectedTransfers("EUR");
    const shards = new Set(
      committed.filter((transfer) => expected.includes(transfer.transferId)).map((t) => operatorAccountShardOf(t.transferId)),
    );
    expect(shards.size).toBeGreaterThanOrEqual(8); // the listing really merges many partitions
    const { entries, pageSizes } = await allPages({ currency: "EUR" });
    expect(entries.map((entry) => entry.transferId)).toEqual(expected);
    expect(pageSizes).toEqual([25, expected.length - 25]);
  });

  it("pages with the cursor, full pages of the limit, down to one transfer a page", async () => {
    const expected = expectedTransfers("EUR");
    for (const limit of [7, 1]) {
      const { entries, pageSizes } = await allPages({ currency: "EUR", limit: String(limit) });
      expect(
        entries.map((entry) => entry.transferId),
        `limit ${limit}`,
      ).toEqual(expected);
      // Full pages; the last may be short, or followed by one empty page when a shard could not tell it had no more.
      const pages = pageSizes.at(-1) === 0 ? pageSizes.slice(0, -1) : pageSizes;
      expect(
        pages.slice(0, -1).every((size) => size === limit),
        `limit ${limit}: ${pageSizes}`,
      ).toBe(true);
      expect(pages).toHaveLength(Math.ceil(expected.length / limit));
    }
  });

  it("shows each transfer's signed effect on the operator's account, and the customer's account on the other side", async () => {
    const { entries } = await allPages({ currency: "EUR" });
    const accrual = committed.find((transfer) => transfer.memo === "operator-ledger-EUR-1#0")!;
    const clawback = committed.find((transfer) => transfer.memo === "operator-ledger-EUR-2#0")!;
    expect(entries.find((entry) => entry.transferId === accrual.transferId)).toMatchObject({
      accountId: "operator",
      ledgerAccountKind: "commission_expense",
      kind: "commission_accrued",
      code: "commission_accrual",
      amountMinor: 301,
      currency: "EUR",
      counterparty: { holder: "op-customer-0", kind: "commission_pending", currency: "EUR" },
      sourceEventId: "operator-ledger-EUR-1",
    });
    expect(entries.find((entry) => entry.transferId === clawback.transferId)).toMatchObject({
      ledgerAccountKind: "commission_expense",
      code: "commission_clawback",
      amountMinor: -7,
      counterparty: { holder: "op-customer-0", kind: "commission_pending" },
    });
    expect(entries.some((entry) => entry.code === "settlement_release")).toBe(false);
  });

  it("agrees with the operator's balances: each account's entries sum to its balance, summed over its shards", async () => {
    const { entries } = await allPages({ currency: "EUR", limit: "100" });
    const balances = jsonBody<BalancesResponse>(
      await invoke(
        getBalance,
        httpEvent({
          route: "/accounts/{accountId}/balance",
          path: "/accounts/operator/balance",
          query: { currency: "EUR" },
          principal: { kind: "operator" },
        }),
      ),
    );
    const accounts = balances.balances[0]!.ledgerAccounts;
    expect(accounts.map((account) => account.kind)).toEqual(["commission_expense", "credit_expense"]);
    for (const account of accounts) {
      const listed = entries.filter((entry) => entry.ledgerAccountKind === account.kind);
      expect(
        listed.reduce((sum, entry) => sum + entry.amountMinor, 0),
        account.kind,
      ).toBe(account.balanceMinor);
      expect(listed, account.kind).toHaveLength(account.transferCount);
    }
  });

  it("writes one index entry per transfer with an operator side, and none for the others", async () => {
    const scan = await setup.tableContext.documentClient.send(
      new ScanCommand({ TableName: setup.tableContext.tableName, FilterExpression: "attribute_exists(gsi3pk)", ConsistentRead: true }),
    );
    const indexed = (scan.Items ?? []).map((item) => String(item.transferId)).sort();
    expect(indexed).toEqual(
      committed
        .filter(touchesOperator)
        .map((transfer) => transfer.transferId)
        .sort(),
    );
    for (const item of scan.Items ?? [])
      expect(item.gsi3pk).toBe(`OPERATOR_LEDGER#${String(item.currency)}#${operatorAccountShardOf(String(item.transferId))}`);
  });

  it("filters by kind, code and period, page by page, with a page possibly short of the limit", async () => {
    const cases: [Record<string, string>, (transfer: Transfer) => boolean][] = [
      [{ kind: "clawback" }, (transfer) => transfer.code === "commission_clawback"],
      [{ code: "credit_grant" }, (transfer) => transfer.code === "credit_grant"],
      [{ kind: "commission_accrued", periodId: "2026-02-2" }, (t) => t.code === "commission_accrual" && t.periodId === "2026-02-2"],
      [{ periodId: "2026-03-1" }, (transfer) => transfer.periodId === "2026-03-1"],
    ];
    for (const [filter, keep] of cases) {
      const expected = expectedTransfers("EUR", keep);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(2);
      const { entries } = await allPages({ currency: "EUR", limit: "2", ...filter });
      expect(
        entries.map((entry) => entry.transferId),
        JSON.stringify(filter),
      ).toEqual(expected);
    }
    const refused = await invoke(getLedger, ledgerRequest({ currency: "EUR", kind: "credit", code: "commission_clawback" }));
    expect(refused.statusCode).toBe(400);
    expect(errorPaths(refused)).toContain("query.code");
  });

  it("lists one currency at a time: another currency is another listing, and the currency is required", async () => {
    const { entries } = await allPages({ currency: "CZK", limit: "3" });
    expect(entries.map((entry) => entry.transferId)).toEqual(expectedTransfers("CZK"));
    expect(entries.every((entry) => entry.currency === "CZK")).toBe(true);
    expect((await allPages({ currency: "USD" })).entries).toEqual([]);
    const withoutCurrency = await invoke(getLedger, ledgerRequest({}));
    expect(withoutCurrency.statusCode).toBe(400);
    expect(errorPaths(withoutCurrency)).toContain("query.currency");
  });

  it("is the operator's only: an account's token gets 403 and no token 401", async () => {
    expect((await invoke(getLedger, ledgerRequest({ currency: "EUR" }, { kind: "account", accountId: "op-customer-1" }))).statusCode).toBe(
      403,
    );
    expect((await invoke(getLedger, ledgerRequest({ currency: "EUR" }, { kind: "account", accountId: "operator" }))).statusCode).toBe(403);
    expect((await invoke(getLedger, ledgerRequest({ currency: "EUR" }, { kind: "anonymous" }))).statusCode).toBe(401);
  });

  it("refuses a cursor of another listing with 400 on query.cursor", async () => {
    const eurPage = jsonBody<LedgerPageResponse>(await invoke(getLedger, ledgerRequest({ currency: "EUR", limit: "1" })));
    const accountPage = jsonBody<LedgerPageResponse>(
      await invoke(getLedger, ledgerRequest({ limit: "1" }, { kind: "operator" }, "op-customer-1")),
    );
    expect(eurPage.nextCursor).toBeDefined();
    expect(accountPage.nextCursor).toBeDefined();
    const forged = Buffer.from(JSON.stringify({ listing: "OPERATOR_LEDGER#EUR", before: "LEDGER_ACCOUNT#x" })).toString("base64url");
    for (const [request, what] of [
      [ledgerRequest({ currency: "CZK", cursor: eurPage.nextCursor! }), "another currency's"],
      [ledgerRequest({ currency: "EUR", cursor: accountPage.nextCursor! }), "an account's"],
      [ledgerRequest({ cursor: eurPage.nextCursor! }, { kind: "operator" }, "op-customer-1"), "the operator's, on an account"],
      [ledgerRequest({ currency: "EUR", cursor: forged }), "a forged one"],
      [ledgerRequest({ currency: "EUR", cursor: "not-a-cursor" }), "garbage"],
    ] as const) {
      const response = await invoke(getLedger, request);
      expect(response.statusCode, what).toBe(400);
      expect(errorPaths(response), what).toContain("query.cursor");
    }
  });
});

describe("GET /accounts/{accountId}/ledger?currency= for a customer account", () => {
  it("lists only the entries in that currency", async () => {
    const page = jsonBody<LedgerPageResponse>(
      await invoke(getLedger, ledgerRequest({ currency: "CZK" }, { kind: "account", accountId: "op-customer-1" }, "op-customer-1")),
    );
    const expected = committed.filter(
      (transfer) => transfer.currency === "CZK" && [transfer.debit.holder, transfer.credit.holder].includes("op-customer-1"),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(page.entries.map((entry) => entry.transferId))).toEqual(new Set(expected.map((transfer) => transfer.transferId)));
    expect(page.entries.every((entry) => entry.currency === "CZK")).toBe(true);
  });
});
