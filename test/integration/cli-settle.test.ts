/**
 * `npm run cli -- settle` against the real local pieces (DynamoDB Local, the local SQS server), the
 * worker fed from the settlement queue meanwhile as the local stack's poller does: a dry run, a run
 * followed to its end, a run that no worker picks up (exit 1 when the wait times out), wrong usage (2).
 */
await vi.hoisted(() => import("../support/handler-environment.ts"));

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { runCli } from "../../scripts/cli/program.ts";
import { localAwsEnvironment } from "../../scripts/lib/dynamodb-local.ts";
import { writeStackState } from "../../scripts/lib/stack-state.ts";
import { rechargeCompleted } from "../support/billing-event-builders.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { drainSettlement } from "../support/settlement-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup("2026-03-16T09:00:00.000Z");
let dataDirectory: string;
const previousDataDirectory = process.env.LOCAL_DATA_DIR;

beforeAll(async () => {
  dataDirectory = mkdtempSync(join(tmpdir(), "cli-settle-"));
  writeStackState(dataDirectory, {
    apiUrl: "http://127.0.0.1:1",
    dynamoDbEndpoint: inject("dynamoDbEndpoint"),
    dynamoDbLocalPid: undefined,
    sqsEndpoint: setup.sqs.endpoint,
    queueUrls: setup.sqs.queueUrls,
    tableName: setup.table.tableName,
    environment: {},
    pid: process.pid,
    startedAt: "2026-03-16T08:00:00.000Z",
    region: localAwsEnvironment.AWS_REGION,
  });
  process.env.LOCAL_DATA_DIR = dataDirectory;
  for (const index of [1, 2, 3]) {
    await setup.seedReferral({
      refereeAccountId: `cli-st-client-${index}`,
      referrerAccountId: `cli-st-partner-${index}`,
      programId: "zadarma-partner",
    });
    const event = rechargeCompleted({
      accountId: `cli-st-client-${index}`,
      amountMinor: 10_000 * index,
      completedAt: "2026-03-04T10:00:00.000Z",
    });
    expect((await setup.consume(sqsEventOf([event]))).batchItemFailures).toEqual([]);
  }
});

afterAll(() => {
  if (previousDataDirectory === undefined) delete process.env.LOCAL_DATA_DIR;
  else process.env.LOCAL_DATA_DIR = previousDataDirectory;
  rmSync(dataDirectory, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe("cli settle", () => {
  it("a dry run names the period and the accounts it lists, and writes nothing", async () => {
    const result = await cli("--json", "settle", "--program", "zadarma-partner", "--date", "2026-03-15", "--dry-run");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dryRun: true, programs: [{ periodId: "2026-03-1", runs: 0 }], accountsToSettle: 3 });
    expect(await setup.balanceOf("cli-st-partner-1")).toMatchObject({ commissionPendingMinor: 1_000, commissionAvailableMinor: 0 });
  });

  it("gives up with exit code 1 when no worker settles the run in time", async () => {
    const result = await cli("settle", "--program", "zadarma-partner", "--date", "2026-03-15", "--timeout", "1");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("(run_incomplete)");
  });

  it("follows a run to its end while the worker settles it, then prints what was settled", async () => {
    let finished = false;
    const running = cli("--json", "settle", "--program", "zadarma-partner", "--date", "2026-03-15", "--timeout", "60").finally(() => {
      finished = true;
    });
    while (!finished) {
      await drainSettlement(setup);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const result = await running;
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      trigger: "on_demand",
      programs: [{ programId: "zadarma-partner", periodId: "2026-03-1" }],
      progress: { settled: 3, enqueued: 3, failed: 0, complete: true },
    });
    for (const index of [1, 2, 3])
      expect(await setup.balanceOf(`cli-st-partner-${index}`)).toMatchObject({
        commissionPendingMinor: 0,
        commissionAvailableMinor: 1_000 * index,
      });
  });

  it("refuses a program without a commission rule, and a malformed date, as wrong usage", async () => {
    expect((await cli("settle", "--program", "ex2-credit", "--date", "2026-03-15")).code).toBe(2);
    expect((await cli("settle", "--program", "zadarma-partner", "--date", "15.03.2026")).code).toBe(2);
  });
});
