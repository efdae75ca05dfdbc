/**
 * The settlement queue's worker: each record is a page of a shard of the accounts to settle (it
 * enqueues the accounts and the next page) or one account to settle (shared/use-cases/run-settlement.ts,
 * settle-account.ts). Failures are reported per record, so only they are retried; an account that can
 * never be settled (its program lost its commission rule, a balance rule refuses it), or that fails
 * on its last receive before the dead-letter queue, is recorded as a failure of the run with its reason.
 */

import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { isDomainError } from "../../shared/errors.ts";
import { settlementLimits } from "../../shared/limits.ts";
import { containerLogger, logger } from "../../shared/observability.ts";
import { type SettlementWork, settlementWorkSchema } from "../../shared/schemas/settlement-work.ts";
import { settleAccountsPage } from "../../shared/use-cases/run-settlement.ts";
import { settleAccount } from "../../shared/use-cases/settle-account.ts";
import type { SettlementDependencies } from "../../shared/use-cases/settlement-dependencies.ts";
import { processPartialBatch } from "../middleware/sqs-partial-batch.ts";
import { settlementDependenciesFromEnvironment } from "../wiring/settlement.ts";

export interface SettlementWorkerOptions {
  /** The queue's maxReceiveCount: a record failing on this receive goes to the dead-letter queue next, so it is recorded as failed. */
  readonly maxReceiveCount: number;
}

function receiveCountOf(record: SQSRecord): number {
  return Number(record.attributes?.ApproximateReceiveCount ?? "1");
}

export function createSettlementWorkHandler(dependencies: SettlementDependencies, options: SettlementWorkerOptions) {
  async function processRecord(record: SQSRecord): Promise<void> {
    let work: SettlementWork;
    try {
      work = settlementWorkSchema.parse(JSON.parse(record.body));
    } catch (error) {
      // Only this system writes the queue: a malformed item is a bug; it is logged and left to the dead-letter queue.
      logger.error("malformed settlement work item", { messageId: record.messageId, error: String(error) });
      throw error;
    }
    if (work.kind === "settlement.page") {
      await settleAccountsPage(dependencies, work);
      return;
    }
    const { kind: _, ...step } = work;
    try {
      const result = await settleAccount(dependencies, step);
      if (result.outcome === "no_accrual") logger.warn("listed for settlement but no accrual", { ...step });
    } catch (error) {
      const permanent = isDomainError(error) && error.code !== "transient";
      if (permanent || receiveCountOf(record) >= options.maxReceiveCount) {
        await dependencies.settlementStore.recordFailure(step, {
          code: isDomainError(error) ? error.code : "unexpected_error",
          message: error instanceof Error ? error.message : String(error),
        });
        logger.error("settlement of an account failed for good: recorded on the run", { ...step, error: String(error) });
        if (permanent) return;
      }
      throw error;
    }
  }

  return middy<SQSEvent, SQSBatchResponse, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(containerLogger()))
    .handler(async (event) =>
      processPartialBatch(event.Records ?? [], {
        concurrency: settlementLimits.workConcurrency,
        // Every item is independent: an account settles alone, a page only enqueues.
        groupOf: (record) => record.messageId,
        processRecord,
        onFailure: (record, error) =>
          logger.warn("settlement work item failed, will be retried", { messageId: record.messageId, error: String(error) }),
      }),
    );
}

export const handler = createSettlementWorkHandler(settlementDependenciesFromEnvironment(), {
  maxReceiveCount: settlementLimits.maxReceiveCount,
});
