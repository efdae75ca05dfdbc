/**
 * A service's payer changed, it started or it ended: the change is stored in the service's history
 * (ACTIVE 24's payer rule and partner levels read it), for every service whoever is referred, in one
 * transaction with the event's idempotency record; a payer (the new one of a change, the first of an
 * activation) gets the service among those it paid for (AP78). A redelivery is a duplicate; the same
 * id with another body is payload_mismatch.
 */
import { serviceActivationOf, serviceCancellationOf, servicePayerChangeOf } from "../domain/service-payer.ts";
import type { ServiceActivated, ServiceCancelled, ServicePayerChanged } from "../schemas/billing-events.ts";
import type { AppliedOutcome } from "./applied-outcome.ts";
import { commitEffect } from "./commit-effect.ts";
import type { LedgerDependencies } from "./ledger-dependencies.ts";

export async function recordPayerChange(
  deps: LedgerDependencies,
  event: ServicePayerChanged,
  payloadHash: string,
): Promise<AppliedOutcome> {
  const change = servicePayerChangeOf(event);
  const { writes } = deps.serviceStore;
  return await commitServiceChange(deps, event, payloadHash, "payer_recorded", [
    writes.recordPayerChange(change),
    writes.recordPaidService(change.payerAccountId, change.serviceId),
  ]);
}

export async function recordServiceActivation(
  deps: LedgerDependencies,
  event: ServiceActivated,
  payloadHash: string,
): Promise<AppliedOutcome> {
  const { payerChange, statusChange } = serviceActivationOf(event);
  const { writes } = deps.serviceStore;
  return await commitServiceChange(deps, event, payloadHash, "service_activated", [
    writes.recordPayerChange(payerChange),
    writes.recordStatusChange(statusChange),
    writes.recordPaidService(payerChange.payerAccountId, payerChange.serviceId),
  ]);
}

export async function recordServiceCancellation(
  deps: LedgerDependencies,
  event: ServiceCancelled,
  payloadHash: string,
): Promise<AppliedOutcome> {
  return await commitServiceChange(deps, event, payloadHash, "service_cancelled", [
    deps.serviceStore.writes.recordStatusChange(serviceCancellationOf(event)),
  ]);
}

async function commitServiceChange(
  deps: LedgerDependencies,
  event: ServicePayerChanged | ServiceActivated | ServiceCancelled,
  payloadHash: string,
  outcome: string,
  writes: Parameters<typeof commitEffect>[1]["writes"],
): Promise<AppliedOutcome> {
  const committed = await commitEffect(deps, {
    sourceEvent: { eventId: event.eventId, eventType: event.type, payloadHash, outcome },
    transfers: [],
    writes,
  });
  return committed.status === "duplicate" ? { outcome: "duplicate", transferIds: [] } : { outcome, transferIds: [] };
}
