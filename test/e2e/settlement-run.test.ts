/**
 * A settlement run on the local stack, the way an operator drives it: recharges of a referred customer
 * arrive on billing-events, `POST /settlements` starts the run for a date, the stack's poller feeds the
 * settlement queue to the real worker (as the event source mapping does in AWS), and
 * `GET /settlements/{programId}/{periodId}` shows it complete; the partner's commission is available.
 */

import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningLocalStack, startLocalStack } from "../../scripts/lib/local-stack.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { keys } from "../../shared/data/keys.ts";
import { addDays, formatLocalDate, periodOf } from "../../shared/domain/calendar.ts";
import { rechargeCompleted } from "../support/billing-event-builders.ts";

const credentials = { accessKeyId: "local", secretAccessKey: "local" };
const operator = { authorization: "Bearer dev:operator", "content-type": "application/json" };

let dataDirectory: string;
let stack: RunningLocalStack;
let queue: SQSClient;
let table: DynamoDBClient;

beforeAll(async () => {
  dataDirectory = mkdtempSync(join(tmpdir(), "referral-ledger-settlement-e2e-"));
  process.env.POWERTOOLS_LOG_LEVEL = "ERROR";
  stack = await startLocalStack({
    dataDirectory,
    dynamoDbEndpoint: inject("dynamoDbEndpoint"),
    tableName: `e2e-settlement-${randomUUID()}`,
    visibilityTimeoutSeconds: 2,
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

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, deadlineMilliseconds = 20_000): Promise<T> {
  const deadline = Date.now() + deadlineMilliseconds;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${deadlineMilliseconds} ms, last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function getJson(path: string, headers: Record<string, string>) {
  const response = await fetch(`${stack.apiUrl}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("settlement on the local stack", () => {
  it("settles a partner's period through the settlement queue, started and watched over HTTP", async () => {
    const partner = `acct-e2e-partner-${randomUUID().slice(0, 8)}`;
    const client = `acct-e2e-client-${randomUUID().slice(0, 8)}`;
    const documentClient = createDocumentClient(table);
    await documentClient.send(
      new PutCommand({
        TableName: stack.tableName,
        Item: {
          ...keys.referral(client),
          ...keys.referralByReferrer(partner, "2026-01-01T00:00:00.000Z", client),
          entityType: "Referral",
          refereeAccountId: client,
          referrerAccountId: partner,
          programId: "zadarma-partner",
          code: "E2ESETTLE",
          source: "link",
          attributedAt: "2026-01-01T00:00:00.000Z",
          status: "active",
        },
      }),
    );
    // A recharge of a period that has closed: 20 days ago, settled by the run on the day after its period.
    const completedAt = new Date(Date.now() - 20 * 24 * 60 * 60 * 1000);
    const period = periodOf(completedAt, "Europe/Prague");
    const runDate = formatLocalDate(addDays(period.lastDay, 1));
    const event = rechargeCompleted({ accountId: client, amountMinor: 12_345, completedAt: completedAt.toISOString() });
    await queue.send(new SendMessageCommand({ QueueUrl: stack.queueUrls.billingEvents, MessageBody: JSON.stringify(event) }));
    const asPartner = { authorization: `Bearer dev:${partner}` };
    await until(
      "the commission accrues",
      async () => (await getJson(`/accounts/${partner}/balance`, asPartner)).body,
      (body) => JSON.stringify(body).includes('"commissionPendingMinor":1235'),
    );

    const started = await fetch(`${stack.apiUrl}/settlements`, {
      method: "POST",
      headers: operator,
      body: JSON.stringify({ date: runDate, programId: "zadarma-partner" }),
    });
    expect(started.status).toBe(202);
    expect(await started.json()).toMatchObject({
      trigger: "on_demand",
      programs: [{ programId: "zadarma-partner", periodId: period.periodId }],
    });

    const progress = await until(
      "the run completes",
      async () => (await getJson(`/settlements/zadarma-partner/${period.periodId}`, operator)).body,
      (body) => body.complete === true,
    );
    expect(progress).toMatchObject({ settled: 1, enqueued: 1, failed: 0, shardsListed: 16 });
    const balance = (await getJson(`/accounts/${partner}/balance`, asPartner)).body;
    expect(JSON.stringify(balance)).toContain('"commissionAvailableMinor":1235');
    expect(JSON.stringify(balance)).toContain('"commissionPendingMinor":0');
    // The account may not read the operator's run.
    expect((await getJson(`/settlements/zadarma-partner/${period.periodId}`, asPartner)).status).toBe(403);
  });
});
