/**
 * The double-entry ledger's one write path and its reads (docs/ledger.md, "Accounts and transfers").
 *
 * `commit` applies the transfers of one effect in ONE TransactWriteItems with the source event's
 * idempotency record (EVENT#id, new or the placeholder of its own parking, never expires): each
 * transfer (once under every customer account it touches, for the listings), one update per touched
 * ledger account (ADD, guarded by the account's balance rule), the reservations of two-phase
 * transfers, and the effect's other writes (what the payment earned, period accruals, referral marks).
 * All of it or none of it. A second commit of the same event id changes nothing and returns the stored
 * record; the same id with another payload is a `SourceEventConflictError`. A record with outbound
 * messages also carries the unsent-outbox index keys (AP24) until `markOutboundSent` removes them.
 *
 * Operator accounts would be written by every commission: each is split into
 * `limits.operatorAccountShards` items in their own partitions, the shard chosen by the transfer id
 * (recorded on the transfer), and read as the sum of its shards. The operator's ledger is listed the
 * same way: a transfer with an operator side is indexed (gsi3, AP35) in its shard's partition of the
 * currency, and the listing merges the shards newest first.
 *
 * Lost races are reported, never retried here: a `WriteConflictError` (shared/data/write-conflicts.ts)
 * names the writes that lost (a failed condition or another transaction holding the item), and the use
 * case decides again from fresh reads (shared/use-cases/conflict-retries.ts, the one retry loop).
 */
