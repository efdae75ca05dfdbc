/**
 * Partner levels in the single table (docs/partners.md, "Levels"; AP75–AP77):
 *
 * - `ACCOUNT#id / DISCOUNT#program#partner`: the partner's level, written on condition of the revision
 *   it was decided on (a lost race is a WriteConflictError `partnerLevel`; the use case decides again).
 *   It always carries the due-index keys of its next monthly verification (gsi1
 *   `PARTNER_LEVELS_DUE#<shard>` / `<day>#<account>#<program>`);
 * - `ACCOUNT#id / PARTNER_LEVEL_HISTORY#program#at#entryId`: one immutable item per verification.
 *
 * The writes go into the verification's one transaction with its idempotency record and outbox.
 */
import { GetCommand, QueryCommand, type QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import { assert } from "../domain/assert.ts";
import { partnerLimits } from "../limits.ts";
import {
  type LevelHistoryEntry,
  levelHistoryEntrySchema,
  type PartnerLevelItem,
  partnerLevelItemSchema,
} from "../schemas/partner-level-items.ts";
import { keys, partnerKeys } from "./keys.ts";
import { decodeCursor, encodeCursor } from "./page-cursor.ts";
import type { TableContext } from "./table-context.ts";
import type { LabelledWrite } from "./write-conflicts.ts";

export interface DueLevel {
  readonly accountId: string;
  readonly programId: string;
  readonly dueDay: string;
}

export interface DueLevelPage {
  readonly due: DueLevel[];
  readonly nextStartKey?: Record<string, unknown> | undefined;
}

export interface LevelHistoryPage {
  /** Newest first. */
  readonly entries: LevelHistoryEntry[];
  readonly nextCursor?: string;
}

// A level is created once (at approval), then changed only from the revision its verification read.
const levelIsNew = "attribute_not_exists(pk)";
const levelIsAtRevision = "revision = :expectedRevision";
// A history entry is written once: its id is its verification's.
const entryIsNew = "attribute_not_exists(pk)";

export const partnerLevelEntityType = "PartnerLevel";

export function createPartnerLevelStore(table: TableContext) {
  const { documentClient, tableName } = table;

  return {
    /** AP75, consistent. */
    async readLevel(accountId: string, programId: string): Promise<PartnerLevelItem | undefined> {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: partnerKeys.level(accountId, programId), ConsistentRead: true }),
      );
      return result.Item ? partnerLevelItemSchema.parse(result.Item) : undefined;
    },

    /** AP76: a program's verifications of the partner, newest first. */
    async listHistory(
      accountId: string,
      programId: string,
      query: { limit: number; cursor?: string | undefined },
    ): Promise<LevelHistoryPage> {
      assert(query.limit >= 1 && query.limit <= partnerLimits.levelHistoryPageSizeMax, `page size ${query.limit} out of range`);
      const partition = keys.accountPartition(accountId);
      const prefix = partnerKeys.levelHistoryPrefix(programId);
      const result: QueryCommandOutput = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":pk": partition, ":prefix": prefix },
          ScanIndexForward: false,
          Limit: query.limit,
          ExclusiveStartKey: query.cursor === undefined ? undefined : decodeCursor(query.cursor, { partition, sortKeyPrefix: prefix }),
        }),
      );
      const entries = (result.Items ?? []).map((item) => levelHistoryEntrySchema.parse(item));
      const last = result.LastEvaluatedKey;
      return { entries, ...(last ? { nextCursor: encodeCursor({ pk: String(last.pk), sk: String(last.sk) }) } : {}) };
    },

    /** AP77: levels of one due shard whose monthly verification is due on `day` or before, oldest due first. */
    async listDue(shard: number, day: string, limit: number, startKey?: Record<string, unknown>): Promise<DueLevelPage> {
      const result: QueryCommandOutput = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :partition AND gsi1sk <= :until",
          ExpressionAttributeValues: { ":partition": partnerKeys.levelDuePartition(shard), ":until": partnerKeys.levelDueUntil(day) },
          Limit: limit,
          ExclusiveStartKey: startKey,
        }),
      );
      const due = (result.Items ?? []).map((item) => {
        const level = partnerLevelItemSchema.parse(item);
        return { accountId: level.accountId, programId: level.programId, dueDay: level.nextVerificationOn };
      });
      return { due, nextStartKey: result.LastEvaluatedKey };
    },

    writes: {
      /** The level, on condition of the revision it was decided on (undefined: created by the approval). */
      level(item: PartnerLevelItem, expectedRevision: number | undefined): LabelledWrite {
        return {
          label: `partnerLevel:${item.accountId}:${item.programId}`,
          item: {
            Put: {
              TableName: tableName,
              Item: {
                ...partnerKeys.level(item.accountId, item.programId),
                ...partnerKeys.levelDue(item.accountId, item.programId, item.nextVerificationOn),
                entityType: partnerLevelEntityType,
                ...item,
              },
              ...(expectedRevision === undefined
                ? { ConditionExpression: levelIsNew }
                : { ConditionExpression: levelIsAtRevision, ExpressionAttributeValues: { ":expectedRevision": expectedRevision } }),
            },
          },
        };
      },

      historyEntry(entry: LevelHistoryEntry): LabelledWrite {
        return {
          label: `partnerLevelHistory:${entry.entryId}`,
          item: {
            Put: {
              TableName: tableName,
              Item: {
                ...partnerKeys.levelHistoryEntry(entry.accountId, entry.programId, entry.at, entry.entryId),
                entityType: "PartnerLevelHistoryEntry",
                ...entry,
              },
              ConditionExpression: entryIsNew,
            },
          },
        };
      },
    },
  };
}

export type PartnerLevelStore = ReturnType<typeof createPartnerLevelStore>;
