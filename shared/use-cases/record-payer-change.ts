/**
 * A service's payer changed: the change is stored in its service's history (ACTIVE 24's payer rule
 * reads it), for every service whoever is referred, in one transaction with the event's idempotency
 * record. A redelivery is a duplicate; the same id with another body is payload_mismatch.
 */
import { servicePayerChangeOf } from "../domain/service-payer.ts";
import type { ServicePayerChanged } from "../schemas/billing-events.ts";
import type { AppliedOutcome } from "./applied-outcome.ts";
import { commitEffect } from "./commit-effect.ts";
import type { LedgerDependencies } from "./ledger-dependencies.ts";

export async function recordPayerChange(
  deps: LedgerDependencies,
  event: ServicePayerChanged,
  payloadHash: string,
): Promise<AppliedOutcome> {
  const outcome = "payer_recorded";
  const committed = await commitEffect(deps, {
    sourceEvent: { eventId: event.eventId, eventType: event.type, payloadHash, outcome },
    transfers: [],
    writes: [deps.serviceStore.writes.recordPayerChange(servicePayerChangeOf(event))],
  });
  return committed.status === "duplicate" ? { outcome: "duplicate", transferIds: [] } : { outcome, transferIds: [] };
}
