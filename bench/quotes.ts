/**
 * POST /quotes (functions/http/create-quote.ts) on DynamoDB Local, through the real handler with its
 * production wiring (quoteDependenciesFromEnvironment: the shared document client), called in process
 * with API Gateway payload 2.0 events carrying a 50-line basket:
 *
 * - DynamoDB requests and read units per quote, counted on that client (bench/lib/request-counter.ts),
 *   for a basket its account pays alone (target: one Query) and one whose lines five payers share;
 * - quotes per second, one after another (one warm container) and with several in flight, the counter
 *   removed, with this process's CPU per quote; and one after another with the discounts served from
 *   memory (read once), which is the handler's own work without the Query's SDK call and socket.
 *
 * The accounts' discounts are seeded as the trigger stores them (discountItemSchema under
 * discountKeys.discount): a t2 client who was referred and refers others, holding the referee's 20 %
 * and a referrer's 60 %.
 */
import { type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Context } from "aws-lambda";
import type { HttpEvent, HttpResponse } from "../functions/middleware/http-stack.ts";
import { discountKeys } from "../shared/data/keys.ts";
import { type DiscountItem, discountItemSchema } from "../shared/schemas/discount-items.ts";
import type { QuoteLineRequest, QuoteRequest } from "../shared/schemas/quote-api.ts";
import type { QuoteDependencies } from "../shared/use-cases/price-quote.ts";
import { httpEvent, lambdaContext } from "../test/support/http-events.ts";
import { countRequests, type RequestCounts, stopCountingRequests } from "./lib/request-counter.ts";
import { measureCpuAndWall, millisecondsSince, quantile } from "./lib/stats.ts";

type QuoteHandler = (event: HttpEvent, context?: Context) => Promise<HttpResponse>;

export interface QuotesModule {
  createQuoteHandler(dependencies: QuoteDependencies): QuoteHandler;
}

export interface QuotesBenchOptions {
  readonly quotes: QuotesModule;
  readonly newContainerDependencies: () => QuoteDependencies;
  /** The client the handler's store sends through (the counter goes on it). */
  readonly documentClient: DynamoDBDocumentClient;
  /** A separate client for seeding, so it is not counted. */
  readonly adminClient: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly basketLines: number;
  readonly countedQuotes: number;
  readonly warmUpQuotes: number;
  readonly timedQuotes: number;
  readonly concurrency: number;
  readonly log: (line: string) => void;
}

/** One basket's DynamoDB cost, over `quotes` quotes of it. */
export interface QuoteRequestFigures {
  readonly basket: string;
  readonly payers: number;
  readonly quotes: number;
  readonly counts: RequestCounts;
}

export interface QuoteThroughputFigures {
  /** Through DynamoDB Local, or with the discounts served from memory (the handler's own work: no SDK, no socket). */
  readonly discountsFrom: "DynamoDB Local" | "memory";
  readonly concurrency: number;
  readonly quotes: number;
  readonly quotesPerSecond: number;
  readonly cpuMicrosecondsPerQuote: number;
  readonly wallMillisecondsP50: number;
  readonly wallMillisecondsP99: number;
}

export interface QuotesFigures {
  readonly basketLines: number;
  /** What one quote of the one-payer basket answers (a check that the figures priced what they say). */
  readonly discountsPerDiscountedLine: number;
  readonly requestBodyBytes: number;
  readonly warmUpQuotes: number;
  readonly requests: readonly QuoteRequestFigures[];
  readonly throughput: readonly QuoteThroughputFigures[];
}

const day = "2026-03-20";
const context = lambdaContext("create-quote");

function discountsOf(accountId: string): DiscountItem[] {
  const common = {
    accountId,
    programId: "t2-invite",
    status: "active" as const,
    startsOn: "2026-03-14",
    excludedCategories: ["sms_package"],
    updatedAt: "2026-03-14T10:00:00.000Z",
    revision: 1,
  };
  return [
    discountItemSchema.parse({
      ...common,
      discountId: `referee:t2-invite:${accountId}`,
      role: "referee",
      rateBps: 2_000,
      endsOn: "2026-06-14",
      reason: { code: "code_activated" },
    }),
    discountItemSchema.parse({
      ...common,
      discountId: `referrer:t2-invite:${accountId}:1`,
      role: "referrer",
      rateBps: 6_000,
      endsOn: "2027-03-14",
      streak: { count: 3, lastReferralOn: "2026-03-14", bonusesGranted: [3] },
      streakNumber: 1,
      reason: { code: "referral", refereeAccountId: `${accountId}-friend-3`, referralOn: "2026-03-14", streakCount: 3 },
    }),
  ];
}

/** A PBX basket: seats, numbers and hardware (some with a purchase cost), SMS packages, in EUR and CZK. */
function basketLines(count: number, payers: readonly string[]): QuoteLineRequest[] {
  return Array.from({ length: count }, (_, index) => {
    const sms = index % 10 === 9;
    return {
      sku: sms ? "sms-package-1200" : `pbx-item-${index}`,
      category: sms ? "sms_package" : index % 3 === 0 ? "hardware" : "pbx",
      quantity: 1 + (index % 7),
      unitListPriceMinor: 499 + index * 137,
      currency: index % 4 === 0 ? "CZK" : "EUR",
      ...(index % 5 === 0 ? { unitPurchaseCostMinor: 300 + index * 40 } : {}),
      payerAccountId: payers[index % payers.length]!,
      administratorAccountId: payers[0]!,
    };
  });
}

