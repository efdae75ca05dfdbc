/**
 * Applications to a partner program (docs/partners.md), as pure decisions: may this account apply now
 * (one open application per account and program, the wait after a rejection, an approved partner never
 * applies again), what a submission writes (and, where the program approves on its own, its approval),
 * and what a decision writes: the application decided once, the account's membership, and the outbound
 * message. No I/O and no clock: the use cases pass the state they read and the time.
 */
import { DomainError } from "../errors.ts";
import type { PartnerProgram } from "../schemas/operator-config.ts";
import type { PartnerApplicationApproved, PartnerApplicationRejected } from "../schemas/outbound-messages.ts";
import type {
  ApplicationDecision,
  ApplicationFields,
  ApplicationItem,
  ApprovalReasonCode,
  MembershipItem,
  RegistrationEntryItem,
  RejectionReasonCode,
} from "../schemas/partner-application-items.ts";
import { addDays, formatLocalDate, toLocal } from "./calendar.ts";
import { payloadHashOf } from "./payload-hash.ts";

/** The source event of a submission and of a decision: one decision per application, whichever operator makes it. */
export function applicationEventId(applicationId: string, phase: "submitted" | "decision"): string {
  return `partner-application:${applicationId}:${phase}`;
}

/** When a rejected account may apply again. */
export type ReapplyWindow = { readonly kind: "immediately" } | { readonly kind: "from"; readonly day: string } | { readonly kind: "never" };

/** The program's wait counted in operator-local days from the day of the rejection: rejected on the 1st with 30 days, from the 31st. */
export function reapplyWindowOf(rule: PartnerProgram["reapplyAfterRejection"], rejectedAt: Date, timeZone: string): ReapplyWindow {
  switch (rule.kind) {
    case "immediately":
      return { kind: "immediately" };
    case "never":
      return { kind: "never" };
    case "after_days":
      return { kind: "from", day: formatLocalDate(addDays(toLocal(rejectedAt, timeZone), rule.days)) };
  }
}

export interface ApplicationStartState {
  readonly program: PartnerProgram;
  readonly membership: MembershipItem | undefined;
  readonly now: Date;
  readonly timeZone: string;
}

/** Refuses, by name, an application the account may not make now; returns nothing when it may. */
export function refusalToApply(state: ApplicationStartState): DomainError | undefined {
  const { membership } = state;
  if (!membership) return undefined;
  switch (membership.status) {
    case "applicant":
      return new DomainError(
        "application_already_open",
        `application ${membership.applicationId} of account ${membership.accountId} to ${membership.programId} is still open`,
      );
    case "partner":
      return new DomainError("already_partner", `account ${membership.accountId} is already a partner of ${membership.programId}`);
    case "rejected": {
      const window = reapplyWindowOf(
        state.program.reapplyAfterRejection,
        new Date(membership.rejectedAt ?? membership.updatedAt),
        state.timeZone,
      );
      if (window.kind === "never")
        return new DomainError("reapply_never", `program ${membership.programId} accepts no new application after a rejection`);
      const today = formatLocalDate(toLocal(state.now, state.timeZone));
      if (window.kind === "from" && today < window.day)
        return new DomainError(
          "reapply_not_allowed_yet",
          `account ${membership.accountId} may apply to ${membership.programId} again from ${window.day}`,
        );
      return undefined;
    }
  }
}

export interface SubmissionRequest {
  readonly applicationId: string;
  readonly accountId: string;
  readonly programId: string;
  readonly fields: ApplicationFields;
  readonly submittedBy: "account" | "operator";
}

export interface SourceEventIntent {
  readonly eventId: string;
  readonly eventType: string;
  readonly payloadHash: string;
  readonly outcome: string;
}

export interface ApplicationWrites {
  readonly application: ApplicationItem;
  readonly membership: MembershipItem;
  /** The membership as read: the write is conditioned on it being still so (undefined: none). */
  readonly previousMembership: MembershipItem | undefined;
  readonly registrationEntry: RegistrationEntryItem | undefined;
  readonly sourceEvent: SourceEventIntent;
  readonly outbound: readonly (PartnerApplicationApproved | PartnerApplicationRejected)[];
}

/** A submission: the application, the account an applicant (or, where the program approves on its own, a partner at once). */
export function decideSubmission(request: SubmissionRequest, state: ApplicationStartState): ApplicationWrites {
  const at = state.now.toISOString();
  const submitted: ApplicationItem = {
    applicationId: request.applicationId,
    accountId: request.accountId,
    programId: request.programId,
    status: "submitted",
    fields: request.fields,
    submittedAt: at,
    submittedBy: request.submittedBy,
  };
  const registrationEntry: RegistrationEntryItem | undefined =
    request.fields.registrationId === undefined
      ? undefined
      : {
          registrationId: request.fields.registrationId,
          accountId: request.accountId,
          programId: request.programId,
          applicationId: request.applicationId,
          appliedAt: at,
        };
  if (state.program.autoApprove) {
    const decided = decideOutcome(submitted, { outcome: "approved", reasonCode: "auto_approved", decidedBy: "auto" }, state);
    return { ...decided, previousMembership: state.membership, registrationEntry };
  }
  return {
    application: submitted,
    membership: {
      accountId: request.accountId,
      programId: request.programId,
      status: "applicant",
      applicationId: request.applicationId,
      updatedAt: at,
    },
    previousMembership: state.membership,
    registrationEntry,
    sourceEvent: {
      eventId: applicationEventId(request.applicationId, "submitted"),
      eventType: "partner.application.submitted",
      payloadHash: payloadHashOf({ type: "partner.application.submitted", version: 1, data: { applicationId: request.applicationId } }),
      outcome: "submitted",
    },
    outbound: [],
  };
}

