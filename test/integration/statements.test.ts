/**
 * Statements (GET /accounts/{id}/statements) on DynamoDB Local, each read with the get-statement
 * function's grants: a Zadarma partner's history told as it happens (commissions, a clawback while
 * pending, the real settlement run at a tier rate, refunds after settlement, withdrawals requested,
 * paid and failed through their routes), then the statement is checked against the ledger: every
 * row's figures, the movements summed per ledger account against the account's transfers, the first
 * opening at zero and the last closing at GET balance. Also the CSV form, the bounds of a range, and
 * the cost: the same requests and read units whatever the number of accrual transfers.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { countRequests, emptyCounts, type RequestCounts } from "../../bench/lib/request-counter.ts";
import { createGetStatementHandler } from "../../functions/http/get-statement.ts";
import { createStatementDependencies } from "../../functions/wiring/statement.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { statementCsvHeader } from "../../shared/domain/statement-csv.ts";
import { routes } from "../../shared/http-routes.ts";
import type { StatementResponse } from "../../shared/schemas/statement-api.ts";
import { chargeback, rechargeCompleted } from "../support/billing-event-builders.ts";
import { localDynamoDbClient } from "../support/dynamodb.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { httpEvent, invoke, jsonBody, type TestPrincipal } from "../support/http-events.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { drainSettlement, fireSettlement } from "../support/settlement-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";
import { withdrawalRoutes } from "../support/withdrawal-setup.ts";

const setup = useLedgerTestSetup("2026-03-01T08:00:00.000Z");
const program = "zadarma-partner";
const partner = "stm-partner";

function statementHandler(documentClient = setup.table.documentClient) {
  return createGetStatementHandler(
    createStatementDependencies(
      { documentClient: withGrantsOf(["get-statement"], documentClient), tableName: setup.table.tableName },
      setup.clock,
    ),
  );
}

async function getStatement(
  accountId: string,
  query: Record<string, string>,
  options: { principal?: TestPrincipal; accept?: string; handler?: ReturnType<typeof statementHandler> } = {},
) {
  return await invoke(
    options.handler ?? statementHandler(),
    httpEvent({
      method: routes.getStatement.method,
      route: routes.getStatement.path,
      path: `/accounts/${accountId}/statements`,
      query,
      principal: options.principal ?? { kind: "account", accountId },
      ...(options.accept === undefined ? {} : { headers: { accept: options.accept } }),
    }),
  );
}

async function at(instant: string, work: () => Promise<unknown>) {
  setup.clock.set(new Date(instant));
  await work();
}

async function consume(event: Parameters<typeof sqsEventOf>[0][number]) {
  expect((await setup.consume(sqsEventOf([event]))).batchItemFailures).toEqual([]);
}

const referees = Array.from({ length: 26 }, (_, index) => `${partner}-client-${index}`);
/** The recharge ids of the first half of March, by referee. */
const marchRecharges = new Map<string, string>();
const secondHalfRecharges: string[] = [];

