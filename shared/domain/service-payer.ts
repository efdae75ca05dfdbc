/**
 * ACTIVE 24's payer rule reads who paid for a service at a time: a partner's discount applies where it
 * is the payer of the service. Each `service.payer_changed` becomes one stored change, keyed by when it
 * took effect, so the history answers for any time whatever order the changes arrived in.
 */
import type { ServicePayerChanged } from "../schemas/billing-events.ts";
import type { ServicePayerChangeItem } from "../schemas/service-items.ts";

/**
 * The change to store for a payer-change event. `changedAt` is written as UTC ISO with milliseconds:
 * the history is sorted by it as a string, and `+01:00` and `Z` spellings of times must sort as the
 * instants they are.
 */
export function servicePayerChangeOf(event: ServicePayerChanged): ServicePayerChangeItem {
  const { data } = event;
  return {
    serviceId: data.serviceId,
    payerAccountId: data.payerAccountId,
    previousPayerAccountId: data.previousPayerAccountId,
    administratorAccountId: data.administratorAccountId,
    changedAt: new Date(data.changedAt).toISOString(),
    sourceEventId: event.eventId,
  };
}
