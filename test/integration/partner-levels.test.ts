/**
 * ACTIVE 24's partner levels and payer rule on DynamoDB Local, through the real consumer, handlers and
 * monthly run, each on its function's grants: services reported by service.activated / cancelled /
 * payer_changed; the level measured at approval; the monthly run moving a partner down and the operator
 * moving it up at the condition's edge, each with its history entry, figures and one
 * partner.level.changed; idempotent verifications; a move dated ahead; who may read what; and quotes
 * that give the partner's level only on the lines it pays for, by the payer the service's history
 * records at the quote's date (a payer change mid-period), with the purchase-cost floor.
 */
await vi.hoisted(() => import("../support/handler-environment.ts"));

import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createQuoteHandler } from "../../functions/http/create-quote.ts";
import { createQuoteDependencies } from "../../functions/wiring/quotes.ts";
import { partnerKeys } from "../../shared/data/keys.ts";
import type { BillingEvent } from "../../shared/schemas/billing-events.ts";
import { type OutboundMessage, outboundMessageSchema, type PartnerLevelChanged } from "../../shared/schemas/outbound-messages.ts";
import type { ApplicationItem } from "../../shared/schemas/partner-application-items.ts";
import type { Quote } from "../../shared/schemas/quote-api.ts";
import { verifyPartnerLevels } from "../../shared/use-cases/verify-partner-levels.ts";
import { serviceActivated, serviceCancelled, servicePayerChanged } from "../support/billing-event-builders.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { httpEvent, invoke, jsonBody } from "../support/http-events.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { type PartnerRoutes, partnerDependenciesOf, partnerRoutes } from "../support/partner-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

// 10:00 in Prague.
const setup = useLedgerTestSetup("2026-03-02T09:00:00.000Z");
const program = "active24-reseller";
const partner = "lv-partner-1";
let api: PartnerRoutes;

async function consume(events: readonly BillingEvent[]): Promise<void> {
  for (let at = 0; at < events.length; at += 10)
    expect((await setup.consume(sqsEventOf(events.slice(at, at + 10)))).batchItemFailures).toEqual([]);
}

const activation = (serviceId: string, payerAccountId: string, activatedAt = "2026-03-01T08:00:00.000Z") =>
  serviceActivated({ serviceId, administratorAccountId: `end-of-${serviceId}`, payerAccountId, activatedAt });

async function levelMessages(): Promise<PartnerLevelChanged[]> {
  return (await setup.drain(setup.sqs.queueUrls.outbound))
    .map((message) => outboundMessageSchema.parse(JSON.parse(message.Body!)) as OutboundMessage)
    .filter((message): message is PartnerLevelChanged => message.type === "partner.level.changed");
}

async function approvedPartner(accountId: string): Promise<void> {
  const applied = await api.apply(accountId, {
    programId: program,
    fields: {
      companyName: `${accountId} s.r.o.`,
      registrationId: `CZ${accountId.length}0000${accountId.at(-1)!.charCodeAt(0)}`,
      expectedServices: 50,
    },
  });
  expect(applied.statusCode, applied.body).toBe(201);
  const { application } = jsonBody(applied) as { application: ApplicationItem };
  const approved = await api.approve(application.applicationId, { reasonCode: "conditions_met" });
  expect(approved.statusCode, approved.body).toBe(200);
}

interface LevelBody {
  level: {
    current: { levelId: string | null; rateBps: number; since: string };
    next?: { levelId: string | null; effectiveOn: string };
    inForceToday: { levelId: string | null; rateBps: number };
    measured: { activeServicesAsPayer: number };
    nextVerificationOn: string;
  };
  history: { kind: string; trigger: string; levelId: string | null; measured: { activeServicesAsPayer: number } }[];
}

async function levelOf(accountId: string): Promise<LevelBody> {
  const response = await api.level(accountId, program);
  expect(response.statusCode, response.body).toBe(200);
  return jsonBody(response) as LevelBody;
}

function quoteRoute() {
  const table = { documentClient: withGrantsOf(["create-quote"], setup.table.documentClient), tableName: setup.table.tableName };
  const handler = createQuoteHandler(createQuoteDependencies({ table, clock: setup.clock }));
  return async (body: unknown): Promise<Quote> => {
    const response = await invoke(
      handler,
      httpEvent({ method: "POST", route: "/quotes", path: "/quotes", body, principal: { kind: "operator" } }),
    );
    expect(response.statusCode, response.body).toBe(200);
    return jsonBody(response) as Quote;
  };
}

