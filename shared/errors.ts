/**
 * The closed error taxonomy. Every expected failure is one of these classes with a stable `code`;
 * `httpStatusByCode` is the one table that maps codes to HTTP statuses. Only statuses below 500 expose
 * their message to callers. Anything else is a bug and surfaces as a generic 500.
 */
export type ErrorCode =
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "self_referral"
  | "referral_code_unknown"
  | "click_id_invalid"
  | "attributed_at_in_future"
  | "attributed_at_before_registration"
  | "click_window_expired"
  | "code_entry_window_closed"
  | "code_already_redeemed"
  | "referral_already_rewarded"
  | "referral_fraudulent"
  | "registration_unknown"
  | "recipient_recently_invited"
  | "too_many_attempts"
  | "payload_mismatch"
  | "unsupported_event_version"
  | "unknown_event_type"
  | "currency_mismatch"
  | "insufficient_balance"
  | "reversal_mismatch"
  | "payment_mismatch"
  | "booking_time_in_future"
  | "settlement_date_in_future"
  | "booking_time_too_old"
  | "configuration_invalid"
  | "below_threshold"
  | "contract_not_on_file"
  | "no_payout_policy"
  | "withdrawal_already_open"
  | "withdrawal_mismatch"
  | "withdrawal_already_paid"
  | "withdrawal_already_failed"
  | "contract_already_revoked"
  | "widget_token_invalid"
  | "origin_not_allowed"
  | "deposit_not_enabled"
  | "deposit_already_enabled"
  | "consent_invalid"
  | "consent_expired"
  | "consent_already_used"
  | "consent_for_another_manager"
  | "managed_account_not_contacted"
  | "no_partner_program"
  | "application_already_open"
  | "already_partner"
  | "reapply_not_allowed_yet"
  | "reapply_never"
  | "application_already_decided"
  | "not_a_partner"
  | "transient";

export const httpStatusByCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  self_referral: 422,
  referral_code_unknown: 422,
  click_id_invalid: 422,
  attributed_at_in_future: 422,
  attributed_at_before_registration: 422,
  click_window_expired: 422,
  code_entry_window_closed: 422,
  code_already_redeemed: 409,
  referral_already_rewarded: 409,
  referral_fraudulent: 409,
  registration_unknown: 409,
  recipient_recently_invited: 409,
  too_many_attempts: 429,
  payload_mismatch: 409,
  unsupported_event_version: 400,
  unknown_event_type: 400,
  currency_mismatch: 409,
  insufficient_balance: 409,
  reversal_mismatch: 409,
  payment_mismatch: 409,
  booking_time_in_future: 422,
  settlement_date_in_future: 422,
  booking_time_too_old: 422,
  configuration_invalid: 500,
  below_threshold: 422,
  contract_not_on_file: 422,
  no_payout_policy: 422,
  deposit_not_enabled: 409,
  deposit_already_enabled: 409,
  withdrawal_already_open: 409,
  withdrawal_mismatch: 409,
  withdrawal_already_paid: 409,
  withdrawal_already_failed: 409,
  contract_already_revoked: 409,
  widget_token_invalid: 401,
  origin_not_allowed: 403,
  // Presenting a manager consent token (docs/agencies.md): one status for every refusal, so a forged token looks like a spent one.
  consent_invalid: 409,
  consent_expired: 409,
  consent_already_used: 409,
  consent_for_another_manager: 409,
  managed_account_not_contacted: 409,
  no_partner_program: 422,
  application_already_open: 409,
  already_partner: 409,
  reapply_not_allowed_yet: 409,
  reapply_never: 409,
  application_already_decided: 409,
  not_a_partner: 409,
  transient: 503,
};

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { readonly issues?: readonly FieldIssue[] },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ValidationError extends DomainError {
  override name = "ValidationError";
  constructor(message: string, issues: readonly FieldIssue[]) {
    super("validation_failed", message, { issues });
  }
}

export class NotFoundError extends DomainError {
  override name = "NotFoundError";
  constructor(message: string) {
    super("not_found", message);
  }
}

export class ForbiddenError extends DomainError {
  override name = "ForbiddenError";
  constructor(message = "this principal may not access that resource") {
    super("forbidden", message);
  }
}

export class UnauthorizedError extends DomainError {
  override name = "UnauthorizedError";
  constructor(message = "missing or invalid credentials") {
    super("unauthorized", message);
  }
}

/** Too many attempts in a throttle's window (code entry, invites): 429 with `Retry-After`. */
export class TooManyAttemptsError extends DomainError {
  override name = "TooManyAttemptsError";
  constructor(
    message: string,
    /** Whole seconds until the window that refused ends (at least 1). */
    readonly retryAfterSeconds: number,
  ) {
    super("too_many_attempts", message);
  }
}

/** A failure that can succeed on retry (throttling, timeouts, a lost race). */
export class TransientError extends DomainError {
  override name = "TransientError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("transient", message, undefined, options);
  }
}

/** A queue message that can never succeed: it goes to the dead-letter queue with this reason. */
export class PermanentMessageError extends DomainError {
  override name = "PermanentMessageError";
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
