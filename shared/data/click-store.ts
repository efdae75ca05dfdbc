/**
 * The referral link's hot path in the single table (AP4, AP6): resolving a code, from a short cache on
 * warm containers, and counting a click. Its own module so the redirect function bundles neither link
 * creation, attribution nor stats (shared/data/referral-store.ts).
 *
 * A click is counted once per visitor, code and 24 hours by ONE conditional put of the counted-click item
 * (AP6): its key is per visitor, so simultaneous clicks on one code never meet on an item or a partition,
 * and the put is at most 1 write unit (the item is far below 1 KB; a refused put costs the same). The
 * code's and the day's counters are not touched here: the click aggregator adds the counted clicks to
 * them from the table's stream (shared/use-cases/aggregate-clicks.ts), in batches.
 *
 * Item shapes: shared/schemas/items.ts (a code is read through its view, shared/schemas/resolved-code.ts).
 * Keys: shared/data/keys.ts.
 */

import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../domain/clock.ts";
import { limits } from "../limits.ts";
import { type ResolvedCode, resolvedCodeSchema } from "../schemas/resolved-code.ts";
import { isConditionalCheckFailed } from "./aws-errors.ts";
import { countedClickEntityType } from "./click-stream.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";

export interface RecordedClick {
  /** false when this visitor's click on this code was counted within 24 hours. */
  readonly counted: boolean;
}

export interface ClickStore {
  /** The code item's owner, program and status, from a short in-memory cache on warm containers (unknown codes are cached too). */
  resolveCode(code: string): Promise<ResolvedCode | undefined>;
  /**
   * Counts a click on `code` for `day` unless this visitor's click was counted within the repeat window: one
   * conditional put, no retry of its own beyond the SDK's. The counters follow from the stream.
   */
  recordClick(click: { readonly code: string; readonly visitorHash: string; readonly day: string }): Promise<RecordedClick>;
}

// ---------- named conditions ----------

/** A counted click may be (re)written when absent or expired: TTL deletion can lag by hours, so an expired click still on disk does not block a count. */
const clickIsAbsentOrExpired = "attribute_not_exists(pk) OR expiresAtEpochSeconds < :nowEpochSeconds";

export function createClickStore(table: TableContext, clock: Clock): ClickStore {
  const { documentClient, tableName } = table;
  const codeCache = new Map<string, { readonly item: ResolvedCode | undefined; readonly expiresAtMilliseconds: number }>();

  return {
    async resolveCode(code) {
      const nowMilliseconds = clock.now().getTime();
      const cached = codeCache.get(code);
      if (cached && cached.expiresAtMilliseconds > nowMilliseconds) return cached.item;
      // Consistent: a link shared right after it was created must not land on the home page.
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keys.referralCode(code), ConsistentRead: true }),
      );
      const item = result.Item ? resolvedCodeSchema.parse(result.Item) : undefined;
      codeCache.delete(code);
      if (codeCache.size >= limits.referralCodeCacheEntriesMax) codeCache.delete(codeCache.keys().next().value!);
      codeCache.set(code, { item, expiresAtMilliseconds: nowMilliseconds + limits.referralCodeCacheSeconds * 1000 });
      return item;
    },

    async recordClick({ code, visitorHash, day }) {
      const nowEpochSeconds = Math.floor(clock.now().getTime() / 1000);
      try {
        await documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.countedClick(code, visitorHash),
              entityType: countedClickEntityType,
              code,
              day,
              expiresAtEpochSeconds: nowEpochSeconds + limits.clickRepeatWindowSeconds,
            },
            ConditionExpression: clickIsAbsentOrExpired,
            ExpressionAttributeValues: { ":nowEpochSeconds": nowEpochSeconds },
          }),
        );
        return { counted: true };
      } catch (error) {
        // A repeat within 24 hours. Anything else (throttling after the SDK's retries) is the caller's to log.
        if (isConditionalCheckFailed(error)) return { counted: false };
        throw error;
      }
    },
  };
}
