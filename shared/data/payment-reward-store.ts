/**
 * A payment's reward and what reverses it: the reward record of each paid invoice or completed
 * recharge (AP13, AP17), the refunds and chargebacks applied to it by business id (AP19), the
 * reversals parked until it arrives (AP14, AP18), and the months-N window index of the referee's
 * rewarded payments (AP23). The writes join an effect's transaction (see ledger-store.ts `commit`);
 * each carries a label so a failed condition names itself, and each condition says why it is there.
 */
import { DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { TransientError } from "../errors.ts";
import {
  type ParkedEventItem,
  type PaymentReference,
  type PaymentRewardItem,
  parkedEventItemSchema,
  paymentRewardItemSchema,
  type ReversalItem,
  type RewardInWindowItem,
  reversalItemSchema,
  rewardInWindowItemSchema,
} from "../schemas/ledger-items.ts";
import { cancellationCodesOf, isTransientAwsError } from "./aws-errors.ts";
import { keys, type TableKey } from "./keys.ts";
import { DuplicateSourceEventError, parkedSourceEventPut } from "./ledger-store.ts";
import type { TableContext } from "./table-context.ts";
import { type LabelledWrite, WriteConflictError } from "./write-conflicts.ts";

export type ParkOutcome = { readonly status: "parked" } | { readonly status: "already_parked"; readonly existing: ParkedEventItem };

export function paymentRewardKey(payment: PaymentReference): TableKey {
  return payment.kind === "invoice" ? keys.invoiceReward(payment.id) : keys.rechargeReward(payment.id);
}

export function parkedEventKey(payment: PaymentReference, eventId: string): TableKey {
  return payment.kind === "invoice" ? keys.parkedEvent(payment.id, eventId) : keys.parkedRechargeEvent(payment.id, eventId);
}

// Why each condition:
const itemIsNew = "attribute_not_exists(pk)"; // written once (a payment's reward record, a parked event, an applied reversal)
// A reversal parked before its payment leaves this mark where the payment's reward record goes, so the
// payment's own Put fails on it and the payment learns of its parked reversals from the write it makes
// anyway: no payment has to look for parked reversals (AP14/AP18) unless one is there.
const awaitedPayment = "AwaitedPayment";
const paymentIsAwaited = "entityType = :awaited";
const paymentNotRecorded = `attribute_not_exists(pk) OR ${paymentIsAwaited}`;

/** What is stored where a payment's reward record goes: the record, the mark of reversals parked for it, or nothing. */
export type PaymentRecord = PaymentRewardItem | "awaited" | undefined;

export function createPaymentRewardStore(table: TableContext) {
  const { documentClient, tableName } = table;

  async function getItem(key: TableKey): Promise<Record<string, unknown> | undefined> {
    const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return result.Item;
  }

  return {
    /** AP13/AP17: what a payment earned and how much was reversed so far (undefined until the payment is recorded). */
    async readPaymentReward(payment: PaymentReference): Promise<PaymentRewardItem | undefined> {
      const item = await getItem(paymentRewardKey(payment));
      return item && item.entityType !== awaitedPayment ? paymentRewardItemSchema.parse(item) : undefined;
    },

    /** AP13/AP17 as stored: the reward record, "awaited" when only reversals parked for the payment are, or undefined. */
    async readPaymentRecord(payment: PaymentReference): Promise<PaymentRecord> {
      const item = await getItem(paymentRewardKey(payment));
      if (!item) return undefined;
      return item.entityType === awaitedPayment ? "awaited" : paymentRewardItemSchema.parse(item);
    },

    /**
     * AP23, strongly consistent: the referee's payments of this kind rewarded under a months-N rule and
     * paid at or after `from`, oldest first, a page of `limit` after the item `after` (a first payment
     * moved earlier leaves them outside its window).
     */
    async listRewardsInWindowFrom(
      refereeAccountId: string,
      kind: PaymentReference["kind"],
      from: Date,
      limit: number,
      after?: RewardInWindowItem,
    ): Promise<RewardInWindowItem[]> {
      const prefix = keys.rewardInWindowPrefix(kind);
      const result = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :partition AND sk BETWEEN :from AND :to",
          ExpressionAttributeValues: {
            ":partition": keys.rewardInWindowPartition(refereeAccountId),
            ":from": `${prefix}${from.toISOString()}`,
            ":to": `${prefix}\uffff`,
          },
          ConsistentRead: true,
          Limit: limit,
          ExclusiveStartKey: after
            ? keys.rewardInWindow(after.refereeAccountId, after.payment.kind, after.paidAt, after.payment.id)
            : undefined,
        }),
      );
      return (result.Items ?? []).map((item) => rewardInWindowItemSchema.parse(item));
    },

    async deleteRewardInWindow(item: RewardInWindowItem): Promise<void> {
      await documentClient.send(
        new DeleteCommand({
          TableName: tableName,
          Key: keys.rewardInWindow(item.refereeAccountId, item.payment.kind, item.paidAt, item.payment.id),
        }),
      );
    },

    /** AP19: the refund or chargeback applied under this business id, by whichever event. */
    async readReversal(kind: ReversalItem["reversalKind"], reversalId: string): Promise<ReversalItem | undefined> {
      const item = await getItem(keys.reversal(kind, reversalId));
      return item ? reversalItemSchema.parse(item) : undefined;
    },

    /**
     * AP14/AP18: keeps a reversal whose payment has not arrived, on condition that it still has not
     * (else WriteConflictError("paymentReward"): apply it now), and marks the payment's reward record
     * as awaited, so the payment's own Put finds it (`recordPaymentReward`). A second parking of the same event
     * returns the stored one for the caller to compare. The same transaction holds the event id with a
     * placeholder idempotency record (ledger-store `parkedSourceEventPut`); an id another event used
     * already throws DuplicateSourceEventError for the caller to compare.
     */
    async park(payment: PaymentReference, parked: ParkedEventItem): Promise<ParkOutcome> {
      const key = parkedEventKey(payment, parked.eventId);
      try {
        await documentClient.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                // The payment is still not recorded; its reward record's place is marked as awaited (see paymentNotRecorded).
                Put: {
                  TableName: tableName,
                  Item: { ...paymentRewardKey(payment), entityType: awaitedPayment, payment },
                  ConditionExpression: paymentNotRecorded,
                  ExpressionAttributeValues: { ":awaited": awaitedPayment },
                },
              },
              { Put: { TableName: tableName, Item: { ...key, entityType: "ParkedEvent", ...parked }, ConditionExpression: itemIsNew } },
              parkedSourceEventPut(tableName, parked, parked.parkedAt),
            ],
          }),
        );
        return { status: "parked" };
      } catch (error) {
        const codes = cancellationCodesOf(error);
        if (codes?.[0] === "ConditionalCheckFailed" || codes?.[0] === "TransactionConflict")
          throw new WriteConflictError(["paymentReward"]);
        if (codes?.[1] === "ConditionalCheckFailed") {
          const existing = await getItem(key);
          if (existing) return { status: "already_parked", existing: parkedEventItemSchema.parse(existing) };
          throw new WriteConflictError(["parked"]); // applied and deleted meanwhile: decide again
        }
        if (codes?.[2] === "ConditionalCheckFailed") throw new DuplicateSourceEventError(parked.eventId); // the id is another event's
        if (codes?.[2] === "TransactionConflict") throw new WriteConflictError(["sourceEvent"]);
        if (codes || isTransientAwsError(error)) throw new TransientError("parking a billing event failed", { cause: error });
        throw error;
      }
    },

    async listParked(payment: PaymentReference, limit: number): Promise<ParkedEventItem[]> {
      const partition = paymentRewardKey(payment).pk;
      const result = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :partition AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":partition": partition, ":prefix": keys.parkedEventPrefix },
          ConsistentRead: true,
          Limit: limit,
        }),
      );
      return (result.Items ?? []).map((item) => parkedEventItemSchema.parse(item));
    },

    async deleteParked(payment: PaymentReference, eventId: string): Promise<void> {
      await documentClient.send(new DeleteCommand({ TableName: tableName, Key: parkedEventKey(payment, eventId) }));
    },

    /** Writes to add to an effect's transaction. */
    writes: {
      /**
       * The reward record of a payment, written once by the payment's own event: on condition its place
       * is empty, or (`replacesAwaited`, after the first try found the mark) holds the awaited mark of
       * reversals parked for it, which the caller then applies. A mark or a record found there is a
       * WriteConflictError("paymentReward"): read it (`readPaymentRecord`) and decide again.
       */
      recordPaymentReward(record: PaymentRewardItem, replacesAwaited = false): LabelledWrite {
        return {
          label: "paymentReward",
          item: {
            Put: {
              TableName: tableName,
              Item: { ...paymentRewardKey(record.payment), entityType: "PaymentReward", ...record },
              ...(replacesAwaited
                ? { ConditionExpression: paymentIsAwaited, ExpressionAttributeValues: { ":awaited": awaitedPayment } }
                : { ConditionExpression: itemIsNew }),
            },
          },
        };
      },

      /** The reward record after a reversal, on condition nobody changed it since it was read (two refunds of one invoice). */
      replacePaymentReward(record: PaymentRewardItem, readRevision: number): LabelledWrite {
        return {
          label: "paymentReward",
          item: {
            Put: {
              TableName: tableName,
              Item: { ...paymentRewardKey(record.payment), entityType: "PaymentReward", ...record },
              ConditionExpression: "revision = :readRevision",
              ExpressionAttributeValues: { ":readRevision": readRevision },
            },
          },
        };
      },

      /** AP23: remembers a payment rewarded under a months-N rule, in the reward's transaction. */
      recordRewardInWindow(item: RewardInWindowItem): LabelledWrite {
        return {
          label: "rewardInWindow",
          item: {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.rewardInWindow(item.refereeAccountId, item.payment.kind, item.paidAt, item.payment.id),
                entityType: "RewardInWindow",
                ...item,
              },
            },
          },
        };
      },

      /** Forgets it once none of its months-N rewards is left (they were reversed): later windows need not read it again. */
      removeRewardInWindow(item: RewardInWindowItem): LabelledWrite {
        return {
          label: "rewardInWindow",
          item: {
            Delete: {
              TableName: tableName,
              Key: keys.rewardInWindow(item.refereeAccountId, item.payment.kind, item.paidAt, item.payment.id),
            },
          },
        };
      },

      /** A refund or chargeback is applied once by its business id (else WriteConflictError("reversal"): compare payloads). */
      recordReversal(reversal: ReversalItem): LabelledWrite {
        return {
          label: "reversal",
          item: {
            Put: {
              TableName: tableName,
              Item: { ...keys.reversal(reversal.reversalKind, reversal.reversalId), entityType: "Reversal", ...reversal },
              ConditionExpression: itemIsNew,
            },
          },
        };
      },

      /** Removes the parked copy of a reversal in the transaction that applies it (a no-op when none was parked). */
      unpark(payment: PaymentReference, eventId: string): LabelledWrite {
        return { label: "parked", item: { Delete: { TableName: tableName, Key: parkedEventKey(payment, eventId) } } };
      },
    },
  };
}

export type PaymentRewardStore = ReturnType<typeof createPaymentRewardStore>;