beforeAll(async () => {
  for (const refereeAccountId of referees) await setup.seedReferral({ refereeAccountId, referrerAccountId: partner, programId: program });
  const api = withdrawalRoutes(setup);
  expect((await api.recordContract(partner, program, { documentReference: "RC-STM-1", signedOn: "2026-03-01" })).statusCode).toBe(201);

  // 1-14 March: 26 recharges of 100.00 (10 %: 26 × 10.00), one charged back by 40.00 while pending.
  await at("2026-03-10T10:00:00.000Z", async () => {
    for (const accountId of referees) {
      const event = rechargeCompleted({ accountId, amountMinor: 10_000, completedAt: "2026-03-05T09:00:00.000Z" });
      marchRecharges.set(accountId, event.data.rechargeId);
      await consume(event);
    }
  });
  await at("2026-03-12T10:00:00.000Z", () =>
    consume(chargeback({ accountId: referees[0]!, rechargeId: marchRecharges.get(referees[0]!)!, amountMinor: 4_000 })),
  );
  // 00:00 on 15 March in Prague: 26 active customers reach the 25 tier, 12 % of 2,560.00 = 307.20 (top-up 51.20).
  await at("2026-03-14T23:05:00.000Z", async () => {
    await fireSettlement(setup, "2026-03-14T23:00:00.000Z");
    expect(await drainSettlement(setup)).toMatchObject({ failed: 0 });
  });
  // 15-31 March: 15 recharges of 100.00; a March recharge charged back in full after settlement
  // (10.00 and 2.00 of top-up from available, booked to 1-14 March); the available 295.20 withdrawn and paid.
  await at("2026-03-16T10:00:00.000Z", async () => {
    for (const accountId of referees.slice(1, 16)) {
      const event = rechargeCompleted({ accountId, amountMinor: 10_000, completedAt: "2026-03-16T09:00:00.000Z" });
      secondHalfRecharges.push(event.data.rechargeId);
      await consume(event);
    }
    await consume(chargeback({ accountId: referees[2]!, rechargeId: marchRecharges.get(referees[2]!)!, amountMinor: 10_000 }));
  });
  await at("2026-03-20T10:00:00.000Z", async () =>
    expect((await api.request(partner, { withdrawalId: "wd-stm-1", programId: program, currency: "EUR" })).statusCode).toBe(201),
  );
  await at("2026-03-21T10:00:00.000Z", async () => expect((await api.pay("wd-stm-1", "SEPA-STM-1")).statusCode).toBe(200));
  // 00:00 on 1 April in Prague (summer time): 15 customers, the rule's 10 %, no top-up.
  await at("2026-03-31T22:05:00.000Z", async () => {
    await fireSettlement(setup, "2026-03-31T22:00:00.000Z");
    expect(await drainSettlement(setup)).toMatchObject({ failed: 0 });
  });
  // 1-14 April: the released 150.00 withdrawn and the payout failed (it comes back); a recharge left
  // pending; a recharge of 16-31 March charged back by 50.00 after its settlement (5.00 from available).
  await at("2026-04-02T10:00:00.000Z", async () =>
    expect((await api.request(partner, { withdrawalId: "wd-stm-2", programId: program, currency: "EUR" })).statusCode).toBe(201),
  );
  await at("2026-04-03T10:00:00.000Z", async () => expect((await api.fail("wd-stm-2", "IBAN rejected")).statusCode).toBe(200));
  await at("2026-04-05T10:00:00.000Z", async () => {
    await consume(rechargeCompleted({ accountId: referees[3]!, amountMinor: 10_000, completedAt: "2026-04-05T09:00:00.000Z" }));
    await consume(chargeback({ accountId: referees[1]!, rechargeId: secondHalfRecharges[0]!, amountMinor: 5_000 }));
  });
  setup.clock.set(new Date("2026-04-10T10:00:00.000Z"));
  await setup.drain(setup.sqs.queueUrls.outbound);
  expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
});

const zero = { commissionPendingMinor: 0, commissionAvailableMinor: 0, payoutReservedMinor: 0 };

