/**
 * The double-entry store on DynamoDB Local: a group of transfers commits with its source event or
 * not at all; duplicates change nothing and another payload under the same id is a named conflict;
 * balance rules hold in the transfer's own transaction, also under racing reservations; operator
 * accounts are spread over shards and still sum to the zero-sum invariant after every scenario.
 */
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { keys } from "../../shared/data/keys.ts";
import {
  createLedgerStore,
  InsufficientBalanceError,
  type LedgerEffect,
  type LedgerStore,
  operatorAccountShardOf,
  SourceEventConflictError,
} from "../../shared/data/ledger-store.ts";
import { WriteConflictError } from "../../shared/data/write-conflicts.ts";
import { fixedClock } from "../../shared/domain/clock.ts";
import { holderAccount, operatorAccount } from "../../shared/domain/ledger/accounts.ts";
import { post, reserve, voidReservation } from "../../shared/domain/ledger/reservations.ts";
import { CrossCurrencyTransferError, makeTransfer, type TransferCode } from "../../shared/domain/ledger/transfers.ts";
import { ValidationError } from "../../shared/errors.ts";
import { limits } from "../../shared/limits.ts";
import type { LedgerAccount } from "../../shared/schemas/transfer-items.ts";
import { decideUntilCommitted } from "../../shared/use-cases/conflict-retries.ts";
import { createTestTable, scanTable, type TestTable } from "../support/dynamodb.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";

const clock = fixedClock("2026-03-14T10:00:00.000Z");
const hash = (seed: string) => seed.repeat(64).slice(0, 64);
let table: TestTable;
let store: LedgerStore;

beforeAll(async () => {
  table = await createTestTable("transfers");
  store = createLedgerStore({ documentClient: table.documentClient, tableName: table.tableName }, clock);
});

afterEach(async () => {
  expect(ledgerInvariantViolations(await scanAll())).toEqual([]);
});

const scanAll = () => scanTable(table);

function effect(
  eventId: string,
  legs: readonly { debit: LedgerAccount; credit: LedgerAccount; amountMinor: number; code: TransferCode }[],
  payloadHash = hash("a"),
  at: { readonly postedAt?: string; readonly periodId?: string } = {},
): LedgerEffect {
  return {
    sourceEvent: { eventId, eventType: "test.effect", payloadHash, outcome: "posted" },
    transfers: legs.map((leg, index) =>
      makeTransfer({
        ...leg,
        index,
        sourceEventId: eventId,
        sourceEventType: "test.effect",
        postedAt: at.postedAt ?? clock.now().toISOString(),
        memo: `leg ${index}`,
        periodId: at.periodId ?? "2026-03-1",
      }),
    ),
  };
}

const expense = operatorAccount("commission_expense", "EUR");

describe("committing a group of transfers", () => {
  it("posts both sides of every transfer with the source event, listed under the customer account", async () => {
    const pending = holderAccount("p-group", "commission_pending", "EUR");
    const credit = holderAccount("p-group", "credit_granted", "EUR");
    const result = await store.commit(
      effect("evt-group", [
        { debit: expense, credit: pending, amountMinor: 1_000, code: "commission_accrual" },
        { debit: operatorAccount("credit_expense", "EUR"), credit, amountMinor: 250, code: "credit_grant" },
      ]),
    );
    expect(result).toEqual({ status: "committed" });
    expect((await store.listLedgerAccounts("p-group")).map((account) => [account.account.kind, account.balanceMinor])).toEqual([
      ["commission_pending", 1_000],
      ["credit_granted", 250],
    ]);
    expect(await store.readLedgerAccount(expense)).toMatchObject({ debitsMinor: 1_000, creditsMinor: 0, balanceMinor: 1_000 });
    expect((await store.readSourceEvent("evt-group"))?.transferIds).toHaveLength(2);
  });

  it("changes nothing on a duplicate, and names the conflict of another payload under the same id", async () => {
    const pending = holderAccount("p-dup", "commission_pending", "EUR");
    const first = effect("evt-dup", [{ debit: expense, credit: pending, amountMinor: 700, code: "commission_accrual" }]);
    await store.commit(first);
    const again = await store.commit(first);
    expect(again.status).toBe("duplicate");
    const other = effect("evt-dup", [{ debit: expense, credit: pending, amountMinor: 701, code: "commission_accrual" }], hash("b"));
    await expect(store.commit(other)).rejects.toBeInstanceOf(SourceEventConflictError);
    expect(await store.readLedgerAccount(pending)).toMatchObject({ balanceMinor: 700, transferCount: 1 });
  });

  it("refuses a transfer across currencies before writing anything", async () => {
    expect(() =>
      effect("evt-fx", [
        { debit: expense, credit: holderAccount("p-fx", "commission_pending", "CZK"), amountMinor: 1, code: "commission_accrual" },
      ]),
    ).toThrow(CrossCurrencyTransferError);
    expect(await store.readSourceEvent("evt-fx")).toBeUndefined();
  });
});

