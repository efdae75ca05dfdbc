/**
 * What the withdrawal and contract use cases need: the ledger store (the effect's one transaction, the
 * reservation), the withdrawal and contract stores, the operator configuration (payout policies, time
 * zone), the outbound queue and the clock. Built at the edge (functions/wiring/withdrawals.ts) and by
 * the operator CLI (scripts/cli/); tests build the same object on DynamoDB Local with a fixed clock.
 */
import type { ContractStore } from "../data/contract-store.ts";
import type { LedgerStore } from "../data/ledger-store.ts";
import type { OutboundSender } from "../data/message-queues.ts";
import type { OperatorConfigStore } from "../data/operator-config-store.ts";
import type { WithdrawalStore } from "../data/withdrawal-store.ts";
import type { Clock } from "../domain/clock.ts";

export interface WithdrawalDependencies {
  readonly ledgerStore: LedgerStore;
  readonly withdrawalStore: WithdrawalStore;
  readonly contractStore: ContractStore;
  readonly operatorConfigStore: OperatorConfigStore;
  readonly outbound: OutboundSender;
  readonly clock: Clock;
}