describe("a statement reconciles with the ledger", () => {
  let statement: StatementResponse;

  beforeAll(async () => {
    const response = await getStatement(partner, { from: "2026-02-20", to: "2026-04-10", currency: "EUR" });
    expect(response.statusCode).toBe(200);
    statement = jsonBody<StatementResponse>(response);
  });

  it("lists every half month of the range in the operator's time zone, the empty one too", () => {
    expect(statement).toMatchObject({
      accountId: partner,
      currency: "EUR",
      from: "2026-02-20",
      to: "2026-04-10",
      timeZone: "Europe/Prague",
    });
    expect(statement.periods.map((period) => [period.periodId, period.firstDay, period.lastDay])).toEqual([
      ["2026-02-2", "2026-02-15", "2026-02-28"],
      ["2026-03-1", "2026-03-01", "2026-03-14"],
      ["2026-03-2", "2026-03-15", "2026-03-31"],
      ["2026-04-1", "2026-04-01", "2026-04-14"],
    ]);
    expect(statement.periods[0]).toMatchObject({
      accruedMinor: 0,
      movements: zero,
      openingBalances: zero,
      closingBalances: zero,
      programs: [],
    });
  });

  it("shows a tier settlement with its reason, the clawback while pending netted, and the refund after settlement in its payment's period", () => {
    expect(statement.periods[1]).toMatchObject({
      accruedMinor: 25_600, // 26 × 10.00 less 4.00 clawed back while pending
      releasedMinor: 25_600,
      topUpMinor: 5_120, // 12 % of 2,560.00 = 307.20, less the 256.00 accrued
      clawedBackAfterSettlementMinor: 1_000,
      topUpReversedMinor: 200, // 5,120 × 100.00 / 2,560.00
      withdrawalReservedMinor: 0,
      movements: { commissionPendingMinor: 0, commissionAvailableMinor: 29_520, payoutReservedMinor: 0 },
      openingBalances: zero,
      closingBalances: { commissionPendingMinor: 0, commissionAvailableMinor: 29_520, payoutReservedMinor: 0 },
      programs: [
        {
          programId: program,
          settlement: "settled",
          accruedMinor: 25_600,
          baseMinor: 256_000,
          accrualRateBps: 1_000,
          activeCustomers: 26,
          rateBps: 1_200,
          rateReason: { kind: "tier", minActiveCustomers: 25 },
          rateExplanation: "12 %: 26 active referred customers, at least 25 for this tier",
          settledBaseMinor: 256_000,
          topUpMinor: 5_120,
        },
      ],
    });
  });

  it("shows the withdrawal paid in its period, the failed one returned, the open period pending", () => {
    expect(statement.periods[2]).toMatchObject({
      accruedMinor: 15_000,
      releasedMinor: 15_000,
      topUpMinor: 0,
      clawedBackAfterSettlementMinor: 500,
      topUpReversedMinor: 0,
      withdrawalReservedMinor: 29_520,
      withdrawalPaidMinor: 29_520,
      withdrawalReturnedMinor: 0,
      movements: { commissionPendingMinor: 0, commissionAvailableMinor: 15_000 - 500 - 29_520, payoutReservedMinor: 0 },
      closingBalances: { commissionPendingMinor: 0, commissionAvailableMinor: 14_500, payoutReservedMinor: 0 },
      programs: [{ settlement: "settled", rateBps: 1_000, rateReason: { kind: "rule_rate" }, activeCustomers: 15, topUpMinor: 0 }],
    });
    expect(statement.periods[3]).toMatchObject({
      accruedMinor: 1_000,
      releasedMinor: 0,
      withdrawalReservedMinor: 15_000,
      withdrawalPaidMinor: 0,
      withdrawalReturnedMinor: 15_000,
      movements: { commissionPendingMinor: 1_000, commissionAvailableMinor: 0, payoutReservedMinor: 0 },
      programs: [{ settlement: "open", accruedMinor: 1_000, activeCustomers: 1 }],
    });
  });

  it("sums per ledger account to the account's transfers, opens at zero, and closes at GET balance", async () => {
    const entries = (await setup.entriesOf(partner)).filter((entry) => entry.currency === "EUR");
    const ledger = { ...zero };
    for (const entry of entries) {
      if (entry.ledgerAccountKind === "commission_pending") ledger.commissionPendingMinor += entry.amountMinor;
      if (entry.ledgerAccountKind === "commission_available") ledger.commissionAvailableMinor += entry.amountMinor;
      if (entry.ledgerAccountKind === "payout_reserved") ledger.payoutReservedMinor += entry.amountMinor;
    }
    const summed = { ...zero };
    for (const period of statement.periods)
      for (const field of Object.keys(summed) as (keyof typeof summed)[]) summed[field] += period.movements[field];
    expect(summed).toEqual(ledger);
    // And code by code: what accrued less what pending clawbacks took, what settlement released and added, what was withdrawn.
    const sumOf = (predicate: (entry: (typeof entries)[number]) => boolean) =>
      entries.filter(predicate).reduce((sum, entry) => sum + entry.amountMinor, 0);
    const rows = (field: "accruedMinor" | "releasedMinor" | "withdrawalPaidMinor") =>
      statement.periods.reduce((sum, period) => sum + period[field], 0);
    expect(rows("accruedMinor")).toBe(
      sumOf(
        (entry) =>
          entry.ledgerAccountKind === "commission_pending" && (entry.code === "commission_accrual" || entry.code === "commission_clawback"),
      ),
    );
    expect(rows("releasedMinor")).toBe(
      sumOf((entry) => entry.code === "settlement_release" && entry.ledgerAccountKind === "commission_available"),
    );
    expect(rows("withdrawalPaidMinor")).toBe(-sumOf((entry) => entry.code === "withdrawal_post"));

    expect(statement.periods[0]!.openingBalances).toEqual(zero);
    for (const [index, period] of statement.periods.entries()) {
      if (index > 0) expect(period.openingBalances).toEqual(statement.periods[index - 1]!.closingBalances);
      expect(period.closingBalances.commissionAvailableMinor).toBe(
        period.openingBalances.commissionAvailableMinor + period.movements.commissionAvailableMinor,
      );
    }
    const balance = await setup.balanceOf(partner, "EUR");
    expect(statement.periods.at(-1)!.closingBalances).toEqual({
      commissionPendingMinor: balance!.commissionPendingMinor,
      commissionAvailableMinor: balance!.commissionAvailableMinor,
      payoutReservedMinor: balance!.payoutReservedMinor,
    });
    expect(balance).toMatchObject({ commissionPendingMinor: 1_000, commissionAvailableMinor: 14_500, payoutReservedMinor: 0 });
  });

  it("opens a later range with what was booked before it, and ends an earlier one with what it closed at", async () => {
    const later = jsonBody<StatementResponse>(await getStatement(partner, { from: "2026-03-15", to: "2026-04-14" }));
    expect(later.currency).toBe("EUR"); // the one currency the partner holds commission in
    expect(later.periods.map((period) => period.periodId)).toEqual(["2026-03-2", "2026-04-1"]);
    expect(later.periods[0]!.openingBalances).toEqual(statement.periods[1]!.closingBalances);
    expect(later.periods).toEqual(statement.periods.slice(2));
    const earlier = jsonBody<StatementResponse>(
      await getStatement(partner, { from: "2026-03-01", to: "2026-03-14", programId: program }, { principal: { kind: "operator" } }),
    );
    expect(earlier.periods).toEqual([statement.periods[1]]);
  });

  it("answers the same as CSV with Accept: text/csv: a header and one line per period, RFC 4180", async () => {
    const response = await getStatement(partner, { from: "2026-02-20", to: "2026-04-10", currency: "EUR" }, { accept: "text/csv" });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ "content-type": "text/csv; charset=utf-8; header=present", vary: "accept" });
    expect(response.headers?.["content-disposition"]).toBe('attachment; filename="statement-stm-partner-EUR-2026-02-20-2026-04-10.csv"');
    const body = response.body as string;
    expect(body.endsWith("\r\n")).toBe(true);
    const lines = body.slice(0, -2).split("\r\n");
    expect(lines).toHaveLength(1 + 4);
    expect(lines[0]).toBe(statementCsvHeader.join(","));
    const march = parseCsvLine(lines[2]!);
    const field = (name: string) => march[statementCsvHeader.indexOf(name)];
    expect(march).toHaveLength(statementCsvHeader.length);
    expect([field("period_id"), field("programs"), field("settlement"), field("rate_bps"), field("active_customers")]).toEqual([
      "2026-03-1",
      program,
      "settled",
      "1200",
      "26",
    ]);
    // The reason holds a comma: quoted.
    expect(lines[2]).toContain('"12 %: 26 active referred customers, at least 25 for this tier"');
    expect([
      field("top_up_minor"),
      field("top_up"),
      field("closing_commission_available_minor"),
      field("closing_commission_available"),
    ]).toEqual(["5120", "51.20", "29520", "295.20"]);
    const secondHalf = parseCsvLine(lines[3]!);
    expect(secondHalf[statementCsvHeader.indexOf("clawed_back_after_settlement")]).toBe("5.00");
    // A JSON preference, or none, keeps JSON.
    for (const accept of ["application/json", "text/csv;q=0.5, application/json", "*/*", "text/html"])
      expect(
        (await getStatement(partner, { from: "2026-03-01", to: "2026-03-14" }, { accept })).headers?.["content-type"],
        accept,
      ).toContain("application/json");
    expect(
      (await getStatement(partner, { from: "2026-03-01", to: "2026-03-14" }, { accept: "application/json;q=0.1, text/*" })).headers?.[
        "content-type"
      ],
    ).toContain("text/csv");
  });
});

