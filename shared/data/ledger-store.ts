/**
 * The ledger's one write path and its reads.
 *
 * `commit` applies an effect in ONE TransactWriteItems: the source event's idempotency record
 * (EVENT#id, `attribute_not_exists` or the placeholder of its own parking, never expires), the new entries, one ADD per touched balance, and
 * the effect's other writes (what the payment earned, period accruals, referral marks). Either all of
 * it is written or none of it; a second attempt with the same event id is refused by the first item,
 * so an effect happens exactly once however often the event is delivered. A record with outbound
 * messages also carries the unsent-outbox index keys (AP26) until `markOutboundSent` removes them.
 */
import {
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { assert } from "../domain/assert.ts";
import { sumEntries } from "../domain/balances.ts";
import type { Clock } from "../domain/clock.ts";
import { assertEntry, type EntryKind, type LedgerEntry } from "../domain/ledger-entry.ts";
import { TransientError } from "../errors.ts";
import { limits } from "../limits.ts";
import { type Balance, balanceSchema, ledgerEntrySchema, type SourceEventItem, sourceEventItemSchema } from "../schemas/ledger-items.ts";
import type { OutboundMessage } from "../schemas/outbound-messages.ts";
import { cancellationCodesOf, isTransientAwsError, transientCancellationCodes } from "./aws-errors.ts";
import { keys, outboxKeys } from "./keys.ts";
import { decodeCursor as decodePageCursor, encodeCursor } from "./page-cursor.ts";
import type { TableContext } from "./table-context.ts";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** A write of an effect with a label, so a cancelled transaction can say which condition failed. */
export interface LabelledWrite {
  readonly label: string;
  readonly item: TransactItem;
}

export interface LedgerEffect {
  readonly sourceEvent: { readonly eventId: string; readonly eventType: string; readonly payloadHash: string; readonly outcome: string };
  readonly entries: readonly LedgerEntry[];
  /** The transactional outbox: stored on the source event record, sent after the commit. */
  readonly outbound: readonly OutboundMessage[];
  readonly writes: readonly LabelledWrite[];
}

/** The event already had its effect: the caller compares payload hashes. */
export class DuplicateSourceEventError extends Error {
  override name = "DuplicateSourceEventError";
  constructor(readonly eventId: string) {
    super(`event ${eventId} already had its effect`);
  }
}

/** An optimistic condition failed (a lost race): the caller re-reads and decides again. */
export class WriteConflictError extends Error {
  override name = "WriteConflictError";
  constructor(readonly labels: readonly string[]) {
    super(`write conflict on ${labels.join(", ")}`);
  }
}

export interface LedgerPageQuery {
  readonly accountId: string;
  readonly kind?: EntryKind | undefined;
  readonly periodId?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface LedgerPage {
  readonly entries: LedgerEntry[];
  readonly nextCursor?: string;
}

export interface LedgerStore {
  commit(effect: LedgerEffect): Promise<void>;
  readSourceEvent(eventId: string): Promise<SourceEventItem | undefined>;
  /** Records that the outbox was delivered, so neither a later redelivery nor the relay sends it again. */
  markOutboundSent(eventId: string): Promise<void>;
  listEntries(query: LedgerPageQuery): Promise<LedgerPage>;
  listBalances(accountId: string): Promise<Balance[]>;
}

// Why each condition: an id is written once; an entry is never overwritten (append-only).
const itemIsNew = "attribute_not_exists(pk)";
// The idempotency record is new, or the placeholder its own event left when it was parked (same id, same
// payload): the parked refund's effect replaces it; any other event under that id is refused.
const sourceEventIsNewOrParkedByIt = "attribute_not_exists(pk) OR (#outcome = :parked AND payloadHash = :payloadHash)";

/** The outcome of the placeholder idempotency record a parked reversal holds its event id with. */
export const parkedOutcome = "parked";

/**
 * The idempotency record of a reversal parked before its payment (billing-event-store `park`): it uses
 * up the event id at once, so another event under that id is a payload_mismatch; the reversal's own
 * effect replaces it when the payment arrives, and a redelivery of the parked event rewrites it.
 */
export function parkedSourceEventPut(
  tableName: string,
  sourceEvent: { readonly eventId: string; readonly eventType: string; readonly payloadHash: string },
  parkedAt: string,
): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.sourceEvent(sourceEvent.eventId),
        entityType: "SourceEvent",
        ...sourceEvent,
        outcome: parkedOutcome,
        entryIds: [],
        outbound: [],
        processedAt: parkedAt,
      },
      ConditionExpression: sourceEventIsNewOrParkedByIt,
      ExpressionAttributeNames: { "#outcome": "outcome" },
      ExpressionAttributeValues: { ":parked": parkedOutcome, ":payloadHash": sourceEvent.payloadHash },
    },
  };
}

