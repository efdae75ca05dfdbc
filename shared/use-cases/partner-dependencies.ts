/**
 * What the partner-application use cases need: the ledger store (an effect's one transaction with its
 * idempotency record and outbox), the partner store, the operator configuration (the program's form,
 * wait and autoApprove; the time zone), the outbound queue, the clock and a source of random bytes (the
 * application ids). Built at the edge (functions/wiring/partners.ts); tests build the same object on
 * DynamoDB Local with a fixed clock.
 */
import type { LedgerStore } from "../data/ledger-store.ts";
import type { OutboundSender } from "../data/message-queues.ts";
import type { OperatorConfigStore } from "../data/operator-config-store.ts";
import type { PartnerStore } from "../data/partner-store.ts";
import type { Clock } from "../domain/clock.ts";
import type { RandomBytes } from "../domain/referral-code.ts";

export interface PartnerDependencies {
  readonly ledgerStore: LedgerStore;
  readonly partnerStore: PartnerStore;
  readonly operatorConfigStore: OperatorConfigStore;
  readonly outbound: OutboundSender;
  readonly clock: Clock;
  readonly randomBytes: RandomBytes;
}
