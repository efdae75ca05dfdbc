/**
 * POST /accounts/{accountId}/invites (the account, or the operator for it): send the account's personal
 * invite code by e-mail or SMS (t2's "Invite" button). The message `invite.requested` goes to the
 * outbound queue for the operator's mailer; this system sends no e-mail or SMS itself.
 *
 * End customers are never contacted (docs/agencies.md, "No contact"): an account with an active manager
 * link is an agency's end customer, and no invite goes out in its name or to its address: 409
 * managed_account_not_contacted, before anything is counted or written, whoever asks (the account, the
 * operator; a manager cannot call this route).
 *
 * Order: the program (it must take invite codes); one attempt counted per account and UTC day
 * (`limits.invites.perAccount`, 429 with Retry-After); the account's code (created on first use, as on
 * the dashboard); then the recipient is claimed by its keyed hash for `limits.invites.recipientQuietDays`
 * (nobody may invite it again meanwhile: 409 recipient_recently_invited). Then the message is sent and
 * the claim marked sent.
 *
 * The recipient's address or number is stored nowhere but in the message. The outbox of a source-event
 * record would keep it in the table, so an invite does not go through it: a send that failed (503)
 * leaves the claim unsent, and the sender's retry with the same recipient sends the same invite again
 * (same `inviteId`, which the FIFO queue and the mailer deduplicate by).
 */
import { findProgram } from "../data/operator-config-reader.ts";
import { inviteRecipientHash, programAcceptsAttribution } from "../domain/attribution.ts";
import { assertCustomerAccount, type Principal } from "../domain/principal.ts";
import { DomainError, NotFoundError } from "../errors.ts";
import { limits } from "../limits.ts";
import type { InviteRequest, InviteResponse } from "../schemas/code-entry-api.ts";
import type { InviteRecipientItem } from "../schemas/items.ts";
import type { InviteRequested } from "../schemas/outbound-messages.ts";
import { ensureReferralLink } from "./ensure-referral-link.ts";
import type { InviteDependencies } from "./referral-dependencies.ts";

const dayMilliseconds = 24 * 60 * 60 * 1000;

function newInviteId(randomBytes: InviteDependencies["randomBytes"]): string {
  return `inv_${Buffer.from(randomBytes(12)).toString("hex")}`;
}

function responseOf(invite: InviteRecipientItem): InviteResponse {
  return {
    inviteId: invite.inviteId,
    channel: invite.channel,
    programId: invite.programId,
    code: invite.code,
    requestedAt: invite.invitedAt,
  };
}

export async function sendInvite(
  deps: InviteDependencies,
  _principal: Principal,
  accountId: string,
  request: InviteRequest,
): Promise<InviteResponse> {
  assertCustomerAccount(accountId);
  if (await deps.managementStore.hasActiveManager(accountId))
    throw new DomainError("managed_account_not_contacted", "this account is managed by an agency: its end customer is never contacted");
  const config = await deps.operatorConfigStore.loadOrThrow();
  const program = findProgram(config, request.programId);
  // A program that takes a typed code: an invite-code program's (t2), or a link program's, whose code is typed at sign-up.
  if (!program || !programAcceptsAttribution(program, "code"))
    throw new NotFoundError(`no active program ${request.programId} with invite codes`);
  const { windowSeconds, perAccount, recipientQuietDays } = limits.invites;
  await deps.attemptCounterStore.countAttempt([
    { kind: "invite-account", subject: accountId, limit: perAccount, windowSeconds, description: "invites from this account" },
  ]);
  const channel = request.email !== undefined ? "email" : "sms";
  // The address as the mailer needs it; the hash of its comparable form (jane+x@ and Jane@ are one recipient).
  const recipient = request.email !== undefined ? request.email.trim() : request.phone!;
  const recipientHash = inviteRecipientHash(deps.hashSalt, channel, recipient);
  const { link } = await ensureReferralLink(deps, accountId, program.programId);

  const now = deps.clock.now();
  const candidate: InviteRecipientItem = {
    recipientHash,
    inviteId: newInviteId(deps.randomBytes),
    senderAccountId: accountId,
    programId: program.programId,
    channel,
    code: link.code,
    locale: request.locale,
    invitedAt: now.toISOString(),
  };
  const quietSince = new Date(now.getTime() - recipientQuietDays * dayMilliseconds).toISOString();
  const expiresAtEpochSeconds = Math.ceil((now.getTime() + recipientQuietDays * dayMilliseconds) / 1000);
  const claim = await deps.inviteStore.claimRecipient(candidate, quietSince, expiresAtEpochSeconds);
  let invite = candidate;
  if (claim.status === "held") {
    const { existing } = claim;
    // Only the sender's retry of an invite whose send failed goes out again; anything else waits for the quiet period.
    if (existing.sentAt !== undefined || existing.senderAccountId !== accountId || existing.programId !== program.programId)
      throw new DomainError("recipient_recently_invited", `this recipient was invited in the last ${recipientQuietDays} days`);
    invite = existing;
  }
  const message: InviteRequested = {
    type: "invite.requested",
    version: 1,
    inviteId: invite.inviteId,
    accountId,
    programId: invite.programId,
    channel: invite.channel,
    recipient,
    code: invite.code,
    locale: invite.locale,
    requestedAt: invite.invitedAt,
  };
  await deps.outbound.send([message]);
  await deps.inviteStore.markSent(invite.recipientHash, invite.inviteId, deps.clock.now().toISOString());
  return responseOf(invite);
}
