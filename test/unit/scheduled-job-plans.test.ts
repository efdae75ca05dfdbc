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

describe("scheduled job handlers", () => {
  it("plan for the time the run was scheduled for, or the clock's time without one", async () => {
    process.env.TABLE_NAME ??= "unused-by-factory-tests";
    process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
    const { createSettleCommissionsHandler } = await import("../../functions/schedules/settle-commissions.ts");
    const { createExpireDiscountsHandler } = await import("../../functions/schedules/expire-discounts.ts");
    const { fixedClock } = await import("../../shared/domain/clock.ts");
    const { lambdaContext } = await import("../support/http-events.ts");
    const dependencies = { operatorConfigStore: store, clock: fixedClock("2026-03-31T22:00:00Z") };
    const settle = createSettleCommissionsHandler(dependencies);
    expect(await settle({ scheduleName: "settle-commissions", scheduledTime: "2026-03-14T23:00:00Z" }, lambdaContext())).toMatchObject({
      periodId: "2026-03-1",
    });
    expect(await settle({}, lambdaContext())).toMatchObject({ periodId: "2026-03-2" });
    await expect(settle({ scheduledTime: "tomorrow" }, lambdaContext())).rejects.toThrow();
    expect(await createExpireDiscountsHandler(dependencies)(undefined, lambdaContext())).toMatchObject({ day: "2026-04-01" });
  });
});
