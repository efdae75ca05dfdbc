/**
 * The day a discount run processes, computed in the operator's time zone from the time the run was
 * scheduled for (not the time it happens to run), so a late or retried run processes the same day
 * (the run itself: expire-discounts.ts; settlement runs: run-settlement.ts).
 */

import type { OperatorConfigStore } from "../data/operator-config-store.ts";
import { localDay } from "../domain/calendar.ts";

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
