/**
 * What the scheduled jobs would process for a run, computed in the operator's time zone from the time
 * the run was scheduled for (not the time it happens to run): settlement proper and discount expiry
 * come in later issues; for now the jobs log their plan.
 */

import { keys } from "../data/keys.ts";
import type { OperatorConfigStore } from "../data/operator-config-store.ts";
import { formatLocalDate, localDay, periodClosedBy } from "../domain/calendar.ts";
import { mechanicOf } from "../domain/reward-mechanics/mechanics.ts";

export interface SettlementPlan {
  readonly runAt: string;
  readonly timeZone: string;
  readonly periodId: string;
  readonly firstDay: string;
  readonly lastDay: string;
  /** Each commission program and the index partition listing its accounts to settle (AP16). */
  readonly programs: readonly { readonly programId: string; readonly accountsToSettlePartition: string }[];
}

/** The run at 00:00 on the 15th settles the 1st-14th; the run at 00:00 on the 1st settles the 15th-end of the previous month. */
export async function planSettlement(operatorConfigStore: OperatorConfigStore, runAt: Date): Promise<SettlementPlan> {
  const config = await operatorConfigStore.loadOrThrow();
  const period = periodClosedBy(runAt, config.timeZone);
  const programs = config.programs
    .filter((program) => program.status === "active" && program.rewards.some((rule) => mechanicOf(rule.payoutAs).accruesUntilSettlement))
    .map((program) => ({
      programId: program.programId,
      accountsToSettlePartition: keys.accountsToSettlePartition(program.programId, period.periodId),
    }));
  return {
    runAt: runAt.toISOString(),
    timeZone: config.timeZone,
    periodId: period.periodId,
    firstDay: formatLocalDate(period.firstDay),
    lastDay: formatLocalDate(period.lastDay),
    programs,
  };
}

export interface DiscountExpiryPlan {
  readonly runAt: string;
  readonly timeZone: string;
  /** The operator-local day that starts with this run: discounts that ended before it expire, those starting on it activate. */
  readonly day: string;
}

export async function planDiscountExpiry(operatorConfigStore: OperatorConfigStore, runAt: Date): Promise<DiscountExpiryPlan> {
  const config = await operatorConfigStore.loadOrThrow();
  return { runAt: runAt.toISOString(), timeZone: config.timeZone, day: localDay(runAt, config.timeZone) };
}
