/**
 * ACTIVE 24's payer rule reads who paid for a service at a time: a partner's discount applies where it
 * is the payer of the service. Each `service.payer_changed` becomes one stored change, keyed by when it
 * took effect, so the history answers for any time whatever order the changes arrived in.
 */
import type { ServiceActivated, ServiceCancelled, ServicePayerChanged } from "../schemas/billing-events.ts";
import type { ServicePayerChangeItem, ServiceStatusChangeItem } from "../schemas/service-items.ts";

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

/** The changes an activation stores: the service's first payer (and administrator), and its activation. */
export function serviceActivationOf(event: ServiceActivated): {
  readonly payerChange: ServicePayerChangeItem;
  readonly statusChange: ServiceStatusChangeItem;
} {
  const { data } = event;
  const at = new Date(data.activatedAt).toISOString();
  return {
    payerChange: {
      serviceId: data.serviceId,
      payerAccountId: data.payerAccountId,
      administratorAccountId: data.administratorAccountId,
      changedAt: at,
      sourceEventId: event.eventId,
    },
    statusChange: { serviceId: data.serviceId, status: "active", category: data.category, at, sourceEventId: event.eventId },
  };
}

/** The change a cancellation stores. */
export function serviceCancellationOf(event: ServiceCancelled): ServiceStatusChangeItem {
  const { data } = event;
  return { serviceId: data.serviceId, status: "cancelled", at: new Date(data.cancelledAt).toISOString(), sourceEventId: event.eventId };
}

/** A service's whole history as stored (AP79), each list in any order. */
export interface ServiceHistory {
  readonly serviceId: string;
  readonly payerChanges: readonly ServicePayerChangeItem[];
  readonly statusChanges: readonly ServiceStatusChangeItem[];
}

/** The newest of `changes` that took effect at or before `at` (ties: the later event id, as the sort key orders them). */
function newestAtOrBefore<Change extends { readonly sourceEventId: string }>(
  changes: readonly Change[],
  timeOf: (change: Change) => string,
  at: string,
): Change | undefined {
  let newest: Change | undefined;
  for (const change of changes) {
    const time = timeOf(change);
    if (time > at) continue;
    if (!newest || time > timeOf(newest) || (time === timeOf(newest) && change.sourceEventId > newest.sourceEventId)) newest = change;
  }
  return newest;
}

/**
 * Is `accountId` the payer of an active service at `at` (UTC ISO): the newest payer change at or before it names the
 * account, and the newest lifecycle change at or before it is an activation. A service whose activation was never
 * reported is not counted (the billing system reports what it starts; docs/partners.md, "Levels").
 */
export function isActiveServicePaidBy(history: ServiceHistory, accountId: string, at: string): boolean {
  const payer = newestAtOrBefore(history.payerChanges, (change) => change.changedAt, at);
  if (payer?.payerAccountId !== accountId) return false;
  return newestAtOrBefore(history.statusChanges, (change) => change.at, at)?.status === "active";
}

/** How many of the services in `histories` are active at `at` with `accountId` as their payer. */
export function activeServicesPaidBy(histories: readonly ServiceHistory[], accountId: string, at: string): number {
  return histories.filter((history) => isActiveServicePaidBy(history, accountId, at)).length;
}
