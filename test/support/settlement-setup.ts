/**
 * Settlement on the ledger test setup: the real scheduled handler and the real queue worker, on
 * DynamoDB Local and the local SQS server, each with its own function's grants; `drainSettlement`
 * plays the event source mapping (receive a batch, invoke the worker, delete what succeeded) until the
 * queue is empty.
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSBatchResponse } from "aws-lambda";
import { createSettlementWorkHandler } from "../../functions/events/settlement-work.ts";
import { createSettleCommissionsHandler } from "../../functions/schedules/settle-commissions.ts";
import { createSettlementDependencies } from "../../functions/wiring/settlement.ts";
import { settlementLimits } from "../../shared/limits.ts";
import type { SettlementRunPlan } from "../../shared/use-cases/run-settlement.ts";
import type { SettlementDependencies } from "../../shared/use-cases/settlement-dependencies.ts";
import { withGrantsOf } from "./function-grants.ts";
import { lambdaContext } from "./http-events.ts";
import type { LedgerTestSetup } from "./ledger-setup.ts";
import { sqsEvent, sqsRecord } from "./sqs-events.ts";

export function settlementDependencies(setup: LedgerTestSetup, functionName: string, pageSize?: number): SettlementDependencies {
  return createSettlementDependencies({
    table: { documentClient: withGrantsOf([functionName], setup.table.documentClient), tableName: setup.table.tableName },
    clock: setup.clock,
    queueClient: setup.queueClient,
    outboundQueueUrl: setup.sqs.queueUrls.outbound,
    settlementQueueUrl: setup.sqs.queueUrls.settlement,
    ...(pageSize === undefined ? {} : { pageSize }),
  });
}

/** The schedule firing for `scheduledTime`: at that time or later (the clock moves on to it when it is behind). */
export async function fireSettlement(setup: LedgerTestSetup, scheduledTime: string): Promise<SettlementRunPlan> {
  if (setup.clock.now().getTime() < new Date(scheduledTime).getTime()) setup.clock.set(scheduledTime);
  const handler = createSettleCommissionsHandler(settlementDependencies(setup, "settle-commissions"));
  return await handler({ scheduleName: "settle-commissions", scheduledTime }, lambdaContext("settle-commissions"));
}

export interface DrainOptions {
  readonly pageSize?: number;
  /** Stop after this many batches (a crash half way); the rest stays on the queue. */
  readonly batchesMax?: number;
  readonly dependencies?: SettlementDependencies;
}

/** Feeds the settlement queue to the worker until it is empty; returns the records processed and failed. */
export async function drainSettlement(setup: LedgerTestSetup, options: DrainOptions = {}): Promise<{ processed: number; failed: number }> {
  const handler = createSettlementWorkHandler(options.dependencies ?? settlementDependencies(setup, "settlement-work", options.pageSize), {
    maxReceiveCount: settlementLimits.maxReceiveCount,
  });
  let processed = 0;
  let failed = 0;
  for (let batch = 0; options.batchesMax === undefined || batch < options.batchesMax; batch += 1) {
    const received = await setup.queueClient.send(
      new ReceiveMessageCommand({
        QueueUrl: setup.sqs.queueUrls.settlement,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ["ApproximateReceiveCount"],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) break;
    const records = messages.map((message) =>
      sqsRecord({
        messageId: message.MessageId!,
        body: message.Body!,
        receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? "1"),
      }),
    );
    const response = (await handler(sqsEvent(records), lambdaContext("settlement-work"))) as SQSBatchResponse;
    const failedIds = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
    processed += messages.length - failedIds.size;
    failed += failedIds.size;
    const done = messages.filter((message) => !failedIds.has(message.MessageId!));
    if (done.length > 0)
      await setup.queueClient.send(
        new DeleteMessageBatchCommand({
          QueueUrl: setup.sqs.queueUrls.settlement,
          Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
        }),
      );
    if (failedIds.size > 0) break;
  }
  return { processed, failed };
}
