/**
 * The history of each service's payer and administrator (AP25): one immutable item per change under
 * SERVICE#serviceId, sorted by when it took effect. No item grows with the number of changes, and a
 * change arriving late lands in its place in the history.
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { type ServicePayerChangeItem, servicePayerChangeItemSchema } from "../schemas/service-items.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";
import type { LabelledWrite } from "./write-conflicts.ts";

// Why the condition: a change is written once, by its own event, and never overwritten.
const itemIsNew = "attribute_not_exists(pk)";

export function createServiceStore(table: TableContext) {
  const { documentClient, tableName } = table;

  return {
    /**
     * AP25, strongly consistent: the change in force at `at` (the newest that took effect at or before
     * it; a change at exactly `at` counts), with the payer and administrator from then on. Undefined
     * when no change of the service at or before `at` is recorded.
     */
    async payerOf(serviceId: string, at: Date): Promise<ServicePayerChangeItem | undefined> {
      const result = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :partition AND sk BETWEEN :first AND :until",
          ExpressionAttributeValues: {
            ":partition": keys.servicePartition(serviceId),
            ":first": keys.servicePayerChangePrefix,
            ":until": keys.servicePayerChangesUntil(at.toISOString()),
          },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      const item = result.Items?.[0];
      return item ? servicePayerChangeItemSchema.parse(item) : undefined;
    },

    /** Writes to add to an effect's transaction. */
    writes: {
      /** One payer change, in the transaction of its event's idempotency record. */
      recordPayerChange(change: ServicePayerChangeItem): LabelledWrite {
        return {
          label: "payerChange",
          item: {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.servicePayerChange(change.serviceId, change.changedAt, change.sourceEventId),
                entityType: "ServicePayerChange",
                ...change,
              },
              ConditionExpression: itemIsNew,
            },
          },
        };
      },
    },
  };
}

export type ServiceStore = ReturnType<typeof createServiceStore>;
