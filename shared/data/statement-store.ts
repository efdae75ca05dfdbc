/**
 * What a statement reads besides the ledger accounts (docs/ledger.md, "Statements"; docs/data-model.md
 * gives the cost): an account's period accruals from a period on (AP36), its reservations and the
 * withdrawal transfers they name (AP37), and a settled period's transfers from its settlement on
 * (AP38), never the period's accrual transfers one by one. Reads only.
 */
import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { batchGetLimits } from "../limits.ts";
import { type PeriodAccrualItem, periodAccrualItemSchema } from "../schemas/ledger-items.ts";
import { type ReservationItem, reservationItemSchema, type Transfer, transferSchema } from "../schemas/transfer-items.ts";
import { batchGetAll } from "./batch-get.ts";
import { keys, statementKeys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";

export interface StatementStore {
  /** AP36: the account's accrual items of a program, every currency, from `periodId` on (strongly consistent). */
  listAccrualsFrom(accountId: string, programId: string, periodId: string): Promise<PeriodAccrualItem[]>;
  /** AP37: every reservation (two-phase transfer) of the account, in key order (strongly consistent). */
  listReservations(accountId: string): Promise<ReservationItem[]>;
  /** AP37: the transfers listed under the account at these keys (missing ones are left out). */
  readTransfers(accountId: string, transfers: readonly { postedAt: string; transferId: string }[]): Promise<Transfer[]>;
  /**
   * AP38 (gsi1, eventually consistent): the transfers booked to a period and posted at or after
   * `postedAt`, in one currency, commission accruals left out by the query's filter.
   */
  listPeriodTransfersFrom(accountId: string, periodId: string, postedAt: string, currency: string): Promise<Transfer[]>;
}

export function createStatementStore(table: TableContext): StatementStore {
  const { documentClient, tableName } = table;

  async function queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await documentClient.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      items.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  return {
    async listAccrualsFrom(accountId, programId, periodId) {
      const range = statementKeys.accrualsFrom(programId, periodId);
      const items = await queryAll({
        TableName: tableName,
        KeyConditionExpression: "pk = :partition AND sk BETWEEN :from AND :to",
        ExpressionAttributeValues: { ":partition": keys.accountPartition(accountId), ":from": range.from, ":to": range.to },
        ConsistentRead: true,
      });
      return items.map((item) => periodAccrualItemSchema.parse(item));
    },

    async listReservations(accountId) {
      const items = await queryAll({
        TableName: tableName,
        KeyConditionExpression: "pk = :partition AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":partition": keys.accountPartition(accountId), ":prefix": statementKeys.reservationPrefix },
        ConsistentRead: true,
      });
      return items.map((item) => reservationItemSchema.parse(item));
    },

    async readTransfers(accountId, wanted) {
      const found: Transfer[] = [];
      for (let start = 0; start < wanted.length; start += batchGetLimits.keysMax) {
        const keysOf = wanted
          .slice(start, start + batchGetLimits.keysMax)
          .map((transfer) => keys.transfer(accountId, transfer.postedAt, transfer.transferId));
        for (const item of await batchGetAll(table, keysOf, "statement transfers")) found.push(transferSchema.parse(item));
      }
      return found;
    },

    async listPeriodTransfersFrom(accountId, periodId, postedAt, currency) {
      const items = await queryAll({
        TableName: tableName,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :partition AND gsi1sk >= :from",
        // Accruals are on the period's accrual item; the filter saves their bytes (DynamoDB still reads them).
        FilterExpression: "#code <> :accrual AND #currency = :currency",
        ExpressionAttributeNames: { "#code": "code", "#currency": "currency" },
        ExpressionAttributeValues: {
          ":partition": keys.ledgerPeriodPartition(accountId, periodId),
          ":from": statementKeys.transfersPostedFrom(postedAt),
          ":accrual": "commission_accrual",
          ":currency": currency,
        },
      });
      return items.map((item) => transferSchema.parse(item));
    },
  };
}
