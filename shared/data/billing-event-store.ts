/**
 * What the billing-events use cases read, and the writes they add to an effect's transaction (see
 * ledger-store.ts `commit`). Each write carries a label so a failed condition names itself, and each
 * condition says why it is there.
 */
import { BatchGetCommand, DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../domain/clock.ts";
import { type AccrualDelta, accrualIdentity } from "../domain/refunds.ts";
import { firstPaymentAttributeByTrigger, firstPaymentIdAttributeByTrigger, type RewardTrigger } from "../domain/rewards.ts";
import { type SettledAccrual, settledAccrualOf } from "../domain/settlement.ts";
import { TransientError } from "../errors.ts";
import { type ReferralItem, referralItemSchema } from "../schemas/items.ts";
import {
  type ParkedEventItem,
  type PaymentReference,
  type PaymentRewardItem,
  parkedEventItemSchema,
  paymentRewardItemSchema,
  periodAccrualItemSchema,
  type ReversalItem,
  type RewardInWindowItem,
  reversalItemSchema,
  rewardInWindowItemSchema,
} from "../schemas/ledger-items.ts";
import { cancellationCodesOf, isTransientAwsError } from "./aws-errors.ts";
import { keys, settlementKeys, type TableKey } from "./keys.ts";
import { DuplicateSourceEventError, parkedSourceEventPut } from "./ledger-store.ts";
import type { TableContext } from "./table-context.ts";
import { type LabelledWrite, WriteConflictError } from "./write-conflicts.ts";

/** Which period accrual: the referrer, program, period and currency. */
export type AccrualReference = Pick<AccrualDelta, "accountId" | "programId" | "periodId" | "currency">;

/** A commission added to its period accrual: positive amounts, the rule's rate, and whether its referee is new in the period. */
export interface AccrualIncrease extends AccrualDelta {
  readonly accrualRateBps: number;
  /** The payment's referee was not counted in this accrual yet (`activeCustomerMark`). */
  readonly countsActiveCustomer: boolean;
}

export interface AccountRegistration {
  readonly accountId: string;
  /** The registration event's occurredAt: the newest one wins (a late, older event changes nothing). */
  readonly occurredAt: string;
  readonly registeredAt: string;
  readonly promoEndsAt?: string | undefined;
  readonly emailHash?: string | undefined;
  readonly paymentFingerprintHash?: string | undefined;
}

export type ParkOutcome = { readonly status: "parked" } | { readonly status: "already_parked"; readonly existing: ParkedEventItem };

export function paymentRewardKey(payment: PaymentReference): TableKey {
  return payment.kind === "invoice" ? keys.invoiceReward(payment.id) : keys.rechargeReward(payment.id);
}

export function parkedEventKey(payment: PaymentReference, eventId: string): TableKey {
  return payment.kind === "invoice" ? keys.parkedEvent(payment.id, eventId) : keys.parkedRechargeEvent(payment.id, eventId);
}

// Why each condition:
const itemIsNew = "attribute_not_exists(pk)"; // written once (a payment's reward record, a parked event, an applied reversal)
const referralIsActive = "attribute_exists(pk) AND #status = :active"; // fraud stops rewards from the moment it is marked

export function createBillingEventStore(table: TableContext, clock: Clock) {
  const { documentClient, tableName } = table;

  async function getItem(key: TableKey): Promise<Record<string, unknown> | undefined> {
    const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return result.Item;
  }

  return {
    /** AP7, strongly consistent: the referral decides who earns. */
    async readReferral(refereeAccountId: string): Promise<ReferralItem | undefined> {
      const item = await getItem(keys.referral(refereeAccountId));
      return item ? referralItemSchema.parse(item) : undefined;
    },

    /** AP13/AP17: what a payment earned and how much was reversed so far. */
    async readPaymentReward(payment: PaymentReference): Promise<PaymentRewardItem | undefined> {
      const item = await getItem(paymentRewardKey(payment));
      return item ? paymentRewardItemSchema.parse(item) : undefined;
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

    /** AP15: which of these accruals are settled, with what settlement recorded (asked only after a write lost a race with settlement). */
    async readSettledAccruals(accruals: readonly AccrualReference[]): Promise<Map<string, SettledAccrual>> {
      const settled = new Map<string, SettledAccrual>();
      const unique = new Map(
        accruals.map((accrual) => [accrualIdentity({ referrerAccountId: accrual.accountId, ...accrual }, accrual.currency), accrual]),
      );
      if (unique.size === 0) return settled;
      const result = await documentClient.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: [...unique.values()].map((accrual) =>
                keys.periodAccrual(accrual.accountId, accrual.programId, accrual.periodId, accrual.currency),
              ),
              ConsistentRead: true,
            },
          },
        }),
      );
      if (Object.keys(result.UnprocessedKeys ?? {}).length > 0) throw new TransientError("accrual read was throttled");
      for (const item of result.Responses?.[tableName] ?? []) {
        const figures = settledAccrualOf(periodAccrualItemSchema.parse(item));
        if (figures)
          settled.set(
            accrualIdentity(
              { referrerAccountId: figures.accountId, programId: figures.programId, periodId: figures.periodId },
              figures.currency,
            ),
            figures,
          );
      }
      return settled;
    },

    /**
     * AP14/AP18: keeps a reversal whose payment has not arrived, on condition that it still has not
     * (else WriteConflictError("paymentReward"): apply it now). A second parking of the same event
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
              { ConditionCheck: { TableName: tableName, Key: paymentRewardKey(payment), ConditionExpression: itemIsNew } },
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
      /** The reward record of a payment, written once by the payment's own event. */
      recordPaymentReward(record: PaymentRewardItem): LabelledWrite {
        return {
          label: "paymentReward",
          item: {
            Put: {
              TableName: tableName,
              Item: { ...paymentRewardKey(record.payment), entityType: "PaymentReward", ...record },
              ConditionExpression: itemIsNew,
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

      /**
       * The referral as this payment's decision read it: still active (fraud stops rewards from the
       * moment it is marked) and with the same first payment of the trigger (a payment paid earlier,
       * committed meanwhile, moves the first and its months-N window: decide again). It also sets the
       * marks this payment moves: the trigger's first (id and paid-at, replacing a later one) and the
       * earliest payment of any kind.
       */
      referralAsRead(
        referral: ReferralItem,
        trigger: RewardTrigger,
        marks: { readonly firstPayment: boolean; readonly firstOfTrigger: boolean },
        payment: { readonly id: string; readonly paidAt: string },
        /** The accruals the referee is now counted in, when this payment adds one (on condition of the list as read). */
        commissionedPeriods?: readonly string[],
      ): LabelledWrite {
        const names: Record<string, string> = {
          "#status": "status",
          "#firstAt": firstPaymentAttributeByTrigger[trigger],
          "#firstId": firstPaymentIdAttributeByTrigger[trigger],
        };
        const values: Record<string, unknown> = { ":active": "active" };
        const conditions = [referralIsActive];
        const readAt = referral[firstPaymentAttributeByTrigger[trigger]];
        const readId = referral[firstPaymentIdAttributeByTrigger[trigger]];
        if (readAt === undefined) conditions.push("attribute_not_exists(#firstAt)");
        else {
          conditions.push("#firstAt = :readFirstAt");
          values[":readFirstAt"] = readAt;
        }
        if (readId === undefined) conditions.push("attribute_not_exists(#firstId)");
        else {
          conditions.push("#firstId = :readFirstId");
          values[":readFirstId"] = readId;
        }
        const assignments: string[] = [];
        if (marks.firstOfTrigger) {
          assignments.push("#firstAt = :paidAt", "#firstId = :paymentId");
          values[":paidAt"] = payment.paidAt;
          values[":paymentId"] = payment.id;
        }
        if (marks.firstPayment) {
          assignments.push("firstPaymentAt = :paidAt");
          values[":paidAt"] = payment.paidAt;
          if (referral.firstPaymentAt === undefined) conditions.push("attribute_not_exists(firstPaymentAt)");
          else {
            conditions.push("firstPaymentAt = :readFirstPaymentAt");
            values[":readFirstPaymentAt"] = referral.firstPaymentAt;
          }
        }
        if (commissionedPeriods) {
          assignments.push("commissionedPeriods = :commissionedPeriods");
          values[":commissionedPeriods"] = commissionedPeriods;
          // Two payments of the referee at once: one counts it, the other decides again and finds it counted.
          if (referral.commissionedPeriods === undefined) conditions.push("attribute_not_exists(commissionedPeriods)");
          else {
            conditions.push("commissionedPeriods = :readCommissionedPeriods");
            values[":readCommissionedPeriods"] = referral.commissionedPeriods;
          }
        }
        const key = keys.referral(referral.refereeAccountId);
        const common = {
          TableName: tableName,
          Key: key,
          ConditionExpression: conditions.join(" AND "),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        };
        return {
          label: "referral",
          item:
            assignments.length > 0
              ? { Update: { ...common, UpdateExpression: `SET ${assignments.join(", ")}` } }
              : { ConditionCheck: common },
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

      /** The code's "referred customers who paid" counter, on the referee's first payment. */
      countCustomer(code: string): LabelledWrite {
        return {
          label: "codeCounter",
          // Never create a stub code item: the code is written by the referral part before any referral.
          item: {
            Update: {
              TableName: tableName,
              Key: keys.referralCode(code),
              UpdateExpression: "ADD customerCount :one",
              ConditionExpression: "attribute_exists(pk)",
              ExpressionAttributeValues: { ":one": 1 },
            },
          },
        };
      },

      /** Adds a commission to its period accrual (AP15), listed for settlement (AP16), unless the period is settled. */
      accrue(increase: AccrualIncrease): LabelledWrite {
        return {
          label: `accrual:${increase.periodId}`,
          item: {
            Update: {
              TableName: tableName,
              Key: keys.periodAccrual(increase.accountId, increase.programId, increase.periodId, increase.currency),
              UpdateExpression:
                "SET entityType = :entityType, accountId = :accountId, programId = :programId, periodId = :periodId, currency = :currency, accrualRateBps = :rate, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk, updatedAt = :now ADD accruedMinor :accrued, baseMinor :base, entryCount :one, activeCustomers :counted",
              // A settled period is closed: a late commission is decided again into the open period.
              ConditionExpression: "attribute_not_exists(settledAt)",
              ExpressionAttributeValues: {
                ":entityType": "PeriodAccrual",
                ":accountId": increase.accountId,
                ":programId": increase.programId,
                ":periodId": increase.periodId,
                ":currency": increase.currency,
                ...prefixed(
                  settlementKeys.periodAccrualToSettle(increase.programId, increase.periodId, increase.accountId, increase.currency),
                ),
                ":now": clock.now().toISOString(),
                ":accrued": increase.accruedMinor,
                ":base": increase.baseMinor,
                ":one": 1,
                ":rate": increase.accrualRateBps,
                ":counted": increase.countsActiveCustomer ? 1 : 0,
              },
            },
          },
        };
      },

      /** Takes a pending clawback from its period accrual, unless settlement got there first (then it is taken from available). */
      reduceAccrual(delta: AccrualDelta): LabelledWrite {
        return {
          label: `accrual:${delta.periodId}`,
          item: {
            Update: {
              TableName: tableName,
              Key: keys.periodAccrual(delta.accountId, delta.programId, delta.periodId, delta.currency),
              UpdateExpression: "SET updatedAt = :now ADD accruedMinor :accrued, baseMinor :base, entryCount :one",
              ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(settledAt)",
              ExpressionAttributeValues: {
                ":now": clock.now().toISOString(),
                ":accrued": delta.accruedMinor,
                ":base": delta.baseMinor,
                ":one": 1,
              },
            },
          },
        };
      },

      /** Records the top-up taken back after settlement, on condition of the figures read (two refunds at once: one decides again). */
      reverseTopUp(read: SettledAccrual, next: SettledAccrual): LabelledWrite {
        return {
          label: `accrual:${read.periodId}`,
          item: {
            Update: {
              TableName: tableName,
              Key: keys.periodAccrual(read.accountId, read.programId, read.periodId, read.currency),
              UpdateExpression: "SET baseReversedAfterSettlementMinor = :base, topUpReversedMinor = :topUp, updatedAt = :now",
              ConditionExpression:
                read.baseReversedAfterSettlementMinor === 0
                  ? "attribute_exists(settledAt) AND (attribute_not_exists(baseReversedAfterSettlementMinor) OR baseReversedAfterSettlementMinor = :readBase)"
                  : "attribute_exists(settledAt) AND baseReversedAfterSettlementMinor = :readBase",
              ExpressionAttributeValues: {
                ":base": next.baseReversedAfterSettlementMinor,
                ":topUp": next.topUpReversedMinor,
                ":readBase": read.baseReversedAfterSettlementMinor,
                ":now": clock.now().toISOString(),
              },
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

      /**
       * The registration facts on the account profile; SET only these attributes (the referral part owns
       * the others). Only if no newer registration event was applied (else WriteConflictError("profile")):
       * ISO instants in one format compare as strings.
       */
      registerAccount(registration: AccountRegistration): LabelledWrite {
        const assignments = [
          "entityType = if_not_exists(entityType, :entityType)",
          "accountId = :accountId",
          "registeredAt = :registeredAt",
          "registrationOccurredAt = :occurredAt",
        ];
        const values: Record<string, unknown> = {
          ":entityType": "AccountProfile",
          ":accountId": registration.accountId,
          ":registeredAt": registration.registeredAt,
          ":occurredAt": registration.occurredAt,
        };
        for (const name of ["promoEndsAt", "emailHash", "paymentFingerprintHash"] as const) {
          if (registration[name] === undefined) continue;
          assignments.push(`${name} = :${name}`);
          values[`:${name}`] = registration[name];
        }
        return {
          label: "profile",
          item: {
            Update: {
              TableName: tableName,
              Key: keys.accountProfile(registration.accountId),
              UpdateExpression: `SET ${assignments.join(", ")}`,
              ConditionExpression: "attribute_not_exists(registrationOccurredAt) OR registrationOccurredAt <= :occurredAt",
              ExpressionAttributeValues: values,
            },
          },
        };
      },
    },
  };
}

function prefixed(gsiKeys: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(gsiKeys).map(([name, value]) => [`:${name}`, value]));
}

export type BillingEventStore = ReturnType<typeof createBillingEventStore>;
