/**
 * The billing-events queue consumer: each record is parsed, applied to the ledger exactly once, or
 * moved to the dead-letter queue with its reason (shared/use-cases/consume-billing-event.ts). Records
 * of one customer account are applied in arrival order, up to limits.billingEventsConcurrency accounts
 * at a time; transient failures are reported per record so only they are retried. The batch's referrals
 * are read in one request before any record is applied, and their outboxes are sent together after the last
 * (shared/use-cases/billing-event-batch.ts).
 */

import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import middy from "@middy/core";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { isDomainError } from "../../shared/errors.ts";
import { limits } from "../../shared/limits.ts";
import { alarmedMetricNames, containerLogger, logger, metrics } from "../../shared/observability.ts";
import { withBatchedOutbox, withBatchReads } from "../../shared/use-cases/billing-event-batch.ts";
import {
  consumeBillingEvent,
  orderingKeyOf,
  type ParsedQueueMessage,
  parseQueueMessage,
} from "../../shared/use-cases/consume-billing-event.ts";
import type { LedgerDependencies } from "../../shared/use-cases/ledger-dependencies.ts";
import { processPartialBatch } from "../middleware/sqs-partial-batch.ts";
import { ledgerDependenciesFromEnvironment } from "../wiring/ledger.ts";

function queueMessageOf(record: SQSRecord): ParsedQueueMessage {
  return parseQueueMessage({ messageId: record.messageId, body: record.body, receiveCount: record.attributes?.ApproximateReceiveCount });
}

function logFailure(record: SQSRecord, error: unknown): void {
  const details = {
    messageId: record.messageId,
    receiveCount: record.attributes?.ApproximateReceiveCount,
    error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
  };
  // Transient failures are expected now and then; anything else is a bug and is retried until the DLQ.
  if (isDomainError(error) && error.code === "transient") logger.warn("billing event failed, will be retried", details);
  else
    logger.error("billing event failed unexpectedly, will be retried", {
      ...details,
      stack: error instanceof Error ? error.stack : undefined,
    });
}

export function createBillingEventsHandler(dependencies: LedgerDependencies) {
  return (
    middy<SQSEvent, SQSBatchResponse, Error, Context>({ timeoutEarlyInMillis: 0 })
      .use(injectLambdaContext(containerLogger()))
      // One EMF line per batch with the outcome counts (shared/use-cases/consume-billing-event.ts).
      .use(logMetrics(metrics))
      .handler(async (event) => {
        const records = event.Records ?? [];
        // Each body is parsed once: the ordering key and the application both need the event.
        const messages = new Map(records.map((record) => [record, queueMessageOf(record)]));
        // The batch's referrals in one read, and its outboxes sent and marked together at its end
        // (shared/use-cases/billing-event-batch.ts).
        const outbox = withBatchedOutbox(
          await withBatchReads(
            dependencies,
            [...messages.values()].flatMap((message) => ("event" in message.parsed ? [message.parsed.event] : [])),
          ),
        );
        const applied = await processPartialBatch(records, {
          concurrency: limits.billingEventsConcurrency,
          groupOf: (record) => orderingKeyOf(messages.get(record)!),
          processRecord: async (record) => {
            await consumeBillingEvent(outbox.forRecord(record.messageId), messages.get(record)!);
          },
          onFailure: logFailure,
        });
        // A record whose outbox was not sent whole is retried: its redelivery is a duplicate that sends it again.
        const unsent = await outbox.flush();
        const failed = new Set([...applied.batchItemFailures.map((failure) => failure.itemIdentifier), ...unsent]);
        const response: SQSBatchResponse = {
          batchItemFailures: records
            .filter((record) => failed.has(record.messageId))
            .map((record) => ({ itemIdentifier: record.messageId })),
        };
        // Failed records do not fail the invocation (no Errors metric): this count is what the partial-batch alarm reads.
        metrics.addMetric(alarmedMetricNames.billingEventsBatchItemFailures, MetricUnit.Count, response.batchItemFailures.length);
        return response;
      })
  );
}

export const handler = createBillingEventsHandler(ledgerDependenciesFromEnvironment());
