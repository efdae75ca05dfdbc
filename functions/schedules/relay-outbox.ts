/**
 * The outbox relay (EventBridge Scheduler, every minute; locally the stack's scheduler and
 * `npm run job -- relay-outbox`): sends every outbox not confirmed sent after the grace period
 * (shared/use-cases/relay-outbox.ts) and publishes the backlog it found as the `OutboxBacklog` metric,
 * on which an alarm fires (docs/deploy.md). It works on what is unsent when it runs: the event's
 * scheduledTime is only logged.
 */

import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { environmentVariables, runtimeConfig } from "../../shared/config.ts";
import { sharedQueueClient } from "../../shared/data/client.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { createOutboundSender } from "../../shared/data/message-queues.ts";
import { createOutboxStore } from "../../shared/data/outbox-store.ts";
import { defaultTableContext } from "../../shared/data/table-context.ts";
import { systemClock } from "../../shared/domain/clock.ts";
import { containerLogger, logger, metrics } from "../../shared/observability.ts";
import { scheduledJobEventSchema } from "../../shared/schemas/scheduled-job.ts";
import {
  type OutboxRelayDependencies,
  type OutboxRelayRun,
  outboxRelayMetricNames,
  relayOutbox,
} from "../../shared/use-cases/relay-outbox.ts";

export function createRelayOutboxHandler(dependencies: OutboxRelayDependencies) {
  return middy<unknown, OutboxRelayRun, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(containerLogger()))
    .use(logMetrics(metrics))
    .handler(async (event, context) => {
      const input = scheduledJobEventSchema.parse(event ?? {});
      const run = await relayOutbox(dependencies, { remainingMilliseconds: () => context.getRemainingTimeInMillis() });
      // Every run publishes its backlog, zero included, so the alarm always has a data point.
      metrics.addMetric(outboxRelayMetricNames.backlog, MetricUnit.Count, run.backlog);
      metrics.addMetric(outboxRelayMetricNames.relayed, MetricUnit.Count, run.relayed);
      metrics.addMetric(outboxRelayMetricNames.failed, MetricUnit.Count, run.failed);
      // A run that found nothing logs at DEBUG: it happens every minute, in AWS and on the local stack.
      const log = run.backlog > 0 ? logger.warn.bind(logger) : logger.debug.bind(logger);
      log("outbox relay run", { ...run, scheduledTime: input.scheduledTime });
      return run;
    });
}

function dependenciesFromEnvironment(): OutboxRelayDependencies {
  const config = runtimeConfig();
  if (!config.OUTBOUND_QUEUE_URL) throw new Error(`invalid function environment: ${environmentVariables.outboundQueueUrl} is required`);
  const table = defaultTableContext();
  return {
    outboxStore: createOutboxStore(table),
    ledgerStore: createLedgerStore(table, systemClock),
    outbound: createOutboundSender(sharedQueueClient(), config.OUTBOUND_QUEUE_URL),
    clock: systemClock,
  };
}

export const handler = createRelayOutboxHandler(dependenciesFromEnvironment());
