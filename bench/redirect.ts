/**
 * The redirect (functions/http/redirect.ts) on DynamoDB Local, through its production wiring
 * (redirectDependenciesFromEnvironment: the shared document client, the system clock): DynamoDB
 * requests and capacity units per click for each kind of click, handler CPU and wall time per click
 * over a long run of invocations in this process, and a bounded load run with the click aggregator
 * running on DynamoDB Local's stream beside it (clicks counted must equal clicks sent).
 */

import { Readable } from "node:stream";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Context } from "aws-lambda";
import type { HttpEvent, HttpResponse } from "../functions/middleware/http-stack.ts";
import { createDocumentClient } from "../shared/data/client.ts";
import { keys } from "../shared/data/keys.ts";
import { createReferralStore } from "../shared/data/referral-store.ts";
import { systemClock } from "../shared/domain/clock.ts";
import { cryptoRandomBytes } from "../shared/domain/referral-code.ts";
import { ensureReferralLink } from "../shared/use-cases/ensure-referral-link.ts";
import type { RedirectDependencies } from "../shared/use-cases/redirect-dependencies.ts";
import { browserUserAgent, type HttpEventInput, httpEvent, lambdaContext } from "../test/support/http-events.ts";
import {
  addCounts,
  countRequests,
  countsBetween,
  type RequestCounts,
  snapshotCounts,
  stopCountingRequests,
} from "./lib/request-counter.ts";
import { measureCpuAndWall, millisecondsSince, quantile } from "./lib/stats.ts";

type RedirectHandler = (event: HttpEvent, context: Context) => Promise<HttpResponse>;

export interface RedirectModule {
  createRedirectHandler(dependencies: RedirectDependencies): RedirectHandler;
}

export interface RedirectBenchOptions {
  readonly redirect: RedirectModule;
  /** A new container's dependencies: empty caches, the shared client. */
  readonly newContainerDependencies: () => RedirectDependencies;
  /** The same dependencies on another document client (for the run without the socket). */
  readonly dependenciesOn: (documentClient: DynamoDBDocumentClient) => RedirectDependencies;
  /** The client the handler's dependencies send through (the counter goes on it). */
  readonly documentClient: DynamoDBDocumentClient;
  /** A separate client for setup and checks, so they are not counted. */
  readonly adminClient: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly clicksPerScenario: number;
  readonly timedInvocations: number;
  readonly warmUpInvocations: number;
  /** Runs the click aggregator over the table's stream until every counted click so far is in the counters. */
  readonly aggregateClicks: () => Promise<void>;
  /** Starts the click aggregator polling the stream in the background, as the local stack runs it. */
  readonly startClickAggregator: () => { stop(): Promise<void> };
  /** The aggregator's invocations and DynamoDB requests so far (its own client, counted apart from the redirect's). */
  readonly aggregatorUsage: () => { readonly invocations: number; readonly counts: RequestCounts };
  /** The load run: this many clicks in flight at once, for this long. */
  readonly loadConcurrency: number;
  readonly loadSeconds: number;
  readonly log: (line: string) => void;
}

export interface ClickScenarioFigures {
  readonly scenario: string;
  /** What the handler's use case decided (from the response), to show the scenario is what it says. */
  readonly expectation: string;
  readonly clicks: number;
  readonly counts: RequestCounts;
}

export interface TimedFigures {
  readonly scenario: string;
  readonly invocations: number;
  readonly cpuMicrosecondsPerInvocation: number;
  readonly wallMillisecondsP50: number;
  readonly wallMillisecondsP99: number;
  readonly wallMillisecondsTotal: number;
}

