/**
 * What the referral use cases need, each only the stores it uses: the attribution (POST /attributions),
 * the code entry (POST /accounts/{id}/code-redemptions) and the link overview (GET /accounts/{id}/referral, which creates the link on first use). Built at
 * the edge (functions/wiring/referral.ts), once per container; tests build them on DynamoDB Local with
 * a fixed clock.
 */
import type { AttemptCounterStore } from "../data/attempt-counter-store.ts";
import type { ClickStore } from "../data/click-store.ts";
import type { InviteStore } from "../data/invite-store.ts";
import type { ManagementStore } from "../data/management-store.ts";
import type { OutboundSender } from "../data/message-queues.ts";
import type { OperatorConfigStore } from "../data/operator-config-store.ts";
import type { ReferralStore } from "../data/referral-store.ts";
import type { Clock } from "../domain/clock.ts";
import type { RandomBytes } from "../domain/referral-code.ts";

export interface AttributionDependencies {
  readonly operatorConfigStore: OperatorConfigStore;
  /** Resolves the code of the click id or the typed invite code (cached, as on the redirect). */
  readonly clickStore: Pick<ClickStore, "resolveCode">;
  readonly referralStore: Pick<ReferralStore, "readAttributionState" | "createAttribution">;
  readonly clock: Clock;
  /** HASH_SALT: keys the e-mail and payment-fingerprint hashes of the self-referral rule. */
  readonly hashSalt: string;
}

/** Entering an invite code after sign-up: the attribution's reads and writer, and the attempt counters. */
export interface CodeRedemptionDependencies extends AttributionDependencies {
  readonly attemptCounterStore: AttemptCounterStore;
}

/** Sending an invite: the account's code (created on first use), the recipients' claims, the outbound queue. */
export interface InviteDependencies {
  readonly operatorConfigStore: OperatorConfigStore;
  readonly referralStore: Pick<ReferralStore, "readReferralLink" | "createReferralLink">;
  readonly attemptCounterStore: AttemptCounterStore;
  readonly inviteStore: InviteStore;
  /** Whether the inviting account is a managed one (an agency's end customer: no invite goes out in its name). */
  readonly managementStore: Pick<ManagementStore, "hasActiveManager">;
  readonly outbound: OutboundSender;
  readonly clock: Clock;
  /** HASH_SALT: keys the recipients' hashes. */
  readonly hashSalt: string;
  /** Draws a new link's code and the invite ids. */
  readonly randomBytes: RandomBytes;
}

/** The link overview hashes nothing: no salt (its function does not get one). */
export interface ReferralOverviewDependencies {
  readonly operatorConfigStore: OperatorConfigStore;
  readonly referralStore: Pick<ReferralStore, "readReferralLink" | "createReferralLink" | "readStats">;
  readonly clock: Clock;
  /** Draws the code of a new link. */
  readonly randomBytes: RandomBytes;
}
