/**
 * The click aggregator: a DynamoDB Streams consumer on the table, fed only the writes of counted clicks
 * (the mapping's filter, shared/data/click-stream.ts), one shard's batch at a time. Adds them to the
 * codes' and the days' counters exactly once (shared/use-cases/aggregate-clicks.ts). An error fails the
 * batch: the mapping retries it, bisecting, a bounded number of times, then sends its description to the
 * on-failure queue (infra/constructs/stream-consumer.ts); the per-shard checkpoint makes every retry safe.
 *
 * The response carries an empty `state`: the mapping's tumbling window is there only so that Lambda puts
 * the shard id in each event (the checkpoint's key), and a windowed mapping counts a response without
 * `state` as a failure.
 */

import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { containerLogger, logger } from "../../shared/observability.ts";
import { clickStreamEventSchema } from "../../shared/schemas/click-stream.ts";
import { aggregateClicks, type ClickAggregatorDependencies } from "../../shared/use-cases/aggregate-clicks.ts";
import { clickAggregatorDependenciesFromEnvironment } from "../wiring/click-aggregator.ts";

export interface ClickStreamResponse {
  readonly state: Record<string, never>;
  readonly batchItemFailures: readonly { readonly itemIdentifier: string }[];
}

export function createAggregateClicksHandler(dependencies: ClickAggregatorDependencies) {
  return middy<unknown, ClickStreamResponse, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(containerLogger()))
    .handler(async (event) => {
      // Without a shard id there is no checkpoint to count against: a misconfigured mapping, not a batch to guess at.
      const input = clickStreamEventSchema.parse(event);
      if (input.Records.length > 0) {
        const summary = await aggregateClicks(dependencies, { shardId: input.shardId, records: input.Records });
        logger.info("clicks aggregated", { shardId: input.shardId, ...summary });
      }
      return { state: {}, batchItemFailures: [] };
    });
}

export const handler = createAggregateClicksHandler(clickAggregatorDependenciesFromEnvironment());
