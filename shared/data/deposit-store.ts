/**
 * A partner's prepaid deposit (AP47, AP49): the settings item the operator's enablement writes once,
 * and the top-up records written in each top-up's transaction. Balances and movements are the
 * ledger's (ledger-store: the `deposit` ledger account and its transfers).
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import {
  type DepositSettingsItem,
  type DepositTopUpItem,
  depositSettingsItemSchema,
  depositTopUpItemSchema,
} from "../schemas/deposit-items.ts";
import { isConditionalCheckFailed } from "./aws-errors.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";
import type { LabelledWrite } from "./write-conflicts.ts";

export interface DepositStore {
  /** AP47, strongly consistent: the deposit's settings, or undefined when it was never enabled. */
  readSettings(accountId: string): Promise<DepositSettingsItem | undefined>;
  /** Writes the settings unless the deposit is enabled already: true when this call enabled it. */
  enable(settings: DepositSettingsItem): Promise<boolean>;
  /** AP49: the top-up's record, when it was credited. */
  readTopUp(topUpId: string): Promise<DepositTopUpItem | undefined>;
  readonly writes: {
    /** The top-up's record, in its transaction, on condition it is the first (the business id). */
    recordTopUp(topUp: DepositTopUpItem): LabelledWrite;
  };
}

export function createDepositStore(table: TableContext): DepositStore {
  const { documentClient, tableName } = table;
  return {
    async readSettings(accountId) {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keys.depositSettings(accountId), ConsistentRead: true }),
      );
      return result.Item ? depositSettingsItemSchema.parse(result.Item) : undefined;
    },
    async enable(settings) {
      try {
        await documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.depositSettings(settings.accountId), entityType: "DepositSettings", ...settings },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        );
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },
    async readTopUp(topUpId) {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keys.depositTopUp(topUpId), ConsistentRead: true }),
      );
      return result.Item ? depositTopUpItemSchema.parse(result.Item) : undefined;
    },
    writes: {
      recordTopUp(topUp) {
        return {
          label: `depositTopUp:${topUp.topUpId}`,
          item: {
            Put: {
              TableName: tableName,
              Item: { ...keys.depositTopUp(topUp.topUpId), entityType: "DepositTopUp", ...topUp },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
        };
      },
    },
  };
}
