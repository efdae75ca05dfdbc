/**
 * docs/cost.md from the bench's figures (docs/benchmarks.json) and AWS's list prices (bench/lib/prices.ts):
 * what 1,000,000 counted clicks, 1,000,000 billing events and one settlement of 100,000 partners cost
 * on AWS, each line a measured quantity times a unit price, and beside it the SaaS plans an operator
 * would otherwise pay for. Pure: the same figures give the same document (test/unit/cost-doc.test.ts).
 */
import type { EventKindFigures } from "../billing-events.ts";
import type { BenchFigures } from "./figures.ts";
import {
  awsLatencyAssumptions,
  awsPrices,
  memoryOf,
  type PricedUnit,
  priceListDate,
  priceOf,
  priceRegion,
  saasPlans,
  settlementSecondsPerBatchOnAws,
  vcpuShareOf,
} from "./prices.ts";
import { type RequestCounts, writeUnitsWithIndexes } from "./request-counter.ts";
import { formatNumber } from "./stats.ts";

/** Where the document goes, from the repository root. */
export const costPath = "docs/cost.md";

const million = 1_000_000;
const settledPartners = 100_000;
/** The event source mappings' batch sizes (infra/catalog.ts): billing events and settlement work arrive ten at a time. */
const sqsBatchSize = 10;

interface CostLine {
  readonly what: string;
  readonly quantity: number;
  readonly unit: PricedUnit;
}

/** "1 write unit", "1.5 write units". */
const units = (value: number, unit: string, digits = 1) => `${formatNumber(value, digits)} ${unit}${value === 1 ? "" : "s"}`;

const usd = (value: number) => (value >= 1 ? `$${value.toFixed(2)}` : `$${value.toFixed(4)}`);

function lineRow(line: CostLine): string {
  const price = awsPrices[line.unit];
  const perLabel = price.per === 1 ? "" : ` per ${formatNumber(price.per)}`;
  return `| ${line.what} | ${formatNumber(Math.round(line.quantity))} ${price.unit} | $${price.usd}${perLabel} (${price.service}) | ${usd(priceOf(line.unit, line.quantity))} |`;
}

function total(lines: readonly CostLine[]): number {
  return lines.reduce((sum, line) => sum + priceOf(line.unit, line.quantity), 0);
}

function table(lines: readonly CostLine[]): string[] {
  return [
    "| what | quantity | unit price | cost |",
    "|---|---:|---|---:|",
    ...lines.map(lineRow),
    `| **total** | | | **${usd(total(lines))}** |`,
  ];
}

/** Table write units (AWS's transaction rule) plus index write units, per unit of work. */
function writeUnitsPer(counts: RequestCounts, units: number): number {
  return writeUnitsWithIndexes(counts) / units;
}

/** Requests answered by AWS one after another: transactions at their latency, the rest at a single item's. */
function requestMilliseconds(counts: RequestCounts, units: number): number {
  const transactions = (counts.byCommand.TransactWriteItemsCommand ?? 0) + (counts.byCommand.TransactGetItemsCommand ?? 0);
  const others = counts.requests - transactions;
  return (
    (transactions * awsLatencyAssumptions.transactionMilliseconds + others * awsLatencyAssumptions.singleItemRequestMilliseconds) / units
  );
}

function gbSeconds(invocations: number, milliseconds: number, memoryMegabytes: number): number {
  // Lambda bills duration rounded up to the millisecond.
  return (invocations * Math.ceil(milliseconds) * memoryMegabytes) / 1024 / 1000;
}

function kindNamed(kinds: readonly EventKindFigures[], prefix: string): EventKindFigures | undefined {
  return kinds.find((kind) => kind.kind.startsWith(prefix));
}

