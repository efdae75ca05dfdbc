/**
 * Every item of a BatchGetItem. DynamoDB may serve a batch only in part (a partition short of read
 * capacity) and returns the rest as UnprocessedKeys; the protocol is to ask again for those, after a
 * pause, which this does up to `batchGetLimits.unprocessedKeysRetriesMax` times. It is not a conflict loop:
 * nothing was decided or written, and asking again only completes the answer (lost races are decided
 * again in shared/use-cases/conflict-retries.ts).
 */
import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import { assert } from "../domain/assert.ts";
import { TransientError } from "../errors.ts";
import { batchGetLimits } from "../limits.ts";
import { backoff } from "./backoff.ts";
import type { TableKey } from "./keys.ts";
import type { TableContext } from "./table-context.ts";

/** The items found under `keys` (consistent reads), in no particular order; absent keys have none. */
export async function batchGetAll(table: TableContext, keys: readonly TableKey[], what: string): Promise<Record<string, unknown>[]> {
  assert(keys.length <= batchGetLimits.keysMax, `a BatchGetItem of ${keys.length} keys exceeds DynamoDB's limit`);
  const { documentClient, tableName } = table;
  const items: Record<string, unknown>[] = [];
  let pending: Record<string, unknown>[] = keys.map((key) => ({ ...key }));
  for (let retry = 0; pending.length > 0; retry += 1) {
    if (retry > batchGetLimits.unprocessedKeysRetriesMax)
      throw new TransientError(`${what}: keys still unprocessed after ${retry - 1} retries`);
    if (retry > 0) await backoff(retry);
    const result = await documentClient.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
    );
    items.push(...(result.Responses?.[tableName] ?? []));
    pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
  }
  return items;
}
