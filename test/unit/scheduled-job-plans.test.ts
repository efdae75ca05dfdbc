import { describe, expect, it } from "vitest";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import { operatorConfigSchema } from "../../shared/schemas/operator-config.ts";
import { planDiscountExpiry, planSettlement } from "../../shared/use-cases/plan-scheduled-jobs.ts";

const config = operatorConfigSchema.parse(demoOperatorConfig);
const store = { loadOrThrow: async () => config, save: async () => config };

describe("scheduled job plans", () => {
  it.each([
    ["00:00 on the 15th settles the 1st-14th", "2026-03-14T23:00:00Z", "2026-03-1", "2026-03-01", "2026-03-14"],
    ["00:00 on the 1st settles the 15th to the month's end", "2026-03-31T22:00:00Z", "2026-03-2", "2026-03-15", "2026-03-31"],
    ["a run on 1 March settles the 15th-28th of February", "2026-02-28T23:00:00Z", "2026-02-2", "2026-02-15", "2026-02-28"],
    ["a late run (Scheduler retried it at 03:00) settles the same period", "2026-03-15T02:00:00Z", "2026-03-1", "2026-03-01", "2026-03-14"],
  ])("%s (Europe/Prague)", async (_, runAt, periodId, firstDay, lastDay) => {
    const plan = await planSettlement(store, new Date(runAt));
    expect(plan).toMatchObject({ periodId, firstDay, lastDay, timeZone: "Europe/Prague" });
    expect(plan.programs).toEqual([{ programId: "zadarma-partner", accountsToSettlePartition: `SETTLE#zadarma-partner#${periodId}` }]);
  });

  it("processes the operator-local day that a daily run starts", async () => {
    expect((await planDiscountExpiry(store, new Date("2026-03-14T23:05:00Z"))).day).toBe("2026-03-15");
  });
});
