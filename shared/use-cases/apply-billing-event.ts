/**
 * One billing event into the ledger: the route from a validated message to its use case. Every effect
 * is keyed by the event id (exactly once). Every event of a referred customer is recorded under its id,
 * also one that changes nothing (an issued invoice), so that id cannot be used again by another event;
 * events of customers without a referral are not recorded. A payer change, an activation and a
 * cancellation are about a service, not a customer: they are recorded for every service, whoever is referred.
 * A paid invoice, a refund and a chargeback of an invoice also count toward a partner's paid revenue where a
 * program's levels ask for it (record-partner-revenue.ts), as an effect of their own.
 */
import { emailHash, paymentFingerprintHash } from "../domain/attribution.ts";
import { implausibleBookingTime } from "../domain/booking-time.ts";
import { payloadHashOf } from "../domain/payload-hash.ts";
import { PermanentMessageError } from "../errors.ts";
import { limits } from "../limits.ts";
import type { AccountRegistered, BillingEvent } from "../schemas/billing-events.ts";
import type { AppliedOutcome } from "./applied-outcome.ts";
import { commitEffect } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import { recordDepositTopUp } from "./deposits.ts";
import type { LedgerDependencies } from "./ledger-dependencies.ts";
import { recordPartnerRevenue } from "./record-partner-revenue.ts";
import { recordPayerChange, recordServiceActivation, recordServiceCancellation } from "./record-payer-change.ts";
import { recordPayment } from "./record-payment.ts";
import { recordReversal } from "./record-reversal.ts";

export async function applyBillingEvent(deps: LedgerDependencies, event: BillingEvent): Promise<AppliedOutcome> {
  const implausible = implausibleBookingTime(event, deps.clock.now());
  if (implausible) {
    throw new PermanentMessageError(
      implausible.rejection,
      `data.${implausible.field} ${implausible.at.toISOString()} is ${implausible.rejection === "booking_time_in_future" ? `more than ${limits.bookingTimeFutureSkewSeconds / 3600} h in the future` : `more than ${limits.bookingTimeHorizonDays} days old`}`,
    );
  }
  const payloadHash = payloadHashOf(event);
  const applied = await applyLedgerEffect(deps, event, payloadHash);
  // Its own effect, after the ledger's: a redelivery finds the ledger's a duplicate and applies this one if it is missing.
  const partnerRevenue = await recordPartnerRevenue(deps, event, payloadHash);
  return partnerRevenue === undefined ? applied : { ...applied, partnerRevenue };
}

async function applyLedgerEffect(deps: LedgerDependencies, event: BillingEvent, payloadHash: string): Promise<AppliedOutcome> {
  switch (event.type) {
    case "invoice.paid":
    case "recharge.completed":
      return await recordPayment(deps, event, payloadHash);
    case "invoice.refunded":
    case "chargeback":
      return await recordReversal(deps, event, payloadHash);
    case "account.registered":
      return await recordRegistration(deps, event, payloadHash);
    case "invoice.issued":
      // Sparrow's rule: nothing is earned until the invoice is paid.
      return await recordWithoutEffect(deps, event, payloadHash, event.data.accountId, "no_effect:not_paid");
    case "service.payer_changed":
      // The service's payer history (ACTIVE 24's payer rule), for every service whoever is referred.
      return await recordPayerChange(deps, event, payloadHash);
    case "service.activated":
      // A service's start and end: partner levels count the active services a partner pays for, whoever is referred.
      return await recordServiceActivation(deps, event, payloadHash);
    case "service.cancelled":
      return await recordServiceCancellation(deps, event, payloadHash);
    case "deposit.topped_up":
      // A partner's prepaid deposit (ACTIVE 24), whoever is referred.
      return await recordDepositTopUp(deps, event, payloadHash);
  }
}

/**
 * An event without effect still uses up its id when its customer is referred: the idempotency record
 * (one item, nothing else) makes a later event under that id with another body a payload_mismatch, not
 * a first use. A customer without a referral costs one read and writes nothing.
 */
async function recordWithoutEffect(
  deps: LedgerDependencies,
  event: BillingEvent,
  payloadHash: string,
  customerAccountId: string,
  outcome: `no_effect:${string}`,
): Promise<AppliedOutcome> {
  const referral = await deps.referralMarksStore.readReferral(customerAccountId);
  if (!referral) return { outcome, transferIds: [] };
  const committed = await commitEffect(deps, {
    sourceEvent: { eventId: event.eventId, eventType: event.type, payloadHash, outcome },
    transfers: [],
    writes: [],
  });
  return committed.status === "duplicate" ? { outcome: "duplicate", transferIds: [] } : { outcome, transferIds: [] };
}

/**
 * Registration facts onto the account profile (t2's promo end starts the referee discount); e-mail and
 * fingerprint only as keyed hashes. The newest registration by `occurredAt` wins: an older one arriving
 * late is recorded (its id is used) but changes nothing.
 */
async function recordRegistration(deps: LedgerDependencies, event: AccountRegistered, payloadHash: string): Promise<AppliedOutcome> {
  let newest = true;
  return await decideUntilCommitted(
    `event ${event.eventId}`,
    () => commitRegistration(deps, event, payloadHash, newest),
    (conflict) => {
      // A newer registration is on the profile: this one only uses up its id.
      if (conflict.lost("profile")) newest = false;
      return undefined;
    },
  );
}

async function commitRegistration(
  deps: LedgerDependencies,
  event: AccountRegistered,
  payloadHash: string,
  newest: boolean,
): Promise<AppliedOutcome> {
  const outcome = newest ? "registered" : "no_effect:newer_registration_applied";
  const committed = await commitEffect(deps, {
    sourceEvent: { eventId: event.eventId, eventType: event.type, payloadHash, outcome },
    transfers: [],
    writes: newest ? [registrationWrite(deps, event)] : [],
  });
  return committed.status === "duplicate" ? { outcome: "duplicate", transferIds: [] } : { outcome, transferIds: [] };
}

function registrationWrite(deps: LedgerDependencies, event: AccountRegistered) {
  const { data } = event;
  return deps.accountProfileStore.writes.registerAccount({
    accountId: data.accountId,
    occurredAt: new Date(event.occurredAt).toISOString(),
    registeredAt: new Date(data.registeredAt).toISOString(),
    promoEndsAt: data.promoEndsAt === undefined ? undefined : new Date(data.promoEndsAt).toISOString(),
    displayName: data.displayName,
    emailHash: data.email === undefined ? undefined : emailHash(deps.hashSalt, data.email),
    paymentFingerprintHash:
      data.paymentFingerprint === undefined ? undefined : paymentFingerprintHash(deps.hashSalt, data.paymentFingerprint),
  });
}
