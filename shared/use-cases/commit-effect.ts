/**
 * Commits an effect exactly once and delivers its outbox.
 *
 * The idempotency record decides: when the event already had its effect, the stored payload hash is
 * compared (same: a duplicate, nothing changes; different: a permanent payload_mismatch). Outbound
 * messages are stored on that record in the effect's transaction and sent after the commit; a
 * redelivery of the event sends them again until a send is confirmed, and the outbox relay
 * (relay-outbox.ts) sends every outbox still unconfirmed after a grace period, so a crash between
 * commit and send heals itself even when the event is never delivered again (a parked reversal).
 */
import { DuplicateSourceEventError, type LedgerEffect } from "../data/ledger-store.ts";
import { PermanentMessageError, TransientError } from "../errors.ts";
import { logger } from "../observability.ts";
import type { SourceEventItem } from "../schemas/ledger-items.ts";
import type { OutboundMessage } from "../schemas/outbound-messages.ts";
import type { LedgerDependencies } from "./ledger-dependencies.ts";

export type CommitResult = { readonly duplicate: false } | { readonly duplicate: true; readonly record: SourceEventItem };

export async function commitEffect(deps: LedgerDependencies, effect: LedgerEffect): Promise<CommitResult> {
  try {
    await deps.ledgerStore.commit(effect);
  } catch (error) {
    if (!(error instanceof DuplicateSourceEventError)) throw error;
    return { duplicate: true, record: await duplicateOrThrow(deps, effect.sourceEvent.eventId, effect.sourceEvent.payloadHash) };
  }
  await deliverOutbox(deps, effect.sourceEvent.eventId, effect.outbound);
  return { duplicate: false };
}

/** The stored record of an event seen before, when the payload matches; re-sends an unconfirmed outbox. */
export async function duplicateOrThrow(deps: LedgerDependencies, eventId: string, payloadHash: string): Promise<SourceEventItem> {
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

async function deliverOutbox(deps: LedgerDependencies, eventId: string, outbound: readonly OutboundMessage[]): Promise<void> {
  if (outbound.length === 0) return;
  await deps.outbound.send(outbound);
  try {
    await deps.ledgerStore.markOutboundSent(eventId);
  } catch (error) {
    // Best effort: without the mark a redelivery or the relay sends again, and the billing system dedups by entryId.
    logger.warn("could not mark the outbox as sent", { eventId, error: error instanceof Error ? error.name : String(error) });
  }
}
