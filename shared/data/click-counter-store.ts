/**
 * The click aggregator's writes: the code's counter (AP4), the day's counter (AP5) and the stream shard's
 * checkpoint (AP23), moved together in one TransactWriteItems per chunk (shared/domain/click-aggregation.ts).
 *
 * The checkpoint's condition is what makes a redelivered batch harmless: the transaction commits only
 * if the checkpoint still holds the sequence number the plan was made from, so two deliveries of the
 * same clicks can never both commit.
 *
 * Item shapes: shared/schemas/items.ts. Keys: shared/data/keys.ts.
 */
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { ClickAggregationChunk } from "../domain/click-aggregation.ts";
import type { Clock } from "../domain/clock.ts";
import { cancellationCodesOf, transientCancellationCodes } from "./aws-errors.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** Stream records live 24 hours; a checkpoint kept two days outlives every record it could skip. */
const checkpointLifetimeSeconds = 2 * 24 * 60 * 60;

export type ChunkOutcome =
  | { readonly kind: "applied" }
  /** Another delivery moved the checkpoint first: re-read it and plan again. */
  | { readonly kind: "checkpoint_moved" }
  /** Lost a race on a counter (TransactionConflict with another shard's or a sign-up's update) or was throttled: nothing was written, try again. */
  | { readonly kind: "contended" }
  /** These codes have no code item (never created, or a bug upstream): nothing was written. */
  | { readonly kind: "codes_missing"; readonly codes: readonly string[] };

export interface ClickCounterStore {
  /** The last sequence number applied from `shardId`, or undefined for a shard not seen yet. Consistent read. */
  readCheckpoint(shardId: string): Promise<string | undefined>;
  /** Adds the chunk's clicks to the counters and moves the checkpoint from `appliedThrough` to the chunk's last record, atomically. */
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
      const counterUpdates: TransactItem[] = chunk.increments.flatMap((increment): TransactItem[] => [
        {
          Update: {
            TableName: tableName,
            Key: keys.referralCode(increment.code),
            UpdateExpression: "ADD clickCount :clicks",
            ConditionExpression: codeExists,
            ExpressionAttributeValues: { ":clicks": increment.clicks },
          },
        },
        {
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
      ]);
      const checkpointUpdate: TransactItem = {
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
      };
      try {
        await documentClient.send(new TransactWriteCommand({ TransactItems: [...counterUpdates, checkpointUpdate] }));
        return { kind: "applied" };
      } catch (error) {
        const reasons = cancellationCodesOf(error);
        if (!reasons) throw error;
        if (reasons[counterUpdates.length] === "ConditionalCheckFailed") return { kind: "checkpoint_moved" };
        const missing = chunk.increments
          .filter((_, index) => reasons[2 * index] === "ConditionalCheckFailed")
          .map((increment) => increment.code);
        if (missing.length > 0) return { kind: "codes_missing", codes: [...new Set(missing)] };
        if (reasons.some((reason) => transientCancellationCodes.has(reason))) return { kind: "contended" };
        throw error;
      }
    },
  };
}
