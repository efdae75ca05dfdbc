/**
 * One SQS message of the billing-events queue, end to end: parse, apply, and classify the failure.
 *
 * - A message that can never succeed (not JSON, bad envelope or data, unknown type or version, a
 *   payload that differs from the one already applied under its id, a currency that differs from the
 *   payment's, a booking time outside the plausible bounds) is sent to the dead-letter queue with its reason and reported as done, so it wastes no
 *   retries and blocks nothing. If that send fails, the message is reported as failed and comes back.
 * - Anything else (throttling, timeouts, lost races, outbound send failures, and bugs) is thrown: the
 *   batch reports this one message as failed, SQS retries it, and after maxReceiveCount moves it to
 *   the dead-letter queue itself.
 */
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { PermanentMessageError } from "../errors.ts";
import { logger, metrics } from "../observability.ts";
import { type BillingEvent, eventIdOfBody, orderingAccountOf, parseBillingEvent } from "../schemas/billing-events.ts";
import type { AppliedOutcome } from "./applied-outcome.ts";
import { applyBillingEvent } from "./apply-billing-event.ts";
import type { LedgerDependencies } from "./ledger-dependencies.ts";

export interface QueueMessage {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount?: string | undefined;
}

/** A message whose body is parsed once, for both its ordering key and its application. */
export interface ParsedQueueMessage extends QueueMessage {
  /** The billing event, or the error (a PermanentMessageError naming the reason) that keeps it from ever applying. */
  readonly parsed: { readonly event: BillingEvent } | { readonly error: unknown };
}

/** Never throws: a body that can never apply carries its error to consumeBillingEvent, which dead-letters it. */
export function parseQueueMessage(message: QueueMessage): ParsedQueueMessage {
  try {
    return { ...message, parsed: { event: parseBillingEvent(message.body) } };
  } catch (error) {
    return { ...message, parsed: { error } };
  }
}

export type ConsumedOutcome =
  | AppliedOutcome
  | { readonly outcome: "dead_lettered"; readonly reason: string; readonly transferIds: readonly string[] };

export async function consumeBillingEvent(deps: LedgerDependencies, message: ParsedQueueMessage): Promise<ConsumedOutcome> {
  try {
    if ("error" in message.parsed) throw message.parsed.error;
    const { event } = message.parsed;
    const applied = await applyBillingEvent(deps, event);
    logger.info("billing event applied", {
      eventId: event.eventId,
      eventType: event.type,
      outcome: applied.outcome,
      transferCount: applied.transferIds.length,
    });
    recordOutcomeMetrics(applied);
    return applied;
  } catch (error) {
    if (!(error instanceof PermanentMessageError)) throw error;
    const eventId = eventIdOfBody(message.body);
    logger.warn("billing event rejected: moved to the dead-letter queue", {
      messageId: message.messageId,
      eventId,
      reason: error.code,
      detail: error.message,
    });
    await deps.deadLetters.send({
      body: message.body,
      originalMessageId: message.messageId,
      reason: error.code,
      detail: error.message,
      eventId,
      receiveCount: message.receiveCount,
    });
    const deadLettered = { outcome: "dead_lettered", reason: error.code, transferIds: [] } as const;
    recordOutcomeMetrics(deadLettered);
    return deadLettered;
  }
}

/**
 * The CloudWatch metric each outcome counts under (EMF, flushed by the handler's logMetrics). Names are
 * fixed, not built from outcome strings, so a new outcome cannot create an unbounded set of metrics.
 */
export const outcomeMetricNames = {
  rewarded: "BillingEventsRewarded",
  clawed_back: "BillingEventsClawedBack",
  parked: "BillingEventsParked",
  duplicate: "BillingEventsDuplicate",
  dead_lettered: "BillingEventsDeadLettered",
  other: "BillingEventsWithoutEffect",
} as const;

function recordOutcomeMetrics(consumed: ConsumedOutcome): void {
  const kind = consumed.outcome.split(":")[0] as keyof typeof outcomeMetricNames;
  metrics.addMetric(outcomeMetricNames[kind] ?? outcomeMetricNames.other, MetricUnit.Count, 1);
  if (kind !== "duplicate" && consumed.transferIds.length > 0)
    metrics.addMetric("LedgerTransfersPosted", MetricUnit.Count, consumed.transferIds.length);
}

/**
 * The ordering key of a message: events about one customer account are applied one after another in
 * arrival order; a message that does not parse is alone in its group.
 */
export function orderingKeyOf(message: ParsedQueueMessage): string {
  return "event" in message.parsed ? `account:${orderingAccountOf(message.parsed.event)}` : `message:${message.messageId}`;
}
