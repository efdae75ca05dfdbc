/**
 * Reading a dead-letter queue without consuming it, and moving its messages back with SQS's own move
 * task (StartMessageMoveTask): shared by `npm run dlq` (scripts/dlq.ts, any queue URL) and the operator
 * CLI's `dlq list|replay` (scripts/cli/commands/dlq.ts, the stack's dead-letter queues).
 */
import {
  ChangeMessageVisibilityBatchCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";

/** Messages a listing hides while it reads (and then shows again). */
const listVisibilitySeconds = 30;

export interface DeadLetterQueue {
  readonly client: SQSClient;
  readonly queueUrl: string;
}

export interface MoveProgress {
  readonly moved: number;
  readonly toMove: number | undefined;
}

/** Reads up to `max` messages without consuming them: received, printed, then made visible again. */
export async function listMessages(target: DeadLetterQueue, max: number): Promise<Message[]> {
  const seen = new Map<string, Message>();
  while (seen.size < max) {
    const received = await target.client.send(
      new ReceiveMessageCommand({
        QueueUrl: target.queueUrl,
        MaxNumberOfMessages: Math.min(10, max - seen.size),
        WaitTimeSeconds: 0,
        VisibilityTimeout: listVisibilitySeconds,
        MessageSystemAttributeNames: ["All"],
        // local-aws-sqs 2.0 reads only the older name of the same parameter.
        AttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      }),
    );
    const fresh = (received.Messages ?? []).filter((message) => !seen.has(message.MessageId!));
    if (fresh.length === 0) break;
    for (const message of fresh) seen.set(message.MessageId!, message);
  }
  const messages = [...seen.values()];
  for (let index = 0; index < messages.length; index += 10) {
    const chunk = messages.slice(index, index + 10);
    await target.client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: target.queueUrl,
        Entries: chunk.map((message, position) => ({ Id: String(position), ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: 0 })),
      }),
    );
  }
  return messages;
}

export function messageLines(message: Message, full: boolean): string[] {
  const lines: string[] = [];
  const attributes = message.Attributes ?? {};
  const sentAt = attributes.SentTimestamp ? new Date(Number(attributes.SentTimestamp)).toISOString() : "?";
  lines.push(`- ${message.MessageId}  sent ${sentAt}`);
  if (attributes.DeadLetterQueueSourceArn) lines.push(`    dead-lettered by the redrive policy of ${attributes.DeadLetterQueueSourceArn}`);
  if (attributes.MessageGroupId)
    lines.push(`    group ${attributes.MessageGroupId}, deduplication id ${attributes.MessageDeduplicationId ?? "-"}`);
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    lines.push(`    ${name}: ${value.StringValue ?? (value.BinaryValue ? "<binary>" : "")}`);
  }
  const body = message.Body ?? "";
  lines.push(`    body: ${full || body.length <= 400 ? body : `${body.slice(0, 400)}... (${body.length} chars, --full shows all)`}`);
  return lines;
}

async function queueArnOf(client: SQSClient, queueUrl: string): Promise<string> {
  const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }));
  const arn = attributes.Attributes?.QueueArn;
  if (!arn) throw new Error(`no QueueArn for ${queueUrl}`);
  return arn;
}

/** The queue whose redrive policy points at this dead-letter queue (it must be exactly one). */
export async function sourceQueueOf(target: DeadLetterQueue): Promise<string> {
  const sources = await target.client.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: target.queueUrl }));
  const urls = sources.queueUrls ?? [];
  if (urls.length !== 1)
    throw new Error(`${target.queueUrl} is the dead-letter queue of ${urls.length} queues: say which with --to <queue URL>`);
  return urls[0]!;
}

/**
 * Moves every message of the dead-letter queue to `destinationUrl` with SQS's own move task and waits
 * until it is done, telling `onProgress` as it goes; returns how many were moved. The destination is
 * always explicit: messages the consumer dead-lettered itself carry no source queue of their own.
 */
export async function moveMessagesBack(
  target: DeadLetterQueue,
  destinationUrl: string,
  onProgress: (progress: MoveProgress) => void = () => undefined,
  pollMilliseconds = 1_000,
): Promise<number> {
  const sourceArn = await queueArnOf(target.client, target.queueUrl);
  const destinationArn = await queueArnOf(target.client, destinationUrl);
  await target.client.send(new StartMessageMoveTaskCommand({ SourceArn: sourceArn, DestinationArn: destinationArn }));
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, pollMilliseconds));
    const tasks = await target.client.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 1 }));
    const task = tasks.Results?.[0];
    if (!task) throw new Error("the move task disappeared");
    const progress = { moved: task.ApproximateNumberOfMessagesMoved ?? 0, toMove: task.ApproximateNumberOfMessagesToMove };
    if (task.Status === "RUNNING") {
      onProgress(progress);
      continue;
    }
    if (task.Status === "COMPLETED") return progress.moved;
    throw new Error(`the move task ended ${task.Status}${task.FailureReason ? `: ${task.FailureReason}` : ""}`);
  }
}
