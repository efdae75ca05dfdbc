/**
 * `npm run cli -- statement` against the real local pieces (a stack description naming a table on
 * DynamoDB Local), in process through `runCli`: the same statement as the route, as a table, as JSON
 * and as CSV, and its usage errors (exit code 2) and refusals (exit code 1).
 */
await vi.hoisted(() => import("../support/handler-environment.ts"));

import { beforeAll, describe, expect, it, vi } from "vitest";
import { createStatementDependencies } from "../../functions/wiring/statement.ts";
import { statementCsv } from "../../shared/domain/statement-csv.ts";
import type { StatementResponse } from "../../shared/schemas/statement-api.ts";
import { readStatement } from "../../shared/use-cases/read-statement.ts";
import { rechargeCompleted } from "../support/billing-event-builders.ts";
import { useCliStack } from "../support/cli-setup.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { drainSettlement, fireSettlement } from "../support/settlement-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup("2026-03-10T10:00:00.000Z");
const partner = "cli-stm-partner";
const { cli } = useCliStack(setup, "cli-statement");

beforeAll(async () => {
  for (const [index, amountMinor] of [12_345, 10_000].entries()) {
    const refereeAccountId = `${partner}-client-${index}`;
    await setup.seedReferral({ refereeAccountId, referrerAccountId: partner, programId: "zadarma-partner" });
    const event = rechargeCompleted({ accountId: refereeAccountId, amountMinor, completedAt: "2026-03-05T09:00:00.000Z" });
    expect((await setup.consume(sqsEventOf([event]))).batchItemFailures).toEqual([]);
  }
  setup.clock.set(new Date("2026-03-14T23:05:00.000Z"));
  await fireSettlement(setup, "2026-03-14T23:00:00.000Z");
  expect(await drainSettlement(setup)).toMatchObject({ failed: 0 });
  setup.clock.set(new Date("2026-03-16T10:00:00.000Z"));
});

const range = ["--from", "2026-03-01", "--to", "2026-03-31"];

async function expected(): Promise<StatementResponse> {
  return await readStatement(createStatementDependencies(setup.tableContext, setup.clock), { kind: "operator" }, partner, {
    from: "2026-03-01",
    to: "2026-03-31",
  });
}

describe("cli statement", () => {
  it("prints the route's statement with --json", async () => {
    const result = await cli("--json", "statement", partner, ...range);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as StatementResponse;
    expect(printed).toEqual(await expected());
    expect(printed.periods[0]).toMatchObject({ periodId: "2026-03-1", accruedMinor: 2_235, releasedMinor: 2_235 });
  });

  it("prints the route's CSV with --csv, and a table for people otherwise", async () => {
    const csv = await cli("statement", partner, ...range, "--csv", "--currency", "EUR", "--program", "zadarma-partner");
    expect(csv.code).toBe(0);
    const statement = await expected();
    expect(csv.stdout).toBe(statementCsv(statement.periods, "EUR"));

    const human = await cli("statement", partner, ...range);
    expect(human.code).toBe(0);
    const lines = human.stdout.split("\n");
    expect(lines[0]).toBe("statement of cli-stm-partner in EUR, 2026-03-01 to 2026-03-31 (Europe/Prague); closing balances at the right");
    expect(lines[1]).toMatch(
      /^period\s+accrued\s+rate\s+released\s+top-up\s+clawed back\s+withdrawn\s+returned\s+pending\s+available\s+reserved$/,
    );
    expect(lines[2]).toMatch(/^2026-03-1\s+22\.35\s+10 %\s+22\.35\s+0\.00\s+0\.00\s+0\.00\s+0\.00\s+0\.00\s+22\.35\s+0\.00$/);
    expect(lines[3]).toMatch(/^2026-03-2\s+0\.00\s+-\s+0\.00/);
    expect(human.stdout).toContain("2026-03-1 zadarma-partner: 10 %: the program's rate; 2 active referred customers");
  });

  it.each([
    [["statement", partner, "--from", "2026-03-01"]],
    [["statement", partner, "--from", "2026-03-15", "--to", "2026-03-01"]],
    [["statement", partner, "--from", "2026-01-01", "--to", "2027-01-01"]],
    [["statement", partner, ...range, "--currency", "euro"]],
    [["statement", "not an id", ...range]],
    [["--json", "statement", partner, ...range, "--csv"]],
  ])("exits 2 for %j", async (argv) => {
    const result = await cli(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toBe("");
  });

  it("exits 1 for a program without commission", async () => {
    const result = await cli("--json", "statement", partner, ...range, "--program", "ex2-credit");
    expect([result.code, JSON.parse(result.stdout).error.code]).toEqual([1, "not_found"]);
  });
});