const renewal = (serviceId: string, extra: Record<string, unknown> = {}) => ({
  sku: "domain-cz-renewal",
  category: "domain",
  quantity: 1,
  unitListPriceMinor: 30_000,
  currency: "CZK",
  serviceId,
  ...extra,
});

beforeAll(async () => {
  api = partnerRoutes(setup);
  // 50 domains the partner pays for, one the end customer pays for itself; all before the application.
  await consume([
    ...Array.from({ length: 50 }, (_, index) => activation(`lv-svc-${index}`, partner)),
    activation("lv-svc-own", "end-of-lv-svc-own"),
  ]);
  await approvedPartner(partner);
  await setup.drain(setup.sqs.queueUrls.outbound);
});

describe("a partner's level", () => {
  it("is measured at approval: 50 services it pays for make it Partner Plus, from the approval's day", async () => {
    const body = await levelOf(partner);
    expect(body.level.current).toEqual({ levelId: "partner-plus", rateBps: 1500, excludedCategories: [], since: "2026-03-02" });
    expect(body.level.measured.activeServicesAsPayer).toBe(50);
    expect(body.level.nextVerificationOn).toBe("2026-04-01");
    expect(body.history.map((entry) => [entry.kind, entry.trigger, entry.levelId])).toEqual([["entered", "approval", "partner-plus"]]);
  });

  it("gives the level only on lines the partner pays for, by the service's payer at the quote's date, never below the floor", async () => {
    const quote = quoteRoute();
    const priced = await quote({
      accountId: partner,
      date: "2026-03-10",
      lines: [
        renewal("lv-svc-1"),
        renewal("lv-svc-own"),
        renewal("lv-svc-2", { unitPurchaseCostMinor: 27_000 }),
        { sku: "hosting-new", category: "hosting", quantity: 1, unitListPriceMinor: 10_000, currency: "CZK" },
      ],
    });
    const [paidByPartner, paidByItsOwner, floored, newOrder] = priced.lines;
    expect(paidByPartner).toMatchObject({ payerSource: "service_history", payerAccountId: partner, finalPriceMinor: 25_500 });
    expect(paidByPartner!.discounts).toEqual([
      {
        discountId: `partner-level:${partner}:${program}`,
        programId: program,
        role: "partner",
        rateBps: 1500,
        reason: { code: "partner_level", levelId: "partner-plus" },
        amountMinor: 4_500,
      },
    ]);
    expect(paidByItsOwner).toMatchObject({
      payerSource: "service_history",
      payerAccountId: "end-of-lv-svc-own",
      discounts: [],
      finalPriceMinor: 30_000,
    });
    expect(floored).toMatchObject({ discountedPriceMinor: 25_500, floorRaisedByMinor: 1_500, finalPriceMinor: 27_000 });
    // A new order names no service: the quote's account pays, and it is the partner.
    expect(newOrder).toMatchObject({ payerSource: "quote_account", finalPriceMinor: 8_500 });
  });

  it("moves down on the monthly run at the condition's edge (49 < 50), once, with its figures and one message", async () => {
    await consume([
      serviceCancelled({ serviceId: "lv-svc-49", administratorAccountId: "end-of-lv-svc-49", cancelledAt: "2026-03-20T10:00:00.000Z" }),
    ]);
    setup.clock.set(new Date("2026-04-01T00:30:00.000Z"));
    const deps = partnerDependenciesOf(setup, "verify-partner-levels");
    const run = await verifyPartnerLevels(deps, { runAt: new Date("2026-03-31T23:30:00.000Z") });
    expect(run).toMatchObject({ day: "2026-04-01", listed: 1, movedDown: 1, failed: 0, complete: true });
    const again = await verifyPartnerLevels(deps, { runAt: new Date("2026-03-31T23:30:00.000Z") });
    expect(again).toMatchObject({ listed: 0, complete: true });

    const body = await levelOf(partner);
    expect(body.level.current).toMatchObject({ levelId: "partner", rateBps: 1000, since: "2026-04-01" });
    expect(body.level.nextVerificationOn).toBe("2026-05-01");
    expect(body.history[0]).toMatchObject({ kind: "moved_down", trigger: "schedule", measured: { activeServicesAsPayer: 49 } });
    expect(await levelMessages()).toEqual([
      expect.objectContaining({
        messageId: `partner-level:${partner}:${program}:monthly-2026-04-01`,
        accountId: partner,
        direction: "down",
        levelId: "partner",
        previousLevelId: "partner-plus",
        effectiveOn: "2026-04-01",
        activeServicesAsPayer: 49,
      }),
    ]);
  });

  it("moves up on the operator's verification at the edge, idempotent by its verificationId", async () => {
    setup.clock.set(new Date("2026-04-10T08:00:00.000Z"));
    await consume([activation("lv-svc-50", partner, "2026-04-09T08:00:00.000Z")]);
    const first = await api.verify(partner, program, { verificationId: "op-up-1" });
    expect(first.statusCode, first.body).toBe(200);
    expect(jsonBody(first)).toMatchObject({
      repeated: false,
      verification: { kind: "moved_up", trigger: "operator", levelId: "partner-plus", measured: { activeServicesAsPayer: 50 } },
      level: { inForceToday: { levelId: "partner-plus", rateBps: 1500 } },
    });
    const repeat = await api.verify(partner, program, { verificationId: "op-up-1" });
    expect(jsonBody(repeat)).toMatchObject({ repeated: true, verification: { kind: "moved_up" } });
    expect((await levelMessages()).map((message) => message.direction)).toEqual(["up"]);

    const reused = await api.verify(partner, program, { verificationId: "op-up-1", effectiveOn: "2026-04-20" });
    expect([reused.statusCode, (jsonBody(reused) as { error: { code: string } }).error.code]).toEqual([409, "payload_mismatch"]);
  });

  it("answers a repeat of a verification older than a page of history with what was recorded", async () => {
    const late = "lv-partner-late";
    await approvedPartner(late);
    const first = await api.verify(late, program, { verificationId: "op-late-1" });
    expect(first.statusCode, first.body).toBe(200);
    const { verification } = jsonBody(first) as { verification: { entryId: string; at: string } };
    // A page of newer verifications (as years of monthly runs would leave) in front of it.
    for (let index = 1; index <= 100; index += 1) {
      const at = new Date(Date.parse(verification.at) + index * 1000).toISOString();
      const entryId = `${verification.entryId}-newer-${index}`;
      await setup.table.documentClient.send(
        new PutCommand({
          TableName: setup.table.tableName,
          Item: {
            ...partnerKeys.levelHistoryEntry(late, program, at, entryId),
            entityType: "PartnerLevelHistoryEntry",
            ...verification,
            entryId,
            at,
          },
        }),
      );
    }
    const repeat = await api.verify(late, program, { verificationId: "op-late-1" });
    expect(repeat.statusCode, repeat.body).toBe(200);
    expect(jsonBody(repeat)).toMatchObject({ repeated: true, verification: { entryId: verification.entryId, at: verification.at } });
    await levelMessages();
  });

  it("holds a move the operator dates ahead, priced from its day", async () => {
    await consume([
      serviceCancelled({ serviceId: "lv-svc-48", administratorAccountId: "end-of-lv-svc-48", cancelledAt: "2026-04-10T07:00:00.000Z" }),
    ]);
    const response = await api.verify(partner, program, { verificationId: "op-down-ahead", effectiveOn: "2026-04-20" });
    expect(jsonBody(response)).toMatchObject({
      verification: { kind: "moved_down", effectiveOn: "2026-04-20" },
      level: { current: { levelId: "partner-plus" }, next: { levelId: "partner", effectiveOn: "2026-04-20" } },
    });
    const quote = quoteRoute();
    const before = await quote({ accountId: partner, date: "2026-04-19", lines: [renewal("lv-svc-1")] });
    const from = await quote({ accountId: partner, date: "2026-04-20", lines: [renewal("lv-svc-1")] });
    expect([before.lines[0]!.finalPriceMinor, from.lines[0]!.finalPriceMinor]).toEqual([25_500, 27_000]);
    expect((await levelMessages()).map((message) => [message.direction, message.effectiveOn])).toEqual([["down", "2026-04-20"]]);
  });

  it("loses the discount on a service from the payer change on: the next quote prices it for the new payer", async () => {
    setup.clock.set(new Date("2026-04-12T11:00:00.000Z"));
    await consume([
      servicePayerChanged({
        serviceId: "lv-svc-1",
        administratorAccountId: "end-of-lv-svc-1",
        previousPayerAccountId: partner,
        payerAccountId: "end-of-lv-svc-1",
        changedAt: "2026-04-12T10:00:00.000Z",
      }),
    ]);
    const quote = quoteRoute();
    const today = await quote({ accountId: partner, date: "2026-04-12", lines: [renewal("lv-svc-1"), renewal("lv-svc-2")] });
    expect(today.lines.map((line) => [line.payerAccountId, line.finalPriceMinor])).toEqual([
      ["end-of-lv-svc-1", 30_000],
      [partner, 25_500],
    ]);
    // Priced for the day before the change: the partner still paid at the end of that day.
    const dayBefore = await quote({ accountId: partner, date: "2026-04-11", lines: [renewal("lv-svc-1")] });
    expect(dayBefore.lines[0]).toMatchObject({ payerAccountId: partner, finalPriceMinor: 25_500 });
  });

  it("ends two verifications at once in one move: the loser decides again from the level the winner wrote", async () => {
    await setup.drain(setup.sqs.queueUrls.outbound);
    await consume([
      activation("lv-svc-51", partner, "2026-04-12T10:30:00.000Z"),
      activation("lv-svc-52", partner, "2026-04-12T10:30:00.000Z"),
    ]);
    // 48 services the partner pays for (lv-svc-1's payer changed) + 2 = 50: Partner Plus holds, and the move down dated
    // to 2026-04-20 no longer does. One verification cancels it (a move up, against the level it was going to hold);
    // the other, deciding again after it, confirms.
    const [a, b] = await Promise.all([
      api.verify(partner, program, { verificationId: "race-a", effectiveOn: "2026-04-13" }),
      api.verify(partner, program, { verificationId: "race-b", effectiveOn: "2026-04-13" }),
    ]);
    const kinds = [a, b].map((response) => (jsonBody(response) as { verification: { kind: string } }).verification.kind).sort();
    expect(kinds).toEqual(["confirmed", "moved_up"]);
    expect((await levelMessages()).map((message) => [message.direction, message.levelId])).toEqual([["up", "partner-plus"]]);
    const { level } = await levelOf(partner);
    expect(level.next).toBeUndefined();
    expect(level.current).toMatchObject({ levelId: "partner-plus", since: "2026-04-10" });
  });

  it("answers only the partner and the operator; an account that is not a partner has no level to verify", async () => {
    expect((await api.level(partner, program, {}, { kind: "account", accountId: "lv-someone-else" })).statusCode).toBe(403);
    expect((await api.level(partner, program, {}, { kind: "operator" })).statusCode).toBe(200);
    expect((await api.level("lv-not-a-partner", program)).statusCode).toBe(404);
    const refused = await api.verify("lv-not-a-partner", program, { verificationId: "op-x" });
    expect([refused.statusCode, (jsonBody(refused) as { error: { code: string } }).error.code]).toEqual([409, "not_a_partner"]);
    expect((await api.verify(partner, program, { verificationId: "op-y" }, { kind: "account", accountId: partner })).statusCode).toBe(403);
    const tooFar = await api.verify(partner, program, { verificationId: "op-z", effectiveOn: "2026-12-31" });
    expect(tooFar.statusCode).toBe(400);
  });
});

describe("quote lines naming a service", () => {
  it("refuse a payer beside the service, and price a service with no recorded payer for the quote's account", async () => {
    const quote = quoteRoute();
    const unknown = await quote({ accountId: partner, date: "2026-04-12", lines: [renewal("lv-svc-never-reported")] });
    expect(unknown.lines[0]).toMatchObject({ payerSource: "quote_account", payerAccountId: partner });

    const table = { documentClient: withGrantsOf(["create-quote"], setup.table.documentClient), tableName: setup.table.tableName };
    const handler = createQuoteHandler(createQuoteDependencies({ table, clock: setup.clock }));
    const both = await invoke(
      handler,
      httpEvent({
        method: "POST",
        route: "/quotes",
        path: "/quotes",
        body: { accountId: partner, date: "2026-04-12", lines: [renewal("lv-svc-2", { payerAccountId: partner })] },
        principal: { kind: "operator" },
      }),
    );
    expect(both.statusCode).toBe(400);
  });
});
