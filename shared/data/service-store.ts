/**
 * The history of each service (AP25, AP79): one immutable item per payer change (PAYER#) and per
 * lifecycle change (STATUS#: activated, cancelled) under SERVICE#serviceId, sorted by when it took
 * effect; and, under each account that was ever a service's payer, one PAID_SERVICE#serviceId item
 * (AP78) naming the service, so that a partner's level verification finds the services to count. No
 * item grows with the number of changes or services, and a change arriving late lands in its place.
 */
import { QueryCommand, type QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import type { ServiceHistory } from "../domain/service-payer.ts";
import {
  type ServicePayerChangeItem,
  type ServiceStatusChangeItem,
  servicePayerChangeItemSchema,
  serviceStatusChangeItemSchema,
} from "../schemas/service-items.ts";
import { keys, partnerKeys } from "./keys.ts";
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

    /** AP79: the service's whole history, payer and lifecycle changes (strongly consistent; a few items, paged to the end). */
    async historyOf(serviceId: string): Promise<ServiceHistory> {
      const payerChanges: ServicePayerChangeItem[] = [];
      const statusChanges: ServiceStatusChangeItem[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const result: QueryCommandOutput = await documentClient.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "pk = :partition",
            ExpressionAttributeValues: { ":partition": keys.servicePartition(serviceId) },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of result.Items ?? []) {
          if (item.entityType === "ServicePayerChange") payerChanges.push(servicePayerChangeItemSchema.parse(item));
          else if (item.entityType === "ServiceStatusChange") statusChanges.push(serviceStatusChangeItemSchema.parse(item));
        }
        startKey = result.LastEvaluatedKey;
      } while (startKey);
      return { serviceId, payerChanges, statusChanges };
    },

    /** AP78: every service `accountId` was ever recorded as the payer of, paged to the end. */
    async servicesPaidBy(accountId: string): Promise<string[]> {
      const serviceIds: string[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const result: QueryCommandOutput = await documentClient.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues: { ":pk": keys.accountPartition(accountId), ":prefix": partnerKeys.paidServicePrefix },
            ProjectionExpression: "serviceId",
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of result.Items ?? []) serviceIds.push(String(item.serviceId));
        startKey = result.LastEvaluatedKey;
      } while (startKey);
      return serviceIds;
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

      /** One activation or cancellation, in the transaction of its event's idempotency record. */
      recordStatusChange(change: ServiceStatusChangeItem): LabelledWrite {
        return {
          label: "statusChange",
          item: {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.serviceStatusChange(change.serviceId, change.at, change.sourceEventId),
                entityType: "ServiceStatusChange",
                ...change,
              },
              ConditionExpression: itemIsNew,
            },
          },
        };
      },

      /**
       * The account pays or paid for the service: the same item whichever event names it (an unconditional put of the
       * same content), so a second payer change naming the account changes nothing.
       */
      recordPaidService(accountId: string, serviceId: string): LabelledWrite {
        return {
          label: "paidService",
          item: {
            Put: {
              TableName: tableName,
              Item: { ...partnerKeys.paidService(accountId, serviceId), entityType: "PaidService", accountId, serviceId },
            },
          },
        };
      },
    },
  };
}

export type ServiceStore = ReturnType<typeof createServiceStore>;
