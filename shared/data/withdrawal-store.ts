/**
 * What the withdrawal use cases read, and the writes they add to an effect's transaction (ledger-store
 * `commit`): the withdrawal item (WITHDRAWAL#id, listed by status in gsi1), the account's open-withdrawal
 * slot per program and currency, and the check that the referral contract is still on file. Each write
 * carries a label so a failed condition names itself, and each condition says why it is there.
 */
import { BatchGetCommand, GetCommand } from "@aws-sdk/lib-dynamodb";
import { TransientError } from "../errors.ts";
import { limits } from "../limits.ts";
import { ledgerAccountItemSchema } from "../schemas/transfer-items.ts";
import {
  type ContractItem,
  contractItemSchema,
  type WithdrawalItem,
  type WithdrawalSlotItem,
  type WithdrawalStatus,
  withdrawalItemSchema,
  withdrawalSlotItemSchema,
} from "../schemas/withdrawal-items.ts";
import { backoff } from "./backoff.ts";
import { readIndexPageOldestFirst } from "./index-page.ts";
import { keys, partitionKeyPrefixes, type TableKey } from "./keys.ts";
import type { TableContext } from "./table-context.ts";
import type { LabelledWrite } from "./write-conflicts.ts";

export interface WithdrawalRequestReads {
  readonly contract: ContractItem | undefined;
  readonly slot: WithdrawalSlotItem | undefined;
  /** commission_available's balance (0 when the account has none). */
  readonly availableMinor: number;
  readonly existing: WithdrawalItem | undefined;
}

