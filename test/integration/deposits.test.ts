/**
 * ACTIVE 24's prepaid deposit on DynamoDB Local, through the real handlers under their grants: the
 * operator enables it, `deposit.topped_up` credits it once per top-up id (whatever the event id), an
 * order is debited once per order id and refused when the deposit is short, 100 concurrent debits
 * against a balance that covers 37 end with exactly 37, and the monthly statement folds the movements.
 */
await vi.hoisted(() => import("../support/handler-environment.ts"));

import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createDepositsHandler } from "../../functions/http/deposits.ts";
import { createGetDepositHandler } from "../../functions/http/get-deposit.ts";
import { createDepositDependencies } from "../../functions/wiring/deposits.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { routes } from "../../shared/http-routes.ts";
import { limits } from "../../shared/limits.ts";
import type { DepositDebitResponse, DepositResponse, DepositStatementResponse } from "../../shared/schemas/deposit-api.ts";
import { depositToppedUp } from "../support/billing-event-builders.ts";
import { localDynamoDbClient } from "../support/dynamodb.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { httpEvent, invoke, type TestPrincipal } from "../support/http-events.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup("2026-03-16T09:00:00.000Z");
const operator: TestPrincipal = { kind: "operator" };

const dependenciesOf = (functionName: string) =>
  createDepositDependencies(
    { documentClient: withGrantsOf([functionName], setup.table.documentClient), tableName: setup.table.tableName },
    setup.clock,
  );
const handlerOf = (route: { readonly path: string; readonly method: string }) =>
  route.method === "GET" ? createGetDepositHandler(dependenciesOf("get-deposit")) : createDepositsHandler(dependenciesOf("deposits"));

const call = async (
  route: { readonly method: string; readonly path: string },
  path: string,
  input: { body?: unknown; query?: Record<string, string>; principal?: TestPrincipal } = {},
) => {
  const response = await invoke(
    handlerOf(route),
    httpEvent({
      method: route.method,
      route: route.path,
      path,
      principal: input.principal ?? operator,
      body: input.body,
      query: input.query,
    }),
  );
  return {
    statusCode: response.statusCode,
    body: JSON.parse(response.body ?? "null") as Record<string, unknown> & { error?: { code: string } },
  };
};
const enable = (accountId: string, body: unknown = { requestReference: `REQ-${accountId}`, currency: "EUR" }) =>
  call(routes.enableDeposit, `/accounts/${accountId}/deposit`, { body });
const debit = (accountId: string, body: unknown) => call(routes.debitDeposit, `/accounts/${accountId}/deposit-debits`, { body });
const deposit = async (accountId: string, principal: TestPrincipal = operator, query?: Record<string, string>) =>
  await call(routes.getDeposit, `/accounts/${accountId}/deposit`, { principal, query });
const topUp = async (
  accountId: string,
  amountMinor: number,
  extra: Partial<Parameters<typeof depositToppedUp>[0]> = {},
  eventId?: string,
) => {
  const event = depositToppedUp({ accountId, amountMinor, ...extra }, eventId);
  return { event, result: await setup.consume(sqsEventOf([event])) };
};

afterEach(async () => {
  expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
});