describe("balance rules in the transfer's transaction", () => {
  it("never lets a deposit go below zero, and then writes nothing of the effect", async () => {
    const deposit = holderAccount("r-deposit", "deposit", "EUR");
    const funding = operatorAccount("deposit_funding", "EUR");
    await store.commit(effect("dep-top-up", [{ debit: funding, credit: deposit, amountMinor: 5_000, code: "deposit_top_up" }]));
    const tooMuch = effect("dep-order", [
      { debit: expense, credit: holderAccount("r-deposit", "commission_pending", "EUR"), amountMinor: 10, code: "commission_accrual" },
      { debit: deposit, credit: funding, amountMinor: 5_001, code: "deposit_debit" },
    ]);
    const refused = await store.commit(tooMuch).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InsufficientBalanceError);
    expect((refused as InsufficientBalanceError).account).toEqual(deposit);
    expect(await store.readSourceEvent("dep-order")).toBeUndefined();
    expect(await store.readLedgerAccount(holderAccount("r-deposit", "commission_pending", "EUR"))).toMatchObject({ transferCount: 0 });
    await store.commit(effect("dep-order-2", [{ debit: deposit, credit: funding, amountMinor: 5_000, code: "deposit_debit" }]));
    expect(await store.readLedgerAccount(deposit)).toMatchObject({ balanceMinor: 0 });
  });

  it("lets a clawback take commission_available below zero, but refuses a withdrawal of more than is there", async () => {
    const available = holderAccount("p-negative", "commission_available", "EUR");
    await store.commit(effect("neg-clawback", [{ debit: available, credit: expense, amountMinor: 300, code: "commission_clawback" }]));
    expect(await store.readLedgerAccount(available)).toMatchObject({ balanceMinor: -300 });
    const withdrawal = reserve({
      sourceEventId: "neg-withdrawal",
      sourceEventType: "withdrawal.requested",
      index: 0,
      postedAt: clock.now(),
      memo: "withdrawal",
      code: "withdrawal_reserve",
      from: available,
      held: holderAccount("p-negative", "payout_reserved", "EUR"),
      amountMinor: 1,
    });
    await expect(
      store.commit({
        sourceEvent: { eventId: "neg-withdrawal", eventType: "withdrawal.requested", payloadHash: hash("c"), outcome: "reserved" },
        transfers: [withdrawal.transfer],
        reservations: [{ type: "open", reservation: withdrawal.reservation }],
      }),
    ).rejects.toBeInstanceOf(InsufficientBalanceError);
    // Later commissions recover it.
    await store.commit(effect("neg-recover", [{ debit: expense, credit: available, amountMinor: 500, code: "adjustment" }]));
    expect(await store.readLedgerAccount(available)).toMatchObject({ balanceMinor: 200 });
  });
});

