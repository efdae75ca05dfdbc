/**
 * Partners' paid revenue in the single table (docs/partners.md, "Levels"; AP81–AP83):
 *
 * - `INVOICE#id / PARTNER_REVENUE`: what an invoice paid by an approved partner counts (or the reversals that
 *   arrived before it), put on condition of the revision it was decided on (new: on condition it is absent);
 * - `ACCOUNT#payer / PAID_REVENUE#month#currency`: one month's revenue of a payer, added to (never rewritten);
 * - `REFUND#id / PARTNER_REVENUE`, `CHARGEBACK#id / PARTNER_REVENUE`: a reversal taken off, put once.
 *
 * The writes join the effect's one transaction with its idempotency record (ledger-store.ts `commit`).
 */
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { PaidRevenueMonth } from "../domain/partner-revenue.ts";
import { type InvoiceRevenueItem, invoiceRevenueItemSchema, paidRevenueMonthItemSchema } from "../schemas/partner-revenue-items.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";
import type { LabelledWrite } from "./write-conflicts.ts";

// Why each condition:
const itemIsNew = "attribute_not_exists(pk)"; // a first record of an invoice, a reversal taken off once
const itemIsAtRevision = "revision = :expectedRevision"; // a change decided on what was read

export function createPartnerRevenueStore(table: TableContext) {
  const { documentClient, tableName } = table;

  return {
    /** AP81, consistent. */
    async readInvoiceRevenue(invoiceId: string): Promise<InvoiceRevenueItem | undefined> {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keys.invoiceRevenue(invoiceId), ConsistentRead: true }),
      );
      return result.Item ? invoiceRevenueItemSchema.parse(result.Item) : undefined;
    },

    /** AP82: a payer's months from `fromMonth` to `toMonth` (`YYYY-MM`, both included), every currency; consistent. */
    async readPaidRevenue(accountId: string, fromMonth: string, toMonth: string): Promise<PaidRevenueMonth[]> {
      const months: PaidRevenueMonth[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const result = await documentClient.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
            ExpressionAttributeValues: {
              ":pk": keys.accountPartition(accountId),
              ":from": keys.paidRevenueMonthPrefix(fromMonth),
              ":to": `${keys.paidRevenueMonthPrefix(toMonth)}~`,
            },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of result.Items ?? []) {
          const month = paidRevenueMonthItemSchema.parse(item);
          months.push({ month: month.month, currency: month.currency, paidMinor: month.paidMinor, reversedMinor: month.reversedMinor });
        }
        startKey = result.LastEvaluatedKey;
      } while (startKey);
      return months;
    },

    writes: {
      /** The invoice's record, on condition of the revision it was decided on (undefined: on condition there is none). */
      invoiceRevenue(item: InvoiceRevenueItem, expectedRevision: number | undefined): LabelledWrite {
        return {
          label: `invoiceRevenue:${item.invoiceId}`,
          item: {
            Put: {
              TableName: tableName,
              Item: { ...keys.invoiceRevenue(item.invoiceId), entityType: "InvoiceRevenue", ...item },
              ...(expectedRevision === undefined
                ? { ConditionExpression: itemIsNew }
                : { ConditionExpression: itemIsAtRevision, ExpressionAttributeValues: { ":expectedRevision": expectedRevision } }),
            },
          },
        };
      },

      /** Adds to a payer's month (created by its first invoice): an invoice counted, or what came off one. */
      addToMonth(change: {
        readonly accountId: string;
        readonly month: string;
        readonly currency: string;
        readonly paidMinor: number;
        readonly reversedMinor: number;
        readonly invoices: number;
        readonly at: string;
      }): LabelledWrite {
        return {
          label: `paidRevenueMonth:${change.accountId}:${change.month}:${change.currency}`,
          item: {
            Update: {
              TableName: tableName,
              Key: keys.paidRevenueMonth(change.accountId, change.month, change.currency),
              UpdateExpression:
                "SET entityType = :entityType, accountId = :accountId, #month = :month, currency = :currency, updatedAt = :at ADD paidMinor :paid, reversedMinor :reversed, invoiceCount :invoices",
              ExpressionAttributeNames: { "#month": "month" },
              ExpressionAttributeValues: {
                ":entityType": "PaidRevenueMonth",
                ":accountId": change.accountId,
                ":month": change.month,
                ":currency": change.currency,
                ":at": change.at,
                ":paid": change.paidMinor,
                ":reversed": change.reversedMinor,
                ":invoices": change.invoices,
              },
            },
          },
        };
      },

      /** A refund or chargeback taken off (or held for) a partner's invoice: once by its own id. */
      revenueReversal(reversal: {
        readonly kind: "refund" | "chargeback";
        readonly reversalId: string;
        readonly invoiceId: string;
        readonly amountMinor: number;
        readonly currency: string;
        readonly sourceEventId: string;
        readonly at: string;
      }): LabelledWrite {
        return {
          label: `revenueReversal:${reversal.kind}:${reversal.reversalId}`,
          item: {
            Put: {
              TableName: tableName,
              Item: { ...keys.revenueReversal(reversal.kind, reversal.reversalId), entityType: "RevenueReversal", ...reversal },
              ConditionExpression: itemIsNew,
            },
          },
        };
      },
    },
  };
}

export type PartnerRevenueStore = ReturnType<typeof createPartnerRevenueStore>;
