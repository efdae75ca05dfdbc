/**
 * What the system runs, as plain data (no CDK import): every function with its entry file, the table
 * and queue access it needs, and every HTTP route, queue trigger and schedule. The CDK stack builds
 * its resources from this list and the local stack serves the same handlers from it, so the two
 * cannot disagree about a route or a grant.
 */
import { type IdentifiedHttpRoute, routeList } from "../shared/http-routes.ts";
import { limits } from "../shared/limits.ts";

export type TableAccess = "read" | "readWrite";

export interface FunctionSpec {
  /** Logical name, also the local log prefix. */
  readonly name: string;
  /** Path from the repository root to the file exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly tableAccess: TableAccess;
  /** Sends to the outbound queue (credits and notices to the operator's billing system). */
  readonly sendsOutbound?: boolean;
  /** Moves unprocessable billing events to the dead-letter queue itself, with a reason. */
  readonly sendsToBillingDeadLetterQueue?: boolean;
  /** Builds referral links: gets REFERRAL_LINK_BASE_URL (never the request's host). */
  readonly buildsReferralLinks?: boolean;
  readonly memoryMegabytes?: number;
  readonly timeoutSeconds?: number;
}

/**
 * An HTTP route as the stack builds it: defined once in shared/http-routes.ts (method, path, function,
 * typed auth, throttle), where the handlers and the OpenAPI document read it too.
 */
export type HttpRouteSpec = IdentifiedHttpRoute;

export interface ScheduleSpec {
  readonly name: string;
  readonly functionName: string;
  /** EventBridge Scheduler cron expression, evaluated in the operator's time zone. */
  readonly cron: string;
  readonly description: string;
}

export const functionSpecs: readonly FunctionSpec[] = [
  {
    name: "redirect",
    entry: "functions/http/redirect.ts",
    description: "GET /r/{link+}: 302 to the operator's site, counts the click",
    tableAccess: "readWrite",
    memoryMegabytes: 512,
  },
  {
    name: "create-attribution",
    entry: "functions/http/create-attribution.ts",
    description: "POST /attributions: attribute a sign-up to its referrer",
    tableAccess: "readWrite",
  },
  {
    name: "get-referral",
    entry: "functions/http/get-referral.ts",
    description: "GET /accounts/{accountId}/referral: link, code and stats",
    tableAccess: "readWrite",
    buildsReferralLinks: true,
  },
  { name: "get-ledger", entry: "functions/http/get-ledger.ts", description: "GET /accounts/{accountId}/ledger", tableAccess: "read" },
  { name: "get-balance", entry: "functions/http/get-balance.ts", description: "GET /accounts/{accountId}/balance", tableAccess: "read" },
  {
    name: "mark-referral-fraudulent",
    entry: "functions/http/mark-referral-fraudulent.ts",
    description: "POST /referrals/{refereeAccountId}/fraud: the operator stops a referral's rewards",
    tableAccess: "readWrite",
  },
  {
    name: "get-openapi",
    entry: "functions/http/get-openapi.ts",
    description: "GET /openapi.json: the API description",
    tableAccess: "read",
    memoryMegabytes: 256,
  },
  {
    name: "billing-events",
    entry: "functions/events/billing-events.ts",
    description: "SQS consumer: billing events into the ledger",
    tableAccess: "readWrite",
    sendsOutbound: true,
    sendsToBillingDeadLetterQueue: true,
    timeoutSeconds: 60,
  },
  {
    name: "settle-commissions",
    entry: "functions/schedules/settle-commissions.ts",
    description: "Semi-monthly settlement of pending commissions",
    tableAccess: "readWrite",
    sendsOutbound: true,
    timeoutSeconds: 300,
  },
  {
    name: "expire-discounts",
    entry: "functions/schedules/expire-discounts.ts",
    description: "Daily discount expiry and activation",
    tableAccess: "readWrite",
    sendsOutbound: true,
    timeoutSeconds: 300,
  },
];

/** Every HTTP route (shared/http-routes.ts): add a route there, with its contract in shared/schemas/api-routes.ts. */
export const httpRoutes: readonly HttpRouteSpec[] = routeList;

/** The billing-events queue feeds this function; failures are reported per record. */
export const billingEventsConsumer = {
  functionName: "billing-events",
  batchSize: limits.billingEventsBatchSizeMax,
  maxBatchingWindowSeconds: 1,
  /** After this many receives a message moves to the dead-letter queue. */
  maxReceiveCount: 5,
  visibilityTimeoutSeconds: 6 * 60,
  maxConcurrency: 5,
} as const;

export const schedules: readonly ScheduleSpec[] = [
  {
    name: "settle-commissions",
    functionName: "settle-commissions",
    // 00:00 on the 1st (settles the 15th to month end) and on the 15th (settles the 1st to the 14th).
    cron: "cron(0 0 1,15 * ? *)",
    description: "Semi-monthly commission settlement",
  },
  {
    name: "expire-discounts",
    functionName: "expire-discounts",
    cron: "cron(5 0 * * ? *)",
    description: "Daily discount expiry and activation",
  },
];

export const queueNames = {
  billingEvents: "billing-events",
  billingEventsDeadLetter: "billing-events-dlq",
  /** FIFO so that the billing system receives each credit once (deduplicated by entry id), in order per account. */
  outbound: "outbound.fifo",
  /** Outbound messages the operator's consumer failed to process (a FIFO queue needs a FIFO dead-letter queue). */
  outboundDeadLetter: "outbound-dlq.fifo",
} as const;