function quoteEvent(request: QuoteRequest): HttpEvent {
  return httpEvent({
    method: "POST",
    route: "/quotes",
    path: "/quotes",
    body: request,
    principal: { kind: "operator" },
    headers: { "content-type": "application/json" },
    domainName: "api.example.com",
  });
}

async function quoteOrThrow(handler: QuoteHandler, event: HttpEvent): Promise<HttpResponse> {
  const response = await handler(event, context);
  if (response.statusCode !== 200) throw new Error(`the quote answered ${response.statusCode}: ${response.body}`);
  return response;
}

export async function benchmarkQuotes(options: QuotesBenchOptions): Promise<QuotesFigures> {
  const { tableName } = options;
  const account = "bench-quote-client";
  const customers = Array.from({ length: 4 }, (_, index) => `bench-quote-customer-${index + 1}`);
  for (const accountId of [account, ...customers])
    for (const discount of discountsOf(accountId))
      await options.adminClient.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...discountKeys.discount(accountId, discount.programId, discount.role), entityType: "Discount", ...discount },
        }),
      );

  const onePayer: QuoteRequest = { accountId: account, date: day, lines: basketLines(options.basketLines, [account]) };
  const fivePayers: QuoteRequest = { accountId: account, date: day, lines: basketLines(options.basketLines, [account, ...customers]) };
  const handler = options.quotes.createQuoteHandler(options.newContainerDependencies());
  const onePayerEvent = quoteEvent(onePayer);
  const fivePayersEvent = quoteEvent(fivePayers);

  // What the figures price: the basket's discounted lines carry both discounts.
  const sample = JSON.parse((await quoteOrThrow(handler, onePayerEvent)).body ?? "{}") as {
    lines: { category: string; discounts: unknown[] }[];
  };
  const discounted = sample.lines.filter((line) => line.category !== "sms_package");
  const discountsPerDiscountedLine = discounted.reduce((sum, line) => sum + line.discounts.length, 0) / discounted.length;

  for (let index = 0; index < options.warmUpQuotes; index += 1) await quoteOrThrow(handler, onePayerEvent);

  const requests: QuoteRequestFigures[] = [];
  for (const [basket, payers, event] of [
    [`${options.basketLines} lines, all paid by the quote's account`, 1, onePayerEvent],
    [`${options.basketLines} lines, paid by 5 accounts (the quote's and 4 of its customers')`, 5, fivePayersEvent],
  ] as const) {
    const counts = countRequests(options.documentClient);
    for (let index = 0; index < options.countedQuotes; index += 1) await quoteOrThrow(handler, event);
    stopCountingRequests(options.documentClient);
    requests.push({ basket, payers, quotes: options.countedQuotes, counts });
    options.log(`quotes: ${basket}: ${(counts.requests / options.countedQuotes).toFixed(2)} requests per quote`);
  }

  // The same handler code with the discounts read once and then served from memory: what a quote costs without its Query.
  const discountsRead = new Map<string, Awaited<ReturnType<QuoteDependencies["discountStore"]["listPricing"]>>>();
  const reading = options.newContainerDependencies();
  const inMemory = options.quotes.createQuoteHandler({
    ...reading,
    discountStore: {
      async listPricing(accountId) {
        const known = discountsRead.get(accountId) ?? (await reading.discountStore.listPricing(accountId));
        discountsRead.set(accountId, known);
        return known;
      },
    },
  });
  for (let index = 0; index < options.warmUpQuotes; index += 1) await quoteOrThrow(inMemory, onePayerEvent);

  const throughput: QuoteThroughputFigures[] = [];
  for (const [discountsFrom, concurrency, run] of [
    ["DynamoDB Local", 1, handler],
    ["DynamoDB Local", options.concurrency, handler],
    ["memory", 1, inMemory],
  ] as const) {
    const walls: number[] = [];
    let next = 0;
    const measured = await measureCpuAndWall(async () => {
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < options.timedQuotes) {
            next += 1;
            const started = process.hrtime.bigint();
            await quoteOrThrow(run, onePayerEvent);
            walls.push(millisecondsSince(started));
          }
        }),
      );
    });
    const figures = {
      discountsFrom,
      concurrency,
      quotes: walls.length,
      quotesPerSecond: walls.length / (measured.wallMilliseconds / 1000),
      cpuMicrosecondsPerQuote: measured.cpuMicroseconds / walls.length,
      wallMillisecondsP50: quantile(walls, 0.5),
      wallMillisecondsP99: quantile(walls, 0.99),
    };
    throughput.push(figures);
    options.log(`quotes: ${figures.quotesPerSecond.toFixed(0)} quotes/s with ${concurrency} in flight, discounts from ${discountsFrom}`);
  }

  return {
    basketLines: options.basketLines,
    discountsPerDiscountedLine,
    requestBodyBytes: Buffer.byteLength(onePayerEvent.body ?? "", "utf8"),
    warmUpQuotes: options.warmUpQuotes,
    requests,
    throughput,
  };
}
