/**
 * PUT /accounts/{accountId}/contracts/{programId} and POST …/revocation (the operator): record the
 * referral contract an account has on file in a program, or revoke it. Read → decide
 * (shared/domain/contracts.ts) → write on condition the contract is still the one read; a lost race is
 * decided again.
 */
import { findProgram } from "../data/operator-config-reader.ts";
import { localDay } from "../domain/calendar.ts";
import {
  type ContractDecision,
  type ContractRecording,
  type ContractRevocation,
  decideContractRecording,
  decideContractRevocation,
} from "../domain/contracts.ts";
import { assertCustomerAccount } from "../domain/principal.ts";
import { NotFoundError } from "../errors.ts";
import type { ContractItem } from "../schemas/withdrawal-items.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { WithdrawalDependencies } from "./withdrawal-dependencies.ts";

type ContractDependencies = Pick<WithdrawalDependencies, "contractStore" | "operatorConfigStore" | "clock">;

export interface ContractChange {
  /** true: the contract was stored now (created: there was none before). */
  readonly changed: boolean;
  readonly created: boolean;
  readonly contract: ContractItem;
}

export async function recordContract(deps: ContractDependencies, recording: ContractRecording): Promise<ContractChange> {
  return await changeContract(deps, recording, (current, context) => decideContractRecording(current, recording, context));
}

export async function revokeContract(deps: ContractDependencies, revocation: ContractRevocation): Promise<ContractChange> {
  return await changeContract(deps, revocation, (current, context) => decideContractRevocation(current, revocation, context));
}

async function changeContract(
  deps: ContractDependencies,
  target: { readonly accountId: string; readonly programId: string },
  decide: (current: ContractItem | undefined, context: { readonly now: Date; readonly today: string }) => ContractDecision,
): Promise<ContractChange> {
  assertCustomerAccount(target.accountId);
  return await decideUntilCommitted(`contract ${target.accountId} ${target.programId}`, async () => {
    const config = await deps.operatorConfigStore.loadOrThrow();
    if (!findProgram(config, target.programId)) throw new NotFoundError(`no program ${target.programId}`);
    const current = await deps.contractStore.readContract(target.accountId, target.programId);
    const now = deps.clock.now();
    const decision = decide(current, { now, today: localDay(now, config.timeZone) });
    if (decision.status === "refused") throw decision.error;
    if (decision.status === "unchanged") return { changed: false, created: false, contract: decision.contract };
    await deps.contractStore.writeContract(decision.contract, decision.read);
    return { changed: true, created: decision.read === undefined, contract: decision.contract };
  });
}
