/**
 * `npm run dlq -- list|redrive`: look into the billing-events dead-letter queue and send its messages
 * back, with the real SQS client. Without --queue it uses the running local stack (.local/stack.json);
 * with a queue URL it works against AWS too (credentials and region from the usual AWS environment).
 *
 *   npm run dlq -- list                         # every message, with its reason attributes, not consumed
 *   npm run dlq -- list --queue outbound        # any local queue: dlq (default), billing-events, outbound
 *   npm run dlq -- redrive                      # move everything back to billing-events
 *   npm run dlq -- list --queue https://sqs.eu-central-1.amazonaws.com/123456789012/<dead-letter queue>
 *   npm run dlq -- redrive --queue <dead-letter queue URL> [--to <source queue URL>]
 */

import { parseArgs } from "node:util";
import {
  ChangeMessageVisibilityBatchCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { localAwsEnvironment } from "./lib/dynamodb-local.ts";
import { defaultDataDirectory, readStackStateOrThrow } from "./lib/stack-state.ts";

const usage =
  "usage: npm run dlq -- <list|redrive> [--queue dlq|billing-events|outbound|<queue URL>] [--to <queue URL>] [--max N] [--full]";

/** Messages a listing hides while it reads (and then shows again). */
const listVisibilitySeconds = 30;

interface Target {
  readonly client: SQSClient;
  readonly queueUrl: string;
}

function isQueueUrl(text: string): boolean {
  return /^https?:\/\//.test(text);
}

function isLoopback(queueUrl: string): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(queueUrl).hostname);
}

function clientFor(queueUrl: string): SQSClient {
  if (isLoopback(queueUrl)) {
    return new SQSClient({
      endpoint: new URL(queueUrl).origin,
      region: localAwsEnvironment.AWS_REGION,
      credentials: { accessKeyId: localAwsEnvironment.AWS_ACCESS_KEY_ID, secretAccessKey: localAwsEnvironment.AWS_SECRET_ACCESS_KEY },
    });
  }
  // https://sqs.<region>.amazonaws.com/<account>/<name>: the region is in the URL.
  const region = process.env.AWS_REGION ?? /^sqs\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(queueUrl).hostname)?.[1];
  return new SQSClient(region ? { region } : {});
}

function resolveTarget(queue: string | undefined): Target {
  if (queue && isQueueUrl(queue)) return { client: clientFor(queue), queueUrl: queue };
  const state = readStackStateOrThrow(defaultDataDirectory());
  const localQueues: Record<string, string> = {
    dlq: state.queueUrls.billingEventsDeadLetter,
    "billing-events-dlq": state.queueUrls.billingEventsDeadLetter,
    "billing-events": state.queueUrls.billingEvents,
    outbound: state.queueUrls.outbound,
    "outbound.fifo": state.queueUrls.outbound,
  };
  const queueUrl = localQueues[queue ?? "dlq"];
  if (!queueUrl) throw new Error(`unknown queue ${queue}: use dlq, billing-events, outbound or a queue URL`);
  return { client: clientFor(queueUrl), queueUrl };
}

/** Reads up to `max` messages without consuming them: received, printed, then made visible again. */
async function listMessages(target: Target, max: number): Promise<Message[]> {
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

function printMessage(message: Message, full: boolean): void {
  const attributes = message.Attributes ?? {};
  const sentAt = attributes.SentTimestamp ? new Date(Number(attributes.SentTimestamp)).toISOString() : "?";
  console.log(`- ${message.MessageId}  sent ${sentAt}`);
  if (attributes.DeadLetterQueueSourceArn) console.log(`    dead-lettered by the redrive policy of ${attributes.DeadLetterQueueSourceArn}`);
  if (attributes.MessageGroupId)
    console.log(`    group ${attributes.MessageGroupId}, deduplication id ${attributes.MessageDeduplicationId ?? "-"}`);
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    console.log(`    ${name}: ${value.StringValue ?? (value.BinaryValue ? "<binary>" : "")}`);
  }
  const body = message.Body ?? "";
  console.log(`    body: ${full || body.length <= 400 ? body : `${body.slice(0, 400)}... (${body.length} chars, --full shows all)`}`);
}

async function queueArnOf(client: SQSClient, queueUrl: string): Promise<string> {
  const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }));
  const arn = attributes.Attributes?.QueueArn;
  if (!arn) throw new Error(`no QueueArn for ${queueUrl}`);
  return arn;
}

/** Moves every message back to the queue that dead-letters into this one (or --to), with SQS's own move task. */
async function redrive(target: Target, destinationQueueUrl: string | undefined): Promise<void> {
  let destinationUrl = destinationQueueUrl;
  if (!destinationUrl) {
    const sources = await target.client.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: target.queueUrl }));
    const urls = sources.queueUrls ?? [];
    if (urls.length !== 1)
      throw new Error(`${target.queueUrl} is the dead-letter queue of ${urls.length} queues: say which with --to <queue URL>`);
    destinationUrl = urls[0]!;
  }
  const sourceArn = await queueArnOf(target.client, target.queueUrl);
  const destinationArn = await queueArnOf(target.client, destinationUrl);
  // Explicit destination: messages the consumer dead-lettered itself carry no source queue of their own.
  await target.client.send(new StartMessageMoveTaskCommand({ SourceArn: sourceArn, DestinationArn: destinationArn }));
  console.log(`moving messages from ${target.queueUrl} to ${destinationUrl} ...`);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const tasks = await target.client.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 1 }));
    const task = tasks.Results?.[0];
    if (!task) throw new Error("the move task disappeared");
    if (task.Status === "RUNNING") {
      console.log(`  ${task.ApproximateNumberOfMessagesMoved ?? 0} of ~${task.ApproximateNumberOfMessagesToMove ?? "?"} moved`);
      continue;
    }
    if (task.Status === "COMPLETED") {
      console.log(
        `done: ${task.ApproximateNumberOfMessagesMoved ?? 0} message(s) back on ${destinationUrl}; they are retried like new ones.`,
      );
      return;
    }
    throw new Error(`the move task ended ${task.Status}${task.FailureReason ? `: ${task.FailureReason}` : ""}`);
  }
}

// The SDK warns on every start that its 2027 releases need Node 22; the local tools run on Node 20 on
// purpose (the Lambda runtimes are 22/24), so the warning is known and only hides the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      queue: { type: "string" },
      to: { type: "string" },
      max: { type: "string" },
      full: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals[0];
  if (values.help || !command || positionals.length !== 1 || !["list", "redrive"].includes(command)) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const target = resolveTarget(values.queue);
  try {
    if (command === "list") {
      const max = values.max === undefined ? 100 : Number(values.max);
      if (!Number.isInteger(max) || max < 1) throw new Error("--max must be a positive integer");
      const messages = await listMessages(target, max);
      console.log(`${target.queueUrl}: ${messages.length} message(s)${messages.length === max ? " (limit reached, --max for more)" : ""}`);
      for (const message of messages) printMessage(message, values.full ?? false);
    } else {
      await redrive(target, values.to);
    }
    return 0;
  } finally {
    target.client.destroy();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
