import { describe, expect, it } from "vitest";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import { operatorConfigSchema } from "../../shared/schemas/operator-config.ts";
import { planDiscountExpiry } from "../../shared/use-cases/plan-scheduled-jobs.ts";

const config = operatorConfigSchema.parse(demoOperatorConfig);
const store = {
  loadOrThrow: async () => config,
  save: async () => config,
  readStored: async () => ({ config, updatedAt: "2026-03-01T00:00:00.000Z" }),
  replaceIfUnchanged: async () => true,
};

describe("scheduled job plans", () => {
  it("processes the operator-local day that a daily run starts", async () => {
    expect((await planDiscountExpiry(store, new Date("2026-03-14T23:05:00Z"))).day).toBe("2026-03-15");
  });
});

describe("scheduled job handlers", () => {
  it("plan for the time the run was scheduled for, or the clock's time without one (settlement: settlement-runs.test.ts)", async () => {
    process.env.TABLE_NAME ??= "unused-by-factory-tests";
    process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
    const { createExpireDiscountsHandler } = await import("../../functions/schedules/expire-discounts.ts");
    const { fixedClock } = await import("../../shared/domain/clock.ts");
    const { lambdaContext } = await import("../support/http-events.ts");
    const dependencies = { operatorConfigStore: store, clock: fixedClock("2026-03-31T22:00:00Z") };
    const expire = createExpireDiscountsHandler(dependencies);
    expect(await expire({ scheduleName: "expire-discounts", scheduledTime: "2026-03-14T23:05:00Z" }, lambdaContext())).toMatchObject({
      day: "2026-03-15",
    });
    await expect(expire({ scheduledTime: "tomorrow" }, lambdaContext())).rejects.toThrow();
    expect(await createExpireDiscountsHandler(dependencies)(undefined, lambdaContext())).toMatchObject({ day: "2026-04-01" });
  });
});
