/**
 * Daily discount expiry and activation (EventBridge Scheduler, shortly after 00:00 in the operator's
 * time zone). For now it logs the day it would process; the discounts come with the t2 issue.
 */

import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { createOperatorConfigStore, type OperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { defaultTableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import { containerLogger, logger } from "../../shared/observability.ts";
import { scheduledJobEventSchema } from "../../shared/schemas/scheduled-job.ts";
import { type DiscountExpiryPlan, planDiscountExpiry } from "../../shared/use-cases/plan-scheduled-jobs.ts";

export function createExpireDiscountsHandler(dependencies: { readonly operatorConfigStore: OperatorConfigStore; readonly clock: Clock }) {
  return middy<unknown, DiscountExpiryPlan, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(containerLogger()))
    .handler(async (event) => {
      const input = scheduledJobEventSchema.parse(event ?? {});
      const plan = await planDiscountExpiry(
        dependencies.operatorConfigStore,
        input.scheduledTime ? new Date(input.scheduledTime) : dependencies.clock.now(),
      );
      logger.info("discount expiry run: would process this day (discounts are not built yet)", { ...plan });
      return plan;
    });
}

export const handler = createExpireDiscountsHandler({
  operatorConfigStore: createOperatorConfigStore(defaultTableContext(), systemClock),
  clock: systemClock,
});
