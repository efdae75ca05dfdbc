/**
 * The discounts in the single table (docs/data-model.md, "Discounts"; AP41–AP44):
 *
 * - `ACCOUNT#id / DISCOUNT#program#role`: the account's current discount in a program and role, written
 *   on condition of the revision it was decided on (optimistic: a lost race is a WriteConflictError
 *   `discount`, and the use case decides again); while it has a next change due (its start or end day)
 *   it carries the sparse due-index keys (gsi1 `DISCOUNTS_DUE#<shard>` / `<day>#<discountId>`);
 * - `ACCOUNT#id / DISCOUNT_HISTORY#at#seq#entryId`: one immutable item per change, put once.
 *
 * The writes of a decision go into the effect's one transaction with its idempotency record and its
 * outbox (ledger-store `commit`, no transfers): all or nothing, exactly once per source event.
 *
 * Item shapes: shared/schemas/discount-items.ts. Keys: shared/data/keys.ts `discountKeys`.
 */
import { GetCommand, QueryCommand, type QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import { assert } from "../domain/assert.ts";
import { nextDueDay } from "../domain/discounts.ts";
import { TransientError } from "../errors.ts";
import { discountLimits, limits } from "../limits.ts";
import {
  type DiscountHistoryEntry,
  type DiscountItem,
  type DiscountRole,
  discountHistoryEntrySchema,
  discountItemSchema,
} from "../schemas/discount-items.ts";
import { referralItemSchema } from "../schemas/items.ts";
import { type PartnerLevelItem, partnerLevelItemSchema } from "../schemas/partner-level-items.ts";
import { isTransientAwsError } from "./aws-errors.ts";
import { batchGetAll } from "./batch-get.ts";
import { discountKeys, keys } from "./keys.ts";
import { decodeCursor, encodeCursor } from "./page-cursor.ts";
import { partnerLevelEntityType } from "./partner-level-store.ts";
import type { TableContext } from "./table-context.ts";
import type { LabelledWrite } from "./write-conflicts.ts";

/** What a code referral's decision reads, in one BatchGetItem. */
export interface ReferralDiscountState {
  readonly referrerDiscount: DiscountItem | undefined;
  readonly refereeDiscount: DiscountItem | undefined;
  /** The referee's promo end from its account profile (account.registered), when one arrived. */
  readonly refereePromoEndsAt: string | undefined;
}

/** A discount the due index lists: whose item to read. */
export interface DueDiscount {
  readonly accountId: string;
  readonly programId: string;
  readonly role: DiscountRole;
  readonly discountId: string;
  readonly dueDay: string;
}

export interface DuePage {
  readonly due: DueDiscount[];
  readonly nextStartKey?: Record<string, unknown> | undefined;
}

export interface AccountPricing {
  readonly discounts: DiscountItem[];
  readonly partnerLevels: PartnerLevelItem[];
}

export interface HistoryQuery {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly programId?: string | undefined;
}

export interface HistoryPage {
  /** Newest first. */
  readonly entries: DiscountHistoryEntry[];
  readonly nextCursor?: string;
}

/** A referrer's code referral as a streak counts it: when its code was registered. */
export interface StreakReferral {
  readonly refereeAccountId: string;
  readonly programId: string;
  readonly registeredCodeAt: string;
}

export interface DiscountStore {
  readReferralState(programId: string, referrerAccountId: string, refereeAccountId: string): Promise<ReferralDiscountState>;
  /**
   * AP8: the referrer's code referrals in a program attributed before `before` (an ISO instant), oldest first, every
   * page: what a referral of an earlier day than its streak's start reads to find an older referral bridging the two.
   */
  listCodeReferralsBefore(referrerAccountId: string, programId: string, before: string): Promise<StreakReferral[]>;
  /** One discount (consistent read). */
  readDiscount(accountId: string, programId: string, role: DiscountRole): Promise<DiscountItem | undefined>;
  /** Every discount of an account, all programs and roles, in one Query (AP42); TransientError when DynamoDB throttles or times out. */
  listDiscounts(accountId: string): Promise<DiscountItem[]>;
  /** What prices an account's lines: its discounts and its partner levels (AP42 and AP75: the same one Query). */
  listPricing(accountId: string): Promise<AccountPricing>;
  /** The account's history, newest first (AP43); with `programId`, that program's entries only. */
  listHistory(accountId: string, query: HistoryQuery): Promise<HistoryPage>;
  /** Discounts of one due shard whose next change is due on `day` or before (AP44), oldest due first. */
  listDue(shard: number, day: string, limit: number, startKey?: Record<string, unknown>): Promise<DuePage>;
  /** The transaction items of a decision: the discount (on condition of its revision) and its history entries. */
  decisionWrites(decision: {
    readonly discount: DiscountItem;
    readonly expectedRevision: number | undefined;
    readonly history: readonly DiscountHistoryEntry[];
  }): LabelledWrite[];
}

// ---------- named conditions ----------

/** A discount is created once, and then changed only from the revision the decision read. */
const discountIsNew = "attribute_not_exists(pk)";
const discountIsAtRevision = "revision = :expectedRevision";
/** A history entry is written once (its id is deterministic). */
const entryIsNew = "attribute_not_exists(pk)";

export function createDiscountStore(table: TableContext): DiscountStore {
  const { documentClient, tableName } = table;

  const store: DiscountStore = {
    async listCodeReferralsBefore(referrerAccountId, programId, before) {
      const found: StreakReferral[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const result: QueryCommandOutput = await documentClient.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: "gsi1",
            KeyConditionExpression: "gsi1pk = :partition AND gsi1sk < :before",
            ExpressionAttributeValues: {
              ":partition": keys.referralsOfReferrerPartition(referrerAccountId),
              ":before": `REFERRAL#${before}`,
            },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of result.Items ?? []) {
          const referral = referralItemSchema.parse(item);
          if (referral.programId === programId && referral.source === "code")
            found.push({
              refereeAccountId: referral.refereeAccountId,
              programId,
              registeredCodeAt: referral.codeActivatedAt ?? referral.attributedAt,
            });
        }
        startKey = result.LastEvaluatedKey;
      } while (startKey !== undefined);
      return found;
    },

    async readReferralState(programId, referrerAccountId, refereeAccountId) {
      const referrerKey = discountKeys.discount(referrerAccountId, programId, "referrer");
      const refereeKey = discountKeys.discount(refereeAccountId, programId, "referee");
      const profileKey = keys.accountProfile(refereeAccountId);
      const found = new Map<string, Record<string, unknown>>();
      for (const item of await batchGetAll(table, [referrerKey, refereeKey, profileKey], "referral discounts"))
        found.set(`${String(item.pk)}|${String(item.sk)}`, item);
      const lookup = (key: { pk: string; sk: string }) => found.get(`${key.pk}|${key.sk}`);
      const referrer = lookup(referrerKey);
      const referee = lookup(refereeKey);
      const profile = lookup(profileKey);
      return {
        referrerDiscount: referrer ? discountItemSchema.parse(referrer) : undefined,
        refereeDiscount: referee ? discountItemSchema.parse(referee) : undefined,
        refereePromoEndsAt: typeof profile?.promoEndsAt === "string" ? profile.promoEndsAt : undefined,
      };
    },

    async readDiscount(accountId, programId, role) {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: discountKeys.discount(accountId, programId, role), ConsistentRead: true }),
      );
      return result.Item ? discountItemSchema.parse(result.Item) : undefined;
    },

    async listDiscounts(accountId) {
      return (await store.listPricing(accountId)).discounts;
    },

    async listPricing(accountId) {
      const discounts: DiscountItem[] = [];
      const partnerLevels: PartnerLevelItem[] = [];
      let startKey: Record<string, unknown> | undefined;
      // One page in practice: an account holds one item per program and role.
      do {
        let result: QueryCommandOutput;
        try {
          result = await documentClient.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
              ExpressionAttributeValues: { ":pk": keys.accountPartition(accountId), ":prefix": discountKeys.discountPrefix },
              ConsistentRead: true,
              ExclusiveStartKey: startKey,
            }),
          );
        } catch (error) {
          // Throttling and timeouts after the SDK's retries: the caller may retry (503 on a route), not a bug (500).
          if (isTransientAwsError(error)) throw new TransientError(`discounts of ${accountId} could not be read`, { cause: error });
          throw error;
        }
        for (const item of result.Items ?? []) {
          // A partner's level lives under DISCOUNT# too (partnerKeys.level), so that a quote reads it in this one Query.
          if (item.entityType === partnerLevelEntityType) partnerLevels.push(partnerLevelItemSchema.parse(item));
          else discounts.push(discountItemSchema.parse(item));
        }
        startKey = result.LastEvaluatedKey;
      } while (startKey);
      return { discounts, partnerLevels };
    },

    async listHistory(accountId, query) {
      assert(query.limit >= 1 && query.limit <= discountLimits.historyPageSizeMax, `page size ${query.limit} out of range`);
      const partition = keys.accountPartition(accountId);
      let startKey =
        query.cursor === undefined ? undefined : decodeCursor(query.cursor, { partition, sortKeyPrefix: discountKeys.historyPrefix });
      const entries: DiscountHistoryEntry[] = [];
      // With a program, DynamoDB applies Limit before the filter: ask for what is still missing, a bounded number of times.
      for (let queries = 0; queries < limits.ledgerPageQueriesMax; queries += 1) {
        const result: QueryCommandOutput = await documentClient.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
            ...(query.programId === undefined
              ? { ExpressionAttributeValues: { ":pk": partition, ":prefix": discountKeys.historyPrefix } }
              : {
                  FilterExpression: "programId = :programId",
                  ExpressionAttributeValues: { ":pk": partition, ":prefix": discountKeys.historyPrefix, ":programId": query.programId },
                }),
            ScanIndexForward: false,
            Limit: query.limit - entries.length,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of result.Items ?? []) entries.push(discountHistoryEntrySchema.parse(item));
        startKey = result.LastEvaluatedKey;
        if (!startKey || entries.length >= query.limit) break;
      }
      return { entries, ...(startKey ? { nextCursor: encodeCursor({ pk: String(startKey.pk), sk: String(startKey.sk) }) } : {}) };
    },

    async listDue(shard, day, limit, startKey) {
      const result: QueryCommandOutput = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :partition AND gsi1sk <= :until",
          ExpressionAttributeValues: { ":partition": discountKeys.duePartition(shard), ":until": discountKeys.dueUntil(day) },
          Limit: limit,
          ExclusiveStartKey: startKey,
        }),
      );
      const due = (result.Items ?? []).map((item) => {
        const discount = discountItemSchema.parse(item);
        return {
          accountId: discount.accountId,
          programId: discount.programId,
          role: discount.role,
          discountId: discount.discountId,
          dueDay: String(item.gsi1sk).slice(0, 10),
        };
      });
      return { due, nextStartKey: result.LastEvaluatedKey };
    },

    decisionWrites({ discount, expectedRevision, history }) {
      const dueDay = nextDueDay(discount);
      const discountWrite: LabelledWrite = {
        label: `discount:${discount.discountId}`,
        item: {
          Put: {
            TableName: tableName,
            Item: {
              ...discountKeys.discount(discount.accountId, discount.programId, discount.role),
              // In the due index only while a change is due: an ended discount leaves it.
              ...(dueDay === undefined ? {} : discountKeys.due(discount.discountId, dueDay)),
              entityType: "Discount",
              ...discount,
            },
            ...(expectedRevision === undefined
              ? { ConditionExpression: discountIsNew }
              : { ConditionExpression: discountIsAtRevision, ExpressionAttributeValues: { ":expectedRevision": expectedRevision } }),
          },
        },
      };
      const entries: LabelledWrite[] = history.map((entry, sequence) => ({
        label: `discountHistory:${entry.entryId}`,
        item: {
          Put: {
            TableName: tableName,
            Item: {
              ...discountKeys.historyEntry(entry.accountId, entry.at, sequence, entry.entryId),
              entityType: "DiscountHistoryEntry",
              ...entry,
            },
            ConditionExpression: entryIsNew,
          },
        },
      }));
      return [discountWrite, ...entries];
    },
  };
  return store;
}
