/**
 * POST /quotes on DynamoDB Local, through the real handler with the create-quote function's grants. The
 * discounts are made the real way: the operator's sign-ups with invite codes (POST /attributions), the
 * table's stream into the real decide-discounts handler. Requests are counted on the handler's own
 * client (bench/lib/request-counter.ts): a basket its account pays alone is one Query, one more per
 * other payer. Random baskets never get a 5xx, and every priced line keeps the rules' bounds.
 */
import * as fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { countRequests, emptyCounts, type RequestCounts } from "../../bench/lib/request-counter.ts";
import { createQuoteHandler } from "../../functions/http/create-quote.ts";
import { createQuoteDependencies } from "../../functions/wiring/quotes.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { discountLimits } from "../../shared/limits.ts";
import type { Quote } from "../../shared/schemas/quote-api.ts";
import { codeOf as codeOfAccount, createTestDiscountTrigger, signUpWithCode } from "../support/discount-setup.ts";
import { localDynamoDbClient } from "../support/dynamodb.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { type HttpHandler, httpEvent, invoke, jsonBody, type TestPrincipal } from "../support/http-events.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";

const setup = useLedgerTestSetup("2026-03-14T10:00:00.000Z");
let counts: RequestCounts;
let quoteHandler: HttpHandler;

const codeOf = (accountId: string) => codeOfAccount(setup, accountId);

const signUp = (refereeAccountId: string, code: string) => signUpWithCode(setup, refereeAccountId, code);

beforeAll(async () => {
  // On 2026-03-14 (no promo periods): q-partner refers q-client, q-other and q-star (60 % for 12 months);
  // q-client refers q-client-friend (q-client: the referee's 20 % and a referrer's 20 %); q-star refers
  // five clients (a referrer's 100 %, on top of its referee's 20 %).
  const trigger = createTestDiscountTrigger(setup);
  const partnerCode = await codeOf("q-partner");
  for (const client of ["q-client", "q-other", "q-star"]) await signUp(client, partnerCode);
  await signUp("q-client-friend", await codeOf("q-client"));
  const starCode = await codeOf("q-star");
  for (let index = 1; index <= 5; index += 1) await signUp(`q-star-friend-${index}`, starCode);
  await trigger.drain();
  await setup.drain(setup.sqs.queueUrls.outbound);

  const client = localDynamoDbClient();
  counts = countRequests(client);
  const table = { documentClient: withGrantsOf(["create-quote"], createDocumentClient(client)), tableName: setup.table.tableName };
  quoteHandler = createQuoteHandler(createQuoteDependencies({ table }));
});

async function quote(body: unknown, principal: TestPrincipal = { kind: "operator" }) {
  Object.assign(counts, emptyCounts());
  const response = await invoke(quoteHandler, httpEvent({ method: "POST", route: "/quotes", path: "/quotes", body, principal }));
  return { response, requests: { ...counts.byCommand } };
}

const seat = { sku: "pbx-seat", category: "pbx", quantity: 3, unitListPriceMinor: 1_999, currency: "EUR" };