export function renderCost(figures: BenchFigures): string {
  const { redirect } = figures.redirect.figures;
  const bundle = figures.bundle.figures;
  const billingEvents = figures["billing-events"].figures;
  const settlement = figures.settlement.figures;

  // --- Clicks -------------------------------------------------------------------------------------------
  const counted = redirect.scenarios.find((scenario) => scenario.scenario.startsWith("new visitor, counted click"))!;
  const inProcess = redirect.timed.find((timed) => timed.scenario.includes("answered in process")) ?? redirect.timed[0]!;
  const redirectMemory = memoryOf("redirect");
  const clickCpuMilliseconds = inProcess.cpuMicrosecondsPerInvocation / 1000 / vcpuShareOf(redirectMemory);
  const clickMilliseconds = clickCpuMilliseconds + requestMilliseconds(counted.counts, counted.clicks);
  const clickWriteUnits = writeUnitsPer(counted.counts, counted.clicks);
  const clickReadUnits = counted.counts.readCapacityUnits / counted.clicks;
  const load = redirect.load;
  const aggregator = load.aggregator;
  const aggregatorMemory = memoryOf("aggregate-clicks");
  const invocations = Math.max(1, aggregator.invocations);
  const clicksPerAggregation = load.counted / invocations;
  const transactions = Math.max(1, aggregator.counts.byCommand.TransactWriteItemsCommand ?? 0);
  // The load run's aggregations as measured; a quiet link's click alone costs one checkpoint read and one transaction.
  const busy = {
    clicksPerBatch: clicksPerAggregation,
    writeUnits: writeUnitsPer(aggregator.counts, invocations),
    readUnits: aggregator.counts.readCapacityUnits / invocations,
    milliseconds: requestMilliseconds(aggregator.counts, invocations),
  };
  const readsPerInvocation = (aggregator.counts.byCommand.GetItemCommand ?? 0) / invocations;
  const quiet = {
    clicksPerBatch: 1,
    writeUnits: writeUnitsPer(aggregator.counts, transactions),
    readUnits: aggregator.counts.readCapacityUnits / invocations,
    milliseconds:
      Math.ceil(readsPerInvocation) * awsLatencyAssumptions.singleItemRequestMilliseconds + awsLatencyAssumptions.transactionMilliseconds,
  };
  // A cold start bills its init phase: an empty Node process and the deployed bundle's load (bench figures).
  const coldStartMilliseconds = bundle.selfContained.processMillisecondsMedian;
  const coldStartsPerMillion = million / 1_000;
  const clickLines = (aggregation: typeof busy): CostLine[] => {
    const aggregations = million / aggregation.clicksPerBatch;
    return [
      { what: "HTTP API: one request per click", quantity: million, unit: "httpApiRequest" },
      { what: "redirect invocations", quantity: million, unit: "lambdaRequest" },
      {
        what: `redirect duration: ${Math.ceil(clickMilliseconds)} ms a click at ${redirectMemory} MB`,
        quantity: gbSeconds(million, clickMilliseconds, redirectMemory),
        unit: "lambdaArmGbSecond",
      },
      {
        what: `redirect cold starts: ${formatNumber(coldStartsPerMillion)} (one per 1,000 clicks) of ${Math.ceil(coldStartMilliseconds)} ms init`,
        quantity: gbSeconds(coldStartsPerMillion, coldStartMilliseconds, redirectMemory),
        unit: "lambdaArmGbSecond",
      },
      {
        what: `the click's put: ${units(clickWriteUnits, "write unit", 2)} a click`,
        quantity: million * clickWriteUnits,
        unit: "dynamoDbWriteRequestUnit",
      },
      ...(clickReadUnits > 0
        ? [{ what: "the click's reads", quantity: million * clickReadUnits, unit: "dynamoDbReadRequestUnit" as const }]
        : []),
      { what: "the table's stream read by the aggregator's mapping", quantity: aggregations, unit: "dynamoDbStreamsLambdaReads" },
      {
        what: `aggregator invocations: ${formatNumber(Math.round(aggregations))} (${units(aggregation.clicksPerBatch, "click")} each)`,
        quantity: aggregations,
        unit: "lambdaRequest",
      },
      {
        what: `aggregator duration: ${Math.ceil(aggregation.milliseconds)} ms an invocation at ${aggregatorMemory} MB`,
        quantity: gbSeconds(aggregations, aggregation.milliseconds, aggregatorMemory),
        unit: "lambdaArmGbSecond",
      },
      {
        what: `counter and checkpoint writes: ${units(aggregation.writeUnits, "write unit")} an invocation`,
        quantity: aggregations * aggregation.writeUnits,
        unit: "dynamoDbWriteRequestUnit",
      },
      {
        what: `checkpoint reads: ${units(aggregation.readUnits, "read unit")} an invocation`,
        quantity: aggregations * aggregation.readUnits,
        unit: "dynamoDbReadRequestUnit",
      },
    ];
  };
  const busyClicks = clickLines(busy);
  const quietClicks = clickLines(quiet);

  // --- Billing events -----------------------------------------------------------------------------------
  const consumerMemory = memoryOf("billing-events");
  const throughput = billingEvents.throughput;
  const eventCpuMilliseconds = throughput.handlerCpuMicrosecondsPerEvent / 1000 / vcpuShareOf(consumerMemory);
  const eventLines = (kind: EventKindFigures): CostLine[] => {
    const writeUnits = writeUnitsPer(kind.counts, kind.events);
    const readUnits = kind.counts.readCapacityUnits / kind.events;
    // Ten events a batch, processed `concurrency` at a time: the batch waits for its requests a quarter as long.
    const eventMilliseconds = eventCpuMilliseconds + requestMilliseconds(kind.counts, kind.events) / throughput.concurrency;
    const sends = kind.sqsSends / kind.events;
    return [
      { what: "the billing system's SendMessage, one per event", quantity: million, unit: "sqsStandardRequest" },
      {
        what: "the mapping's ReceiveMessage and DeleteMessageBatch, one each per batch of 10",
        quantity: (2 * million) / sqsBatchSize,
        unit: "sqsStandardRequest",
      },
      { what: "consumer invocations (batches of 10)", quantity: million / sqsBatchSize, unit: "lambdaRequest" },
      {
        what: `consumer duration: ${Math.ceil(eventMilliseconds * sqsBatchSize)} ms a batch at ${consumerMemory} MB`,
        quantity: gbSeconds(million / sqsBatchSize, eventMilliseconds * sqsBatchSize, consumerMemory),
        unit: "lambdaArmGbSecond",
      },
      {
        what: `ledger writes: ${units(writeUnits, "write unit")} an event (table and indexes)`,
        quantity: million * writeUnits,
        unit: "dynamoDbWriteRequestUnit",
      },
      { what: `reads: ${units(readUnits, "read unit")} an event`, quantity: million * readUnits, unit: "dynamoDbReadRequestUnit" },
      ...(sends > 0
        ? [
            {
              what: "outbound FIFO requests (a batch's credits for the billing system, sent together)",
              quantity: million * sends,
              unit: "sqsFifoRequest" as const,
            },
          ]
        : []),
    ];
  };
  const headlineKind =
    kindNamed(billingEvents.kinds, "recharge.completed, referred (Zadarma), later") ??
    billingEvents.kinds.reduce((most, kind) =>
      writeUnitsPer(kind.counts, kind.events) > writeUnitsPer(most.counts, most.events) ? kind : most,
    );
  const headlineLines = eventLines(headlineKind);

  // --- Settlement ---------------------------------------------------------------------------------------
  const settled = Math.max(1, settlement.settled);
  const settlementWriteUnits = writeUnitsPer(settlement.worker, settled);
  const settlementReadUnits = settlement.worker.readCapacityUnits / settled;
  const settlementSqs = settlement.sqsRequests / settled;
  const workerMemory = memoryOf("settlement-work");
  const settlementLines: CostLine[] = [
    // Of the worker path's SQS requests, each account's statement is one SendMessage to the outbound FIFO queue.
    {
      what: `settlement queue: ${formatNumber(Math.max(0, settlementSqs - 1), 2)} requests an account (sends of ten, receives and deletes)`,
      quantity: settledPartners * Math.max(0, settlementSqs - 1),
      unit: "sqsStandardRequest",
    },
    { what: "the statement: 1 outbound FIFO request an account", quantity: settledPartners, unit: "sqsFifoRequest" },
    { what: "worker invocations (batches of 10 accounts)", quantity: settledPartners / sqsBatchSize, unit: "lambdaRequest" },
    {
      what: `worker duration: ${settlementSecondsPerBatchOnAws * 1000} ms a batch at ${workerMemory} MB`,
      quantity: gbSeconds(settledPartners / sqsBatchSize, settlementSecondsPerBatchOnAws * 1000, workerMemory),
      unit: "lambdaArmGbSecond",
    },
    {
      what: `settlement writes: ${units(settlementWriteUnits, "write unit")} an account (table and indexes)`,
      quantity: settledPartners * settlementWriteUnits,
      unit: "dynamoDbWriteRequestUnit",
    },
    {
      what: `accrual and rate reads: ${units(settlementReadUnits, "read unit", 2)} an account`,
      quantity: settledPartners * settlementReadUnits,
      unit: "dynamoDbReadRequestUnit",
    },
  ];

  const monthly = total(busyClicks) + total(headlineLines) + 2 * total(settlementLines);
  const measuredAt = (section: keyof BenchFigures) =>
    `${figures[section].machine.date}, code ${figures[section].machine.revision}, \`${figures[section].machine.command}\``;
  const priceRows = Object.values(awsPrices).map(
    (price) =>
      `| ${price.service} | ${price.unit} | $${price.usd}${price.per === 1 ? "" : ` per ${formatNumber(price.per)}`} | ${price.source} |`,
  );

  return [
    "# What it costs to run",
    "",
    "Written by `npm run bench` (bench/lib/cost.ts) from the figures of its last output, docs/benchmarks.json, and the list prices in bench/lib/prices.ts; `npm run docs` writes it again from the same figures after a price changes. A test fails when this file is not what those figures give. Every line is a measured quantity times a unit price; where the bench cannot measure what AWS does (its latency), the assumption is named.",
    "",
    `Prices: AWS list prices for ${priceRegion}, on-demand, as of ${priceListDate}, without the free tier or Savings Plans. Figures measured: clicks ${measuredAt("redirect")}; billing events ${measuredAt("billing-events")}; settlement ${measuredAt("settlement")}; bundle ${measuredAt("bundle")}.`,
    "",
    "## 1,000,000 counted clicks",
    "",
    `A counted click is one HTTP API request, one redirect invocation and ${units(counted.counts.requests / counted.clicks, "DynamoDB request", 2)} (the click's conditional put, ${units(clickWriteUnits, "write unit", 2)}); repeats, bots, paid clicks and HEAD requests cost the HTTP API request and the invocation only. Duration: the redirect's CPU per click measured in process (${formatNumber(inProcess.cpuMicrosecondsPerInvocation, 0)} µs on the bench machine's full core) over its ${redirectMemory} MB share of a vCPU (${(vcpuShareOf(redirectMemory) * 100).toFixed(0)} %), plus ${awsLatencyAssumptions.singleItemRequestMilliseconds} ms assumed for DynamoDB to answer the put. The counters are added by the click aggregator from the table's stream: its cost depends on how many clicks arrive together, so two cases are shown, the bench's load run (${formatNumber(load.clicksPerSecond, 0)} clicks a second, ${formatNumber(clicksPerAggregation, 1)} clicks per aggregator invocation, ${formatNumber(busy.writeUnits, 1)} write units each) and a quiet link whose every click is aggregated alone (a checkpoint read and a transaction of ${formatNumber(quiet.writeUnits, 1)} write units per click, as the load run's writing invocations measured).`,
    "",
    `### At the load run's rate (${formatNumber(clicksPerAggregation, 1)} clicks per aggregation)`,
    "",
    ...table(busyClicks),
    "",
    "### Every click aggregated alone (a quiet link)",
    "",
    ...table(quietClicks),
    "",
    "## 1,000,000 billing events",
    "",
    `Per event as the bench measured each kind (a warm container; requests and write units by AWS's rules, the global secondary indexes' writes included). The consumer's duration is its CPU per event in the bench's throughput run (${formatNumber(throughput.handlerCpuMicrosecondsPerEvent, 0)} µs, over loopback, so an upper bound) over its ${consumerMemory} MB share of a vCPU (${(vcpuShareOf(consumerMemory) * 100).toFixed(0)} %), plus the event's DynamoDB requests at ${awsLatencyAssumptions.singleItemRequestMilliseconds} ms (${awsLatencyAssumptions.transactionMilliseconds} ms for a transaction) shared by the ${throughput.concurrency} events a batch processes at once.`,
    "",
    "| event | DynamoDB requests | write units | read units | outbound sends | AWS cost of 1,000,000 |",
    "|---|---:|---:|---:|---:|---:|",
    ...billingEvents.kinds.map(
      (kind) =>
        `| ${kind.kind} | ${formatNumber(kind.counts.requests / kind.events, 2)} | ${formatNumber(writeUnitsPer(kind.counts, kind.events), 1)} | ${formatNumber(kind.counts.readCapacityUnits / kind.events, 1)} | ${formatNumber(kind.sqsSends / kind.events, 2)} | ${usd(total(eventLines(kind)))} |`,
    ),
    "",
    `### 1,000,000 events of the kind "${headlineKind.kind}", line by line`,
    "",
    ...table(headlineLines),
    "",
    "The duplicate rows understate AWS's bill a little: AWS bills a cancelled transaction's writes, DynamoDB Local reports none.",
    "",
    `## One settlement of ${formatNumber(settledPartners)} partners`,
    "",
    `Per account as the bench's settlement run measured it (${formatNumber(settlement.settled)} accounts through the real queue and worker). Duration: ${settlementSecondsPerBatchOnAws * 1000} ms per batch of ten accounts on AWS (ten steps of a BatchGetItem, a transaction and a statement send, run at once), as in docs/benchmarks.md.`,
    "",
    ...table(settlementLines),
    "",
    "## Beside the SaaS plans",
    "",
    `A month of 1,000,000 counted clicks (at the load run's rate), 1,000,000 referred recharges and two settlements of ${formatNumber(settledPartners)} partners costs about **${usd(monthly)}** on AWS, in the operator's own account, for every program at once. The plans an operator would otherwise pick are priced by plan, by revenue or by payout, not by traffic:`,
    "",
    "| product | price | scales with | source |",
    "|---|---|---|---|",
    ...saasPlans.map((plan) => `| ${plan.product} | ${plan.price} | ${plan.scales} | ${plan.source} |`),
    "",
    `So the AWS bill of this volume is ${monthly < 49 ? "below the cheapest listed plan" : "comparable to the listed plans"}, before any payout fee: a fee of 5 % (Dub) on 100,000 EUR of commissions paid out in a month is 5,000 EUR, and a 3 % funding fee (Rewardful's Managed Payouts) is 3,000 EUR. What the figures leave out on both sides: CloudWatch Logs and metrics, data transfer out, the operator's own mailer and billing system, and the people who run either.`,
    "",
    "## Unit prices",
    "",
    `${priceRegion}, list prices as of ${priceListDate}.`,
    "",
    "| service | unit | price | source |",
    "|---|---|---:|---|",
    ...priceRows,
    "",
  ].join("\n");
}