/** Clicks by distinct visitors on one code, as fast as this process and DynamoDB Local allow, for a bounded time. */
export interface LoadFigures {
  readonly concurrency: number;
  readonly seconds: number;
  readonly sent: number;
  /** What the code's clickCount grew by, once the aggregator had caught up. */
  readonly counted: number;
  readonly clicksPerSecond: number;
  /** The redirect's wall time per click under this load (median, 99th percentile). */
  readonly wallMillisecondsP50: number;
  readonly wallMillisecondsP99: number;
  /** From the last click's 302 until the counters held every click (the aggregator polling beside the load). */
  readonly catchUpMilliseconds: number;
  /** What the click aggregator did for the load run's clicks (from its start to its stop). */
  readonly aggregator: { readonly invocations: number; readonly counts: RequestCounts };
}

export interface RedirectFigures {
  readonly code: string;
  readonly warmUpInvocations: number;
  readonly scenarios: readonly ClickScenarioFigures[];
  readonly timed: readonly TimedFigures[];
  readonly load: LoadFigures;
}

const context = lambdaContext("redirect");

/** The timed row whose put is answered in process (see clientAnsweringPutsInProcess). */
export const inProcessRowName = "new visitor, counted click, the put answered in process (no socket, no engine)";

/** Headers a desktop browser sends when following a shared link from a social network. */
const browserHeaders = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br, zstd",
  "accept-language": "cs-CZ,cs;q=0.9,en;q=0.8",
  referer: "https://www.facebook.com/",
  "sec-fetch-dest": "document",
  "sec-fetch-mode": "navigate",
  "sec-fetch-site": "cross-site",
  "upgrade-insecure-requests": "1",
  "x-amzn-trace-id": "Root=1-67890abc-0123456789abcdef01234567",
};

let visitorNumber = 0;

/** A source IP no earlier click in this run used: a new visitor for the 24-hour repeat check. */
function newVisitorIp(): string {
  visitorNumber += 1;
  return `10.${(visitorNumber >> 16) & 255}.${(visitorNumber >> 8) & 255}.${visitorNumber & 255}`;
}

/** A realistic API Gateway HTTP API (payload 2.0) event for GET /r/{link+}. */
function clickEvent(code: string, overrides: Partial<HttpEventInput> = {}): HttpEvent {
  return httpEvent({
    method: "GET",
    route: "/r/{link+}",
    path: `/r/${code}/hosting/vps`,
    query: "utm_source=facebook&utm_medium=social&utm_campaign=spring",
    headers: browserHeaders,
    domainName: "go.example.com",
    sourceIp: newVisitorIp(),
    userAgent: browserUserAgent,
    ...overrides,
  });
}

function clickIdOf(response: HttpResponse): string | null {
  const location = response.headers?.location;
  if (response.statusCode !== 302 || typeof location !== "string")
    throw new Error(`the redirect answered ${response.statusCode}: ${JSON.stringify(response)}`);
  return new URL(location).searchParams.get("ref_click");
}

function cookieClickIdOf(response: HttpResponse): string | undefined {
  const cookie = response.cookies?.find((value) => value.startsWith("ref="));
  return cookie?.slice("ref=".length).split(";")[0];
}

/** The code's counter, once the aggregator has added every counted click so far (from the stream). */
async function clickCountOf(options: RedirectBenchOptions, code: string): Promise<number> {
  await options.aggregateClicks();
  return await storedClickCountOf(options, code);
}

/** The code's counter as stored now. */
async function storedClickCountOf(options: RedirectBenchOptions, code: string): Promise<number> {
  const result = await options.adminClient.send(
    new GetCommand({ TableName: options.tableName, Key: keys.referralCode(code), ConsistentRead: true }),
  );
  return Number(result.Item?.clickCount ?? 0);
}

interface InProcessPuts {
  readonly client: DynamoDBClient;
  /** How many puts were answered in process. */
  answered(): number;
  destroy(): void;
}

/**
 * A client that answers PutItem itself, with the empty success DynamoDB returns, and sends everything
 * else to the engine: the counted click then costs its handler and SDK work without a socket or a
 * wait, which separates the code's CPU from this machine's loopback and DynamoDB Local.
 */
