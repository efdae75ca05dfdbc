/**
 * Semi-monthly settlement (EventBridge Scheduler, 00:00 on the 1st and the 15th in the operator's
 * time zone). For now it logs the period it would settle; docs/ledger.md describes the settlement the
 * next issue builds on the period accruals.
 */

import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { createOperatorConfigStore, type OperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { defaultTableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import { logger } from "../../shared/observability.ts";
import { scheduledJobEventSchema } from "../../shared/schemas/scheduled-job.ts";
import { planSettlement, type SettlementPlan } from "../../shared/use-cases/plan-scheduled-jobs.ts";

export function createSettleCommissionsHandler(dependencies: { readonly operatorConfigStore: OperatorConfigStore; readonly clock: Clock }) {
  return middy<unknown, SettlementPlan, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const input = scheduledJobEventSchema.parse(event ?? {});
      const plan = await planSettlement(
        dependencies.operatorConfigStore,
        input.scheduledTime ? new Date(input.scheduledTime) : dependencies.clock.now(),
      );
      logger.info("settlement run: would settle this period (settlement itself is not built yet)", { ...plan });
      return plan;
    });
}

export const handler = createSettleCommissionsHandler({
  operatorConfigStore: createOperatorConfigStore(defaultTableContext(), systemClock),
  clock: systemClock,
});
