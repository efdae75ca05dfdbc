/**
 * `npm run cli -- commission-rate` against the real local pieces (a stack description naming a table on DynamoDB
 * Local), in process through `runCli`: the route's view with --json, lines for people otherwise, and its usage errors
 * (exit code 2) and refusals (exit code 1).
 */
await vi.hoisted(() => import("../support/handler-environment.ts"));

import { beforeAll, describe, expect, it, vi } from "vitest";
import { createCommissionRateDependencies } from "../../functions/wiring/settlement.ts";
import type { CommissionRateView } from "../../shared/schemas/settlement-api.ts";
import { readCommissionRate } from "../../shared/use-cases/read-commission-rate.ts";
import { rechargeCompleted } from "../support/billing-event-builders.ts";
import { useCliStack } from "../support/cli-setup.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup("2026-03-10T10:00:00.000Z");
const partner = "cli-cr-partner";
// The CLI reads "now" (the open half month) from the setup's clock, as the consumer that accrued the commission did.
const { cli } = useCliStack(setup, "cli-commission-rate", { clock: { now: () => setup.clock.now() } });

beforeAll(async () => {
  for (const [index, amountMinor] of [12_345, 10_000].entries()) {
    const refereeAccountId = `${partner}-client-${index}`;
    await setup.seedReferral({ refereeAccountId, referrerAccountId: partner, programId: "zadarma-partner" });
    const event = rechargeCompleted({ accountId: refereeAccountId, amountMinor, completedAt: "2026-03-05T09:00:00.000Z" });
    expect((await setup.consume(sqsEventOf([event]))).batchItemFailures).toEqual([]);
  }
});

describe("cli commission-rate", () => {
  it("prints the route's view with --json, and lines for people otherwise", async () => {
    const json = await cli("--json", "commission-rate", partner, "--program", "zadarma-partner");
    expect(json.code).toBe(0);
    const expected = await readCommissionRate(
      createCommissionRateDependencies({ table: setup.tableContext, clock: setup.clock }),
      { kind: "operator" },
      { accountId: partner, programId: "zadarma-partner" },
    );
    expect(JSON.parse(json.stdout) as CommissionRateView).toEqual(expected);

    const human = await cli("commission-rate", partner, "--program", "zadarma-partner");
    expect(human.code).toBe(0);
    expect(human.stdout.split("\n").slice(0, 4)).toEqual([
      "cli-cr-partner in zadarma-partner: half month 2026-03-1 (2026-03-01 to 2026-03-14), settled on 2026-03-15",
      "  ladder: 10 % (rule), 12 % from 25, 15 % from 100",
      "  individual rate: none",
      "  EUR: accrued 22.35; 10 %: the program's rate; 2 active referred customers; next: 12 % from 25",
    ]);
  });

  it.each([[["commission-rate", partner]], [["commission-rate", "not an id", "--program", "zadarma-partner"]]])(
    "exits 2 for %j",
    async (argv) => {
      const result = await cli(...argv);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toBe("");
    },
  );

  it("exits 1 for a program without commission", async () => {
    const result = await cli("--json", "commission-rate", partner, "--program", "ex2-credit");
    expect([result.code, JSON.parse(result.stdout).error.code]).toEqual([1, "not_found"]);
  });
});