describe("two-phase transfers", () => {
  const available = holderAccount("p-withdraw", "commission_available", "EUR");
  const held = holderAccount("p-withdraw", "payout_reserved", "EUR");
  const clearing = operatorAccount("payout_clearing", "EUR");
  const context = (sourceEventId: string) => ({
    sourceEventId,
    sourceEventType: "withdrawal",
    index: 0,
    postedAt: clock.now(),
    memo: sourceEventId,
  });

  async function reserveOf(eventId: string, amountMinor: number) {
    const reserved = reserve({ ...context(eventId), code: "withdrawal_reserve", from: available, held, amountMinor });
    await store.commit({
      sourceEvent: { eventId, eventType: "withdrawal", payloadHash: hash("d"), outcome: "reserved" },
      transfers: [reserved.transfer],
      reservations: [{ type: "open", reservation: reserved.reservation }],
    });
    return reserved;
  }

  it("reserves, posts once, and refuses a void after the post", async () => {
    await store.commit(effect("wd-fund", [{ debit: expense, credit: available, amountMinor: 10_000, code: "adjustment" }]));
    const reserved = await reserveOf("wd-1", 4_000);
    expect(await store.readLedgerAccount(available)).toMatchObject({ balanceMinor: 6_000 });
    const stored = await store.readReservation("p-withdraw", reserved.transfer.transferId);
    expect(stored).toMatchObject({ status: "reserved", amountMinor: 4_000 });
    const posted = post(stored!, clearing, { ...context("wd-1-paid"), code: "withdrawal_post" });
    if (posted.status !== "resolved") throw new Error("expected a post");
    const postEffect: LedgerEffect = {
      sourceEvent: { eventId: "wd-1-paid", eventType: "withdrawal.paid", payloadHash: hash("e"), outcome: "posted" },
      transfers: [posted.transfer],
      reservations: [{ type: "resolve", reservation: posted.reservation }],
    };
    await store.commit(postEffect);
    expect((await store.commit(postEffect)).status).toBe("duplicate");
    // A void decided from the stale (reserved) state loses on the reservation's condition.
    const staleVoid = voidReservation(stored!, { ...context("wd-1-failed"), code: "withdrawal_void" });
    if (staleVoid.status !== "resolved") throw new Error("expected a void");
    const lost = await store
      .commit({
        sourceEvent: { eventId: "wd-1-failed", eventType: "withdrawal.failed", payloadHash: hash("f"), outcome: "voided" },
        transfers: [staleVoid.transfer],
        reservations: [{ type: "resolve", reservation: staleVoid.reservation }],
      })
      .catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(WriteConflictError);
    expect((lost as WriteConflictError).labels).toEqual([`reservation:${reserved.transfer.transferId}`]);
    // Decided again from a fresh read: already resolved, nothing to do.
    const fresh = await store.readReservation("p-withdraw", reserved.transfer.transferId);
    expect(voidReservation(fresh!, { ...context("wd-1-failed"), code: "withdrawal_void" }).status).toBe("already_resolved");
    expect(await store.readLedgerAccount(held)).toMatchObject({ balanceMinor: 0 });
    expect(await store.readLedgerAccount(clearing)).toMatchObject({ creditsMinor: 4_000 });
  });

  it("voids exactly the reserved amount back to available", async () => {
    const before = (await store.readLedgerAccount(available)).balanceMinor;
    const reserved = await reserveOf("wd-2", 1_234);
    const voided = voidReservation(reserved.reservation, { ...context("wd-2-failed"), code: "withdrawal_void" });
    if (voided.status !== "resolved") throw new Error("expected a void");
    await store.commit({
      sourceEvent: { eventId: "wd-2-failed", eventType: "withdrawal.failed", payloadHash: hash("1"), outcome: "voided" },
      transfers: [voided.transfer],
      reservations: [{ type: "resolve", reservation: voided.reservation }],
    });
    expect((await store.readLedgerAccount(available)).balanceMinor).toBe(before);
    expect(await store.readReservation("p-withdraw", reserved.transfer.transferId)).toMatchObject({ status: "voided" });
  });

  it("never reserves more than is available when reservations race", async () => {
    const racer = holderAccount("p-race", "commission_available", "EUR");
    await store.commit(effect("race-fund", [{ debit: expense, credit: racer, amountMinor: 1_000, code: "adjustment" }]));
    const attempts = Array.from({ length: 10 }, (_, index) => {
      const reserved = reserve({
        ...context(`race-${index}`),
        code: "withdrawal_reserve",
        from: racer,
        held: holderAccount("p-race", "payout_reserved", "EUR"),
        amountMinor: 300,
      });
      // As a use case does: a lost race (another transaction held the account) is decided again.
      return decideUntilCommitted(`race-${index}`, () =>
        store.commit({
          sourceEvent: { eventId: `race-${index}`, eventType: "withdrawal", payloadHash: hash("2"), outcome: "reserved" },
          transfers: [reserved.transfer],
          reservations: [{ type: "open", reservation: reserved.reservation }],
        }),
      ).then(
        () => "reserved",
        (error: unknown) => (error instanceof InsufficientBalanceError ? "refused" : `failed: ${String(error)}`),
      );
    });
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((outcome) => outcome === "reserved")).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome === "refused")).toHaveLength(7);
    expect(await store.readLedgerAccount(racer)).toMatchObject({ balanceMinor: 100 });
  });
});

