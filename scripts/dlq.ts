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
import { SQSClient } from "@aws-sdk/client-sqs";
import { listMessages, messageLines, moveMessagesBack, sourceQueueOf } from "./lib/dead-letter.ts";
import { localAwsEnvironment } from "./lib/dynamodb-local.ts";
import { defaultDataDirectory, readStackStateOrThrow } from "./lib/stack-state.ts";

const usage =
  "usage: npm run dlq -- <list|redrive> [--queue dlq|billing-events|outbound|<queue URL>] [--to <queue URL>] [--max N] [--full]";

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

/** Moves every message back to the queue that dead-letters into this one (or --to), and waits until done. */
async function redrive(target: Target, destinationQueueUrl: string | undefined): Promise<void> {
  const destinationUrl = destinationQueueUrl ?? (await sourceQueueOf(target));
  console.log(`moving messages from ${target.queueUrl} to ${destinationUrl} ...`);
  const moved = await moveMessagesBack(target, destinationUrl, (progress) =>
    console.log(`  ${progress.moved} of ~${progress.toMove ?? "?"} moved`),
  );
  console.log(`done: ${moved} message(s) back on ${destinationUrl}; they are retried like new ones.`);
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
      for (const message of messages) for (const line of messageLines(message, values.full ?? false)) console.log(line);
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
