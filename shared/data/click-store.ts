/**
 * The referral link's hot path in the single table (AP4, AP6): resolving a code, from a short cache on
 * warm containers, and counting a click. Its own module so the redirect function bundles neither link
 * creation, attribution nor stats (shared/data/referral-store.ts).
 *
 * A click is counted once per visitor, code and 24 hours (the visitor marker's condition), in the same
 * TransactWriteItems as the code's and the day's counters.
 *
 * Item shapes: shared/schemas/items.ts. Keys: shared/data/keys.ts.
 */
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../domain/clock.ts";
import { TransientError } from "../errors.ts";
import { limits } from "../limits.ts";
import { type ReferralCodeItem, referralCodeItemSchema } from "../schemas/items.ts";
import { cancellationCodesOf } from "./aws-errors.ts";
import { backoff } from "./backoff.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

export interface RecordedClick {
  /** false when the visitor's marker shows a counted click on this code within 24 hours, or the code is gone. */
  readonly counted: boolean;
}

export interface ClickStore {
  /** The code item, from a short in-memory cache on warm containers (unknown codes are cached too). */
  resolveCode(code: string): Promise<ReferralCodeItem | undefined>;
  /** Counts a click on `code` for `day` unless this visitor's click was counted within the repeat window. One request. */
  recordClick(click: { readonly code: string; readonly visitorHash: string; readonly day: string }): Promise<RecordedClick>;
}

// ---------- named conditions ----------

/** A visitor marker may be (re)written when absent or expired: TTL deletion can lag by hours, so an expired marker still on disk does not block a count. */
const markerIsAbsentOrExpired = "attribute_not_exists(pk) OR expiresAtEpochSeconds < :nowEpochSeconds";
/** Counters are only added to a code that exists (never create a code item from a counter). */
const codeExists = "attribute_exists(pk)";

export function createClickStore(table: TableContext, clock: Clock): ClickStore {
  const { documentClient, tableName } = table;
  const codeCache = new Map<string, { readonly item: ReferralCodeItem | undefined; readonly expiresAtMilliseconds: number }>();

  return {
    async resolveCode(code) {
      const nowMilliseconds = clock.now().getTime();
      const cached = codeCache.get(code);
      if (cached && cached.expiresAtMilliseconds > nowMilliseconds) return cached.item;
      // Consistent: a link shared right after it was created must not land on the home page.
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keys.referralCode(code), ConsistentRead: true }),
      );
      const item = result.Item ? referralCodeItemSchema.parse(result.Item) : undefined;
      codeCache.delete(code);
      if (codeCache.size >= limits.referralCodeCacheEntriesMax) codeCache.delete(codeCache.keys().next().value!);
      codeCache.set(code, { item, expiresAtMilliseconds: nowMilliseconds + limits.referralCodeCacheSeconds * 1000 });
      return item;
    },

    async recordClick({ code, visitorHash, day }) {
      const nowEpochSeconds = Math.floor(clock.now().getTime() / 1000);
      const transactItems: TransactItem[] = [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.repeatClickMarker(code, visitorHash),
              entityType: "VisitorMarker",
              expiresAtEpochSeconds: nowEpochSeconds + limits.clickRepeatWindowSeconds,
            },
            ConditionExpression: markerIsAbsentOrExpired,
            ExpressionAttributeValues: { ":nowEpochSeconds": nowEpochSeconds },
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: keys.referralCode(code),
            UpdateExpression: "ADD clickCount :one",
            ConditionExpression: codeExists,
            ExpressionAttributeValues: { ":one": 1 },
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: keys.dailyClicks(code, day),
            UpdateExpression: "ADD clickCount :one SET entityType = :entityType, code = :code, #day = :day",
            ExpressionAttributeNames: { "#day": "day" },
            ExpressionAttributeValues: { ":one": 1, ":entityType": "DailyClicks", ":code": code, ":day": day },
          },
        },
      ];
      for (let attempt = 0; attempt <= limits.optimisticRetriesMax; attempt += 1) {
        try {
          await documentClient.send(new TransactWriteCommand({ TransactItems: transactItems }));
          return { counted: true };
        } catch (error) {
          const reasons = cancellationCodesOf(error);
          if (!reasons) throw error;
          if (reasons[0] === "ConditionalCheckFailed") return { counted: false }; // a repeat within 24 hours
          if (reasons[1] === "ConditionalCheckFailed") return { counted: false }; // the code is gone
          await backoff(attempt); // TransactionConflict: simultaneous clicks on one code
        }
      }
      throw new TransientError("could not count the click: too much contention on the code");
    },
  };
}