describe("what a statement refuses", () => {
  it.each([
    [{ from: "2026-03-01" }, "query.to"],
    [{ from: "2026-02-30", to: "2026-03-01" }, "query.from"],
    [{ from: "2026-03-15", to: "2026-03-14" }, "query.to"],
    [{ from: "2026-01-01", to: "2027-01-01" }, "query.to"], // 25 half months
    [{ from: "1969-12-31", to: "1970-01-10" }, "query.from"],
    [{ from: "2026-03-01", to: "2026-03-14", currency: "eur" }, "query.currency"],
  ])("%o: 400 naming %s, never a 500", async (query, path) => {
    const response = await getStatement(partner, query as Record<string, string>);
    expect(response.statusCode).toBe(400);
    expect(jsonBody<{ error: { issues: { path: string }[] } }>(response).error.issues.map((issue) => issue.path)).toContain(path);
  });

  it("takes a year of 24 half months, not 25", async () => {
    const year = await getStatement(partner, { from: "2026-01-01", to: "2026-12-31" });
    expect(year.statusCode).toBe(200);
    expect(jsonBody<StatementResponse>(year).periods).toHaveLength(24);
  });

  it("asks for the currency when the account holds commission in none; 404 for a program without commission; 400 for the operator's accounts", async () => {
    const none = await getStatement("stm-nobody", { from: "2026-03-01", to: "2026-03-14" });
    expect([none.statusCode, jsonBody<{ error: { issues: { path: string }[] } }>(none).error.issues[0]!.path]).toEqual([
      400,
      "query.currency",
    ]);
    const empty = await getStatement("stm-nobody", { from: "2026-03-01", to: "2026-03-14", currency: "EUR" });
    expect(jsonBody<StatementResponse>(empty).periods).toMatchObject([{ movements: zero, closingBalances: zero }]);
    expect((await getStatement(partner, { from: "2026-03-01", to: "2026-03-14", programId: "ex2-credit" })).statusCode).toBe(404);
    expect((await getStatement(partner, { from: "2026-03-01", to: "2026-03-14", programId: "no-such-program" })).statusCode).toBe(404);
    expect((await getStatement("operator", { from: "2026-03-01", to: "2026-03-14" }, { principal: { kind: "operator" } })).statusCode).toBe(
      400,
    );
  });

  it("is the account's own or the operator's", async () => {
    const query = { from: "2026-03-01", to: "2026-03-14" };
    expect((await getStatement(partner, query, { principal: { kind: "account", accountId: "stm-other" } })).statusCode).toBe(403);
    expect((await getStatement(partner, query, { principal: { kind: "anonymous" } })).statusCode).toBe(401);
    expect((await getStatement(partner, query, { principal: { kind: "operator" } })).statusCode).toBe(200);
  });
});