describe("enabling", () => {
  it("enables a deposit once on an authorized request; again in the same currency changes nothing; another currency is refused", async () => {
    const first = await enable("dep-partner-1");
    expect(first.statusCode).toBe(201);
    expect(first.body).toMatchObject({
      created: true,
      deposit: { accountId: "dep-partner-1", currency: "EUR", requestReference: "REQ-dep-partner-1" },
    });
    expect((await enable("dep-partner-1")).statusCode).toBe(200);
    const other = await enable("dep-partner-1", { requestReference: "REQ-2", currency: "CZK" });
    expect([other.statusCode, other.body.error?.code]).toEqual([409, "deposit_already_enabled"]);
    expect((await enable("operator")).statusCode).toBe(400);
    expect((await enable("dep-partner-1", { requestReference: "REQ", currency: "EUR", extra: 1 })).statusCode).toBe(400);
  });

  it("is the operator's only: an account may read its own deposit but not enable one or debit it", async () => {
    const self: TestPrincipal = { kind: "account", accountId: "dep-partner-1" };
    expect(
      (
        await call(routes.enableDeposit, "/accounts/dep-partner-1/deposit", {
          body: { requestReference: "R", currency: "EUR" },
          principal: self,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(routes.debitDeposit, "/accounts/dep-partner-1/deposit-debits", {
          body: { orderId: "o", amountMinor: 1, currency: "EUR" },
          principal: self,
        })
      ).statusCode,
    ).toBe(403);
    expect((await deposit("dep-partner-1", self)).statusCode).toBe(200);
    expect((await deposit("dep-partner-1", { kind: "account", accountId: "someone-else" })).statusCode).toBe(403);
  });
});

describe("top-ups", () => {
  it("credits a top-up once by its id, also when resent under another event id; another body under it is dead-lettered", async () => {
    await enable("dep-partner-2");
    const { event, result } = await topUp("dep-partner-2", 50_000, { topUpId: "top-dep-2-a" });
    expect(result.batchItemFailures).toEqual([]);
    await setup.consume(sqsEventOf([event])); // the same event again
    await topUp("dep-partner-2", 50_000, { topUpId: "top-dep-2-a", paidAt: event.data.paidAt }); // the same top-up, a new event id
    const read = (await deposit("dep-partner-2")).body as unknown as DepositResponse;
    expect(read.balanceMinor).toBe(50_000);
    expect(read.movements).toEqual([expect.objectContaining({ kind: "top_up", reference: "top-dep-2-a", amountMinor: 50_000 })]);

    await topUp("dep-partner-2", 60_000, { topUpId: "top-dep-2-a" });
    const dead = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
    expect(dead.map((message) => message.MessageAttributes?.reason?.StringValue)).toEqual(["payload_mismatch"]);
    expect(((await deposit("dep-partner-2")).body as unknown as DepositResponse).balanceMinor).toBe(50_000);
  });

  it("dead-letters a top-up of a deposit that is not enabled, or in another currency, writing nothing", async () => {
    await topUp("dep-nobody", 1_000);
    await enable("dep-partner-3");
    await topUp("dep-partner-3", 1_000, { currency: "CZK" });
    const dead = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
    expect(dead.map((message) => message.MessageAttributes?.reason?.StringValue)).toEqual(["deposit_not_enabled", "currency_mismatch"]);
    expect(((await deposit("dep-partner-3")).body as unknown as DepositResponse).balanceMinor).toBe(0);
  });
});

describe("debits", () => {
  beforeAll(async () => {
    await enable("dep-partner-4");
    await topUp("dep-partner-4", 10_000, { topUpId: "top-dep-4" });
  });

  it("debits an order at once, once per order id; refuses one the deposit cannot cover, writing nothing", async () => {
    const first = await debit("dep-partner-4", { orderId: "ord-4-1", amountMinor: 2_500, currency: "EUR", description: "12 domains" });
    expect(first.statusCode).toBe(201);
    expect(first.body as unknown as DepositDebitResponse).toMatchObject({ created: true, amountMinor: 2_500, balanceMinor: 7_500 });
    const again = await debit("dep-partner-4", { orderId: "ord-4-1", amountMinor: 2_500, currency: "EUR", description: "12 domains" });
    expect(again.statusCode).toBe(200);
    expect(again.body).toMatchObject({ created: false, transferId: (first.body as unknown as DepositDebitResponse).transferId });
    const changed = await debit("dep-partner-4", { orderId: "ord-4-1", amountMinor: 2_600, currency: "EUR" });
    expect([changed.statusCode, changed.body.error?.code]).toEqual([409, "payload_mismatch"]);

    const before = await setup.scanAll();
    const short = await debit("dep-partner-4", { orderId: "ord-4-2", amountMinor: 7_501, currency: "EUR" });
    expect([short.statusCode, short.body.error?.code]).toEqual([409, "insufficient_balance"]);
    expect(await setup.scanAll()).toEqual(before);
    expect((await debit("dep-partner-4", { orderId: "ord-4-3", amountMinor: 7_500, currency: "EUR" })).body).toMatchObject({
      balanceMinor: 0,
    });
    const currency = await debit("dep-partner-4", { orderId: "ord-4-4", amountMinor: 1, currency: "CZK" });
    expect([currency.statusCode, currency.body.error?.code]).toEqual([409, "currency_mismatch"]);
    const none = await debit("dep-nobody-2", { orderId: "ord-x", amountMinor: 1, currency: "EUR" });
    expect([none.statusCode, none.body.error?.code]).toEqual([409, "deposit_not_enabled"]);
    for (const body of [
      { orderId: "o", amountMinor: 0, currency: "EUR" },
      { orderId: "o", amountMinor: 1.5, currency: "EUR" },
      { orderId: "", amountMinor: 1, currency: "EUR" },
      {},
    ])
      expect((await debit("dep-partner-4", body)).statusCode).toBe(400);
    const movements = ((await deposit("dep-partner-4")).body as unknown as DepositResponse).movements;
    expect(movements.map((movement) => [movement.kind, movement.reference, movement.amountMinor])).toEqual([
      ["order", "ord-4-3", -7_500],
      ["order", "ord-4-1", -2_500],
      ["top_up", "top-dep-4", 10_000],
    ]);
  });

  it("lets exactly 37 of 100 concurrent debits through against a balance that covers 37, and never goes below zero", async () => {
    await enable("dep-partner-5");
    await topUp("dep-partner-5", 3_700, { topUpId: "top-dep-5" });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, index) => debit("dep-partner-5", { orderId: `ord-5-${index}`, amountMinor: 100, currency: "EUR" })),
    );
    const statuses = results.map((result) => (result.statusCode === 409 ? result.body.error?.code : result.statusCode));
    expect(statuses.filter((status) => status === 201)).toHaveLength(37);
    expect(statuses.filter((status) => status === "insufficient_balance")).toHaveLength(63);
    const read = (await deposit("dep-partner-5", operator, { limit: "100" })).body as unknown as DepositResponse;
    expect(read.balanceMinor).toBe(0);
    expect(read.movements.filter((movement) => movement.kind === "order")).toHaveLength(37);
  });
});

