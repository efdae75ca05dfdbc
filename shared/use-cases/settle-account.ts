/**
 * Settles one account's commission of one program, period and currency (a `settlement.account` work
 * item): reads the accrual and the partner's individual rate, decides (shared/domain/settlement.ts),
 * and commits the release, the top-up, the closed accrual, the run's progress and the statement
 * message in one transaction with the step's idempotency record `settlement:<program>:<period>:<account>:<currency>`.
 *
 * Exactly once whatever the queue does: an accrual already settled (a repeated or late run, a
 * redelivered item) is left as it is; a commission or clawback that lands between the read and the
 * commit makes the accrual's condition fail, and the step decides again from fresh reads.
 */

import { createHash } from "node:crypto";
import type { LedgerEffect } from "../data/ledger-store.ts";
import { findProgram } from "../data/operator-config-reader.ts";
import { individualRateOf } from "../data/settlement-store.ts";
import { canonicalJson } from "../domain/payload-hash.ts";
import { commissionTermsOf, decideSettlement, type SettlementDecision, type SettlementStep, settlementIdOf } from "../domain/settlement.ts";
import { DomainError } from "../errors.ts";
import { commitEffect } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { SettlementDependencies } from "./settlement-dependencies.ts";

export type SettleAccountOutcome =
  | { readonly outcome: "settled"; readonly decision: SettlementDecision }
  /** Settled before (this step earlier, or a run before it). */
  | { readonly outcome: "already_settled" }
  /** The index listed it but the accrual is gone (never happens in a table nobody edits by hand). */
  | { readonly outcome: "no_accrual" };

/** A step that can never succeed as configured (its program is gone or has no commission rule): recorded as a failure, not retried. */
export class SettlementNotPossibleError extends DomainError {
  override name = "SettlementNotPossibleError";
}

export const settlementEventType = "commission.settlement";

export async function settleAccount(deps: SettlementDependencies, step: SettlementStep): Promise<SettleAccountOutcome> {
  const eventId = settlementIdOf(step);
  // The step's identity is its payload: a second settlement under the id is a duplicate, never a conflict.
  const payloadHash = createHash("sha256")
    .update(canonicalJson({ type: settlementEventType, version: 1, data: step }))
    .digest("hex");
  return await decideUntilCommitted(`settlement ${eventId}`, async () => {
    const { accrual, individualRate } = await deps.settlementStore.readStepInputs(step);
    if (!accrual) return { outcome: "no_accrual" };
    if (accrual.settledAt) return { outcome: "already_settled" };
    const config = await deps.operatorConfigStore.loadOrThrow();
    const terms = commissionTermsOf(findProgram(config, step.programId));
    if (!terms) throw new SettlementNotPossibleError("configuration_invalid", `program ${step.programId} has no commission rule to settle`);
    const decision = decideSettlement({
      accrual,
      ruleRateBps: terms.rule.rateBps,
      settings: terms.settings,
      individualRate: individualRateOf(individualRate),
      postedAt: deps.clock.now(),
    });
    const effect: LedgerEffect = {
      sourceEvent: { eventId, eventType: settlementEventType, payloadHash, outcome: "settled" },
      transfers: decision.transfers,
      outbound: [decision.message],
      writes: [
        deps.settlementStore.writes.settleAccrual(accrual, decision.accrualSettlement),
        deps.settlementStore.writes.countSettled(step),
      ],
    };
    const committed = await commitEffect(deps, effect);
    return committed.status === "duplicate" ? { outcome: "already_settled" } : { outcome: "settled", decision };
  });
}