export type DecisionRequest =
  | { readonly outcome: "approved"; readonly reasonCode: ApprovalReasonCode; readonly note?: string | undefined }
  | { readonly outcome: "rejected"; readonly reasonCode: RejectionReasonCode; readonly note?: string | undefined };

export type DecisionResult =
  | { readonly status: "decided"; readonly writes: Omit<ApplicationWrites, "registrationEntry" | "previousMembership"> }
  /** The application already has this outcome: nothing changes and nothing is sent again. */
  | { readonly status: "already_recorded"; readonly application: ApplicationItem }
  | { readonly status: "refused"; readonly error: DomainError };

/**
 * The operator's decision on an application: once, while it is submitted. The same outcome again (by
 * the same or another operator, whatever its reason or note) is the decision already recorded; the other
 * outcome is refused, naming the decision made.
 */
export function decideApplication(
  application: ApplicationItem,
  request: DecisionRequest,
  state: { readonly program: PartnerProgram; readonly now: Date; readonly timeZone: string },
): DecisionResult {
  if (application.status === request.outcome) return { status: "already_recorded", application };
  if (application.status !== "submitted") {
    const decision = application.decision;
    return {
      status: "refused",
      error: new DomainError(
        "application_already_decided",
        `application ${application.applicationId} was already ${application.status}${decision ? ` (${decision.reasonCode}, ${decision.decidedAt})` : ""}`,
      ),
    };
  }
  return { status: "decided", writes: decideOutcome(application, { ...request, decidedBy: "operator" }, state) };
}

/** The payload hash of a decision: its outcome only, so the same outcome from two operators is one decision. */
function decisionPayloadHash(applicationId: string, outcome: "approved" | "rejected"): string {
  return payloadHashOf({ type: "partner.application.decision", version: 1, data: { applicationId, outcome } });
}

function decideOutcome(
  application: ApplicationItem,
  request: DecisionRequest & { readonly decidedBy: "operator" | "auto" },
  state: { readonly program: PartnerProgram; readonly now: Date; readonly timeZone: string },
): Omit<ApplicationWrites, "registrationEntry" | "previousMembership"> {
  const at = state.now.toISOString();
  const decision: ApplicationDecision = {
    outcome: request.outcome,
    reasonCode: request.reasonCode,
    ...(request.note === undefined ? {} : { note: request.note }),
    decidedAt: at,
    decidedBy: request.decidedBy,
  };
  const eventId = applicationEventId(application.applicationId, "decision");
  const common = {
    version: 1 as const,
    messageId: eventId,
    applicationId: application.applicationId,
    accountId: application.accountId,
    programId: application.programId,
    ...(request.note === undefined ? {} : { note: request.note }),
    decidedAt: at,
  };
  const base = {
    accountId: application.accountId,
    programId: application.programId,
    applicationId: application.applicationId,
    updatedAt: at,
  };
  const sourceEvent: SourceEventIntent = {
    eventId,
    eventType: `partner.application.${request.outcome}`,
    payloadHash: decisionPayloadHash(application.applicationId, request.outcome),
    outcome: request.outcome,
  };
  const decided: ApplicationItem = { ...application, status: request.outcome, decision };
  if (request.outcome === "approved")
    return {
      application: decided,
      membership: { ...base, status: "partner", approvedAt: at },
      sourceEvent,
      outbound: [{ type: "partner.application.approved", ...common, reasonCode: request.reasonCode, decidedBy: request.decidedBy }],
    };
  const window = reapplyWindowOf(state.program.reapplyAfterRejection, state.now, state.timeZone);
  return {
    application: decided,
    membership: { ...base, status: "rejected", rejectedAt: at },
    sourceEvent,
    outbound: [
      {
        type: "partner.application.rejected",
        ...common,
        reasonCode: request.reasonCode,
        reapply: window.kind === "from" ? "from_date" : window.kind,
        ...(window.kind === "from" ? { reapplyFrom: window.day } : {}),
      },
    ],
  };
}

/** A partner of the program: its application was approved. The one rule the levels and quotes read (partner-store `isApprovedPartner`). */
export function isPartner(membership: MembershipItem | undefined): boolean {
  return membership?.status === "partner";
}
