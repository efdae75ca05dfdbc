/**
 * The outbox relay on the local stack, as a developer runs it: an effect committed a few minutes ago
 * whose outbound message was never sent (the send failed, or the process died, after the commit) is
 * sent to the local outbound queue by `npm run job -- relay-outbox`, the same handler and wiring the
 * stack's scheduler fires every minute, and confirmed, so a second run sends nothing.
 */

import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningLocalStack, startLocalStack } from "../../scripts/lib/local-stack.ts";
import { repositoryRoot } from "../../scripts/lib/stack-state.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { keys } from "../../shared/data/keys.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { fixedClock } from "../../shared/domain/clock.ts";
import type { CreditGranted } from "../../shared/schemas/outbound-messages.ts";

const run = promisify(execFile);
const credentials = { accessKeyId: "local", secretAccessKey: "local" };

let dataDirectory: string;
let stack: RunningLocalStack;
let queue: SQSClient;
let table: DynamoDBClient;

beforeAll(async () => {
  dataDirectory = mkdtempSync(join(tmpdir(), "referral-ledger-relay-e2e-"));
  stack = await startLocalStack({
    dataDirectory,
    dynamoDbEndpoint: inject("dynamoDbEndpoint"),
    tableName: `e2e-relay-${randomUUID()}`,
    pollQueue: false,
    runSchedules: false,
    log: () => {},
    logError: () => {},
  });
  queue = new SQSClient({ endpoint: stack.sqsEndpoint, region: "eu-central-1", credentials });
  table = new DynamoDBClient({ endpoint: stack.dynamoDbEndpoint, region: "eu-central-1", credentials });
});

afterAll(async () => {
  queue?.destroy();
  table?.destroy();
  await stack?.stop();
  if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
});

async function job(...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/run-job.ts", ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, LOCAL_DATA_DIR: dataDirectory, POWERTOOLS_LOG_LEVEL: "ERROR" },
    });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: `${failed.stdout ?? ""}${failed.stderr ?? ""}`, code: failed.code ?? 1 };
  }
}

describe("npm run job -- relay-outbox on the local stack", () => {
  it("sends an outbox whose send never happened, once, and confirms it", async () => {
    const committedAt = new Date(Date.now() - 5 * 60 * 1000);
    const documentClient = createDocumentClient(table);
    const eventId = `evt-relay-e2e-${randomUUID().slice(0, 8)}`;
    const credit: CreditGranted = {
      type: "credit.granted",
      version: 1,
      entryId: "tr_0123456789abcdef01234567",
      accountId: "acct-relay-referrer",
      programId: "ex2-credit",
      amountMinor: 2_500,
      currency: "EUR",
      refereeAccountId: "acct-relay-referee",
      payment: { kind: "invoice", id: "INV-RELAY-1" },
      sourceEventId: eventId,
      grantedAt: committedAt.toISOString(),
    };
    // The effect's commit five minutes ago; its send never happened.
    await createLedgerStore({ documentClient, tableName: stack.tableName }, fixedClock(committedAt)).commit({
      sourceEvent: { eventId, eventType: "invoice.paid", payloadHash: "0".repeat(64), outcome: "rewarded" },
      transfers: [],
      outbound: [credit],
    });

    const first = await job("relay-outbox");
    expect(first.code, first.stdout).toBe(0);
    expect(first.stdout).toMatch(/"relayed": 1/);

    const received = await queue.send(
      new ReceiveMessageCommand({ QueueUrl: stack.queueUrls.outbound, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    expect((received.Messages ?? []).map((message) => JSON.parse(message.Body!))).toEqual([credit]);
    const record = await documentClient.send(new GetCommand({ TableName: stack.tableName, Key: keys.sourceEvent(eventId) }));
    expect(record.Item).toHaveProperty("outboundSentAt");
    expect(record.Item).not.toHaveProperty("gsi2pk");

    const second = await job("relay-outbox");
    expect(second.stdout).toMatch(/"backlog": 0/);
    expect(second.stdout).toMatch(/"relayed": 0/);
  });

  it("takes no --date: it works on what is unsent when it runs", async () => {
    const dated = await job("relay-outbox", "--date", "2026-11-15");
    expect(dated.code).toBe(2);
    expect(dated.stdout).toContain("takes no --date");
  });
});
