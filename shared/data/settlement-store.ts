/**
 * What settlement reads and writes (docs/ledger.md, "Settlement"): the period accruals to settle, listed
 * per shard of the index (AP16); the accrual and the partner's individual rate of one step, read
 * together (AP15 + AP27); the run record and its per-shard progress (AP28, AP29) and failures (AP30).
 * The step's own writes join the ledger store's transaction (`writes`), so an account is settled and
 * counted once, or not at all.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../domain/clock.ts";
import type { AccrualSettlement, IndividualRate, SettlementStep } from "../domain/settlement.ts";
import { TransientError } from "../errors.ts";
import { settlementLimits } from "../limits.ts";
import { type PeriodAccrualItem, periodAccrualItemSchema } from "../schemas/ledger-items.ts";
import {
  type IndividualRateItem,
  individualRateItemSchema,
  type SettlementFailureItem,
  type SettlementProgressItem,
  type SettlementRunItem,
  settlementFailureItemSchema,
  settlementProgressItemSchema,
  settlementRunItemSchema,
} from "../schemas/settlement-items.ts";
import { keys, settlementKeys, settlementShardOf } from "./keys.ts";
import type { TableContext } from "./table-context.ts";
import type { LabelledWrite } from "./write-conflicts.ts";

export interface StepInputs {
  readonly accrual?: PeriodAccrualItem;
  readonly individualRate?: IndividualRateItem;
}

/** Where a page of the index starts: the last evaluated key of the page before (carried in the next page's work item). */
export type IndexPosition = Record<string, string>;

export interface AccountsToSettlePage {
  readonly steps: SettlementStep[];
  readonly next?: IndexPosition;
}

export interface SettlementProgress {
  readonly run?: SettlementRunItem;
  /** Accounts (and currencies) listed from the index and enqueued so far. */
  readonly enqueued: number;
  readonly settled: number;
  readonly failed: number;
  /** Shards whose listing reached its end. */
  readonly shardsListed: number;
  readonly shards: number;
}

