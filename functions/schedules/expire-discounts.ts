/**
 * Daily discount expiry and activation (EventBridge Scheduler, 00:05 in the operator's time zone; locally
 * the stack's scheduler and `npm run job -- expire-discounts --date YYYY-MM-DD`): for the operator-local
 * day of the time the run was scheduled for, activates the discounts whose start day has come and ends
 * those whose end day has come, each change once (shared/use-cases/expire-discounts.ts). A run that could
 * not decide every due discount (one failed, or time ran short) fails after the rest are done, so that it
 * is retried; the retry finds only what is still due.
 */

import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { TransientError } from "../../shared/errors.ts";
import { containerLogger, logger } from "../../shared/observability.ts";
import { scheduledJobEventSchema } from "../../shared/schemas/scheduled-job.ts";
import type { DiscountDependencies } from "../../shared/use-cases/discount-dependencies.ts";
import { type DiscountExpiryRun, expireDiscounts } from "../../shared/use-cases/expire-discounts.ts";
import { discountDependenciesFromEnvironment } from "../wiring/discounts.ts";

export function createExpireDiscountsHandler(dependencies: DiscountDependencies) {
  return middy<unknown, DiscountExpiryRun, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(containerLogger()))
    .handler(async (event, context) => {
      const input = scheduledJobEventSchema.parse(event ?? {});
      const run = await expireDiscounts(dependencies, {
        runAt: input.scheduledTime ? new Date(input.scheduledTime) : dependencies.clock.now(),
        remainingMilliseconds: () => context.getRemainingTimeInMillis(),
      });
      if (!run.complete) {
        logger.error("discount run incomplete: failing it so that it is retried", { ...run });
        throw new TransientError(`the discount run for ${run.day} left ${run.failed} failed discounts or ran out of time`);
      }
      logger.info("discount run done", { ...run });
      return run;
    });
}

export const handler = createExpireDiscountsHandler(discountDependenciesFromEnvironment());
