/**
 * The outbox relay's reads (AP24): source-event records whose outbound messages are not confirmed sent,
 * from the sparse gsi2 partitions `OUTBOX#0..7`, oldest first. The index is eventually consistent, so a
 * record just marked sent may still be listed for a moment: the relay's resend is then dropped by the
 * outbound queue's deduplication (same entry id), and the billing system deduplicates by entry id too.
 */
import { QueryCommand, type QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import { type SourceEventItem, sourceEventItemSchema } from "../schemas/ledger-items.ts";
import { outboxKeys, unsentOutboxIndex } from "./keys.ts";
import type { TableContext } from "./table-context.ts";

export interface UnsentOutboxPage {
  readonly outboxes: SourceEventItem[];
  /** Where the next page starts; undefined when the shard has no more older than the cutoff. */
  readonly nextStartKey?: Record<string, unknown> | undefined;
}

export interface OutboxStore {
  /** Up to `limit` unsent outboxes of one shard committed before `committedBefore` (ISO instant), oldest first. */
  listUnsent(shard: number, committedBefore: string, limit: number): Promise<UnsentOutboxPage>;
  /** How many more unsent outboxes of the shard lie beyond `startKey`, counting at most `countMax`. */
  countUnsent(shard: number, committedBefore: string, startKey: Record<string, unknown>, countMax: number): Promise<number>;
}

export function createOutboxStore(table: TableContext): OutboxStore {
  const { documentClient, tableName } = table;

  function query(shard: number, committedBefore: string, extra: { Limit: number; ExclusiveStartKey?: Record<string, unknown> }) {
    return {
      TableName: tableName,
      IndexName: unsentOutboxIndex,
      // The sort key is `<committedAt>#<eventId>`: every key of an instant sorts before the bare cutoff instant.
      KeyConditionExpression: "gsi2pk = :partition AND gsi2sk < :cutoff",
      ExpressionAttributeValues: { ":partition": outboxKeys.partition(shard), ":cutoff": committedBefore },
      ...extra,
    };
  }

  return {
    async listUnsent(shard, committedBefore, limit) {
      const result: QueryCommandOutput = await documentClient.send(new QueryCommand(query(shard, committedBefore, { Limit: limit })));
      const outboxes = (result.Items ?? []).map((item) => sourceEventItemSchema.parse(item));
      return { outboxes, nextStartKey: result.LastEvaluatedKey };
    },

    async countUnsent(shard, committedBefore, startKey, countMax) {
      let counted = 0;
      let next: Record<string, unknown> | undefined = startKey;
      while (next && counted < countMax) {
        const result: QueryCommandOutput = await documentClient.send(
          new QueryCommand({ ...query(shard, committedBefore, { Limit: countMax - counted, ExclusiveStartKey: next }), Select: "COUNT" }),
        );
        counted += result.Count ?? 0;
        next = result.LastEvaluatedKey;
      }
      return Math.min(counted, countMax);
    },
  };
}