describe("debits racing on the deposit item (TransactionConflict, played by aws-sdk-client-mock: DynamoDB Local queues transactions instead)", () => {
  const mocks: ReturnType<typeof mockClient>[] = [];
  afterEach(() => {
    for (const mock of mocks.splice(0)) mock.restore();
  });

  function handlerWithTransactions(transact: (send: () => Promise<unknown>) => Promise<unknown>) {
    const client = createDocumentClient(localDynamoDbClient(setup.table.endpoint));
    const mock = mockClient(client);
    mocks.push(mock);
    mock
      .on(GetCommand)
      .callsFake((input: ConstructorParameters<typeof GetCommand>[0]) => setup.table.documentClient.send(new GetCommand(input)));
    mock
      .on(TransactWriteCommand)
      .callsFake((input: ConstructorParameters<typeof TransactWriteCommand>[0]) =>
        transact(() => setup.table.documentClient.send(new TransactWriteCommand(input))),
      );
    return createDepositsHandler(createDepositDependencies({ documentClient: client, tableName: setup.table.tableName }, setup.clock));
  }
  const held = () =>
    Object.assign(new Error("Transaction cancelled (played by aws-sdk-client-mock)"), {
      name: "TransactionCanceledException",
      CancellationReasons: [{ Code: "None" }, { Code: "None" }, { Code: "TransactionConflict" }, { Code: "None" }],
      $metadata: { httpStatusCode: 400 },
    });
  const debitWith = (handlerOf: ReturnType<typeof handlerWithTransactions>, orderId: string) =>
    invoke(
      handlerOf,
      httpEvent({
        method: "POST",
        route: routes.debitDeposit.path,
        path: "/accounts/dep-partner-7/deposit-debits",
        principal: operator,
        body: { orderId, amountMinor: 100, currency: "EUR" },
      }),
    );

  beforeAll(async () => {
    await enable("dep-partner-7");
    await topUp("dep-partner-7", 1_000, { topUpId: "top-dep-7" });
  });

  it("decides a debit again when another transaction held the deposit, and debits once", async () => {
    let transactions = 0;
    const response = await debitWith(
      handlerWithTransactions(async (send) => {
        transactions += 1;
        if (transactions <= 3) throw held();
        return await send();
      }),
      "ord-7-1",
    );
    expect(response.statusCode).toBe(201);
    expect(transactions).toBe(4);
    expect(((await deposit("dep-partner-7")).body as unknown as DepositResponse).balanceMinor).toBe(900);
  });

  it("answers 503 with Retry-After after limits.depositDebitRetriesMax lost races, writing nothing", async () => {
    let transactions = 0;
    const response = await debitWith(
      handlerWithTransactions(async () => {
        transactions += 1;
        throw held();
      }),
      "ord-7-2",
    );
    expect([response.statusCode, response.headers?.["retry-after"]]).toEqual([503, "1"]);
    expect(transactions).toBe(limits.depositDebitRetriesMax + 1);
    const read = (await deposit("dep-partner-7")).body as unknown as DepositResponse;
    expect([read.balanceMinor, read.movements.some((movement) => movement.reference === "ord-7-2")]).toEqual([900, false]);
  });
});

