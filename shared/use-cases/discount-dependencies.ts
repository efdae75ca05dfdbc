/**
 * What the discount use cases need (the code referral's trigger, the daily schedule, the discounts
 * route; quotes take only the discount store, shared/use-cases/price-quote.ts): the discount store, the ledger store for the effect's one transaction and its
 * outbox, the outbound queue, the configuration and the clock. Built at the edge
 * (functions/wiring/discounts.ts); tests build the same object on DynamoDB Local with a fixed clock.
 */
import type { DiscountStore } from "../data/discount-store.ts";
import type { LedgerStore } from "../data/ledger-store.ts";
import type { OutboundSender } from "../data/message-queues.ts";
import type { OperatorConfigStore } from "../data/operator-config-store.ts";
import type { Clock } from "../domain/clock.ts";

export interface DiscountDependencies {
  readonly discountStore: DiscountStore;
  readonly ledgerStore: LedgerStore;
  readonly outbound: OutboundSender;
  readonly operatorConfigStore: OperatorConfigStore;
  readonly clock: Clock;
}
