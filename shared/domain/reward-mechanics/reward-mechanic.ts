/**
 * How a form of reward moves money: the closed list of reward mechanics, one file each, chosen by the
 * rule's `payoutAs` through the one table in ./mechanics.ts. A new form of reward (a discount, a tier, a
 * partner level) is one new file and one table row; the deciders (rewards.ts, refunds.ts) and the use
 * cases ask the mechanic, never compare `payoutAs` themselves.
 */
import type { PaymentReference, PaymentRewardItem, RewardReversalReason, RewardState } from "../../schemas/ledger-items.ts";
import type { OutboundMessage } from "../../schemas/outbound-messages.ts";
import type { HolderAccountKind, OperatorAccountKind, Transfer, TransferCode } from "../../schemas/transfer-items.ts";

/** The two accounts and the code of a transfer of one mechanic, before holder and currency are known. */
export interface Legs {
  readonly code: TransferCode;
  /** The operator's account the money comes from (earning) or goes back to (clawback). */
  readonly operatorKind: OperatorAccountKind;
  /** The referrer's account that receives it (earning) or gives it back (clawback). */
  readonly holderKind: HolderAccountKind;
}

export interface RewardMechanic {
  /**
   * Whether the reward waits for settlement in a period accrual (a commission): it is posted in the
   * open period when its payment's period is settled, clawbacks reduce the accrual while it is
   * pending, and a settled one is clawed back from what settlement released.
   */
  readonly accruesUntilSettlement: boolean;
  /** What earning posts: operator → referrer. */
  readonly earning: Legs;
  /** What a clawback posts: referrer → operator, from where the reward is now (`settled`: its accrual was settled). */
  clawback(settled: boolean): Legs;
  /** The message that tells the billing system about the earning, when it must apply it. */
  earnedMessage(earned: {
    readonly transfer: Transfer;
    readonly refereeAccountId: string;
    readonly payment: PaymentReference;
  }): OutboundMessage | undefined;
  /** The message that tells the billing system about a clawback of it, when it must apply it. */
  clawedBackMessage(clawedBack: {
    readonly transfer: Transfer;
    readonly reward: RewardState;
    readonly record: PaymentRewardItem;
    readonly reason: "refund" | "chargeback" | RewardReversalReason;
  }): OutboundMessage | undefined;
}