import { createHash } from "node:crypto";
import { GetCommand, QueryCommand, type QueryCommandInput, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { assert } from "../domain/assert.ts";
import type { Clock } from "../domain/clock.ts";
import { isOperatorKind, ledgerAccountId, operatorHolder } from "../domain/ledger/accounts.ts";
import { type AccountChange, accountChanges } from "../domain/ledger/transfers.ts";
import { DomainError, TransientError } from "../errors.ts";
import { limits } from "../limits.ts";
import { type SourceEventItem, sourceEventItemSchema } from "../schemas/ledger-items.ts";
import type { OutboundMessage } from "../schemas/outbound-messages.ts";
import {
  type LedgerAccount,
  type LedgerAccountItem,
  ledgerAccountItemSchema,
  type OperatorAccountKind,
  type ReservationItem,
  reservationItemSchema,
  type Transfer,
  type TransferCode,
  transferSchema,
} from "../schemas/transfer-items.ts";
import { cancellationCodesOf, isTransientAwsError, transientCancellationCodes } from "./aws-errors.ts";
import { batchGetAll } from "./batch-get.ts";
import { keys, operatorLedgerIndex, operatorLedgerKeys, outboxKeys, type TableKey } from "./keys.ts";
import { decodeBoundaryCursor, decodeCursor, encodeBoundaryCursor, encodeCursor, listingOf } from "./page-cursor.ts";
import type { TableContext } from "./table-context.ts";
import { heldWrites, type LabelledWrite, type TransactItem, WriteConflictError, type WriteLabel } from "./write-conflicts.ts";

/** A reservation written with the effect: opened by a reserve transfer, or resolved (posted or voided) on condition it is still reserved. */
export type ReservationWrite =
  | { readonly type: "open"; readonly reservation: ReservationItem }
  | { readonly type: "resolve"; readonly reservation: ReservationItem };

/** What one source event does to the ledger, committed all at once. */
export interface LedgerEffect {
  readonly sourceEvent: { readonly eventId: string; readonly eventType: string; readonly payloadHash: string; readonly outcome: string };
  readonly transfers: readonly Transfer[];
  readonly reservations?: readonly ReservationWrite[];
  /** The transactional outbox: stored on the source event record, sent after the commit. */
  readonly outbound?: readonly OutboundMessage[];
  readonly writes?: readonly LabelledWrite[];
}

export type CommitResult =
  | { readonly status: "committed" }
  /** The event already had its effect with this payload: nothing was written. */
  | { readonly status: "duplicate"; readonly record: SourceEventItem };

/** The source event already had an effect, with another payload. */
export class SourceEventConflictError extends DomainError {
  override name = "SourceEventConflictError";
  constructor(
    readonly eventId: string,
    readonly record: SourceEventItem,
  ) {
    super("payload_mismatch", `event ${eventId} was already applied with a different payload (${record.eventType}, ${record.processedAt})`);
  }
}

/** The event id is already used by a source event record (parking: payment-reward-store `park`); the caller compares payloads. */
export class DuplicateSourceEventError extends Error {
  override name = "DuplicateSourceEventError";
  constructor(readonly eventId: string) {
    super(`event ${eventId} already had its effect`);
  }
}

/** A balance rule refused the effect: the account holds less than the effect takes from it. Nothing was written. */
export class InsufficientBalanceError extends DomainError {
  override name = "InsufficientBalanceError";
  constructor(
    readonly account: LedgerAccount,
    readonly requiredBalanceMinor: number,
  ) {
    super("insufficient_balance", `${ledgerAccountId(account)} holds less than ${requiredBalanceMinor}`);
  }
}

/** A ledger account's sums: one item for a customer's account, the sum of the shards for the operator's. */
export interface LedgerAccountBalance {
  readonly account: LedgerAccount;
  readonly debitsMinor: number;
  readonly creditsMinor: number;
  /** On the account's normal side (docs/ledger.md). */
  readonly balanceMinor: number;
  readonly transferCount: number;
}

export interface TransferPageQuery {
  readonly accountId: string;
  /** Only transfers of these codes (the ledger's `kind` and `code` filters). */
  readonly codes?: readonly TransferCode[] | undefined;
  readonly periodId?: string | undefined;
  /** Only transfers in this currency. */
  readonly currency?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface OperatorTransferPageQuery {
  /** The operator's accounts are listed one currency at a time (the index partitions are per currency). */
  readonly currency: string;
  readonly codes?: readonly TransferCode[] | undefined;
  readonly periodId?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface TransferPage {
  /** Newest first (by posting time, then transfer id). */
  readonly transfers: Transfer[];
  readonly nextCursor?: string;
}

export interface LedgerStore {
  commit(effect: LedgerEffect): Promise<CommitResult>;
  /** Records that the outbox was delivered, so neither a later redelivery nor the relay sends it again. */
  markOutboundSent(eventId: string): Promise<void>;
  /**
   * The same for several outboxes in one request (a billing-event batch's, at its end): one TransactWriteItems of at
   * most 100 updates (one UpdateItem for a single one). All or nothing: a cancelled transaction marks none.
   */
  markOutboundsSent(eventIds: readonly string[]): Promise<void>;
  /** Transfers touching a customer account's ledger accounts, newest first (AP9; AP10 with a period), optionally of some codes or one currency. */
  listTransfers(query: TransferPageQuery): Promise<TransferPage>;
  /** Transfers touching the operator's ledger accounts in one currency, newest first across the index's shards (AP35). */
  listOperatorTransfers(query: OperatorTransferPageQuery): Promise<TransferPage>;
  readSourceEvent(eventId: string): Promise<SourceEventItem | undefined>;
  /** Every ledger account of a customer account (AP11), in key order. */
  listLedgerAccounts(accountId: string): Promise<LedgerAccountBalance[]>;
  /** One ledger account's sums (zero when nothing was posted to it); an operator account is summed over its shards. */
  readLedgerAccount(account: LedgerAccount): Promise<LedgerAccountBalance>;
  readReservation(holder: string, reservationTransferId: string): Promise<ReservationItem | undefined>;
}

/** The write shard of an operator account a transfer posts to: from its id, so replays and checks agree. */
export function operatorAccountShardOf(transferId: string): number {
  return createHash("sha256").update(transferId).digest().readUInt16BE(0) % limits.operatorAccountShards;
}

/** The item holding (the transfer's share of) a ledger account. */
export function ledgerAccountKey(account: LedgerAccount, shard: number | undefined): TableKey {
  if (isOperatorKind(account.kind)) {
    assert(shard !== undefined, `an operator account ${account.kind} needs a shard`);
    return keys.operatorLedgerAccountShard(account.kind, account.currency, shard);
  }
  return keys.ledgerAccount(account.holder, account.kind, account.currency);
}

/** The customer accounts a transfer is listed under (one item each). */
export function transferHolders(transfer: Transfer): string[] {
  return [...new Set([transfer.debit.holder, transfer.credit.holder])].filter((holder) => holder !== operatorHolder);
}

// Why each condition: an id is written once; a transfer is never overwritten (append-only).
const itemIsNew = "attribute_not_exists(pk)";
// The idempotency record is new, or the placeholder its own event left when it was parked (same id, same
// payload): the parked refund's effect replaces it; any other event under that id is refused.
const sourceEventIsNewOrParkedByIt = "attribute_not_exists(pk) OR (#outcome = :parked AND payloadHash = :payloadHash)";

/** The outcome of the placeholder idempotency record a parked reversal holds its event id with. */
export const parkedOutcome = "parked";

/**
 * The idempotency record of a reversal parked before its payment (payment-reward-store `park`): it uses
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
        transferIds: [],
        outbound: [],
        processedAt: parkedAt,
      },
      ConditionExpression: sourceEventIsNewOrParkedByIt,
      ExpressionAttributeNames: { "#outcome": "outcome" },
      ExpressionAttributeValues: { ":parked": parkedOutcome, ":payloadHash": sourceEvent.payloadHash },
    },
  };
}

/** A TransactWriteItems holds at most 100 items. */
export const outboundMarksPerTransactionMax = 100;

/** The update that records an outbox as delivered: it leaves the unsent-outbox index (AP24) in the same write. */
function outboundSentMark(eventId: string, at: Date) {
  return {
    Key: keys.sourceEvent(eventId),
    UpdateExpression: "SET outboundSentAt = if_not_exists(outboundSentAt, :now) REMOVE gsi2pk, gsi2sk",
    // Never create a record: only an existing effect's outbox can have been sent.
    ConditionExpression: "attribute_exists(pk)",
    ExpressionAttributeValues: { ":now": at.toISOString() },
  };
}

export function createLedgerStore(table: TableContext, clock: Clock): LedgerStore {
  const { documentClient, tableName } = table;

  function effectWrites(effect: LedgerEffect): { writes: LabelledWrite[]; changes: Map<string, AccountChange> } {
    const now = clock.now().toISOString();
    const outbound = effect.outbound ?? [];
    const sourceEvent: LabelledWrite = {
      label: "sourceEvent",
      item: {
        Put: {
          TableName: tableName,
          Item: {
            ...keys.sourceEvent(effect.sourceEvent.eventId),
            // Listed for the outbox relay until the send is confirmed (markOutboundSent removes it).
            ...(outbound.length > 0 ? outboxKeys.unsentOutbox(effect.sourceEvent.eventId, now) : {}),
            entityType: "SourceEvent",
            ...effect.sourceEvent,
            transferIds: effect.transfers.map((transfer) => transfer.transferId),
            outbound,
            processedAt: now,
          },
          ConditionExpression: sourceEventIsNewOrParkedByIt,
          ExpressionAttributeNames: { "#outcome": "outcome" },
          ExpressionAttributeValues: { ":parked": parkedOutcome, ":payloadHash": effect.sourceEvent.payloadHash },
        },
      },
    };
    const transfers = effect.transfers.flatMap((transfer) => {
      const shard = operatorAccountShardOf(transfer.transferId);
      const hasOperatorLeg = isOperatorKind(transfer.debit.kind) || isOperatorKind(transfer.credit.kind);
      return transferHolders(transfer).map((holder, copy) => ({
        label: `transfer:${transfer.transferId}` as const,
        item: {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.transfer(holder, transfer.postedAt, transfer.transferId),
              ...(transfer.periodId === undefined
                ? {}
                : keys.transferByPeriod(holder, transfer.periodId, transfer.postedAt, transfer.transferId)),
              // The operator's ledger (AP35): one index entry per transfer, in the shard of its operator account item.
              ...(hasOperatorLeg && copy === 0
                ? operatorLedgerKeys.transfer(transfer.currency, shard, transfer.postedAt, transfer.transferId)
                : {}),
              entityType: "Transfer",
              listedUnder: holder,
              ...transfer,
              ...(hasOperatorLeg ? { operatorShard: shard } : {}),
            },
            ConditionExpression: itemIsNew,
          },
        },
      }));
    });
    // An operator account's change goes to the shard of its transfer; a customer account is one item.
    const shardOf = (account: LedgerAccount, transfer: Transfer) =>
      isOperatorKind(account.kind) ? operatorAccountShardOf(transfer.transferId) : undefined;
    const shards = new Map<string, number | undefined>();
    const changes = new Map<string, AccountChange>();
    for (const change of accountChanges(effect.transfers, (account, transfer) => {
      const shard = shardOf(account, transfer);
      const label: WriteLabel = `account:${ledgerAccountId(account)}${shard === undefined ? "" : `#${shard}`}`;
      shards.set(label, shard);
      return label;
    }))
      changes.set(change.key, change);
    const accounts: LabelledWrite[] = [...changes.entries()].map(([label, change]) => {
      const shard = shards.get(label);
      const guarded = change.requiredBalanceMinor !== undefined;
      return {
        label: label as WriteLabel, // an `account:` label, made above
        item: {
          Update: {
            TableName: tableName,
            Key: ledgerAccountKey(change.account, shard),
            // ADD needs no read, so concurrent effects on one account never lose an update; the balance
            // rule is the condition of this very update, so no transfer can take what is not there.
            UpdateExpression: `SET entityType = :entityType, #holder = :holder, #kind = :kind, #currency = :currency, updatedAt = :now${shard === undefined ? "" : ", #shard = :shard"} ADD debitsMinor :debits, creditsMinor :credits, balanceMinor :balance, transferCount :count`,
            ExpressionAttributeNames: {
              "#holder": "holder",
              "#kind": "kind",
              "#currency": "currency",
              ...(shard === undefined ? {} : { "#shard": "shard" }),
            },
            ...(guarded ? { ConditionExpression: "balanceMinor >= :required" } : {}),
            ExpressionAttributeValues: {
              ":entityType": "LedgerAccount",
              ":holder": change.account.holder,
              ":kind": change.account.kind,
              ":currency": change.account.currency,
              ":now": now,
              ":debits": change.debitsMinor,
              ":credits": change.creditsMinor,
              ":balance": change.balanceDeltaMinor,
              ":count": change.transferCount,
              ...(shard === undefined ? {} : { ":shard": shard }),
              ...(guarded ? { ":required": change.requiredBalanceMinor } : {}),
            },
          },
        },
      };
    });
    const reservations: LabelledWrite[] = (effect.reservations ?? []).map((write) => ({
      label: `reservation:${write.reservation.reservationTransferId}` as const,
      item: {
        Put: {
          TableName: tableName,
          Item: {
            ...keys.reservation(write.reservation.held.holder, write.reservation.reservationTransferId),
            entityType: "Reservation",
            ...write.reservation,
          },
          // A reservation opens once and resolves once: a post after a void (or a second post) loses.
          ...(write.type === "open"
            ? { ConditionExpression: itemIsNew }
            : {
                ConditionExpression: "#status = :reserved",
                ExpressionAttributeNames: { "#status": "status" },
                ExpressionAttributeValues: { ":reserved": "reserved" },
              }),
        },
      },
    }));
    return { writes: [sourceEvent, ...transfers, ...accounts, ...reservations, ...(effect.writes ?? [])], changes };
  }

  async function readSourceEvent(eventId: string): Promise<SourceEventItem | undefined> {
    const result = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: keys.sourceEvent(eventId), ConsistentRead: true }),
    );
    return result.Item ? sourceEventItemSchema.parse(result.Item) : undefined;
  }

  return {
    async commit(effect) {
      const { writes, changes } = effectWrites(effect);
      assert(writes.length <= limits.transactionItemsMax, `an effect of ${writes.length} writes exceeds one transaction`);
      assert((effect.outbound ?? []).length <= limits.outboundMessagesPerEventMax, "too many outbound messages for one effect");
      try {
        await documentClient.send(new TransactWriteCommand({ TransactItems: writes.map((write) => write.item) }));
        return { status: "committed" };
      } catch (error) {
        const codes = cancellationCodesOf(error);
        if (!codes) {
          if (isTransientAwsError(error)) throw new TransientError(`DynamoDB: ${(error as Error).name}`, { cause: error });
          throw error;
        }
        if (codes[0] === "ConditionalCheckFailed") {
          const record = await readSourceEvent(effect.sourceEvent.eventId);
          if (!record) throw new TransientError(`event ${effect.sourceEvent.eventId} was reported as a duplicate but has no record yet`);
          if (record.payloadHash !== effect.sourceEvent.payloadHash) throw new SourceEventConflictError(effect.sourceEvent.eventId, record);
          return { status: "duplicate", record };
        }
        const failed = writes.filter((_, index) => codes[index] === "ConditionalCheckFailed");
        // A failed condition other than a balance rule means the effect was decided on stale state (a
        // settled accrual, a reward record revised, a reservation resolved meanwhile): the caller
        // re-reads and decides again. Only when the balance rules alone refused it is the effect refused.
        const stale = failed.filter((write) => !changes.has(write.label));
        if (stale.length > 0) throw new WriteConflictError(stale.map((write) => write.label));
        const refused = failed.map((write) => changes.get(write.label)).find((change) => change?.requiredBalanceMinor !== undefined);
        if (refused) throw new InsufficientBalanceError(refused.account, refused.requiredBalanceMinor!);
        // Another transaction held an item: no condition failed, and the caller decides again.
        const held = heldWrites(writes, codes);
        if (held.length > 0) throw new WriteConflictError(held);
        if (codes.some((code) => transientCancellationCodes.has(code)))
          throw new TransientError(`transaction cancelled: ${codes.join(", ")}`, { cause: error });
        throw error;
      }
    },

    async markOutboundSent(eventId) {
      await documentClient.send(new UpdateCommand({ TableName: tableName, ...outboundSentMark(eventId, clock.now()) }));
    },

    async markOutboundsSent(eventIds) {
      assert(eventIds.length <= outboundMarksPerTransactionMax, `${eventIds.length} outbox marks in one transaction`);
      if (eventIds.length === 0) return;
      if (eventIds.length === 1) {
        await documentClient.send(new UpdateCommand({ TableName: tableName, ...outboundSentMark(eventIds[0]!, clock.now()) }));
        return;
      }
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: eventIds.map((eventId) => ({ Update: { TableName: tableName, ...outboundSentMark(eventId, clock.now()) } })),
        }),
      );
    },

    readSourceEvent,

    async listTransfers(query) {
      assert(query.limit >= 1 && query.limit <= limits.pageSizeMax, `page size ${query.limit} out of range`);
      const partition = keys.accountPartition(query.accountId);
      const periodPartition = query.periodId === undefined ? undefined : keys.ledgerPeriodPartition(query.accountId, query.periodId);
      const base: QueryCommandInput = {
        ...(periodPartition === undefined
          ? {
              TableName: tableName,
              KeyConditionExpression: "pk = :partition AND begins_with(sk, :prefix)",
              ExpressionAttributeValues: { ":partition": partition, ":prefix": keys.transferPrefix },
            }
          : {
              TableName: tableName,
              IndexName: "gsi1",
              KeyConditionExpression: "gsi1pk = :partition AND begins_with(gsi1sk, :prefix)",
              ExpressionAttributeValues: { ":partition": periodPartition, ":prefix": keys.transferPrefix },
            }),
        ScanIndexForward: false,
      };
      const filtered = withTransferFilter(base, { codes: query.codes, currency: query.currency });
      // The filters bind the cursor: a page of one listing (the deposit's movements, payouts only) does not go on in another.
      const listing =
        query.codes === undefined && query.currency === undefined
          ? undefined
          : listingOf("transfers", query.codes === undefined ? undefined : [...query.codes].sort().join(","), query.currency);
      let startKey =
        query.cursor === undefined
          ? undefined
          : decodeCursor(query.cursor, { partition, sortKeyPrefix: keys.transferPrefix, periodPartition, listing });
      const transfers: Transfer[] = [];
      // DynamoDB applies Limit before the filter: ask for what is still missing, a bounded number of times.
      for (let queries = 0; queries < limits.ledgerPageQueriesMax; queries += 1) {
        const result = await documentClient.send(
          new QueryCommand({ ...filtered, Limit: query.limit - transfers.length, ExclusiveStartKey: startKey }),
        );
        for (const item of result.Items ?? []) transfers.push(transferSchema.parse(item));
        startKey = result.LastEvaluatedKey;
        if (!startKey || transfers.length >= query.limit) break;
      }
      return startKey ? { transfers, nextCursor: encodeCursor(startKey, listing) } : { transfers };
    },

    async listOperatorTransfers(query) {
      assert(query.limit >= 1 && query.limit <= limits.pageSizeMax, `page size ${query.limit} out of range`);
      const scope = { listing: operatorLedgerKeys.listing(query.currency), sortKeyPrefix: keys.transferPrefix };
      const before = query.cursor === undefined ? undefined : decodeBoundaryCursor(query.cursor, scope);
      // Each shard's newest matching transfers below the cursor, at most a page of them, read in parallel.
      const shards = await Promise.all(
        Array.from({ length: limits.operatorAccountShards }, (_, shard) =>
          readOperatorLedgerShard(
            withTransferFilter(
              {
                TableName: tableName,
                IndexName: operatorLedgerIndex,
                KeyConditionExpression: `gsi3pk = :partition${before === undefined ? "" : " AND gsi3sk < :before"}`,
                ExpressionAttributeValues: {
                  ":partition": operatorLedgerKeys.partition(query.currency, shard),
                  ...(before === undefined ? {} : { ":before": before }),
                },
                ScanIndexForward: false,
              },
              { codes: query.codes, periodId: query.periodId },
            ),
            query.limit,
          ),
        ),
      );
      return mergeOperatorLedgerShards(shards, query.limit, scope);
    },

    async listLedgerAccounts(accountId) {
      const result = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :partition AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":partition": keys.accountPartition(accountId), ":prefix": keys.ledgerAccountPrefix },
          ConsistentRead: true,
        }),
      );
      return (result.Items ?? []).map((item) => balanceOfItem(ledgerAccountItemSchema.parse(item)));
    },

    async readLedgerAccount(account) {
      if (!isOperatorKind(account.kind)) {
        const result = await documentClient.send(
          new GetCommand({ TableName: tableName, Key: ledgerAccountKey(account, undefined), ConsistentRead: true }),
        );
        return result.Item ? balanceOfItem(ledgerAccountItemSchema.parse(result.Item)) : zeroBalance(account);
      }
      const items = await readOperatorShards(account.kind, account.currency);
      return items.reduce<LedgerAccountBalance>(
        (sum, item) => ({
          account,
          debitsMinor: sum.debitsMinor + item.debitsMinor,
          creditsMinor: sum.creditsMinor + item.creditsMinor,
          balanceMinor: sum.balanceMinor + item.balanceMinor,
          transferCount: sum.transferCount + item.transferCount,
        }),
        zeroBalance(account),
      );
    },

    async readReservation(holder, reservationTransferId) {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keys.reservation(holder, reservationTransferId), ConsistentRead: true }),
      );
      return result.Item ? reservationItemSchema.parse(result.Item) : undefined;
    },
  };

  /** Up to `limit` matching transfers of one index shard, newest first; the filter may take several queries, a bounded number. */
  async function readOperatorLedgerShard(query: QueryCommandInput, limit: number): Promise<OperatorLedgerShardPage> {
    const transfers: { sortKey: string; transfer: Transfer }[] = [];
    let startKey: Record<string, unknown> | undefined;
    for (let queries = 0; queries < limits.ledgerPageQueriesMax; queries += 1) {
      const result = await documentClient.send(
        new QueryCommand({ ...query, Limit: limit - transfers.length, ExclusiveStartKey: startKey }),
      );
      for (const item of result.Items ?? []) transfers.push({ sortKey: String(item.gsi3sk), transfer: transferSchema.parse(item) });
      startKey = result.LastEvaluatedKey;
      if (!startKey || transfers.length >= limit) break;
    }
    return startKey ? { transfers, stoppedAt: String(startKey.gsi3sk) } : { transfers };
  }

  async function readOperatorShards(kind: OperatorAccountKind, currency: string): Promise<LedgerAccountItem[]> {
    const shardKeys = Array.from({ length: limits.operatorAccountShards }, (_, shard) =>
      keys.operatorLedgerAccountShard(kind, currency, shard),
    );
    const items = await batchGetAll(table, shardKeys, `operator account ${kind} ${currency}`);
    return items.map((item) => ledgerAccountItemSchema.parse(item));
  }
}