export function createLedgerStore(table: TableContext, clock: Clock): LedgerStore {
  const { documentClient, tableName } = table;

  function effectWrites(effect: LedgerEffect): LabelledWrite[] {
    const now = clock.now().toISOString();
    for (const entry of effect.entries) assertEntry(entry);
    const sourceEvent: LabelledWrite = {
      label: "sourceEvent",
      item: {
        Put: {
          TableName: tableName,
          Item: {
            ...keys.sourceEvent(effect.sourceEvent.eventId),
            // Listed for the outbox relay until the send is confirmed (markOutboundSent removes it).
            ...(effect.outbound.length > 0 ? outboxKeys.unsentOutbox(effect.sourceEvent.eventId, now) : {}),
            entityType: "SourceEvent",
            ...effect.sourceEvent,
            entryIds: effect.entries.map((entry) => entry.entryId),
            outbound: effect.outbound,
            processedAt: now,
          },
          ConditionExpression: sourceEventIsNewOrParkedByIt,
          ExpressionAttributeNames: { "#outcome": "outcome" },
          ExpressionAttributeValues: { ":parked": parkedOutcome, ":payloadHash": effect.sourceEvent.payloadHash },
        },
      },
    };
    const entries = effect.entries.map((entry) => ({
      label: `entry:${entry.entryId}`,
      item: {
        Put: {
          TableName: tableName,
          Item: {
            ...keys.ledgerEntry(entry.accountId, entry.postedAt, entry.entryId),
            ...keys.ledgerEntryByPeriod(entry.accountId, entry.periodId, entry.postedAt, entry.entryId),
            entityType: "LedgerEntry",
            ...entry,
          },
          ConditionExpression: itemIsNew,
        },
      },
    }));
    const balances = sumEntries(effect.entries).map((delta) => ({
      label: `balance:${delta.accountId}:${delta.currency}`,
      item: {
        Update: {
          TableName: tableName,
          Key: keys.balance(delta.accountId, delta.currency),
          // ADD keeps concurrent effects on one balance from losing an update: no read-modify-write.
          UpdateExpression:
            "SET entityType = :entityType, accountId = :accountId, currency = :currency, updatedAt = :now ADD pendingMinor :pending, availableMinor :available, paidMinor :paid",
          ExpressionAttributeValues: {
            ":entityType": "Balance",
            ":accountId": delta.accountId,
            ":currency": delta.currency,
            ":now": now,
            ":pending": delta.pendingMinor,
            ":available": delta.availableMinor,
            ":paid": delta.paidMinor,
          },
        },
      },
    }));
    return [sourceEvent, ...entries, ...balances, ...effect.writes];
  }

  return {
    async commit(effect) {
      const writes = effectWrites(effect);
      assert(writes.length <= limits.transactionItemsMax, `an effect of ${writes.length} writes exceeds one transaction`);
      assert(effect.outbound.length <= limits.outboundMessagesPerEventMax, `an effect with ${effect.outbound.length} outbound messages`);
      try {
        await documentClient.send(new TransactWriteCommand({ TransactItems: writes.map((write) => write.item) }));
      } catch (error) {
        const codes = cancellationCodesOf(error);
        if (codes) {
          if (codes[0] === "ConditionalCheckFailed") throw new DuplicateSourceEventError(effect.sourceEvent.eventId);
          const conflicted = writes
            .filter((_, index) => codes[index] === "ConditionalCheckFailed" || codes[index] === "TransactionConflict")
            .map((write) => write.label);
          if (conflicted.length > 0) throw new WriteConflictError(conflicted);
          if (codes.some((code) => transientCancellationCodes.has(code)))
            throw new TransientError(`transaction cancelled: ${codes.join(", ")}`, { cause: error });
        }
        if (isTransientAwsError(error)) throw new TransientError(`DynamoDB: ${(error as Error).name}`, { cause: error });
        throw error;
      }
    },

    async readSourceEvent(eventId) {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keys.sourceEvent(eventId), ConsistentRead: true }),
      );
      return result.Item ? sourceEventItemSchema.parse(result.Item) : undefined;
    },

    async markOutboundSent(eventId) {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.sourceEvent(eventId),
          // Leaves the unsent-outbox index (AP26) in the same write.
          UpdateExpression: "SET outboundSentAt = if_not_exists(outboundSentAt, :now) REMOVE gsi2pk, gsi2sk",
          // Never create a record: only an existing effect's outbox can have been sent.
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeValues: { ":now": clock.now().toISOString() },
        }),
      );
    },

    async listEntries(query) {
      assert(query.limit >= 1 && query.limit <= limits.pageSizeMax, `page size ${query.limit} out of range`);
      const byPeriod = query.periodId !== undefined;
      const base: QueryCommandInput = byPeriod
        ? {
            TableName: tableName,
            IndexName: "gsi1",
            KeyConditionExpression: "gsi1pk = :partition",
            ExpressionAttributeValues: { ":partition": keys.ledgerPeriodPartition(query.accountId, query.periodId!) },
          }
        : {
            TableName: tableName,
            KeyConditionExpression: "pk = :partition AND begins_with(sk, :prefix)",
            ExpressionAttributeValues: { ":partition": keys.accountPartition(query.accountId), ":prefix": keys.ledgerEntryPrefix },
          };
      if (query.kind) {
        base.FilterExpression = "kind = :kind";
        base.ExpressionAttributeValues = { ...base.ExpressionAttributeValues, ":kind": query.kind };
      }
      let startKey = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query);
      const entries: LedgerEntry[] = [];
      // DynamoDB applies Limit before the kind filter; asking for what is still missing and looping
      // (a bounded number of times) fills the page without skipping an entry.
      for (let queries = 0; queries < limits.ledgerPageQueriesMax; queries += 1) {
        const result = await documentClient.send(
          new QueryCommand({ ...base, ScanIndexForward: false, Limit: query.limit - entries.length, ExclusiveStartKey: startKey }),
        );
        for (const item of result.Items ?? []) entries.push(ledgerEntrySchema.parse(item));
        startKey = result.LastEvaluatedKey;
        if (!startKey || entries.length >= query.limit) break;
      }
      return startKey ? { entries, nextCursor: encodeCursor(startKey) } : { entries };
    },

    async listBalances(accountId) {
      const result = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :partition AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":partition": keys.accountPartition(accountId), ":prefix": keys.balancePrefix },
          ConsistentRead: true,
        }),
      );
      return (result.Items ?? []).map((item) => balanceSchema.parse(item));
    },
  };
}

/** Reads a ledger-entry cursor back (shared/data/page-cursor.ts): it must point into the requested account's entries (and period). */
export function decodeCursor(cursor: string, query: Pick<LedgerPageQuery, "accountId" | "periodId">): Record<string, string> {
  return decodePageCursor(cursor, {
    partition: keys.accountPartition(query.accountId),
    sortKeyPrefix: keys.ledgerEntryPrefix,
    periodPartition: query.periodId === undefined ? undefined : keys.ledgerPeriodPartition(query.accountId, query.periodId),
  });
}