describe("the monthly statement", () => {
  it("states a month: opening balance, its movements oldest first, totals, closing balance", async () => {
    await enable("dep-partner-6");
    await topUp("dep-partner-6", 20_000, { topUpId: "top-6-feb", paidAt: "2026-02-20T10:00:00.000Z" });
    await topUp("dep-partner-6", 5_000, { topUpId: "top-6-mar", paidAt: "2026-03-02T10:00:00.000Z" });
    expect((await debit("dep-partner-6", { orderId: "ord-6-1", amountMinor: 4_000, currency: "EUR" })).statusCode).toBe(201); // 16 March
    const statement = await call(routes.getDepositStatement, "/accounts/dep-partner-6/deposit/statements/2026-03", {
      principal: { kind: "account", accountId: "dep-partner-6" },
    });
    expect(statement.statusCode).toBe(200);
    const march = statement.body as unknown as DepositStatementResponse;
    expect(march).toMatchObject({
      month: "2026-03",
      timeZone: "Europe/Prague",
      openingBalanceMinor: 20_000,
      toppedUpMinor: 5_000,
      debitedMinor: 4_000,
      closingBalanceMinor: 21_000,
    });
    expect(march.from).toBe("2026-02-28T23:00:00.000Z"); // 1 March 00:00 in Prague
    expect(march.movements.map((movement) => movement.reference)).toEqual(["top-6-mar", "ord-6-1"]);
    const february = (await call(routes.getDepositStatement, "/accounts/dep-partner-6/deposit/statements/2026-02"))
      .body as unknown as DepositStatementResponse;
    expect(february).toMatchObject({ openingBalanceMinor: 0, toppedUpMinor: 20_000, debitedMinor: 0, closingBalanceMinor: 20_000 });
    expect((await call(routes.getDepositStatement, "/accounts/dep-partner-6/deposit/statements/2026-13")).statusCode).toBe(400);
    // Years before 1970 (0099 would be read as 1999): refused, not a statement of the wrong century.
    expect((await call(routes.getDepositStatement, "/accounts/dep-partner-6/deposit/statements/0099-12")).statusCode).toBe(400);
    const none = await call(routes.getDepositStatement, "/accounts/dep-nobody/deposit/statements/2026-03");
    expect([none.statusCode, none.body.error?.code]).toEqual([409, "deposit_not_enabled"]);
  });
});
