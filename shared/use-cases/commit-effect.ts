/**
 * Commits an effect exactly once and delivers its outbox.
 *
 * The idempotency record decides (shared/data/ledger-store.ts): when the event already had its effect,
 * the stored payload hash is compared (same: a duplicate, nothing changes; different: a permanent
 * payload_mismatch). Outbound messages are stored on that record in the effect's transaction and sent
 * after the commit; a redelivery of the event sends them again until a send is confirmed, and the
 * outbox relay (relay-outbox.ts) sends every outbox still unconfirmed after a grace period, so a crash
 * between commit and send heals itself even when the event is never delivered again (a parked reversal).
 *
 * A writer that meets a duplicate only when another writer committed the same effect a moment ago (two
 * daily discount runs at once: a repeated run finds nothing left to decide) passes
 * `duplicateOutbox: "relay"`: the other writer is sending that outbox now, and the outbox relay sends it
 * should that writer stop before confirming, so the message is not handed to the queue twice.
 *
 * A balance rule that refuses the effect (a clawback larger than what the account holds) is permanent:
 * deciding again would decide the same, so the event goes to the dead-letter queue, named.
 */
import { type CommitResult, InsufficientBalanceError, type LedgerEffect, SourceEventConflictError } from "../data/ledger-store.ts";
import { PermanentMessageError, TransientError } from "../errors.ts";
import { logger } from "../observability.ts";
import type { SourceEventItem } from "../schemas/ledger-items.ts";
import type { OutboundMessage } from "../schemas/outbound-messages.ts";
import type { LedgerDependencies } from "./ledger-dependencies.ts";

type OutboxDependencies = Pick<LedgerDependencies, "ledgerStore" | "outbound" | "batchOutbox">;

export interface CommitOptions {
  /** A duplicate's unconfirmed outbox: sent again now (default), or left to the outbox relay. */
  readonly duplicateOutbox?: "send" | "relay";
}

export async function commitEffect(deps: OutboxDependencies, effect: LedgerEffect, options: CommitOptions = {}): Promise<CommitResult> {
  let committed: CommitResult;
  try {
    committed = await deps.ledgerStore.commit(effect);
  } catch (error) {
    if (error instanceof SourceEventConflictError || error instanceof InsufficientBalanceError)
      throw new PermanentMessageError(error.code, error.message, undefined, { cause: error });
    throw error;
  }
  if (committed.status === "duplicate") {
    if (!committed.record.outboundSentAt && options.duplicateOutbox !== "relay")
      await deliverOutbox(deps, effect.sourceEvent.eventId, committed.record.outbound);
  } else await deliverOutbox(deps, effect.sourceEvent.eventId, effect.outbound ?? []);
  return committed;
}

/** The stored record of an event id used before (by a parking), when the payload matches; re-sends an unconfirmed outbox. */
export async function duplicateOrThrow(deps: OutboxDependencies, eventId: string, payloadHash: string): Promise<SourceEventItem> {
  const record = await deps.ledgerStore.readSourceEvent(eventId);
  if (!record) throw new TransientError(`event ${eventId} was reported as a duplicate but has no record yet`);
  if (record.payloadHash !== payloadHash) {
    throw new PermanentMessageError(
      "payload_mismatch",
      `event ${eventId} was already applied with a different payload (${record.eventType}, ${record.processedAt})`,
    );
  }
  if (!record.outboundSentAt) await deliverOutbox(deps, eventId, record.outbound);
  return record;
}

async function deliverOutbox(deps: OutboxDependencies, eventId: string, outbound: readonly OutboundMessage[]): Promise<void> {
  if (outbound.length === 0) return;
  if (deps.batchOutbox) {
    // A billing-events batch sends and marks its outboxes together at its end (billing-event-batch.ts).
    deps.batchOutbox.hold(eventId, outbound);
    return;
  }
  await deps.outbound.send(outbound);
  try {
    await deps.ledgerStore.markOutboundSent(eventId);
  } catch (error) {
    // Best effort: without the mark a redelivery or the relay sends again, and the billing system dedups by entryId.
    logger.warn("could not mark the outbox as sent", { eventId, error: error instanceof Error ? error.name : String(error) });
  }
}
