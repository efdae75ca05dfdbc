/**
 * What the ledger use cases need: the stores on the table, the queues, the clock and the hashing salt.
 * Built at the edge (functions/wiring/ledger.ts), once per container; tests build the same object on
 * DynamoDB Local with a fixed clock. A use case takes the part it uses (`Pick<LedgerDependencies, …>`).
 */
import type { AccountProfileStore } from "../data/account-profile-store.ts";
import type { DepositStore } from "../data/deposit-store.ts";
import type { LedgerStore } from "../data/ledger-store.ts";
import type { DeadLetterSender, OutboundSender } from "../data/message-queues.ts";
import type { OperatorConfigStore } from "../data/operator-config-store.ts";
import type { PartnerRevenueStore } from "../data/partner-revenue-store.ts";
import type { PartnerStore } from "../data/partner-store.ts";
import type { PaymentRewardStore } from "../data/payment-reward-store.ts";
import type { PeriodAccrualStore } from "../data/period-accrual-store.ts";
import type { ReferralMarksStore } from "../data/referral-marks-store.ts";
import type { ServiceStore } from "../data/service-store.ts";
import type { Clock } from "../domain/clock.ts";
import type { OutboundMessage } from "../schemas/outbound-messages.ts";

export interface LedgerDependencies {
  readonly ledgerStore: LedgerStore;
  /** Payment reward records, applied and parked reversals, the months-N window index. */
  readonly paymentRewardStore: PaymentRewardStore;
  /** The referral as the billing events read it, its payment marks and its code's customer count. */
  readonly referralMarksStore: ReferralMarksStore;
  readonly periodAccrualStore: PeriodAccrualStore;
  /** The registration facts of account.registered. */
  readonly accountProfileStore: AccountProfileStore;
  readonly operatorConfigStore: OperatorConfigStore;
  /** The payer and administrator history of each service (service.payer_changed). */
  readonly serviceStore: ServiceStore;
  /** Prepaid deposits' settings and top-up records (deposit.topped_up). */
  readonly depositStore: DepositStore;
  /** Partners' paid revenue: invoices paid by approved partners, their months, the reversals taken off (partner levels). */
  readonly partnerRevenueStore: PartnerRevenueStore;
  /** Whether a payer is an approved partner (the paid revenue's gate). */
  readonly partnerStore: Pick<PartnerStore, "isApprovedPartner">;
  readonly outbound: OutboundSender;
  /**
   * Set for the records of a billing-events batch (billing-event-batch.ts `withBatchedOutbox`): an effect's outbox is
   * held for the batch's end, sent there with the others and marked with them, instead of sent right after its commit.
   */
  readonly batchOutbox?: { hold(eventId: string, messages: readonly OutboundMessage[]): void };
  readonly deadLetters: DeadLetterSender;
  readonly clock: Clock;
  /** HASH_SALT: keys the e-mail and payment-fingerprint hashes of account.registered. */
  readonly hashSalt: string;
}