export interface WithdrawalPageQuery {
  readonly status: WithdrawalStatus;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface WithdrawalPage {
  readonly withdrawals: WithdrawalItem[];
  readonly nextCursor?: string;
}

// Why each condition:
const itemIsNew = "attribute_not_exists(pk)"; // a withdrawal id is used once (its idempotency record is new too)
const noWithdrawalOpen = "attribute_not_exists(openWithdrawalId)"; // one open withdrawal per account, program and currency
const contractIsActive = "attribute_exists(pk) AND #status = :active"; // a revocation meanwhile refuses the withdrawal

export function createWithdrawalStore(table: TableContext) {
  const { documentClient, tableName } = table;

  /** One consistent BatchGetItem of the given keys, unprocessed keys retried; the items by key. */
  async function batchGet(keysToRead: readonly TableKey[]): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    let pending: Record<string, unknown>[] = keysToRead.map((key) => ({ pk: key.pk, sk: key.sk }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > limits.optimisticRetriesMax) throw new TransientError("withdrawal state: keys left unread");
      const result = await documentClient.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[tableName] ?? []) found.set(`${String(item.pk)}\n${String(item.sk)}`, item);
      pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
      if (pending.length > 0) await backoff(attempt);
    }
    return found;
  }
  const itemOf = (items: Map<string, Record<string, unknown>>, key: TableKey) => items.get(`${key.pk}\n${key.sk}`);

  function withdrawalPut(withdrawal: WithdrawalItem) {
    return {
      TableName: tableName,
      Item: {
        ...keys.withdrawal(withdrawal.withdrawalId),
        ...keys.withdrawalByStatus(withdrawal.status, withdrawal.requestedAt, withdrawal.withdrawalId),
        entityType: "Withdrawal",
        ...withdrawal,
      },
    };
  }

  return {
    /** Everything a withdrawal request decides on, in one strongly consistent BatchGetItem (AP31, AP34, AP11, AP32). */
    async readRequestState(request: {
      readonly accountId: string;
      readonly programId: string;
      readonly currency: string;
      readonly withdrawalId: string;
    }): Promise<WithdrawalRequestReads> {
      const contractKey = keys.contract(request.accountId, request.programId);
      const slotKey = keys.withdrawalSlot(request.accountId, request.programId, request.currency);
      const availableKey = keys.ledgerAccount(request.accountId, "commission_available", request.currency);
      const withdrawalKey = keys.withdrawal(request.withdrawalId);
      const items = await batchGet([contractKey, slotKey, availableKey, withdrawalKey]);
      const contract = itemOf(items, contractKey);
      const slot = itemOf(items, slotKey);
      const available = itemOf(items, availableKey);
      const existing = itemOf(items, withdrawalKey);
      return {
        contract: contract ? contractItemSchema.parse(contract) : undefined,
        slot: slot ? withdrawalSlotItemSchema.parse(slot) : undefined,
        availableMinor: available ? ledgerAccountItemSchema.parse(available).balanceMinor : 0,
        existing: existing ? withdrawalItemSchema.parse(existing) : undefined,
      };
    },

    /** AP32. */
    async readWithdrawal(withdrawalId: string): Promise<WithdrawalItem | undefined> {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keys.withdrawal(withdrawalId), ConsistentRead: true }),
      );
      return result.Item ? withdrawalItemSchema.parse(result.Item) : undefined;
    },

    /** AP33: withdrawals in one status, oldest request first (eventually consistent, as every index read). */
    async listByStatus(query: WithdrawalPageQuery): Promise<WithdrawalPage> {
      const page = await readIndexPageOldestFirst(table, {
        indexPartition: keys.withdrawalsByStatusPartition(query.status),
        tablePartitionPrefix: partitionKeyPrefixes.withdrawal,
        sortKey: keys.withdrawal("x").sk,
        limit: query.limit,
        cursor: query.cursor,
      });
      const withdrawals = page.items.map((item) => withdrawalItemSchema.parse(item));
      return page.nextCursor === undefined ? { withdrawals } : { withdrawals, nextCursor: page.nextCursor };
    },

    /** Writes to add to a withdrawal effect's transaction. */
    writes: {
      /** The new withdrawal, listed as requested. */
      openWithdrawal(withdrawal: WithdrawalItem): LabelledWrite {
        return { label: "withdrawal", item: { Put: { ...withdrawalPut(withdrawal), ConditionExpression: itemIsNew } } };
      },

      /** The account's slot for the program and currency now holds this withdrawal, on condition it held none. */
      occupySlot(withdrawal: WithdrawalItem): LabelledWrite {
        return {
          label: "withdrawalSlot",
          item: {
            Update: {
              TableName: tableName,
              Key: keys.withdrawalSlot(withdrawal.accountId, withdrawal.programId, withdrawal.currency),
              UpdateExpression:
                "SET entityType = :entityType, accountId = :accountId, programId = :programId, #currency = :currency, openWithdrawalId = :withdrawalId, openedAt = :at, updatedAt = :at",
              ConditionExpression: noWithdrawalOpen,
              ExpressionAttributeNames: { "#currency": "currency" },
              ExpressionAttributeValues: {
                ":entityType": "WithdrawalSlot",
                ":accountId": withdrawal.accountId,
                ":programId": withdrawal.programId,
                ":currency": withdrawal.currency,
                ":withdrawalId": withdrawal.withdrawalId,
                ":at": withdrawal.requestedAt,
              },
            },
          },
        };
      },

      /** The contract the decision read is still active when the reservation commits. */
      contractStillActive(accountId: string, programId: string): LabelledWrite {
        return {
          label: "contract",
          item: {
            ConditionCheck: {
              TableName: tableName,
              Key: keys.contract(accountId, programId),
              ConditionExpression: contractIsActive,
              ExpressionAttributeNames: { "#status": "status" },
              ExpressionAttributeValues: { ":active": "active" },
            },
          },
        };
      },

      /** The withdrawal paid or failed, moved to that status's listing, on condition it was still requested (it resolves once). */
      resolveWithdrawal(withdrawal: WithdrawalItem): LabelledWrite {
        return {
          label: "withdrawal",
          item: {
            Put: {
              ...withdrawalPut(withdrawal),
              ConditionExpression: "#status = :requested",
              ExpressionAttributeNames: { "#status": "status" },
              ExpressionAttributeValues: { ":requested": "requested" },
            },
          },
        };
      },

      /** The slot is free again, on condition it still holds this withdrawal. */
      releaseSlot(withdrawal: WithdrawalItem, at: string): LabelledWrite {
        return {
          label: "withdrawalSlot",
          item: {
            Update: {
              TableName: tableName,
              Key: keys.withdrawalSlot(withdrawal.accountId, withdrawal.programId, withdrawal.currency),
              UpdateExpression: "SET lastClosedWithdrawalId = :withdrawalId, updatedAt = :at REMOVE openWithdrawalId, openedAt",
              ConditionExpression: "openWithdrawalId = :withdrawalId",
              ExpressionAttributeValues: { ":withdrawalId": withdrawal.withdrawalId, ":at": at },
            },
          },
        };
      },
    },
  };
}

export type WithdrawalStore = ReturnType<typeof createWithdrawalStore>;
