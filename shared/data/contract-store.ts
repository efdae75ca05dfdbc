/**
 * The referral contracts accounts have on file per program (AP31): one item per account and program
 * holding the current state. A write replaces it on condition it is still the one the decision read, so
 * a recording and a revocation that race are decided again, never lost.
 */

import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { type ContractItem, contractItemSchema } from "../schemas/withdrawal-items.ts";
import { isConditionalCheckFailed } from "./aws-errors.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";
import { WriteConflictError } from "./write-conflicts.ts";

export function createContractStore(table: TableContext) {
  const { documentClient, tableName } = table;
  return {
    async readContract(accountId: string, programId: string): Promise<ContractItem | undefined> {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keys.contract(accountId, programId), ConsistentRead: true }),
      );
      return result.Item ? contractItemSchema.parse(result.Item) : undefined;
    },

    /** Stores `contract`, on condition the stored one is still `read` (none: none stored); a lost race is a WriteConflictError. */
    async writeContract(contract: ContractItem, read: ContractItem | undefined): Promise<void> {
      try {
        await documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.contract(contract.accountId, contract.programId), entityType: "Contract", ...contract },
            // Optimistic: the recording time and status identify the state the decision was made on.
            ...(read === undefined
              ? { ConditionExpression: "attribute_not_exists(pk)" }
              : {
                  ConditionExpression: "recordedAt = :readRecordedAt AND #status = :readStatus",
                  ExpressionAttributeNames: { "#status": "status" },
                  ExpressionAttributeValues: { ":readRecordedAt": read.recordedAt, ":readStatus": read.status },
                }),
          }),
        );
      } catch (error) {
        if (isConditionalCheckFailed(error)) throw new WriteConflictError(["contract"]);
        throw error;
      }
    },
  };
}

export type ContractStore = ReturnType<typeof createContractStore>;
