/**
 * The AWS list prices docs/cost.md applies to the bench's figures, with where they were read and when.
 * One region, on-demand, no free tier, no Savings Plans. Update `priceListDate` and the figures together
 * when a price page changes; docs/cost.md shows both.
 */
import { functionSpecs } from "../../infra/catalog.ts";
import { memoryMegabytesDefault } from "../../infra/constructs/ledger-function.ts";

export const priceRegion = "us-east-1 (N. Virginia)";
export const priceListDate = "2026-12-01";

export interface UnitPrice {
  readonly service: string;
  readonly unit: string;
  readonly usd: number;
  /** How many units `usd` buys (a million requests, one GB-second). */
  readonly per: number;
  readonly source: string;
}

export const awsPrices = {
  dynamoDbWriteRequestUnit: {
    service: "DynamoDB on-demand",
    unit: "write request units",
    usd: 0.625,
    per: 1_000_000,
    source:
      "https://aws.amazon.com/dynamodb/pricing/on-demand/ (after the November 2024 reduction; as recorded in the team's research, anchors-2026-12.md)",
  },
  dynamoDbReadRequestUnit: {
    service: "DynamoDB on-demand",
    unit: "read request units",
    usd: 0.125,
    per: 1_000_000,
    source: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
  },
  dynamoDbStreamsLambdaReads: {
    service: "DynamoDB Streams",
    unit: "GetRecords calls made by a Lambda event source mapping",
    usd: 0,
    per: 1_000_000,
    source: "https://aws.amazon.com/dynamodb/pricing/on-demand/ (stream reads by Lambda triggers are free)",
  },
  lambdaArmGbSecond: {
    service: "Lambda (arm64)",
    unit: "GB-seconds of duration",
    usd: 0.0000133334,
    per: 1,
    source: "https://aws.amazon.com/lambda/pricing/ (first 7.5 billion GB-seconds a month)",
  },
  lambdaRequest: {
    service: "Lambda",
    unit: "invocations",
    usd: 0.2,
    per: 1_000_000,
    source: "https://aws.amazon.com/lambda/pricing/",
  },
  httpApiRequest: {
    service: "API Gateway HTTP API",
    unit: "requests (each 512 KB)",
    usd: 1.0,
    per: 1_000_000,
    source: "https://aws.amazon.com/api-gateway/pricing/ (first 300 million a month)",
  },
  sqsStandardRequest: {
    service: "SQS standard",
    unit: "requests (each 64 KB)",
    usd: 0.4,
    per: 1_000_000,
    source: "https://aws.amazon.com/sqs/pricing/ (first 100 billion a month)",
  },
  sqsFifoRequest: {
    service: "SQS FIFO",
    unit: "requests (each 64 KB)",
    usd: 0.5,
    per: 1_000_000,
    source: "https://aws.amazon.com/sqs/pricing/",
  },
} as const satisfies Record<string, UnitPrice>;

export type PricedUnit = keyof typeof awsPrices;

export function priceOf(unit: PricedUnit, quantity: number): number {
  const price: UnitPrice = awsPrices[unit];
  return (quantity * price.usd) / price.per;
}

/**
 * What AWS is assumed to answer in, where the bench (on DynamoDB Local over loopback) cannot say: the
 * figures docs/cost.md turns into Lambda duration. DynamoDB's own single-digit milliseconds for a
 * single-item request inside a Region; a transaction takes about twice that.
 */
export const awsLatencyAssumptions = {
  singleItemRequestMilliseconds: 5,
  transactionMilliseconds: 10,
};

/** A settlement batch of 10 accounts on AWS: ten steps of a BatchGetItem, a transaction and a statement send, run at once. */
export const settlementSecondsPerBatchOnAws = 0.25;

/** The memory a function is deployed with (infra/catalog.ts, else the construct's default). */
export function memoryOf(functionName: string): number {
  return functionSpecs.find((spec) => spec.name === functionName)?.memoryMegabytes ?? memoryMegabytesDefault;
}

/** AWS Lambda: a function gets one full vCPU at 1,769 MB, proportionally less below. */
export const megabytesPerVcpu = 1_769;

/** The share of a vCPU a function gets at `memoryMegabytes` (at most one). */
export function vcpuShareOf(memoryMegabytes: number): number {
  return Math.min(1, memoryMegabytes / megabytesPerVcpu);
}

/**
 * The SaaS plans an operator would otherwise pick, as the team's research read them (November 2026).
 * Their prices are by plan and by revenue, not by click or event; each says what it covers.
 */
export interface SaasPlan {
  readonly product: string;
  readonly price: string;
  readonly monthlyUsd?: number;
  readonly scales: string;
  readonly source: string;
}

export const saasPlans: readonly SaasPlan[] = [
  {
    product: "Rewardful",
    price: "from $49 a month; extra programs cost more; Managed Payouts add a 3 % fee on the funded invoice",
    monthlyUsd: 49,
    scales: "by plan (revenue tracked), Stripe or Paddle billing only",
    source:
      "https://affonso.io/blog/how-to-cancel-rewardful-affiliate-software-subscription (3rd-party, competitor); https://help.rewardful.com/en/articles/11930611-what-is-managed-payouts",
  },
  {
    product: "Dub Partners",
    price: "about $90 a month plus 5 % payout fees",
    monthlyUsd: 90,
    scales: "by plan and by the payouts sent (fee on every payout)",
    source: "https://github.com/superdesigndev/treg/pull/145 (3rd-party, cited in research/dub.md)",
  },
  {
    product: "FirstPromoter",
    price: "rises with the revenue affiliates generate",
    scales: "by affiliate-generated revenue",
    source:
      "https://affiliateshub.co.za.bestpiecejob.co.za/firstpromoter-affiliate-software-review-pricing-features-integrations-guide-746.html (3rd-party review)",
  },
  {
    product: "PartnerStack",
    price: "a take fee (a percentage) on every reward invoice",
    scales: "by rewards paid",
    source: "https://support.partnerstack.com/hc/en-us/articles/360009437334-Company-FAQs",
  },
];
