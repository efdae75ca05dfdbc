/**
 * Throttles counted in the table (AP39), so that they hold across Lambda containers: code entries per
 * account and per hashed source address, invites per account. Each limit is a fixed window (its start a
 * multiple of `windowSeconds` since the epoch, UTC) with one counter item per subject and window.
 *
 * An attempt is counted BEFORE the work it guards, by one conditional ADD that is refused at the limit:
 * parallel attempts can never pass more than `limit` (the counter is the only state, and a single-item
 * conditional update is serialized by DynamoDB), and a refused attempt adds nothing. The item expires
 * (TTL) once its window is over; a window not yet deleted is never read again (the window is in its key).
 * Each attempt costs one write unit per limit (the item is far below 1 KB); a refused one costs the same.
 */

import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../domain/clock.ts";
import { TooManyAttemptsError } from "../errors.ts";
import { isConditionalCheckFailed } from "./aws-errors.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";

export interface AttemptLimit {
  /** What is counted, e.g. `code-entry-account`: part of the key, so kinds never share a counter. */
  readonly kind: string;
  /** Who is counted: an account id, or a keyed hash (never a raw address). */
  readonly subject: string;
  /** Attempts allowed in one window. */
  readonly limit: number;
  readonly windowSeconds: number;
  /** Said in the 429's message: "code entries of this account". */
  readonly description: string;
}

export interface AttemptCounterStore {
  /**
   * Counts one attempt against each limit, in order. The first limit already reached refuses with a
   * TooManyAttemptsError (its Retry-After: the seconds until that window ends); the limits after it are
   * not counted.
   */
  countAttempt(limits: readonly AttemptLimit[]): Promise<void>;
}

/** Below the limit, or a new counter. */
const belowLimit = "attribute_not_exists(attempts) OR attempts < :limit";

export function createAttemptCounterStore(table: TableContext, clock: Clock): AttemptCounterStore {
  const { documentClient, tableName } = table;
  return {
    async countAttempt(attemptLimits) {
      for (const limit of attemptLimits) {
        const nowMilliseconds = clock.now().getTime();
        const windowMilliseconds = limit.windowSeconds * 1000;
        const windowStart = Math.floor(nowMilliseconds / windowMilliseconds) * windowMilliseconds;
        const windowEnd = windowStart + windowMilliseconds;
        try {
          await documentClient.send(
            new UpdateCommand({
              TableName: tableName,
              Key: keys.attemptCounter(limit.kind, limit.subject, new Date(windowStart).toISOString()),
              UpdateExpression: "SET entityType = :entityType, expiresAtEpochSeconds = :expires ADD attempts :one",
              ConditionExpression: belowLimit,
              ExpressionAttributeValues: {
                ":entityType": "AttemptCounter",
                ":expires": Math.ceil(windowEnd / 1000),
                ":one": 1,
                ":limit": limit.limit,
              },
            }),
          );
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
          const retryAfterSeconds = Math.max(1, Math.ceil((windowEnd - nowMilliseconds) / 1000));
          throw new TooManyAttemptsError(
            `too many ${limit.description}: at most ${limit.limit} in one ${limit.windowSeconds === 86_400 ? "UTC day" : `window of ${limit.windowSeconds / 3600} hours`}; retry after ${retryAfterSeconds} s`,
            retryAfterSeconds,
          );
        }
      }
    },
  };
}
