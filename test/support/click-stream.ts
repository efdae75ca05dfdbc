/**
 * The click aggregator on a test table's real DynamoDB Local stream: the local stream poller
 * (scripts/lib/stream-poller.ts, as the local stack runs it) delivering to the real handler, with the
 * aggregate-clicks function's grants. `drain()`
 * returns once every click written so far is in the counters; `events` keeps what was delivered, so a
 * test can deliver a batch again.
 */
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { createAggregateClicksHandler } from "../../functions/streams/aggregate-clicks.ts";
import { createClickAggregatorDependencies } from "../../functions/wiring/click-aggregator.ts";
import { clickAggregator } from "../../infra/catalog.ts";
import { localAwsEnvironment } from "../../scripts/lib/dynamodb-local.ts";
import { createStreamPoller, type LambdaStreamEvent } from "../../scripts/lib/stream-poller.ts";
import { matchesClickStreamFilter } from "../../shared/data/click-stream.ts";
import type { TableContext } from "../../shared/data/table-context.ts";
import type { Clock } from "../../shared/domain/clock.ts";
import { withGrantsOf } from "./function-grants.ts";
import { lambdaContext } from "./http-events.ts";

export interface TestClickAggregator {
  /** Delivers every counted click written so far to the aggregator, through the table's stream. */
  drain(): Promise<void>;
  /** Invokes the aggregator with an event (a redelivery, for instance). */
  invoke(event: LambdaStreamEvent): Promise<unknown>;
  readonly events: LambdaStreamEvent[];
}

export function createTestClickAggregator(options: {
  readonly endpoint: string;
  readonly table: TableContext;
  readonly clock: Clock;
  readonly batchSize?: number;
  /** Stands between the poller and the handler (to deliver part of a batch, say); default: deliver as read. */
  readonly intercept?: (event: LambdaStreamEvent, deliver: (event: LambdaStreamEvent) => Promise<unknown>) => Promise<unknown>;
}): TestClickAggregator {
  // The aggregator's code runs with its catalog grants (test/support/function-grants.ts).
  const table = { ...options.table, documentClient: withGrantsOf([clickAggregator.functionName], options.table.documentClient) };
  const handler = createAggregateClicksHandler(createClickAggregatorDependencies({ table, clock: options.clock }));
  const events: LambdaStreamEvent[] = [];
  const invoke = (event: LambdaStreamEvent) => handler(event, lambdaContext(clickAggregator.functionName));
  const poller = createStreamPoller({
    client: new DynamoDBStreamsClient({
      endpoint: options.endpoint,
      region: localAwsEnvironment.AWS_REGION,
      credentials: { accessKeyId: localAwsEnvironment.AWS_ACCESS_KEY_ID, secretAccessKey: localAwsEnvironment.AWS_SECRET_ACCESS_KEY },
    }),
    tableName: options.table.tableName,
    batchSize: options.batchSize ?? clickAggregator.batchSize,
    filter: (record) => matchesClickStreamFilter(record as Parameters<typeof matchesClickStreamFilter>[0]),
    retryAttempts: 0,
    invoke: async (event) => {
      events.push(event);
      return await (options.intercept ? options.intercept(event, invoke) : invoke(event));
    },
    logError: (message, error) => {
      throw new Error(`${message}: ${String(error)}`);
    },
  });
  return { drain: () => poller.drain(), invoke, events };
}
