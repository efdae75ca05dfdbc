/**
 * What the partner-program use cases (applications, levels) need: the ledger store (an effect's one
 * transaction with its idempotency record and outbox), the partner and partner-level stores, the service store, the operator configuration (the program's form,
 * wait and autoApprove; the time zone), the outbound queue, the clock and a source of random bytes (the
 * application ids). Built at the edge (functions/wiring/partners.ts); tests build the same object on
 * DynamoDB Local with a fixed clock.
 */
import type { LedgerStore } from "../data/ledger-store.ts";
import type { OutboundSender } from "../data/message-queues.ts";
import type { OperatorConfigStore } from "../data/operator-config-store.ts";
import type { PartnerLevelStore } from "../data/partner-level-store.ts";
import type { PartnerRevenueStore } from "../data/partner-revenue-store.ts";
import type { PartnerStore } from "../data/partner-store.ts";
import type { ServiceStore } from "../data/service-store.ts";
import type { Clock } from "../domain/clock.ts";
import type { RandomBytes } from "../domain/referral-code.ts";

export interface PartnerDependencies {
  readonly ledgerStore: LedgerStore;
  readonly partnerStore: PartnerStore;
  /** Partner levels: the level item and its history (docs/partners.md, "Levels"). */
  readonly partnerLevelStore: PartnerLevelStore;
  /** The services a partner pays for, and their histories: what a level verification measures. */
  readonly serviceStore: Pick<ServiceStore, "servicesPaidBy" | "historyOf">;
  /** A partner's paid revenue by month: what a level's `paidRevenueMin` measures. */
  readonly partnerRevenueStore: Pick<PartnerRevenueStore, "readPaidRevenue">;
  readonly operatorConfigStore: OperatorConfigStore;
  readonly outbound: OutboundSender;
  readonly clock: Clock;
  readonly randomBytes: RandomBytes;
}
