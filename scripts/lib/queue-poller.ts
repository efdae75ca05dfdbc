/**
 * Plays Lambda's SQS event source mapping on the local stack: long-polls the queue, hands each batch to
 * the consumer as an SQSEvent, deletes the records that succeeded and leaves the rest to come back
 * after the visibility timeout, exactly as the mapping does with ReportBatchItemFailures:
 *   - `{ batchItemFailures: [{ itemIdentifier }] }` → only those records are retried;
 *   - a thrown error, a timeout, or a response naming an id that is not in the batch → the whole
 *     batch is retried;
 *   - after maxReceiveCount receives the queue's RedrivePolicy moves the message to the dead-letter
 *     queue (local-aws-sqs does this; see local-sqs.ts).
 */
import {
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { SQSEvent, SQSMessageAttributes, SQSRecord } from "aws-lambda";
import { localRegion } from "./lambda-runtime.ts";

export interface QueuePollerOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly batchSize: number;
  /**
   * How long one receive waits to fill a batch (the mapping's batching window). local-aws-sqs holds a
   * receive for the whole wait unless the batch fills, and can hand a message out twice in one receive
   * if the wait outlasts the visibility timeout, so keep it below the visibility timeout.
   */
  readonly waitSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  /** Batches in flight at once (the mapping's maximum concurrency). */
  readonly concurrency: number;
  readonly invoke: (event: SQSEvent) => Promise<unknown>;
  readonly log?: (line: string) => void;
  readonly logError?: (message: string, error: unknown) => void;
}

export interface RunningQueuePoller {
  /** Stops receiving and waits for the batches in flight to finish. */
  stop(): Promise<void>;
}

function toRecordAttributes(message: Message): SQSRecord["attributes"] {
  const attributes = message.Attributes ?? {};
  return {
    ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? "1",
    SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
    SenderId: attributes.SenderId ?? "LOCAL",
    ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    ...(attributes.SequenceNumber ? { SequenceNumber: attributes.SequenceNumber } : {}),
    ...(attributes.MessageGroupId ? { MessageGroupId: attributes.MessageGroupId } : {}),
    ...(attributes.MessageDeduplicationId ? { MessageDeduplicationId: attributes.MessageDeduplicationId } : {}),
    ...(attributes.DeadLetterQueueSourceArn ? { DeadLetterQueueSourceArn: attributes.DeadLetterQueueSourceArn } : {}),
    ...(attributes.AWSTraceHeader ? { AWSTraceHeader: attributes.AWSTraceHeader } : {}),
  };
}

/** SQS API attributes (PascalCase) → Lambda event attributes (camelCase), as the mapping converts them. */
function toRecordMessageAttributes(attributes: Record<string, MessageAttributeValue> | undefined): SQSMessageAttributes {
  const converted: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    converted[name] = {
      dataType: value.DataType ?? "String",
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString("base64") } : {}),
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((binary) => Buffer.from(binary).toString("base64")),
    };
  }
  return converted;
}

/** The SQSEvent Lambda's event source mapping would deliver for these messages. */
export function toSqsEvent(messages: readonly Message[], queueArn: string): SQSEvent {
  return {
    Records: messages.map(
      (message): SQSRecord => ({
        messageId: message.MessageId!,
        receiptHandle: message.ReceiptHandle!,
        body: message.Body ?? "",
        attributes: toRecordAttributes(message),
        messageAttributes: toRecordMessageAttributes(message.MessageAttributes),
        md5OfBody: message.MD5OfBody ?? "",
        ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
        eventSource: "aws:sqs",
        eventSourceARN: queueArn,
        awsRegion: localRegion,
      }),
    ),
  };
}

/**
 * The message ids to delete after an invocation, following the mapping's rules for partial batch
 * responses; undefined means the whole batch failed and nothing is deleted.
 */
export function succeededMessageIds(messageIds: readonly string[], response: unknown): string[] | undefined {
  if (response === undefined || response === null) return [...messageIds];
  if (typeof response !== "object") return undefined;
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return [...messageIds];
  if (!Array.isArray(failures)) return undefined;
  const failed = new Set<string>();
  for (const failure of failures) {
    const identifier = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    // An empty, missing or foreign identifier makes Lambda treat the whole batch as failed.
    if (typeof identifier !== "string" || identifier === "" || !messageIds.includes(identifier)) return undefined;
    failed.add(identifier);
  }
  return messageIds.filter((messageId) => !failed.has(messageId));
}

/** Starts `concurrency` receive loops; each invokes the consumer and deletes what succeeded. */
export function startQueuePoller(options: QueuePollerOptions): RunningQueuePoller {
  const log = options.log ?? (() => {});
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  const abort = new AbortController();
  let stopping = false;

  async function pollOnce(): Promise<void> {
    const received = await options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: options.batchSize,
        WaitTimeSeconds: options.waitSeconds,
        VisibilityTimeout: options.visibilityTimeoutSeconds,
        MessageSystemAttributeNames: ["All"],
        // local-aws-sqs 2.0 reads only the older name of the same parameter.
        AttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      }),
      { abortSignal: abort.signal },
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) return;
    const messageIds = messages.map((message) => message.MessageId!);
    let succeeded: string[] | undefined;
    try {
      const response = await options.invoke(toSqsEvent(messages, options.queueArn));
      succeeded = succeededMessageIds(messageIds, response);
      if (!succeeded)
        logError(`[sqs] consumer returned an invalid partial batch response; all ${messages.length} messages will be retried`, response);
    } catch (error) {
      // The message only: the same failure repeats on every retry, and the handler's own logs have the details.
      logError(
        `[sqs] consumer failed; all ${messages.length} messages will be retried after the visibility timeout`,
        error instanceof Error ? `${error.name}: ${error.message}` : error,
      );
    }
    const toDelete = messages.filter((message) => succeeded?.includes(message.MessageId!));
    if (toDelete.length > 0) {
      const deleted = await options.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: toDelete.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
        }),
      );
      for (const failure of deleted.Failed ?? [])
        logError(`[sqs] could not delete a processed message (${failure.Code}); it will be delivered again`, failure.Message);
    }
    const retried = messages.length - toDelete.length;
    const receives = messages.map((message) => message.Attributes?.ApproximateReceiveCount ?? "?").join(",");
    log(
      `[sqs] billing-events batch of ${messages.length}: ${toDelete.length} done, ${retried} left for retry (receive counts ${receives})`,
    );
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      try {
        await pollOnce();
      } catch (error) {
        if (stopping) return;
        logError("[sqs] receive failed; retrying in 1 s", error);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  const loops = Array.from({ length: options.concurrency }, () => loop());
  return {
    stop: async () => {
      stopping = true;
      abort.abort();
      await Promise.all(loops);
    },
  };
}