function clientAnsweringPutsInProcess(): InProcessPuts {
  const wire = new DynamoDBClient({ maxAttempts: 3 });
  const wireHandler = wire.config.requestHandler as { handle(request: unknown, options?: unknown): Promise<unknown> };
  let answered = 0;
  const requestHandler = {
    handle(request: { headers: Record<string, string> }, options?: unknown) {
      const target = Object.entries(request.headers).find(([name]) => name.toLowerCase() === "x-amz-target")?.[1] ?? "";
      if (!target.endsWith(".PutItem")) return wireHandler.handle(request, options);
      answered += 1;
      return Promise.resolve({
        response: { statusCode: 200, headers: { "content-type": "application/x-amz-json-1.0" }, body: Readable.from([Buffer.from("{}")]) },
      });
    },
  };
  const client = new DynamoDBClient({ maxAttempts: 3, requestHandler: requestHandler as never });
  return {
    client,
    answered: () => answered,
    destroy: () => {
      client.destroy();
      wire.destroy();
    },
  };
}

export async function benchmarkRedirect(options: RedirectBenchOptions): Promise<RedirectFigures> {
  const { redirect, log } = options;
  const { link } = await ensureReferralLink(
    {
      referralStore: createReferralStore({ documentClient: options.adminClient, tableName: options.tableName }),
      clock: systemClock,
      randomBytes: cryptoRandomBytes,
    },
    "bench-referrer",
    "ex2-credit",
  );
  const code = link.code;
  log(`redirect: code ${code}`);

  const counts = countRequests(options.documentClient);
  const scenarios: ClickScenarioFigures[] = [];
  const clicks = options.clicksPerScenario;

  /** Runs `clicks` clicks of one kind and records the requests they made. */
  async function scenario(
    name: string,
    expectation: string,
    handler: RedirectHandler,
    event: () => HttpEvent,
    check: (response: HttpResponse) => void,
    count = clicks,
  ): Promise<RequestCounts> {
    const before = snapshotCounts(counts);
    for (let index = 0; index < count; index += 1) check(await handler(event(), context));
    const measured = countsBetween(before, snapshotCounts(counts));
    scenarios.push({ scenario: name, expectation, clicks: count, counts: measured });
    return measured;
  }

  // (d) The first click on a new container: the configuration and the code are read once, then cached.
  const coldRuns = 5;
  let coldTotal: RequestCounts | undefined;
  for (let run = 0; run < coldRuns; run += 1) {
    const coldHandler = redirect.createRedirectHandler(options.newContainerDependencies());
    const before = snapshotCounts(counts);
    if (!clickIdOf(await coldHandler(clickEvent(code), context))) throw new Error("a cold click got no click id");
    const measured = countsBetween(before, snapshotCounts(counts));
    coldTotal = coldTotal ? addCounts(coldTotal, measured) : measured;
  }
  scenarios.push({
    scenario: "first click on a new container (cold caches)",
    expectation: "counted; configuration and code read, then cached",
    clicks: coldRuns,
    counts: coldTotal!,
  });

  // The warm container every other scenario uses.
  const handler = redirect.createRedirectHandler(options.newContainerDependencies());
  await handler(clickEvent(code), context);

  const clickCountBefore = await clickCountOf(options, code);
  const counted = await scenario(
    "new visitor, counted click (warm)",
    "counted: click id, cookie, counters +1",
    handler,
    () => clickEvent(code),
    (response) => {
      if (!clickIdOf(response) || !cookieClickIdOf(response)) throw new Error("a counted click got no click id or no cookie");
    },
  );
  const clickCountAfter = await clickCountOf(options, code);
  if (clickCountAfter - clickCountBefore !== clicks)
    throw new Error(
      `the code's clickCount grew by ${clickCountAfter - clickCountBefore}, expected ${clicks}: the handler did not count every click`,
    );
  if (counted.requests < 1 || counted.writeCapacityUnits <= 0)
    throw new Error(
      `counted clicks made ${counted.requests} requests and ${counted.writeCapacityUnits} write units: the counter does not see the handler's client`,
    );

  // (b) Repeats within 24 hours: with the first-party cookie (no write at all) and without it (same IP and browser).
  const repeatIp = newVisitorIp();
  const first = await handler(clickEvent(code, { sourceIp: repeatIp }), context);
  const cookieClickId = cookieClickIdOf(first);
  if (!cookieClickId) throw new Error("the first click of the repeat visitor set no cookie");
  await scenario(
    "repeat within 24 h, with the ref cookie",
    "not counted, same click id kept",
    handler,
    () => clickEvent(code, { sourceIp: repeatIp, cookies: [`ref=${cookieClickId}`, "_ga=GA1.2.123.456"] }),
    (response) => {
      if (clickIdOf(response) !== cookieClickId) throw new Error("a repeat with the cookie got a new click id");
    },
  );
  const clickCountBeforeRepeats = await clickCountOf(options, code);
  await scenario(
    "repeat within 24 h, no cookie (same IP and browser)",
    "not counted: the visitor's counted click refuses the put",
    handler,
    () => clickEvent(code, { sourceIp: repeatIp }),
    (response) => {
      if (!clickIdOf(response)) throw new Error("a repeat without cookie got no click id");
    },
  );
  if ((await clickCountOf(options, code)) !== clickCountBeforeRepeats) throw new Error("repeats within 24 hours were counted");

  // (c) Traffic that is never counted.
  const notCounted = (response: HttpResponse) => {
    if (clickIdOf(response) !== null) throw new Error("an uncounted visit got a click id");
  };
  await scenario(
    "bot / link preview (facebookexternalhit)",
    "not counted, no click id",
    handler,
    () => clickEvent(code, { userAgent: "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)" }),
    notCounted,
  );
  await scenario(
    "paid click (gclid)",
    "not counted, no click id",
    handler,
    () => clickEvent(code, { query: "gclid=EAIaIQobChMI&utm_source=google" }),
    notCounted,
  );
  await scenario("HEAD request", "not counted, no click id", handler, () => clickEvent(code, { method: "HEAD" }), notCounted);
  await scenario("unknown code (warm, cached as unknown)", "home page", handler, () => clickEvent("ZZZZZZZZ"), notCounted);
  stopCountingRequests(options.documentClient);

  // Timed runs, counter removed: the client exactly as deployed.
  const timed: TimedFigures[] = [];
  async function timedRun(
    name: string,
    event: () => HttpEvent,
    timedHandler: RedirectHandler = handler,
    countsClicks = false,
  ): Promise<void> {
    const clickCountBeforeRun = countsClicks ? await clickCountOf(options, code) : 0;
    for (let index = 0; index < options.warmUpInvocations; index += 1) await timedHandler(event(), context);
    const events = Array.from({ length: options.timedInvocations }, event);
    const wallSamples: number[] = [];
    const measured = await measureCpuAndWall(async () => {
      for (const one of events) {
        const started = process.hrtime.bigint();
        const response = await timedHandler(one, context);
        wallSamples.push(millisecondsSince(started));
        if (response.statusCode !== 302) throw new Error(`timed run ${name}: status ${response.statusCode}`);
      }
    });
    timed.push({
      scenario: name,
      invocations: events.length,
      cpuMicrosecondsPerInvocation: measured.cpuMicroseconds / events.length,
      wallMillisecondsP50: quantile(wallSamples, 0.5),
      wallMillisecondsP99: quantile(wallSamples, 0.99),
      wallMillisecondsTotal: measured.wallMilliseconds,
    });
    log(`redirect: ${name}: ${(measured.cpuMicroseconds / events.length).toFixed(0)} µs CPU per click over ${events.length}`);
    if (countsClicks) {
      // The counter is off here: check on the table that every click was counted, not just redirected.
      const grown = (await clickCountOf(options, code)) - clickCountBeforeRun;
      if (grown !== options.warmUpInvocations + events.length)
        throw new Error(`timed run ${name}: the code's clickCount grew by ${grown}, expected ${options.warmUpInvocations + events.length}`);
    }
  }
  await timedRun("new visitor, counted click (warm)", () => clickEvent(code), handler, true);
  await timedRun("repeat within 24 h, with the ref cookie", () =>
    clickEvent(code, { sourceIp: repeatIp, cookies: [`ref=${cookieClickId}`] }),
  );
  await timedRun("bot / link preview", () =>
    clickEvent(code, { userAgent: "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)" }),
  );
  const inProcess = clientAnsweringPutsInProcess();
  const inProcessDocumentClient = createDocumentClient(inProcess.client);
  const inProcessHandler = redirect.createRedirectHandler(options.dependenciesOn(inProcessDocumentClient));
  // First make sure the SDK accepts the canned answer: a rejected one would leave the click "count_failed", still a 302.
  const probe = countRequests(inProcessDocumentClient);
  for (let index = 0; index < 5; index += 1) await inProcessHandler(clickEvent(code), context);
  stopCountingRequests(inProcessDocumentClient);
  if (probe.byCommand.PutItemCommand !== 5 || Object.keys(probe.failedByError).length > 0)
    throw new Error(`the in-process put answer is not accepted: ${JSON.stringify(probe)}`);
  const answeredBefore = inProcess.answered();
  await timedRun(inProcessRowName, () => clickEvent(code), inProcessHandler);
  if (inProcess.answered() - answeredBefore !== options.warmUpInvocations + options.timedInvocations)
    throw new Error("not every click of the in-process run reached its put");
  inProcess.destroy();

  const load = await loadRun(options, handler, code);
  return { code, warmUpInvocations: options.warmUpInvocations, scenarios, timed, load };
}