/** The filters of a ledger listing, applied after the key condition (so after DynamoDB's Limit). */
function withTransferFilter(
  query: QueryCommandInput,
  filter: {
    readonly codes?: readonly TransferCode[] | undefined;
    readonly currency?: string | undefined;
    readonly periodId?: string | undefined;
  },
): QueryCommandInput {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (filter.codes !== undefined) {
    assert(filter.codes.length > 0, "a code filter names at least one code");
    const placeholders = filter.codes.map((code, index) => {
      values[`:code${index}`] = code;
      return `:code${index}`;
    });
    conditions.push(`#code IN (${placeholders.join(", ")})`);
    names["#code"] = "code";
  }
  if (filter.currency !== undefined) {
    conditions.push("#currency = :currency");
    names["#currency"] = "currency";
    values[":currency"] = filter.currency;
  }
  if (filter.periodId !== undefined) {
    conditions.push("periodId = :periodId");
    values[":periodId"] = filter.periodId;
  }
  if (conditions.length === 0) return query;
  const allNames = { ...query.ExpressionAttributeNames, ...names };
  return {
    ...query,
    FilterExpression: conditions.join(" AND "),
    // DynamoDB refuses an empty map of names.
    ...(Object.keys(allNames).length > 0 ? { ExpressionAttributeNames: allNames } : {}),
    ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ...values },
  };
}

