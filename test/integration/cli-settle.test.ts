/**
 * `npm run cli -- settle` against the real local pieces (DynamoDB Local, the local SQS server), the
 * worker fed from the settlement queue meanwhile as the local stack's poller does: a dry run, a run
 * followed to its end, a run that no worker picks up (exit 1 when the wait times out), wrong usage (2).
 */
await vi.hoisted(() => import("../support/handler-environment.ts"));

import { beforeAll, describe, expect, it, vi } from "vitest";
import { rechargeCompleted } from "../support/billing-event-builders.ts";
import { useCliStack } from "../support/cli-setup.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { drainSettlement } from "../support/settlement-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup("2026-03-16T09:00:00.000Z");
const { cli } = useCliStack(setup, "cli-settle");

beforeAll(async () => {
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
