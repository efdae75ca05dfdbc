/**
 * The operator's sign-up reports a new account with the click id it received or the invite code the
 * customer typed; this creates the permanent referral (first wins) and counts the sign-up at once.
 *
 * Order of checks: a malformed click id or code is refused, and an `attributedAt` in the future (a
 * backdated sign-up recorded elsewhere first may give it; default now); an already referred account
 * gets its existing referral back unchanged (first wins over everything else); `attributedAt` must not
 * be before the referee's registration when one is known; the code must be active in a program that
 * takes this kind of attribution; a click within the program's click window and a code within its
 * code-entry window (shared/domain/code-entry.ts: refused, nothing written); then the self-referral rule; then one transaction writes the
 * referral, the sign-up counter and the referee's hashes. The route is the operator's only, so only
 * the operator can backdate.
 */

import { findProgram } from "../data/operator-config-reader.ts";
import {
  type AttributionSource,
  emailHash,
  isClickTimePlausible,
  paymentFingerprintHash,
  programAcceptsAttribution,
  type SelfReferralReason,
  selfReferralReason,
} from "../domain/attribution.ts";
import { parseClickId } from "../domain/click.ts";
import { isWithinClickWindow, isWithinCodeEntryWindow } from "../domain/code-entry.ts";
import { assertOperator, type Principal } from "../domain/principal.ts";
import { normalizeReferralCode } from "../domain/referral-code.ts";
import { DomainError } from "../errors.ts";
import type { AttributionRequest, AttributionResponse } from "../schemas/api.ts";
import type { ReferralItem } from "../schemas/items.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { AttributionDependencies } from "./referral-dependencies.ts";

export const selfReferralMessages: Record<SelfReferralReason, string> = {
  same_account: "an account cannot refer itself",
  same_email: "the referee has the referrer's e-mail address",
  same_payment_fingerprint: "the referee pays with the referrer's payment method",
};

function sourceOf(
  hashSalt: string,
  request: AttributionRequest,
): { readonly source: AttributionSource; readonly code: string; readonly clickedAt?: Date } {
  if (request.clickId !== undefined) {
    const parsed = parseClickId(hashSalt, request.clickId);
    if (!parsed) throw new DomainError("click_id_invalid", "clickId is not a click id issued by a referral link");
    return { source: "link", code: parsed.code, clickedAt: parsed.clickedAt };
  }
  const code = normalizeReferralCode(request.code ?? "");
  if (!code) throw new DomainError("referral_code_unknown", "no such referral code");
  return { source: "code", code };
}

export async function attributeSignUp(
  dependencies: AttributionDependencies,
  principal: Principal,
  request: AttributionRequest,
): Promise<AttributionResponse> {
  assertOperator(principal);
  const now = dependencies.clock.now();
  const { source, code, clickedAt } = sourceOf(dependencies.hashSalt, request);
  const attributedAt = request.attributedAt === undefined ? now : new Date(request.attributedAt);
  if (attributedAt.getTime() > now.getTime())
    throw new DomainError("attributed_at_in_future", `attributedAt ${attributedAt.toISOString()} is after the current time`);
  if (clickedAt && !isClickTimePlausible(clickedAt, attributedAt)) {
    throw new DomainError(
      "click_id_invalid",
      request.attributedAt === undefined ? "the click id's time is in the future" : "the click id's time is after attributedAt",
    );
  }

  const config = await dependencies.operatorConfigStore.loadOrThrow();
  const codeItem = await dependencies.clickStore.resolveCode(code);
  // Read, decide, write; a referral created meanwhile (or an item another transaction held) means reading again.
  return await decideUntilCommitted("attribution", async (): Promise<AttributionResponse> => {
    // First wins before anything else: a retried or late second attribution gets the referral back, even if its code has since been disabled.
    const state = await dependencies.referralStore.readAttributionState(
      request.refereeAccountId,
      codeItem?.accountId ?? request.refereeAccountId,
    );
    if (state.existingReferral) return { created: false, referral: state.existingReferral };
    if (state.refereeRegisteredAt !== undefined && attributedAt.getTime() < new Date(state.refereeRegisteredAt).getTime()) {
      throw new DomainError(
        "attributed_at_before_registration",
        `attributedAt ${attributedAt.toISOString()} is before the referee's registration (${state.refereeRegisteredAt})`,
      );
    }

    if (codeItem?.status !== "active") throw new DomainError("referral_code_unknown", "no such active referral code");
    if (request.programId !== undefined && request.programId !== codeItem.programId) {
      throw new DomainError("referral_code_unknown", `the referral code does not belong to program ${request.programId}`);
    }
    const program = findProgram(config, codeItem.programId);
    if (!program || !programAcceptsAttribution(program, source)) {
      throw new DomainError(
        "referral_code_unknown",
        source === "link" ? "the code's program does not attribute link clicks" : "the code's program does not accept invite codes",
      );
    }

    if (clickedAt && !isWithinClickWindow(clickedAt, attributedAt, program.attribution.clickWindowDays)) {
      throw new DomainError(
        "click_window_expired",
        `the click is older than the program's click window of ${program.attribution.clickWindowDays} days`,
      );
    }
    const codeEntryWindowMonths = program.attribution.codeEntryWindowMonths;
    if (
      source === "code" &&
      codeEntryWindowMonths !== undefined &&
      state.refereeRegisteredAt !== undefined &&
      !isWithinCodeEntryWindow(new Date(state.refereeRegisteredAt), attributedAt, codeEntryWindowMonths, config.timeZone)
    ) {
      throw new DomainError("code_entry_window_closed", "invite codes are accepted only within the code-entry window after registration");
    }

    const givenFingerprints = {
      emailHash: request.email === undefined ? undefined : emailHash(dependencies.hashSalt, request.email),
      paymentFingerprintHash:
        request.paymentFingerprint === undefined ? undefined : paymentFingerprintHash(dependencies.hashSalt, request.paymentFingerprint),
    };
    const reason = selfReferralReason(
      { accountId: codeItem.accountId, ...state.referrer },
      {
        accountId: request.refereeAccountId,
        emailHash: givenFingerprints.emailHash ?? state.referee.emailHash,
        paymentFingerprintHash: givenFingerprints.paymentFingerprintHash ?? state.referee.paymentFingerprintHash,
      },
    );
    if (reason) throw new DomainError("self_referral", selfReferralMessages[reason]);

    const referral: ReferralItem = {
      refereeAccountId: request.refereeAccountId,
      referrerAccountId: codeItem.accountId,
      programId: codeItem.programId,
      code,
      source,
      ...(request.clickId !== undefined ? { clickId: request.clickId } : {}),
      attributedAt: attributedAt.toISOString(),
      ...(source === "code" ? { codeActivatedAt: attributedAt.toISOString() } : {}),
      ...(source === "code" && state.refereePromoEndsAt !== undefined ? { promoEndsAt: state.refereePromoEndsAt } : {}),
      status: "active",
    };
    await dependencies.referralStore.createAttribution({ referral, refereeFingerprints: givenFingerprints });
    return { created: true, referral };
  });
}
