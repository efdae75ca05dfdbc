/**
 * The referral contract an account has on file in a program (Zadarma: withdrawals "only with a signed
 * referral contract on file"). The operator records it (document reference, date signed) and revokes it
 * (date it ended); both are decided here from the contract as read, and are idempotent: recording the
 * same contract again, or revoking a revoked one on the same date, changes nothing.
 *
 * Dates are the operator's calendar dates (YYYY-MM-DD, its time zone): neither may be after today,
 * and a revocation may not be before the signature. A revocation takes effect when it is recorded:
 * from then on the program's withdrawals are refused (`contract_not_on_file`) until a contract is
 * recorded again; a withdrawal already requested stays as it is (the operator fails it if it must not
 * be paid).
 */
import { DomainError, type FieldIssue, NotFoundError, ValidationError } from "../errors.ts";
import type { ContractItem } from "../schemas/withdrawal-items.ts";

export interface ContractRecording {
  readonly accountId: string;
  readonly programId: string;
  readonly documentReference: string;
  readonly signedOn: string;
}

export interface ContractRevocation {
  readonly accountId: string;
  readonly programId: string;
  readonly revokedOn: string;
  readonly reason?: string | undefined;
}

export type ContractDecision =
  | { readonly status: "unchanged"; readonly contract: ContractItem }
  /** Write `contract` on condition the stored one is still `read` (undefined: none stored). */
  | { readonly status: "write"; readonly contract: ContractItem; readonly read: ContractItem | undefined }
  | { readonly status: "refused"; readonly error: DomainError };

/** A contract is recorded, replacing the one on file (a renewal) or a revoked one. */
export function decideContractRecording(
  current: ContractItem | undefined,
  recording: ContractRecording,
  context: { readonly now: Date; readonly today: string },
): ContractDecision {
  if (recording.signedOn > context.today) return invalid([{ path: "body.signedOn", message: `after today (${context.today})` }]);
  if (current?.status === "active" && current.documentReference === recording.documentReference && current.signedOn === recording.signedOn)
    return { status: "unchanged", contract: current };
  return {
    status: "write",
    read: current,
    contract: {
      accountId: recording.accountId,
      programId: recording.programId,
      documentReference: recording.documentReference,
      signedOn: recording.signedOn,
      status: "active",
      recordedAt: context.now.toISOString(),
    },
  };
}

/** The contract on file is revoked from `revokedOn`. */
export function decideContractRevocation(
  current: ContractItem | undefined,
  revocation: ContractRevocation,
  context: { readonly now: Date; readonly today: string },
): ContractDecision {
  if (!current)
    return {
      status: "refused",
      error: new NotFoundError(`account ${revocation.accountId} has no contract on file in program ${revocation.programId}`),
    };
  if (current.status === "revoked") {
    if (current.revokedOn === revocation.revokedOn) return { status: "unchanged", contract: current };
    return {
      status: "refused",
      error: new DomainError(
        "contract_already_revoked",
        `the contract ${current.documentReference} was already revoked on ${current.revokedOn}`,
      ),
    };
  }
  if (revocation.revokedOn > context.today) return invalid([{ path: "body.revokedOn", message: `after today (${context.today})` }]);
  if (revocation.revokedOn < current.signedOn)
    return invalid([{ path: "body.revokedOn", message: `before the contract was signed (${current.signedOn})` }]);
  return {
    status: "write",
    read: current,
    contract: {
      ...current,
      status: "revoked",
      revokedOn: revocation.revokedOn,
      revokedAt: context.now.toISOString(),
      ...(revocation.reason === undefined ? {} : { revocationReason: revocation.reason }),
    },
  };
}

function invalid(issues: readonly FieldIssue[]): ContractDecision {
  return {
    status: "refused",
    error: new ValidationError(`invalid body: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`, issues),
  };
}
