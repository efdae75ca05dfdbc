/**
 * One page of a gsi1 partition, oldest first, with the opaque cursor of page-cursor.ts: the listings by
 * status (withdrawals AP33, partner applications AP61) read their index this way. A cursor is refused
 * unless it points into the same index partition and the entity's table partitions.
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { decodeIndexCursor, encodeCursor } from "./page-cursor.ts";
import type { TableContext } from "./table-context.ts";

export async function readIndexPageOldestFirst(
  table: TableContext,
  page: {
    readonly indexPartition: string;
    /** The partition key prefix of the entity's table items (the cursor must name one). */
    readonly tablePartitionPrefix: string;
    /** The entity's table sort key (the cursor must name it). */
    readonly sortKey: string;
    readonly limit: number;
    readonly cursor: string | undefined;
  },
): Promise<{ readonly items: Record<string, unknown>[]; readonly nextCursor?: string }> {
  const result = await table.documentClient.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :partition",
      ExpressionAttributeValues: { ":partition": page.indexPartition },
      ScanIndexForward: true,
      Limit: page.limit,
      ExclusiveStartKey:
        page.cursor === undefined
          ? undefined
          : decodeIndexCursor(page.cursor, {
              indexPartition: page.indexPartition,
              tablePartitionPrefix: page.tablePartitionPrefix,
              sortKey: page.sortKey,
            }),
    }),
  );
  const items = result.Items ?? [];
  return result.LastEvaluatedKey ? { items, nextCursor: encodeCursor(result.LastEvaluatedKey) } : { items };
}