describe("POST /quotes", () => {
  it("stacks the referee's and the referrer's 20 % multiplicatively, leaves SMS packages alone, floors at cost, totals per currency: one Query", async () => {
    const { response, requests } = await quote({
      accountId: "q-client",
      date: "2026-03-20",
      lines: [
        seat,
        { sku: "sms-package-1200", category: "sms_package", quantity: 1, unitListPriceMinor: 4_900, currency: "EUR" },
        { sku: "did-number", category: "pbx", quantity: 2, unitListPriceMinor: 25_000, unitPurchaseCostMinor: 20_000, currency: "CZK" },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(requests).toEqual({ QueryCommand: 1 });
    const body = jsonBody<Quote>(response);
    // 5 997 × 0.8 = 4 797.6 → 4 798 (referee 1 199); × 0.8 = 3 838.08 → 3 838 (referrer 960)
    expect(body.lines[0]!.discounts.map((each) => [each.programId, each.role, each.rateBps, each.reason.code, each.amountMinor])).toEqual([
      ["t2-invite", "referee", 2_000, "code_activated", 1_199],
      ["t2-invite", "referrer", 2_000, "referral", 960],
    ]);
    expect(body.lines[0]).toMatchObject({ listPriceMinor: 5_997, discountedPriceMinor: 3_838, finalPriceMinor: 3_838 });
    expect(body.lines[1]).toMatchObject({ discounts: [], finalPriceMinor: 4_900 });
    // 50 000 × 0.64 = 32 000 under the floor 2 × 20 000
    expect(body.lines[2]).toMatchObject({ discountedPriceMinor: 32_000, floorRaisedByMinor: 8_000, finalPriceMinor: 40_000 });
    expect(body.totals).toEqual([
      { currency: "EUR", listPriceMinor: 10_897, discountMinor: 2_159, finalPriceMinor: 8_738 },
      { currency: "CZK", listPriceMinor: 50_000, discountMinor: 10_000, finalPriceMinor: 40_000 },
    ]);
  });

  it("caps a referrer's 100 % stacked with the referee's 20 % at 100 %: 0, or the purchase cost", async () => {
    const { response } = await quote({
      accountId: "q-star",
      date: "2026-03-20",
      lines: [seat, { ...seat, sku: "pbx-seat-resold", unitPurchaseCostMinor: 1_500 }],
    });
    const body = jsonBody<Quote>(response);
    expect(body.lines[0]!.discounts.map((each) => [each.role, each.rateBps, each.amountMinor])).toEqual([
      ["referrer", 10_000, 5_997],
      ["referee", 2_000, 0],
    ]);
    expect(body.lines.map((line) => line.finalPriceMinor)).toEqual([0, 4_500]);
    expect(body.lines[1]!.floorRaisedByMinor).toBe(4_500);
  });

  it("gives each line its payer's discounts: one Query per distinct payer, however many lines each pays", async () => {
    const { response, requests } = await quote({
      accountId: "q-partner",
      date: "2026-03-20",
      lines: [
        seat,
        { ...seat, sku: "pbx-seat-2" },
        { ...seat, sku: "customer-seat", payerAccountId: "q-other", administratorAccountId: "q-other" },
        { ...seat, sku: "customer-seat-2", payerAccountId: "q-other" },
        { ...seat, sku: "administered", administratorAccountId: "q-other" },
        { ...seat, sku: "no-discounts", payerAccountId: "q-nobody" },
      ],
    });
    expect(requests).toEqual({ QueryCommand: 3 });
    const body = jsonBody<Quote>(response);
    expect(
      body.lines.map((line) => [line.sku, line.discounts.map((each) => `${each.role} ${each.rateBps}`), line.finalPriceMinor]),
    ).toEqual([
      ["pbx-seat", ["referrer 6000"], 2_399],
      ["pbx-seat-2", ["referrer 6000"], 2_399],
      ["customer-seat", ["referee 2000"], 4_798],
      ["customer-seat-2", ["referee 2000"], 4_798],
      ["administered", ["referrer 6000"], 2_399],
      ["no-discounts", [], 5_997],
    ]);
  });

  it("applies only the discounts in force on the quote's day: the referee's 3 months end on 14 June", async () => {
    const onDay = async (date: string) =>
      jsonBody<Quote>((await quote({ accountId: "q-other", date, lines: [seat] })).response).lines[0]!.discounts.length;
    expect(await onDay("2026-03-13")).toBe(0);
    expect(await onDay("2026-03-14")).toBe(1);
    expect(await onDay("2026-06-13")).toBe(1);
    expect(await onDay("2026-06-14")).toBe(0);
  });

  it("is the operator's: an account's token gets 403, also for its own basket, and no token 401, before anything is read", async () => {
    const body = { accountId: "q-client", date: "2026-03-20", lines: [seat] };
    const own = await quote(body, { kind: "account", accountId: "q-client" });
    expect(own.response.statusCode).toBe(403);
    expect(jsonBody<{ error: { code: string } }>(own.response).error.code).toBe("forbidden");
    expect(own.requests).toEqual({});
    expect((await quote(body, { kind: "anonymous" })).response.statusCode).toBe(401);
  });

  it("takes the largest basket the limits allow, and refuses one line more or a larger body with 400 validation_failed", async () => {
    const longest = {
      sku: "s".repeat(64),
      category: "c".repeat(64),
      quantity: discountLimits.quoteQuantityMax,
      unitListPriceMinor: 100_000,
      unitPurchaseCostMinor: 100_000,
      currency: "EUR",
      payerAccountId: "q-client",
      administratorAccountId: "a".repeat(128),
    };
    const largest = await quote({ accountId: "q-client", date: "2026-03-20", lines: Array(discountLimits.quoteLinesMax).fill(longest) });
    expect(largest.response.statusCode).toBe(200);
    expect(largest.requests).toEqual({ QueryCommand: 1 });

    const tooMany = await quote({ accountId: "q-client", date: "2026-03-20", lines: Array(discountLimits.quoteLinesMax + 1).fill(seat) });
    expect(tooMany.response.statusCode).toBe(400);
    expect(jsonBody<{ error: { code: string; issues: { path: string }[] } }>(tooMany.response).error).toMatchObject({
      code: "validation_failed",
      issues: [{ path: "body.lines" }],
    });
    const padded = `{"accountId":"q-client","date":"2026-03-20","lines":[${JSON.stringify(seat)}]${" ".repeat(discountLimits.quoteBodyBytesMax)}}`;
    const tooLarge = await quote(padded);
    expect(tooLarge.response.statusCode).toBe(400);
    expect(tooLarge.requests).toEqual({});
  });
});

describe("random baskets", () => {
  const accounts = ["q-client", "q-partner", "q-star", "q-other", "q-nobody"];
  const day = fc
    .date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));
  /** Baskets the edge accepts: every value within its bounds (the products of quantity and unit amounts may not be). */
  const validLine = fc.record(
    {
      sku: fc.constantFrom("pbx-seat", "sms-package-1200", "did-number"),
      category: fc.constantFrom("pbx", "sms_package", "hardware"),
      quantity: fc.oneof(
        { weight: 19, arbitrary: fc.integer({ min: 1, max: 20 }) },
        { weight: 1, arbitrary: fc.constant(discountLimits.quoteQuantityMax) },
      ),
      unitListPriceMinor: fc.oneof(
        { weight: 19, arbitrary: fc.integer({ min: 0, max: 100_000 }) },
        { weight: 1, arbitrary: fc.constant(100_000_000_000) },
      ),
      currency: fc.constantFrom("EUR", "CZK", "USD"),
      unitPurchaseCostMinor: fc.integer({ min: 0, max: 100_000 }),
      payerAccountId: fc.constantFrom(...accounts),
      administratorAccountId: fc.constantFrom(...accounts),
    },
    { requiredKeys: ["sku", "category", "quantity", "unitListPriceMinor", "currency"] },
  );
  const validBasket = fc.record({
    accountId: fc.constantFrom(...accounts),
    date: day,
    lines: fc.array(validLine, { minLength: 1, maxLength: 8 }),
  });
  /** Anything near a basket: values just outside their bounds, wrong types, missing or unknown fields. */
  const nearBasket = fc.record(
    {
      accountId: fc.oneof(fc.constantFrom(...accounts, "operator", ""), fc.string({ maxLength: 5 })),
      date: fc.oneof(day, fc.constantFrom("2026-02-30", "2026-3-1", "")),
      lines: fc.oneof(
        fc.array(
          fc.dictionary(
            fc.constantFrom(
              "sku",
              "category",
              "quantity",
              "unitListPriceMinor",
              "currency",
              "unitPurchaseCostMinor",
              "payerAccountId",
              "rateBps",
            ),
            fc.oneof(
              fc.constantFrom(0, 1, -1, 1.5, 1_000_001, 100_000_000_001, Number.MAX_SAFE_INTEGER, "EUR", "eur", "operator", "pbx", null),
              fc.string({ maxLength: 70 }),
            ),
          ),
          { maxLength: 4 },
        ),
        fc.constant([]),
        fc.constant("lines"),
      ),
      discountBps: fc.integer(),
    },
    { requiredKeys: [] },
  );
  const basket = fc.oneof({ weight: 3, arbitrary: validBasket }, { weight: 1, arbitrary: nearBasket });

  it("never answer 5xx; every priced line lies between its floor and its list price, and the totals add up per currency", async () => {
    await fc.assert(
      fc.asyncProperty(basket, async (body) => {
        const { response } = await quote(body);
        expect([200, 400]).toContain(response.statusCode);
        if (response.statusCode !== 200) return;
        const priced = jsonBody<Quote>(response);
        const totals = new Map<string, { list: number; final: number }>();
        for (const each of priced.lines) {
          const floor = Math.min(each.listPriceMinor, (each.unitPurchaseCostMinor ?? 0) * each.quantity);
          expect(each.finalPriceMinor).toBeGreaterThanOrEqual(floor);
          expect(each.finalPriceMinor).toBeLessThanOrEqual(each.listPriceMinor);
          expect(each.discounts.reduce((sum, discount) => sum + discount.amountMinor, 0)).toBe(
            each.listPriceMinor - each.discountedPriceMinor,
          );
          if (each.category === "sms_package") expect(each.discounts).toEqual([]);
          const total = totals.get(each.currency) ?? { list: 0, final: 0 };
          totals.set(each.currency, { list: total.list + each.listPriceMinor, final: total.final + each.finalPriceMinor });
        }
        expect(priced.totals.map((total) => [total.currency, total.listPriceMinor, total.finalPriceMinor])).toEqual(
          [...totals].map(([currency, total]) => [currency, total.list, total.final]),
        );
      }),
      { numRuns: 150 },
    );
  });
});