/**
 * `loadConcurrency` clicks in flight at once, each by a new visitor, for `loadSeconds`, with the click
 * aggregator polling the stream beside them (both in this process, on this machine's cores with
 * DynamoDB Local). Every click must be counted once the aggregator has caught up.
 */
async function loadRun(options: RedirectBenchOptions, handler: RedirectHandler, code: string): Promise<LoadFigures> {
  const before = await clickCountOf(options, code);
  const usageBefore = options.aggregatorUsage();
  const aggregator = options.startClickAggregator();
  const wallSamples: number[] = [];
  let sent = 0;
  const started = Date.now();
  const deadline = started + options.loadSeconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: options.loadConcurrency }, async () => {
        while (Date.now() < deadline) {
          const clickStarted = process.hrtime.bigint();
          const response = await handler(clickEvent(code), context);
          wallSamples.push(millisecondsSince(clickStarted));
          if (!clickIdOf(response)) throw new Error("a click of the load run got no click id");
          sent += 1;
        }
      }),
    );
    const ended = Date.now();
    // The aggregator keeps polling: wait (bounded) until the counters hold every click sent.
    let stored = await storedClickCountOf(options, code);
    while (stored - before < sent && Date.now() - ended < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stored = await storedClickCountOf(options, code);
    }
    const catchUpMilliseconds = Date.now() - ended;
    await aggregator.stop();
    const usageAfter = options.aggregatorUsage();
    const counted = (await clickCountOf(options, code)) - before;
    if (counted !== sent) throw new Error(`load run: ${sent} clicks sent, ${counted} counted`);
    const figures: LoadFigures = {
      concurrency: options.loadConcurrency,
      seconds: (ended - started) / 1000,
      sent,
      counted,
      clicksPerSecond: sent / ((ended - started) / 1000),
      wallMillisecondsP50: quantile(wallSamples, 0.5),
      wallMillisecondsP99: quantile(wallSamples, 0.99),
      catchUpMilliseconds,
      aggregator: {
        invocations: usageAfter.invocations - usageBefore.invocations,
        counts: countsBetween(usageBefore.counts, usageAfter.counts),
      },
    };
    options.log(
      `redirect: load run: ${sent} clicks in ${figures.seconds.toFixed(1)} s (${figures.clicksPerSecond.toFixed(0)}/s), ${counted} counted, caught up ${catchUpMilliseconds} ms after the last`,
    );
    return figures;
  } finally {
    await aggregator.stop();
  }
}
