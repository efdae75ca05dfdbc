/**
 * The local event source mapping on the real local SQS server: partial batch failures retry only the
 * failed records, a thrown error retries the whole batch, and a message that keeps failing is
 * delivered exactly maxReceiveCount times and then sits in the dead-letter queue. The consumer here is
 * a test double, so these tests prove the mechanics whatever the real consumer does.
 */
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { billingEventsConsumer, queueNames } from "../../infra/catalog.ts";
import { queueArn, type RunningLocalSqs, startLocalSqs } from "../../scripts/lib/local-sqs.ts";
import { type RunningQueuePoller, startQueuePoller } from "../../scripts/lib/queue-poller.ts";

const visibilityTimeoutSeconds = 1;

/** Waits for a condition that the system reaches on its own; fails with `what` after the deadline. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, deadlineMilliseconds = 20_000): Promise<T> {
  const deadline = Date.now() + deadlineMilliseconds;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Delivery {
  readonly body: string;
  readonly receiveCount: string;
}

let sqs: RunningLocalSqs | undefined;
let poller: RunningQueuePoller | undefined;
let client: SQSClient | undefined;

afterEach(async () => {
  await poller?.stop();
  await sqs?.stop();
  client?.destroy();
  poller = undefined;
  sqs = undefined;
  client = undefined;
});

async function startWith(consumer: (event: SQSEvent, deliveries: Delivery[]) => Promise<unknown>) {
  sqs = await startLocalSqs({ port: 0, visibilityTimeoutSeconds });
  client = new SQSClient({
    endpoint: sqs.endpoint,
    region: "eu-central-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const deliveries: Delivery[] = [];
  const send = async (body: string) => {
    await client!.send(new SendMessageCommand({ QueueUrl: sqs!.queueUrls.billingEvents, MessageBody: body }));
  };
  const start = () => {
    poller = startQueuePoller({
      client: client!,
      queueUrl: sqs!.queueUrls.billingEvents,
      queueArn: queueArn(queueNames.billingEvents),
      batchSize: billingEventsConsumer.batchSize,
      waitSeconds: 0,
      visibilityTimeoutSeconds,
      concurrency: 1,
      invoke: async (event) => {
        for (const record of event.Records) deliveries.push({ body: record.body, receiveCount: record.attributes.ApproximateReceiveCount });
        return await consumer(event, deliveries);
      },
      logError: () => {},
    });
  };
  return { send, start, deliveries, queueUrls: sqs.queueUrls };
}

async function messagesIn(queueUrl: string): Promise<number> {
  const attributes = await client!.send(
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

describe("the local SQS event source mapping", () => {
  it("retries only the records the consumer reports as failed", async () => {
    const failedOnce = new Set<string>();
    const queue = await startWith(async (event) => {
      const failures = event.Records.filter((record) => record.body === "second" && !failedOnce.has(record.messageId));
      for (const record of failures) failedOnce.add(record.messageId);
      return { batchItemFailures: failures.map((record) => ({ itemIdentifier: record.messageId })) };
    });
    for (const body of ["first", "second", "third"]) await queue.send(body);
    queue.start();

    await eventually("the failed record to come back", () =>
      queue.deliveries.some((delivery) => delivery.body === "second" && delivery.receiveCount === "2") ? true : undefined,
    );
    await eventually("the queue to be empty", async () => ((await messagesIn(queue.queueUrls.billingEvents)) === 0 ? true : undefined));
    expect(queue.deliveries.filter((delivery) => delivery.body === "first")).toEqual([{ body: "first", receiveCount: "1" }]);
    expect(queue.deliveries.filter((delivery) => delivery.body === "third")).toEqual([{ body: "third", receiveCount: "1" }]);
    expect(queue.deliveries.filter((delivery) => delivery.body === "second").map((delivery) => delivery.receiveCount)).toEqual(["1", "2"]);
    expect(await messagesIn(queue.queueUrls.billingEventsDeadLetter)).toBe(0);
  });

  it("retries the whole batch when the consumer throws", async () => {
    let invocations = 0;
    const queue = await startWith(async () => {
      invocations += 1;
      if (invocations === 1) throw new Error("the table is unreachable");
      return { batchItemFailures: [] };
    });
    await queue.send("a");
    await queue.send("b");
    queue.start();

    await eventually("both records to be redelivered", () =>
      ["a", "b"].every((body) => queue.deliveries.some((delivery) => delivery.body === body && delivery.receiveCount === "2"))
        ? true
        : undefined,
    );
    await eventually("the queue to be empty", async () => ((await messagesIn(queue.queueUrls.billingEvents)) === 0 ? true : undefined));
    expect(
      queue.deliveries
        .filter((delivery) => delivery.receiveCount === "1")
        .map((delivery) => delivery.body)
        .sort(),
    ).toEqual(["a", "b"]);
  });

  it("treats a response naming a record that is not in the batch as a failure of the whole batch", async () => {
    let invocations = 0;
    const queue = await startWith(async () => {
      invocations += 1;
      return invocations === 1 ? { batchItemFailures: [{ itemIdentifier: "not-in-this-batch" }] } : {};
    });
    await queue.send("only");
    queue.start();
    await eventually("the record to be redelivered", () =>
      queue.deliveries.some((delivery) => delivery.receiveCount === "2") ? true : undefined,
    );
    await eventually("the queue to be empty", async () => ((await messagesIn(queue.queueUrls.billingEvents)) === 0 ? true : undefined));
  });

  it(`moves a message that fails ${billingEventsConsumer.maxReceiveCount} times to the dead-letter queue, after exactly that many deliveries`, async () => {
    const queue = await startWith(async (event) => ({
      batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })),
    }));
    await queue.send('{"malformed":');
    queue.start();

    const deadLettered = await eventually("the message in the dead-letter queue", async () => {
      const received = await client!.send(
        new ReceiveMessageCommand({
          QueueUrl: queue.queueUrls.billingEventsDeadLetter,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ["All"],
          AttributeNames: ["All"],
        }),
      );
      return received.Messages?.[0];
    });
    expect(deadLettered.Body).toBe('{"malformed":');
    expect(deadLettered.Attributes?.DeadLetterQueueSourceArn).toBe(queueArn(queueNames.billingEvents));
    expect(queue.deliveries.map((delivery) => delivery.receiveCount)).toEqual(
      ["1", "2", "3", "4", "5"].slice(0, billingEventsConsumer.maxReceiveCount),
    );
    expect(await messagesIn(queue.queueUrls.billingEvents)).toBe(0);
  });
});