describe("what a statement reads", () => {
  /** The requests of one statement on a warm container (the configuration cached, as on a busy function). */
  async function measure(accountId: string, query: Record<string, string>): Promise<RequestCounts> {
    const client = localDynamoDbClient();
    const counts = countRequests(client);
    const handler = statementHandler(createDocumentClient(client));
    await getStatement(accountId, query, { handler });
    Object.assign(counts, emptyCounts());
    expect((await getStatement(accountId, query, { handler })).statusCode).toBe(200);
    return { ...counts, byCommand: { ...counts.byCommand } };
  }

  it("costs the same requests and read units for 1 and for 60 accrual transfers in a period", async () => {
    for (const [accountId, recharges] of [
      ["stm-small", 1],
      ["stm-large", 60],
    ] as const) {
      const clients = Array.from({ length: recharges }, (_, index) => `${accountId}-client-${index}`);
      for (const refereeAccountId of clients)
        await setup.seedReferral({ refereeAccountId, referrerAccountId: accountId, programId: program });
      await at("2026-05-06T10:00:00.000Z", async () => {
        for (const client of clients)
          await consume(rechargeCompleted({ accountId: client, amountMinor: 10_000, completedAt: "2026-05-05T09:00:00.000Z" }));
      });
    }
    await at("2026-05-14T22:05:00.000Z", async () => {
      await fireSettlement(setup, "2026-05-14T22:00:00.000Z");
      expect(await drainSettlement(setup)).toMatchObject({ failed: 0 });
    });
    setup.clock.set(new Date("2026-05-20T10:00:00.000Z"));
    const may = { from: "2026-05-01", to: "2026-05-31" };
    const small = await measure("stm-small", may);
    const large = await measure("stm-large", may);
    // The ledger accounts, the program's accruals, the reservations, the one settled period's transfers from its settlement on.
    expect(large.byCommand).toEqual({ QueryCommand: 4 });
    expect(large.requests).toBe(small.requests);
    expect(large.readCapacityUnits).toBe(small.readCapacityUnits);
    console.log(
      `a statement of May (one settled period): ${large.requests} requests, ${large.readCapacityUnits} read units on DynamoDB Local`,
    );
  });

  it("reads the withdrawals of the range in one BatchGetItem, and each settled period once", async () => {
    const counts = await measure(partner, { from: "2026-03-01", to: "2026-03-31" });
    expect(counts.byCommand).toEqual({ QueryCommand: 3 + 2, BatchGetItemCommand: 1 });
  });
});

/** One RFC 4180 line (no line breaks inside fields here). */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = "";
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index]!;
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        current += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      fields.push(current);
      current = "";
    } else current += char;
  }
  fields.push(current);
  return fields;
}
