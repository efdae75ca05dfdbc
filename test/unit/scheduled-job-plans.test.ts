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

// The handler's use of the scheduled time and the clock: test/integration/discounts-daily-run.test.ts.
describe("scheduled job plans", () => {
  it("processes the operator-local day that a daily run starts", async () => {
    expect((await planDiscountExpiry(store, new Date("2026-03-14T23:05:00Z"))).day).toBe("2026-03-15");
  });
});
