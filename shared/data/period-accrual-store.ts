/**
 * The period accruals (AP15, listed for settlement by AP16): a referrer's commission pending in one
 * program, period and currency, as the billing events move it. The writes join an effect's
 * transaction (see ledger-store.ts `commit`); each carries a label so a failed condition names itself,
 * and each condition says why it is there. Settlement reads and closes the same items
 * (settlement-store.ts).
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../domain/clock.ts";
import { type AccrualDelta, accrualIdentity } from "../domain/refunds.ts";
import { type SettledAccrual, settledAccrualOf } from "../domain/settlement.ts";
import { type PeriodAccrualItem, periodAccrualItemSchema } from "../schemas/ledger-items.ts";
import { batchGetAll } from "./batch-get.ts";
import { keys, settlementKeys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";
import type { LabelledWrite, WriteConflictError } from "./write-conflicts.ts";

/** Which period accrual: the referrer, program, period and currency. */
export type AccrualReference = Pick<AccrualDelta, "accountId" | "programId" | "periodId" | "currency">;

/** A commission added to its period accrual: positive amounts, the rule's rate, and whether its referee is new in the period. */
export interface AccrualIncrease extends AccrualDelta {
  readonly accrualRateBps: number;
  /** The payment's referee was not counted in this accrual yet (`activeCustomerMark`). */
  readonly countsActiveCustomer: boolean;
}

/** The periods whose settlement run had started, from the labels of a transaction that lost on `runNotStarted`. */
export function periodsWithRunStarted(conflict: WriteConflictError): string[] {
  return conflict.labels.flatMap((label) => (label.startsWith("settlementRun:") ? [label.split(":")[2]!] : []));
}

export function createPeriodAccrualStore(table: TableContext, clock: Clock) {
  const { tableName } = table;

  return {
    /** AP15: which of these accruals are settled, with what settlement recorded (asked only after a write lost a race with settlement). */
    async readSettledAccruals(accruals: readonly AccrualReference[]): Promise<Map<string, SettledAccrual>> {
      const settled = new Map<string, SettledAccrual>();
      const unique = new Map(
        accruals.map((accrual) => [accrualIdentity({ referrerAccountId: accrual.accountId, ...accrual }, accrual.currency), accrual]),
      );
      if (unique.size === 0) return settled;
      const items = await batchGetAll(
        table,
        [...unique.values()].map((accrual) => keys.periodAccrual(accrual.accountId, accrual.programId, accrual.periodId, accrual.currency)),
        "period accruals",
      );
      for (const item of items) {
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

    /** AP80: an account's accruals of one period in a program, one per currency (strongly consistent: a commission just accrued counts). */
    async listPeriodAccruals(accountId: string, programId: string, periodId: string): Promise<PeriodAccrualItem[]> {
      const result = await table.documentClient.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":pk": keys.accountPartition(accountId), ":prefix": keys.periodAccrualsPrefix(programId, periodId) },
          ConsistentRead: true,
        }),
      );
      return (result.Items ?? []).map((item) => periodAccrualItemSchema.parse(item));
    },

    /** Writes to add to an effect's transaction. */
    writes: {
      /** Adds a commission to its period accrual (AP15), listed for settlement (AP16), unless the period is settled. */
      accrue(increase: AccrualIncrease): LabelledWrite {
        return {
          label: `accrual:${increase.periodId}`,
          item: {
            Update: {
              TableName: tableName,
              Key: keys.periodAccrual(increase.accountId, increase.programId, increase.periodId, increase.currency),
              UpdateExpression:
                "SET entityType = :entityType, accountId = :accountId, programId = :programId, periodId = :periodId, currency = :currency, accrualRateBps = :rate, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk, updatedAt = :now ADD accruedMinor :accrued, baseMinor :base, entryCount :one, activeCustomers :counted, accrualRateCount :one, accrualRateSum :rate, accrualRateSquareSum :rateSquared",
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
                ":rateSquared": increase.accrualRateBps * increase.accrualRateBps,
                ":counted": increase.countsActiveCustomer ? 1 : 0,
              },
            },
          },
        };
      },

      /**
       * The period's settlement run has not started (AP28), for a commission accruing in a period already closed: the
       * run lists the period's accounts as it starts, so an accrual written after that, of a partner with none in the
       * period yet, would never be listed. A run started meanwhile fails this check: the commission is decided again
       * into the open period.
       */
      runNotStarted(programId: string, periodId: string): LabelledWrite {
        return {
          label: `settlementRun:${programId}:${periodId}`,
          item: {
            ConditionCheck: {
              TableName: tableName,
              Key: settlementKeys.settlementRun(programId, periodId),
              ConditionExpression: "attribute_not_exists(pk)",
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
    },
  };
}

function prefixed(gsiKeys: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(gsiKeys).map(([name, value]) => [`:${name}`, value]));
}

export type PeriodAccrualStore = ReturnType<typeof createPeriodAccrualStore>;