describe("operator accounts", () => {
  it("spread over shards in parallel, and read back as their sum", async () => {
    const operatorBefore = await store.readLedgerAccount(operatorAccount("credit_expense", "EUR"));
    const grants = Array.from({ length: 40 }, (_, index) =>
      effect(`shard-${index}`, [
        {
          debit: operatorAccount("credit_expense", "EUR"),
          credit: holderAccount(`p-shard-${index}`, "credit_granted", "EUR"),
          amountMinor: 100 + index,
          code: "credit_grant",
        },
      ]),
    );
    await Promise.all(grants.map((grant) => decideUntilCommitted(grant.sourceEvent.eventId, () => store.commit(grant))));
    const shards = new Set(grants.map((grant) => operatorAccountShardOf(grant.transfers[0]!.transferId)));
    expect(shards.size).toBeGreaterThan(limits.operatorAccountShards / 2);
    const sum = grants.reduce((total, grant) => total + grant.transfers[0]!.amountMinor, 0);
    expect(await store.readLedgerAccount(operatorAccount("credit_expense", "EUR"))).toMatchObject({
      debitsMinor: operatorBefore.debitsMinor + sum,
      transferCount: operatorBefore.transferCount + 40,
    });
  });
});

describe("listing an account's transfers", () => {
  const referrer = "list-referrer";
  const pending = holderAccount(referrer, "commission_pending", "EUR");
  const available = holderAccount(referrer, "commission_available", "EUR");

  beforeAll(async () => {
    // Five accruals at increasing posting times, one release and one clawback; a transfer of another account.
    for (let index = 0; index < 5; index += 1)
      await store.commit(
        effect(
          `list-accrual-${index}`,
          [{ debit: expense, credit: pending, amountMinor: 100 + index, code: "commission_accrual" }],
          hash("c"),
          {
            postedAt: `2026-03-1${index}T08:00:00.000Z`,
            periodId: index < 3 ? "2026-03-1" : "2026-03-2",
          },
        ),
      );
    await store.commit(
      effect("list-release", [{ debit: pending, credit: available, amountMinor: 50, code: "settlement_release" }], hash("c"), {
        postedAt: "2026-03-16T08:00:00.000Z",
        periodId: "2026-03-2",
      }),
    );
    await store.commit(
      effect("list-other", [
        { debit: expense, credit: holderAccount("list-other", "commission_pending", "EUR"), amountMinor: 7, code: "commission_accrual" },
      ]),
    );
  });

  it("lists newest first in pages that follow the cursor to the end, and nothing of another account", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listTransfers({ accountId: referrer, limit: 2, cursor });
      expect(page.transfers.length).toBeLessThanOrEqual(2);
      seen.push(...page.transfers.map((transfer) => transfer.sourceEventId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["list-release", "list-accrual-4", "list-accrual-3", "list-accrual-2", "list-accrual-1", "list-accrual-0"]);
  });

  it("filters by code (filling pages across the filter) and by period", async () => {
    const releases = await store.listTransfers({ accountId: referrer, codes: ["settlement_release"], limit: 5 });
    expect(releases.transfers.map((transfer) => transfer.sourceEventId)).toEqual(["list-release"]);
    const accruals = await store.listTransfers({ accountId: referrer, codes: ["commission_accrual"], limit: 5 });
    expect(accruals.transfers).toHaveLength(5);
    const either = await store.listTransfers({ accountId: referrer, codes: ["settlement_release", "commission_accrual"], limit: 10 });
    expect(either.transfers).toHaveLength(6);
    const firstHalf = await store.listTransfers({ accountId: referrer, periodId: "2026-03-1", limit: 10 });
    expect(firstHalf.transfers.map((transfer) => transfer.sourceEventId)).toEqual(["list-accrual-2", "list-accrual-1", "list-accrual-0"]);
  });

  it("refuses a cursor of another account or another listing", async () => {
    const page = await store.listTransfers({ accountId: referrer, limit: 1 });
    await expect(store.listTransfers({ accountId: "list-other", limit: 1, cursor: page.nextCursor })).rejects.toThrow(ValidationError);
    await expect(store.listTransfers({ accountId: referrer, periodId: "2026-03-1", limit: 1, cursor: page.nextCursor })).rejects.toThrow(
      ValidationError,
    );
  });
});