/** One shard's part of an operator ledger page: its transfers (newest first) and, when it has more, where its reading stopped. */
export interface OperatorLedgerShardPage {
  readonly transfers: readonly { readonly sortKey: string; readonly transfer: Transfer }[];
  /** The sort key of the last item evaluated when the shard may hold more below it; absent when the shard is read to its end. */
  readonly stoppedAt?: string;
}

/**
 * Merges the shards' pages into one, newest first. A shard that stopped early has unread transfers
 * below where it stopped, so only what sorts at or above the highest such point is known complete: the
 * page holds up to `limit` of those, and the cursor is the page's last sort key (a full page) or that
 * point (a page cut short by it; then it may hold fewer, as a filtered page may).
 */
export function mergeOperatorLedgerShards(
  shards: readonly OperatorLedgerShardPage[],
  limit: number,
  scope: { readonly listing: string; readonly sortKeyPrefix: string },
): TransferPage {
  const stops = shards.flatMap((shard) => (shard.stoppedAt === undefined ? [] : [shard.stoppedAt]));
  const completeDownTo = stops.sort().at(-1); // the highest (sort keys compare as strings)
  const known = shards
    .flatMap((shard) => shard.transfers)
    .filter((entry) => completeDownTo === undefined || entry.sortKey >= completeDownTo)
    .sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
  const page = known.slice(0, limit);
  const transfers = page.map((entry) => entry.transfer);
  const full = page.length === limit && (known.length > limit || completeDownTo !== undefined);
  const next = full ? page.at(-1)!.sortKey : page.length < limit ? completeDownTo : undefined;
  return next === undefined ? { transfers } : { transfers, nextCursor: encodeBoundaryCursor(scope, next) };
}

function balanceOfItem(item: LedgerAccountItem): LedgerAccountBalance {
  return {
    account: { holder: item.holder, kind: item.kind, currency: item.currency },
    debitsMinor: item.debitsMinor,
    creditsMinor: item.creditsMinor,
    balanceMinor: item.balanceMinor,
    transferCount: item.transferCount,
  };
}

function zeroBalance(account: LedgerAccount): LedgerAccountBalance {
  return { account, debitsMinor: 0, creditsMinor: 0, balanceMinor: 0, transferCount: 0 };
}
