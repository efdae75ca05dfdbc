/**
 * Entering a personal invite code after sign-up (t2), and the windows of attribution, as pure rules.
 *
 * - The code-entry window (SPEC "Within one month after registration"): a code is accepted until the end
 *   of the same day of the month `codeEntryWindowMonths` after registration, in the operator's time
 *   zone; when that day does not exist, the last day of that month (registered 31 January, one month:
 *   until the end of 28/29 February). `POST /attributions` with a code follows the same rule.
 * - The click window: a link click attributes a sign-up only within the program's `clickWindowDays`
 *   (24-hour days) of the click id's time.
 * - One code per account, ever: an account referred by code (at sign-up or later) is refused. A code
 *   overrides a referral by link as long as no payment of the referee was counted on it
 *   (`firstPaymentAt`, set by the first payment that could earn: docs/ledger.md, "The first payment"),
 *   so that no reward already posted to the link's referrer would have to move.
 * - Wrong, disabled ("expired") and foreign codes (another program's, or a program that takes no code
 *   entry, or whose window for this account is over) are refused with one answer, `referral_code_unknown`
 *   and the same message, after the same reads: the answer tells a guesser nothing about which codes exist.
 *   Refusals that depend only on the account (no registration yet, window closed, already referred by
 *   code, rewarded, fraudulent) are decided before the code is looked at.
 */
import type { ErrorCode } from "../errors.ts";
import type { ReferralItem } from "../schemas/items.ts";
import type { Program } from "../schemas/operator-config.ts";
import type { ResolvedCode } from "../schemas/resolved-code.ts";
import { type AttributionParty, type SelfReferralReason, selfReferralReason } from "./attribution.ts";
import { addDays, addMonths, fromLocal, toLocal } from "./calendar.ts";

/**
 * The first instant at which a code is no longer accepted: 00:00 local on the day after the same day
 * `months` later (clamped to that month's last day).
 */
export function codeEntryWindowEndsAt(registeredAt: Date, months: number, timeZone: string): Date {
  const registered = toLocal(registeredAt, timeZone);
  const lastDay = addMonths(registered, months);
  return fromLocal(addDays(lastDay, 1), timeZone);
}

/** Whether a code entered at `at` is within the window of an account registered at `registeredAt`. */
export function isWithinCodeEntryWindow(registeredAt: Date, at: Date, months: number, timeZone: string): boolean {
  return at.getTime() < codeEntryWindowEndsAt(registeredAt, months, timeZone).getTime();
}

const dayMilliseconds = 24 * 60 * 60 * 1000;

/** Whether a click at `clickedAt` may still attribute a sign-up at `attributedAt`: at most `days` × 24 h later. */
export function isWithinClickWindow(clickedAt: Date, attributedAt: Date, days: number): boolean {
  return attributedAt.getTime() - clickedAt.getTime() <= days * dayMilliseconds;
}

/** The programs that take a code entered after sign-up: active, with a code-entry window. */
export function codeEntryPrograms(programs: readonly Program[]): Program[] {
  return programs.filter((program) => program.status === "active" && program.attribution.codeEntryWindowMonths !== undefined);
}

export interface CodeRedemptionInput {
  readonly accountId: string;
  readonly now: Date;
  readonly timeZone: string;
  /** When given, only a code of this program is accepted. */
  readonly programId?: string | undefined;
  readonly programs: readonly Program[];
  /** The account's registration (account.registered on its profile); code entry needs it. */
  readonly registeredAt: string | undefined;
  readonly existingReferral: ReferralItem | undefined;
  /** The code as resolved, or undefined when no such code exists (a malformed entry included). */
  readonly code: ResolvedCode | undefined;
  readonly referee: AttributionParty;
  /** The code owner's fingerprints (ignored when there is no code). */
  readonly referrer: Omit<AttributionParty, "accountId">;
}

export type CodeRedemptionDecision =
  | { readonly kind: "refused"; readonly code: ErrorCode; readonly message: string }
  | { readonly kind: "refused_self_referral"; readonly reason: SelfReferralReason }
  | {
      readonly kind: "attribute";
      readonly program: Program;
      readonly code: ResolvedCode;
      /** The referral by link this code replaces, as read (the write is conditioned on it). */
      readonly replacing: ReferralItem | undefined;
    };

/** The one answer for every code that cannot be entered here, whatever the reason. */
export const codeNotAcceptedMessage = "no such invite code, or it cannot be entered for this account";

function refused(code: ErrorCode, message: string): CodeRedemptionDecision {
  return { kind: "refused", code, message };
}

export function decideCodeRedemption(input: CodeRedemptionInput): CodeRedemptionDecision {
  // 1. What depends on the account only.
  if (input.registeredAt === undefined)
    return refused("registration_unknown", "the account's registration (account.registered) has not arrived yet: try again shortly");
  const existing = input.existingReferral;
  if (existing?.source === "code")
    return refused("code_already_redeemed", "the account was already referred by an invite code: one code per account");
  if (existing?.status === "fraudulent") return refused("referral_fraudulent", "the account's referral was marked fraudulent");
  if (existing?.firstPaymentAt !== undefined)
    return refused("referral_already_rewarded", "the account was referred by a link and has already paid: the referral stays as it is");
  const registeredAt = new Date(input.registeredAt);
  // The window is the account's: over in every program that takes codes (the request's programId narrows the code, step 2).
  const open = codeEntryPrograms(input.programs).filter((program) =>
    isWithinCodeEntryWindow(registeredAt, input.now, program.attribution.codeEntryWindowMonths!, input.timeZone),
  );
  if (open.length === 0)
    return refused("code_entry_window_closed", "invite codes are accepted only within the code-entry window after registration");

  // 2. The code: one answer for every reason it cannot be entered (another program than the one asked for among them).
  const code = input.code;
  const program =
    code?.status === "active" && (input.programId === undefined || code.programId === input.programId)
      ? open.find((candidate) => candidate.programId === code.programId)
      : undefined;
  if (!code || !program) return refused("referral_code_unknown", codeNotAcceptedMessage);

  // 3. The own code (the account knows it: refusing it by name tells nothing).
  const reason = selfReferralReason({ accountId: code.accountId, ...input.referrer }, input.referee);
  if (reason) return { kind: "refused_self_referral", reason };
  return { kind: "attribute", program, code, replacing: existing };
}