describe("the invariant checker", () => {
  it("reports an account that no longer equals its transfers and a currency that no longer sums to zero", async () => {
    const pending = holderAccount("p-corrupt", "commission_pending", "EUR");
    await store.commit(effect("corrupt", [{ debit: expense, credit: pending, amountMinor: 100, code: "commission_accrual" }]));
    // An injected bug: a credit posted to one side only.
    await table.documentClient.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.ledgerAccount("p-corrupt", "commission_pending", "EUR"),
        UpdateExpression: "ADD creditsMinor :one, balanceMinor :one",
        ExpressionAttributeValues: { ":one": 1 },
      }),
    );
    const problems = ledgerInvariantViolations(await scanAll());
    expect(problems).toEqual([
      expect.stringContaining("ledger account p-corrupt/commission_pending/EUR holds debits 0 credits 101"),
      "EUR: credits − debits over all ledger accounts is 1, not 0",
    ]);
    // Repair it, so the after-each check of this file sees a clean table again.
    await table.documentClient.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.ledgerAccount("p-corrupt", "commission_pending", "EUR"),
        UpdateExpression: "ADD creditsMinor :minusOne, balanceMinor :minusOne",
        ExpressionAttributeValues: { ":minusOne": -1 },
      }),
    );
  });

  it("reports a deposit below zero, as a store without the balance rule's condition would leave it", async () => {
    const deposit = holderAccount("p-overdrawn", "deposit", "EUR");
    const funding = operatorAccount("deposit_funding", "EUR");
    await store.commit(effect("overdrawn-top-up", [{ debit: funding, credit: deposit, amountMinor: 100, code: "deposit_top_up" }]));
    // The injected bug: a deposit debit of 150 written without the `balanceMinor >= :required` condition.
    const [debit] = effect("overdrawn-order", [{ debit: deposit, credit: funding, amountMinor: 150, code: "deposit_debit" }]).transfers;
    const copy = {
      ...keys.transfer("p-overdrawn", debit!.postedAt, debit!.transferId),
      entityType: "Transfer",
      listedUnder: "p-overdrawn",
    };
    const shard = operatorAccountShardOf(debit!.transferId);
    await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: { ...copy, ...debit, operatorShard: shard } }));
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...keys.sourceEvent("overdrawn-order"),
          entityType: "SourceEvent",
          eventId: "overdrawn-order",
          eventType: "test",
          payloadHash: hash("0"),
          outcome: "test",
          transferIds: [debit!.transferId],
          outbound: [],
          processedAt: clock.now().toISOString(),
        },
      }),
    );
    for (const [key, account, debits, credits, balance] of [
      [keys.ledgerAccount("p-overdrawn", "deposit", "EUR"), deposit, 150, 0, -150],
      [keys.operatorLedgerAccountShard("deposit_funding", "EUR", shard), funding, 0, 150, -150],
    ] as const)
      await table.documentClient.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: key,
          UpdateExpression:
            "SET entityType = :type, #holder = :holder, #kind = :kind, currency = :currency, updatedAt = :now" +
            `${account === funding ? ", #shard = :shard" : ""} ADD debitsMinor :debits, creditsMinor :credits, balanceMinor :balance, transferCount :one`,
          ExpressionAttributeNames: { "#holder": "holder", "#kind": "kind", ...(account === funding ? { "#shard": "shard" } : {}) },
          ExpressionAttributeValues: {
            ":type": "LedgerAccount",
            ":holder": account.holder,
            ":kind": account.kind,
            ":currency": "EUR",
            ":now": clock.now().toISOString(),
            ...(account === funding ? { ":shard": shard } : {}),
            ":debits": debits,
            ":credits": credits,
            ":balance": balance,
            ":one": 1,
          },
        }),
      );
    expect(ledgerInvariantViolations(await scanAll())).toEqual(["ledger account p-overdrawn/deposit/EUR is below zero (-50)"]);
    // Repair it: the top-up covers the debit, so the after-each check sees a clean table again.
    await store.commit(effect("overdrawn-repair", [{ debit: funding, credit: deposit, amountMinor: 50, code: "deposit_top_up" }]));
  });
});
