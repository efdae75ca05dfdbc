/**
 * What settlement's use cases need: the ledger store (one write path), the settlement store, the
 * configuration, the outbound queue (statements), the settlement queue (work items) and the clock.
 * Built at the edge (functions/wiring/settlement.ts); tests build it on DynamoDB Local.
 */
import type { LedgerStore } from "../data/ledger-store.ts";
import type { OutboundSender, SettlementWorkSender } from "../data/message-queues.ts";
import type { OperatorConfigStore } from "../data/operator-config-store.ts";
import type { PeriodAccrualStore } from "../data/period-accrual-store.ts";
import type { SettlementStore } from "../data/settlement-store.ts";
import type { Clock } from "../domain/clock.ts";

export interface SettlementDependencies {
  readonly ledgerStore: LedgerStore;
  readonly settlementStore: SettlementStore;
  readonly operatorConfigStore: OperatorConfigStore;
  readonly outbound: OutboundSender;
  readonly settlementWork: SettlementWorkSender;
  readonly clock: Clock;
}

/** What a partner's commission rate view reads (read-commission-rate.ts): the configuration, its individual rate, its accruals. */
export interface CommissionRateDependencies {
  readonly settlementStore: Pick<SettlementStore, "readIndividualRate">;
  readonly periodAccrualStore: Pick<PeriodAccrualStore, "listPeriodAccruals">;
  readonly operatorConfigStore: OperatorConfigStore;
  readonly clock: Clock;
}