export function createSettlementStore(
  table: TableContext,
  clock: Clock,
  /** Accounts per page of the index (tests make it small to cross pages). */
  pageSize: number = settlementLimits.pageSize,
) {
  const { documentClient, tableName } = table;

  /** AP16: a page of one shard of a period's accounts to settle, in key order. */
  async function listAccountsToSettle(
    programId: string,
    periodId: string,
    shard: number,
    after?: IndexPosition,
  ): Promise<AccountsToSettlePage> {
    const result = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: "gsi2",
        KeyConditionExpression: "gsi2pk = :partition",
        ExpressionAttributeValues: { ":partition": settlementKeys.accountsToSettlePartition(programId, periodId, shard) },
        ProjectionExpression: "pk, sk, gsi2pk, gsi2sk, accountId, programId, periodId, currency",
        Limit: pageSize,
        ExclusiveStartKey: after,
      }),
    );
    const steps = (result.Items ?? []).map((item) => ({
      programId: String(item.programId),
      periodId: String(item.periodId),
      accountId: String(item.accountId),
      currency: String(item.currency),
    }));
    return { steps, ...(result.LastEvaluatedKey ? { next: result.LastEvaluatedKey as IndexPosition } : {}) };
  }

  return {
    /** AP15 + AP27 in one BatchGetItem, strongly consistent: the accrual to settle and the partner's individual rate. */
    async readStepInputs(step: SettlementStep): Promise<StepInputs> {
      const accrualKey = keys.periodAccrual(step.accountId, step.programId, step.periodId, step.currency);
      const rateKey = settlementKeys.individualRate(step.accountId, step.programId);
      const result = await documentClient.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: [accrualKey, rateKey], ConsistentRead: true } } }),
      );
      if (Object.keys(result.UnprocessedKeys ?? {}).length > 0) throw new TransientError("settlement read was throttled");
      let inputs: { accrual?: PeriodAccrualItem; individualRate?: IndividualRateItem } = {};
      for (const item of result.Responses?.[tableName] ?? []) {
        if (item.pk === accrualKey.pk && item.sk === accrualKey.sk) inputs = { ...inputs, accrual: periodAccrualItemSchema.parse(item) };
        else if (item.pk === rateKey.pk && item.sk === rateKey.sk)
          inputs = { ...inputs, individualRate: individualRateItemSchema.parse(item) };
      }
      return inputs;
    },

    listAccountsToSettle,

    /** AP16, every shard and page: each account and currency listed to settle in the period (the dry run, the bench's bare loop). */
    async *allAccountsToSettle(programId: string, periodId: string): AsyncGenerator<SettlementStep> {
      for (let shard = 0; shard < settlementLimits.shards; shard += 1) {
        let after: IndexPosition | undefined;
        do {
          const page = await listAccountsToSettle(programId, periodId, shard, after);
          yield* page.steps;
          after = page.next;
        } while (after);
      }
    },

    /** AP27: the individual rate of a partner in a program. */
    async readIndividualRate(accountId: string, programId: string): Promise<IndividualRateItem | undefined> {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: settlementKeys.individualRate(accountId, programId), ConsistentRead: true }),
      );
      return result.Item ? individualRateItemSchema.parse(result.Item) : undefined;
    },

    /** Sets (or replaces) the individual rate; settlement applies the rate in force when it runs. */
    async putIndividualRate(rate: IndividualRateItem): Promise<void> {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...settlementKeys.individualRate(rate.accountId, rate.programId), entityType: "IndividualRate", ...rate },
        }),
      );
    },

    /** Removes it: later settlements use the tier ladder again. Whether there was one. */
    async deleteIndividualRate(accountId: string, programId: string): Promise<boolean> {
      const result = await documentClient.send(
        new DeleteCommand({ TableName: tableName, Key: settlementKeys.individualRate(accountId, programId), ReturnValues: "ALL_OLD" }),
      );
      return result.Attributes !== undefined;
    },

    /** AP28: whether a run of the period was ever started (strongly consistent). */
    async wasRunStarted(programId: string, periodId: string): Promise<boolean> {
      const result = await documentClient.send(
        new GetCommand({
          TableName: tableName,
          Key: settlementKeys.settlementRun(programId, periodId),
          ConsistentRead: true,
          ProjectionExpression: "pk",
        }),
      );
      return result.Item !== undefined;
    },

    /** AP28: records that a run of the period started (the first start is kept; a repeat counts). */
    async startRun(run: {
      programId: string;
      periodId: string;
      runAt: string;
      trigger: SettlementRunItem["lastTrigger"];
    }): Promise<SettlementRunItem> {
      const now = clock.now().toISOString();
      const result = await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: settlementKeys.settlementRun(run.programId, run.periodId),
          UpdateExpression:
            "SET entityType = :entityType, programId = :programId, periodId = :periodId, firstStartedAt = if_not_exists(firstStartedAt, :now), lastStartedAt = :now, lastRunAt = :runAt, lastTrigger = :trigger, shards = :shards ADD runs :one",
          ExpressionAttributeValues: {
            ":entityType": "SettlementRun",
            ":programId": run.programId,
            ":periodId": run.periodId,
            ":now": now,
            ":runAt": run.runAt,
            ":trigger": run.trigger,
            ":shards": settlementLimits.shards,
            ":one": 1,
          },
          ReturnValues: "ALL_NEW",
        }),
      );
      return settlementRunItemSchema.parse(result.Attributes);
    },

    /**
     * AP29: a shard's listing reached `enqueued` accounts (carried from page to page, so a redelivered
     * page writes the same number again), and whether it reached the end. Never lowers the count.
     */
    async recordListed(programId: string, periodId: string, shard: number, enqueued: number, complete: boolean): Promise<void> {
      try {
        await documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: settlementKeys.settlementProgress(programId, periodId, shard),
            UpdateExpression: `SET entityType = :entityType, enqueued = :enqueued, listedAt = :now${complete ? ", listingComplete = :true" : ""}`,
            ConditionExpression: "attribute_not_exists(enqueued) OR enqueued <= :enqueued",
            ExpressionAttributeValues: {
              ":entityType": "SettlementProgress",
              ":enqueued": enqueued,
              ":now": clock.now().toISOString(),
              ...(complete ? { ":true": true } : {}),
            },
          }),
        );
      } catch (error) {
        // A later page of the same listing got there first: its count is the larger one.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    /** AP30: an account that could not be settled, once per step (a repeat keeps the first), counted on its shard. */
    async recordFailure(step: SettlementStep, reason: { code: string; message: string }): Promise<void> {
      const shard = settlementShardOf(step.accountId);
      const now = clock.now().toISOString();
      const failure: SettlementFailureItem = { ...step, code: reason.code, message: reason.message.slice(0, 500), failedAt: now };
      try {
        await documentClient.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...settlementKeys.settlementFailure(step.programId, step.periodId, shard, step.accountId, step.currency),
                    entityType: "SettlementFailure",
                    ...failure,
                  },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: settlementKeys.settlementProgress(step.programId, step.periodId, shard),
                  UpdateExpression: "SET entityType = :entityType ADD failed :one",
                  ExpressionAttributeValues: { ":entityType": "SettlementProgress", ":one": 1 },
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === "ConditionalCheckFailed") return;
        throw error;
      }
    },

    /** AP28 + AP29: the run and the sum of its shards' progress. */
    async readProgress(programId: string, periodId: string): Promise<SettlementProgress> {
      const shardKeys = Array.from({ length: settlementLimits.shards }, (_, shard) =>
        settlementKeys.settlementProgress(programId, periodId, shard),
      );
      const result = await documentClient.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: [settlementKeys.settlementRun(programId, periodId), ...shardKeys], ConsistentRead: true } },
        }),
      );
      if (Object.keys(result.UnprocessedKeys ?? {}).length > 0) throw new TransientError("settlement progress read was throttled");
      let run: SettlementRunItem | undefined;
      const shards: SettlementProgressItem[] = [];
      for (const item of result.Responses?.[tableName] ?? []) {
        if (item.sk === "RUN") run = settlementRunItemSchema.parse(item);
        else shards.push(settlementProgressItemSchema.parse(item));
      }
      return {
        ...(run ? { run } : {}),
        enqueued: shards.reduce((sum, shard) => sum + shard.enqueued, 0),
        settled: shards.reduce((sum, shard) => sum + shard.settled, 0),
        failed: shards.reduce((sum, shard) => sum + shard.failed, 0),
        shardsListed: shards.filter((shard) => shard.listingComplete).length,
        shards: settlementLimits.shards,
      };
    },

    /** AP30: the failures of a run, shard by shard (at most `limit`). */
    async listFailures(programId: string, periodId: string, limit: number): Promise<SettlementFailureItem[]> {
      const failures: SettlementFailureItem[] = [];
      for (let shard = 0; shard < settlementLimits.shards && failures.length < limit; shard += 1) {
        const result = await documentClient.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "pk = :partition AND begins_with(sk, :prefix)",
            ExpressionAttributeValues: {
              ":partition": settlementKeys.settlementProgress(programId, periodId, shard).pk,
              ":prefix": settlementKeys.settlementFailurePrefix,
            },
            Limit: limit - failures.length,
          }),
        );
        for (const item of result.Items ?? []) failures.push(settlementFailureItemSchema.parse(item));
      }
      return failures;
    },

    /** Writes to add to a settlement step's transaction. */
    writes: {
      /** Closes the accrual at its settlement, on condition nothing changed it since it was read (a commission or clawback meanwhile: decide again). */
      settleAccrual(read: PeriodAccrualItem, settlement: AccrualSettlement): LabelledWrite {
        return {
          label: `accrual:${read.periodId}`,
          item: {
            Update: {
              TableName: tableName,
              Key: keys.periodAccrual(read.accountId, read.programId, read.periodId, read.currency),
              UpdateExpression:
                "SET settledAt = :settledAt, settledRateBps = :rate, settledRateReason = :reason, settledBaseMinor = :base, topUpMinor = :topUp, baseReversedAfterSettlementMinor = :zero, topUpReversedMinor = :zero, updatedAt = :settledAt" +
                (settlement.topUpTransferId === undefined ? "" : ", topUpTransferId = :topUpTransferId"),
              ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(settledAt) AND entryCount = :entryCount",
              ExpressionAttributeValues: {
                ":settledAt": settlement.settledAt,
                ":rate": settlement.settledRateBps,
                ":reason": settlement.settledRateReason,
                ":base": settlement.settledBaseMinor,
                ":topUp": settlement.topUpMinor,
                ":zero": 0,
                ":entryCount": read.entryCount,
                ...(settlement.topUpTransferId === undefined ? {} : { ":topUpTransferId": settlement.topUpTransferId }),
              },
            },
          },
        };
      },

      /** Counts the settled account on its shard of the run's progress (AP29). */
      countSettled(step: SettlementStep): LabelledWrite {
        return {
          label: "settlementProgress",
          item: {
            Update: {
              TableName: tableName,
              Key: settlementKeys.settlementProgress(step.programId, step.periodId, settlementShardOf(step.accountId)),
              UpdateExpression: "SET entityType = :entityType ADD settled :one",
              ExpressionAttributeValues: { ":entityType": "SettlementProgress", ":one": 1 },
            },
          },
        };
      },
    },
  };
}

export type SettlementStore = ReturnType<typeof createSettlementStore>;

export function individualRateOf(item: IndividualRateItem | undefined): IndividualRate | undefined {
  return item ? { rateBps: item.rateBps, setAt: item.setAt } : undefined;
}
