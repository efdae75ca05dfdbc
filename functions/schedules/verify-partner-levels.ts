/**
 * The monthly partner-level verification (EventBridge Scheduler, daily at 01:30 in the operator's time
 * zone; locally the stack's scheduler and `npm run job -- verify-partner-levels --date YYYY-MM-DD`):
 * verifies every partner level whose monthly verification is due on the run's day or before
 * (shared/use-cases/verify-partner-levels.ts). A run that could not verify every due level (one failed,
 * or time ran short) fails after the rest are done, so that it is retried; the retry finds only what is
 * still due.
 */

import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { TransientError } from "../../shared/errors.ts";
import { containerLogger, logger } from "../../shared/observability.ts";
import { scheduledJobEventSchema } from "../../shared/schemas/scheduled-job.ts";
import type { PartnerDependencies } from "../../shared/use-cases/partner-dependencies.ts";
import { type LevelRun, verifyPartnerLevels } from "../../shared/use-cases/verify-partner-levels.ts";
import { partnerDependenciesFromEnvironment } from "../wiring/partners.ts";

export function createVerifyPartnerLevelsHandler(dependencies: PartnerDependencies) {
  return middy<unknown, LevelRun, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(containerLogger()))
    .handler(async (event, context) => {
      const input = scheduledJobEventSchema.parse(event ?? {});
      const run = await verifyPartnerLevels(dependencies, {
        runAt: input.scheduledTime ? new Date(input.scheduledTime) : dependencies.clock.now(),
        remainingMilliseconds: () => context.getRemainingTimeInMillis(),
      });
      if (!run.complete) {
        logger.error("level run incomplete: failing it so that it is retried", { ...run });
        throw new TransientError(`the level run for ${run.day} left ${run.failed} failed partners or ran out of time`);
      }
      logger.info("level run done", { ...run });
      return run;
    });
}

export const handler = createVerifyPartnerLevelsHandler(partnerDependenciesFromEnvironment());
