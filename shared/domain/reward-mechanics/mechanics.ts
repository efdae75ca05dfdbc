/** The one table of reward mechanics, by the rule's `payoutAs` (reward-mechanic.ts). */
import type { RewardRule } from "../../schemas/operator-config.ts";
import { commissionReward } from "./commission-reward.ts";
import { creditReward } from "./credit-reward.ts";
import type { RewardMechanic } from "./reward-mechanic.ts";

export type { Legs, RewardMechanic } from "./reward-mechanic.ts";

export const rewardMechanics = {
  account_credit: creditReward,
  commission: commissionReward,
} as const satisfies Record<RewardRule["payoutAs"], RewardMechanic>;

export function mechanicOf(payoutAs: RewardRule["payoutAs"]): RewardMechanic {
  return rewardMechanics[payoutAs];
}
