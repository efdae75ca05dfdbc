/**
 * The queue path of the local stack, with the real consumer: a billing system sends a malformed
 * message to billing-events with @aws-sdk/client-sqs, the local event source mapping hands it to the
 * consumer, and it ends up in billing-events-dlq with its reason. `npm run dlq` then lists it and
 * redrives it (and, still malformed, it comes back). The stack runs in this process on the test run's
 * DynamoDB Local, in a table of its own.
 */

import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { GetQueueAttributesCommand, type Message, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningLocalStack, startLocalStack } from "../../scripts/lib/local-stack.ts";
import { repositoryRoot } from "../../scripts/lib/stack-state.ts";

const run = promisify(execFile);

let dataDirectory: string;
let stack: RunningLocalStack;
let client: SQSClient;

beforeAll(async () => {
  dataDirectory = mkdtempSync(join(tmpdir(), "referral-ledger-queue-e2e-"));
  // The consumer's expected rejections would otherwise fill the test output.
  process.env.POWERTOOLS_LOG_LEVEL = "ERROR";
  stack = await startLocalStack({
    dataDirectory,
    dynamoDbEndpoint: inject("dynamoDbEndpoint"),
    tableName: `e2e-queue-${randomUUID()}`,
    visibilityTimeoutSeconds: 2,
    runSchedules: false,
    log: () => {},
    logError: () => {},
  });
  client = new SQSClient({
    endpoint: stack.sqsEndpoint,
    region: "eu-central-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
});

afterAll(async () => {
  client?.destroy();
  await stack?.stop();
  if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
});

/** Waits (up to the deadline) for the next message on the dead-letter queue and takes it off. */
async function nextDeadLetter(deadlineMilliseconds: number): Promise<Message> {
  const deadline = Date.now() + deadlineMilliseconds;
  for (;;) {
    const received = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: stack.queueUrls.billingEventsDeadLetter,
        MaxNumberOfMessages: 1,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 1,
        MessageAttributeNames: ["All"],
        MessageSystemAttributeNames: ["All"],
        AttributeNames: ["All"],
      }),
    );
    const message = received.Messages?.[0];
    if (message) return message;
    if (Date.now() > deadline) throw new Error("no message reached the dead-letter queue in time");
  }
}

async function messagesIn(queueUrl: string): Promise<number> {
  const attributes = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  return (
    Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

async function dlqCommand(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/dlq.ts", ...args], {
    cwd: repositoryRoot,
    env: { ...process.env, LOCAL_DATA_DIR: dataDirectory },
  });
  return stdout;
}

describe("billing events through the local queue", () => {
  const malformed = '{"type":"invoice.paid","version":1,"data":';

  it("moves a malformed message to the dead-letter queue with its reason", async () => {
    await client.send(new SendMessageCommand({ QueueUrl: stack.queueUrls.billingEvents, MessageBody: malformed }));
    const deadLetter = await nextDeadLetter(30_000);
    expect(deadLetter.Body).toBe(malformed);
    expect(deadLetter.MessageAttributes?.reason?.StringValue).toMatch(/\w+/);
    expect(await messagesIn(stack.queueUrls.billingEvents)).toBe(0);
  });

  it("lists the dead-letter queue and redrives it with npm run dlq", async () => {
    // Wait until the message taken in the previous test is visible again.
    let listing = "";
    for (let attempt = 0; attempt < 10 && !listing.includes(malformed); attempt += 1) listing = await dlqCommand("list");
    expect(listing).toContain("billing-events-dlq: 1 message(s)");
    expect(listing).toContain(malformed);
    expect(listing).toMatch(/reason: \w+/);
    // Listing does not consume.
    expect(await dlqCommand("list")).toContain("1 message(s)");

    const redriven = await dlqCommand("redrive");
    expect(redriven).toContain("done: 1 message(s) back on");
    // Still malformed: the consumer rejects it again.
    const again = await nextDeadLetter(30_000);
    expect(again.Body).toBe(malformed);
  });
});
