/**
 * The referral (AP7) as the billing events read it, and the marks a referee's payments leave on it
 * (its first payments, the accruals it is counted in) and on its code (the "referred customers who
 * paid" counter). The writes join an effect's transaction (see ledger-store.ts `commit`); each carries
 * a label so a failed condition names itself, and each condition says why it is there. The referral
 * is created by the attribution (referral-store.ts) and marked fraudulent by the operator
 * (referral-status-store.ts).
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { firstPaymentAttributeByTrigger, firstPaymentIdAttributeByTrigger, type RewardTrigger } from "../domain/rewards.ts";
import { type ReferralItem, referralItemSchema } from "../schemas/items.ts";
import { batchGetAll } from "./batch-get.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";
import type { LabelledWrite } from "./write-conflicts.ts";

// Why each condition:
const referralIsActive = "attribute_exists(pk) AND #status = :active"; // fraud stops rewards from the moment it is marked
// A code that took the referral over from a link meanwhile (docs/codes.md) makes it another referrer's, in another program.
const referralIsTheOneRead = "referrerAccountId = :readReferrer AND programId = :readProgram AND #source = :readSource";

export function createReferralMarksStore(table: TableContext) {
  const { documentClient, tableName } = table;

  return {
    /** AP7, strongly consistent: the referral decides who earns. */
    async readReferral(refereeAccountId: string): Promise<ReferralItem | undefined> {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keys.referral(refereeAccountId), ConsistentRead: true }),
      );
      return result.Item ? referralItemSchema.parse(result.Item) : undefined;
    },

    /**
     * AP7 for the referees of a batch of events, in one BatchGetItem (strongly consistent, unprocessed
     * keys asked again): each referee's referral, undefined when it has none.
     */
    async readReferrals(refereeAccountIds: readonly string[]): Promise<Map<string, ReferralItem | undefined>> {
      const found = new Map<string, ReferralItem | undefined>(refereeAccountIds.map((id) => [id, undefined]));
      if (found.size === 0) return found;
      for (const item of await batchGetAll(
        table,
        [...found.keys()].map((id) => keys.referral(id)),
        "referrals",
      )) {
        const referral = referralItemSchema.parse(item);
        found.set(referral.refereeAccountId, referral);
      }
      return found;
    },

    /** Writes to add to an effect's transaction. */
    writes: {
      /**
       * The referral as this payment's decision read it: the same referrer, program and source (a code that
       * took it over from a link meanwhile: decide again), still active (fraud stops rewards from the
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
          "#source": "source",
          "#firstAt": firstPaymentAttributeByTrigger[trigger],
          "#firstId": firstPaymentIdAttributeByTrigger[trigger],
        };
        const values: Record<string, unknown> = {
          ":active": "active",
          ":readReferrer": referral.referrerAccountId,
          ":readProgram": referral.programId,
          ":readSource": referral.source,
        };
        const conditions = [referralIsActive, referralIsTheOneRead];
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
    },
  };
}

export type ReferralMarksStore = ReturnType<typeof createReferralMarksStore>;
