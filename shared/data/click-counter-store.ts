/**
 * The click aggregator's writes: the code's counter (AP4), the day's counter (AP5) and the stream shard's
 * checkpoint (AP23), moved together in one TransactWriteItems per chunk (shared/domain/click-aggregation.ts).
 *
 * The checkpoint's condition is what makes a redelivered batch harmless: the transaction commits only
 * if the checkpoint still holds the sequence number the plan was made from, so two deliveries of the
 * same clicks can never both commit. A lost race (the checkpoint moved, or another transaction held a
 * counter) is reported as a `WriteConflictError` and decided again by the use case from a fresh
 * checkpoint (shared/use-cases/conflict-retries.ts), never retried here.
 *
 * Item shapes: shared/schemas/items.ts. Keys: shared/data/keys.ts.
 */
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { ClickAggregationChunk } from "../domain/click-aggregation.ts";
import type { Clock } from "../domain/clock.ts";
import { TransientError } from "../errors.ts";
import { cancellationCodesOf, transientCancellationCodes } from "./aws-errors.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";
import { heldWrites, type LabelledWrite, WriteConflictError } from "./write-conflicts.ts";

/** Stream records live 24 hours; a checkpoint kept two days outlives every record it could skip. */
const checkpointLifetimeSeconds = 2 * 24 * 60 * 60;

export type ChunkOutcome =
  | { readonly kind: "applied" }
  /** These codes have no code item (never created, or a bug upstream): nothing was written; no re-read changes that. */
  | { readonly kind: "codes_missing"; readonly codes: readonly string[] };

export interface ClickCounterStore {
  /** The last sequence number applied from `shardId`, or undefined for a shard not seen yet. Consistent read. */
  readCheckpoint(shardId: string): Promise<string | undefined>;
  /**
   * Adds the chunk's clicks to the counters and moves the checkpoint from `appliedThrough` to the chunk's
   * last record, atomically. A WriteConflictError `clickCheckpoint` when another delivery moved the
   * checkpoint first (re-read it and plan again), or naming the counters another transaction held (a
   * sign-up's or another shard's update); a TransientError when throttled. Nothing is written then.
   */
  applyChunk(shardId: string, appliedThrough: string | undefined, chunk: ClickAggregationChunk): Promise<ChunkOutcome>;
}

// ---------- named conditions ----------

/** Counters are only added to a code that exists (never create a code item from a counter). */
const codeExists = "attribute_exists(pk)";
/** The checkpoint is where the plan started from: no other delivery applied these clicks meanwhile. */
const checkpointIsUnseen = "attribute_not_exists(pk)";
const checkpointIsAt = "lastSequenceNumber = :appliedThrough";

export function createClickCounterStore(table: TableContext, clock: Clock): ClickCounterStore {
  const { documentClient, tableName } = table;
  return {
    async readCheckpoint(shardId) {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keys.clickStreamCheckpoint(shardId), ConsistentRead: true }),
      );
      const last = result.Item?.lastSequenceNumber;
      return typeof last === "string" ? last : undefined;
    },

    async applyChunk(shardId, appliedThrough, chunk) {
      const counterUpdates: LabelledWrite[] = chunk.increments.flatMap((increment): LabelledWrite[] => [
        {
          label: `codeCounter:${increment.code}`,
          item: {
            Update: {
              TableName: tableName,
              Key: keys.referralCode(increment.code),
              UpdateExpression: "ADD clickCount :clicks",
              ConditionExpression: codeExists,
              ExpressionAttributeValues: { ":clicks": increment.clicks },
            },
          },
        },
        {
          label: `dailyClicks:${increment.code}#${increment.day}`,
          item: {
            Update: {
              TableName: tableName,
              Key: keys.dailyClicks(increment.code, increment.day),
              UpdateExpression: "ADD clickCount :clicks SET entityType = :entityType, code = :code, #day = :day",
              ExpressionAttributeNames: { "#day": "day" },
              ExpressionAttributeValues: {
                ":clicks": increment.clicks,
                ":entityType": "DailyClicks",
                ":code": increment.code,
                ":day": increment.day,
              },
            },
          },
        },
      ]);
      const checkpointUpdate: LabelledWrite = {
        label: `clickCheckpoint:${shardId}`,
        item: {
          Update: {
            TableName: tableName,
            Key: keys.clickStreamCheckpoint(shardId),
            UpdateExpression:
              "SET entityType = :entityType, shardId = :shardId, lastSequenceNumber = :last, expiresAtEpochSeconds = :expires",
            ConditionExpression: appliedThrough === undefined ? checkpointIsUnseen : checkpointIsAt,
            ExpressionAttributeValues: {
              ":entityType": "ClickStreamCheckpoint",
              ":shardId": shardId,
              ":last": chunk.lastSequenceNumber,
              ":expires": Math.floor(clock.now().getTime() / 1000) + checkpointLifetimeSeconds,
              ...(appliedThrough === undefined ? {} : { ":appliedThrough": appliedThrough }),
            },
          },
        },
      };
      const writes = [...counterUpdates, checkpointUpdate];
      try {
        await documentClient.send(new TransactWriteCommand({ TransactItems: writes.map((write) => write.item) }));
        return { kind: "applied" };
      } catch (error) {
        const reasons = cancellationCodesOf(error);
        if (!reasons) throw error;
        if (reasons[counterUpdates.length] === "ConditionalCheckFailed") throw new WriteConflictError([checkpointUpdate.label]);
        const missing = chunk.increments
          .filter((_, index) => reasons[2 * index] === "ConditionalCheckFailed")
          .map((increment) => increment.code);
        if (missing.length > 0) return { kind: "codes_missing", codes: [...new Set(missing)] };
        const held = heldWrites(writes, reasons);
        if (held.length > 0) throw new WriteConflictError(held);
        if (reasons.some((reason) => transientCancellationCodes.has(reason)))
          throw new TransientError(`click counters: transaction cancelled (${reasons.join(", ")})`, { cause: error });
        throw error;
      }
    },
  };
}
