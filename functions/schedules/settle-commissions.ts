/**
 * Semi-monthly settlement (EventBridge Scheduler, 00:00 on the 1st and the 15th in the operator's time
 * zone): starts the run for the time it was scheduled for (a late or retried invocation settles the
 * same period) and fans it out on the settlement queue (shared/use-cases/run-settlement.ts).
 */

import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { containerLogger, logger } from "../../shared/observability.ts";
import { scheduledJobEventSchema } from "../../shared/schemas/scheduled-job.ts";
import { type SettlementRunPlan, startSettlement } from "../../shared/use-cases/run-settlement.ts";
import type { SettlementDependencies } from "../../shared/use-cases/settlement-dependencies.ts";
import { settlementDependenciesFromEnvironment } from "../wiring/settlement.ts";

export function createSettleCommissionsHandler(dependencies: SettlementDependencies) {
  return middy<unknown, SettlementRunPlan, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(containerLogger()))
    .handler(async (event) => {
      const input = scheduledJobEventSchema.parse(event ?? {});
      const plan = await startSettlement(dependencies, {
        runAt: input.scheduledTime ? new Date(input.scheduledTime) : dependencies.clock.now(),
        trigger: "schedule",
      });
      logger.info("settlement run started: its pages and accounts are on the settlement queue", { ...plan });
      return plan;
    });
}

export const handler = createSettleCommissionsHandler(settlementDependenciesFromEnvironment());
