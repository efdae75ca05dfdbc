/**
 * The discounts' trigger: a DynamoDB Streams consumer on the table, fed only the writes of code
 * referrals (the mapping's filter, shared/data/referral-stream.ts). Decides each referral's referee
 * and referrer discounts exactly once (shared/use-cases/decide-streamed-referral-discounts.ts). An
 * error fails the batch: the mapping retries it, bisecting, a bounded number of times, then sends its
 * description to the on-failure queue (infra/constructs/stream-consumer.ts); the idempotency record of
 * each referee makes every retry safe.
 */

import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { containerLogger, logger } from "../../shared/observability.ts";
import { referralStreamEventSchema } from "../../shared/schemas/referral-stream.ts";
import {
  decideStreamedReferralDiscounts,
  type ReferralDiscountsSummary,
} from "../../shared/use-cases/decide-streamed-referral-discounts.ts";
import type { DiscountDependencies } from "../../shared/use-cases/discount-dependencies.ts";
import { discountDependenciesFromEnvironment } from "../wiring/discounts.ts";

export function createDecideDiscountsHandler(dependencies: DiscountDependencies) {
  return middy<unknown, ReferralDiscountsSummary, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(containerLogger()))
    .handler(async (event) => {
      const input = referralStreamEventSchema.parse(event ?? {});
      const summary = await decideStreamedReferralDiscounts(dependencies, input.Records);
      if (input.Records.length > 0) logger.info("referral discounts decided", { ...summary });
      return summary;
    });
}

export const handler = createDecideDiscountsHandler(discountDependenciesFromEnvironment());
