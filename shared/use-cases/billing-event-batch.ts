/**
 * What one SQS batch of billing events reads together, so that a batch of referred events costs little
 * more than its transactions (docs/data-model.md, "Billing events: requests per batch"): the referrals
 * its payments and issued invoices read first, in ONE BatchGetItem before any event is applied.
 *
 * Each referee's first read in the batch is served from it; a second event of the same customer, and
 * every read after a lost race, reads afresh (its own earlier event may have moved the referral's
 * marks). The read is as consistent as the GetItem it replaces, only a few milliseconds older: the
 * effect's transaction conditions on the referral as read wherever the decision depends on it (still
 * active, the same first payments and counted periods), so a referral changed meanwhile is decided
 * again, never decided on wrongly. When the batch read fails (throttled past its retries, or anything
 * else), each event reads its own referral, as it would alone, and fails or succeeds by itself.
 */
import { outboundMarksPerTransactionMax } from "../data/ledger-store.ts";
import { outboundBatchBytesMax, outboundBatchSizeMax, outboundMessageGroupOf } from "../data/message-queues.ts";
import { logger } from "../observability.ts";
import type { BillingEvent } from "../schemas/billing-events.ts";
import type { ReferralItem } from "../schemas/items.ts";
import type { OutboundMessage } from "../schemas/outbound-messages.ts";
import type { LedgerDependencies } from "./ledger-dependencies.ts";

/** The customer whose referral the event reads before anything else, if it reads one first. */
function refereeReadFirst(event: BillingEvent): string | undefined {
  switch (event.type) {
    case "invoice.paid":
    case "recharge.completed":
    case "invoice.issued":
      return event.data.accountId;
    default:
      // A reversal reads its payment's reward record first (and the referral only to park); the others read no referral.
      return undefined;
  }
}

/** The dependencies for one batch: the referral reads served from one BatchGetItem, each referee's first read once. */
export async function withBatchReads(deps: LedgerDependencies, events: readonly BillingEvent[]): Promise<LedgerDependencies> {
  const referees = [...new Set(events.map(refereeReadFirst).filter((id): id is string => id !== undefined))];
  if (referees.length === 0) return deps;
  let prefetched: Map<string, ReferralItem | undefined>;
  try {
    prefetched = await deps.referralMarksStore.readReferrals(referees);
  } catch (error) {
    // Throttled past its retries, or anything else: each event's own read fails (and is retried) or succeeds on its own.
    logger.warn("the batch's referrals could not be read together: each event reads its own", {
      error: error instanceof Error ? error.name : String(error),
    });
    return deps;
  }
  const store = deps.referralMarksStore;
  return {
    ...deps,
    referralMarksStore: {
      ...store,
      async readReferral(refereeAccountId) {
        if (!prefetched.has(refereeAccountId)) return await store.readReferral(refereeAccountId);
        const referral = prefetched.get(refereeAccountId);
        prefetched.delete(refereeAccountId);
        return referral;
      },
    },
  };
}

/**
 * A billing-events batch's outboxes, held until the batch's end (docs/data-model.md, "Billing events: requests per
 * batch"): each effect commits with its outbound messages on its idempotency record as before, but instead of one
 * SendMessage per message right after its commit and one UpdateItem per mark, the batch sends them all in as few
 * SendMessageBatch requests as their order allows (one for a batch whose messages go to different accounts) and then
 * marks every outbox sent in one transaction (ledger-store `markOutboundsSent`).
 *
 * Order: the outbound queue is FIFO per account (`outboundMessageGroupOf`). A request never holds two messages of one
 * account, so an account's messages go in successive requests, in the order their effects committed; once one of an
 * account's messages is not accepted, its later messages are not sent. A record whose outbox is not sent whole is
 * reported as failed: its redelivery finds the effect committed (a duplicate) and sends the outbox again, as it did when
 * a send right after the commit failed; the outbox relay sends it anyway after its grace period. Exactly once in effect
 * is the idempotency record's, untouched; the marks stay best effort (a mark that cannot be written leaves the outbox to
 * a redelivery or the relay, deduplicated by the queue and by the receiver by its id).
 */
export interface BatchOutbox {
  /** The dependencies one record is applied with: the outboxes its effects commit are held for the batch's end. */
  forRecord(recordId: string): LedgerDependencies;
  /** Sends the held outboxes, marks those sent, and answers the records whose outbox was not sent whole. */
  flush(): Promise<ReadonlySet<string>>;
}

interface HeldOutbox {
  readonly recordId: string;
  readonly eventId: string;
}

interface HeldMessage {
  readonly outbox: HeldOutbox;
  readonly message: OutboundMessage;
  readonly group: string;
  readonly bytes: number;
}

export function withBatchedOutbox(deps: LedgerDependencies): BatchOutbox {
  let held: HeldMessage[] = [];
  const outboxes: HeldOutbox[] = [];
  const sender = deps.outbound;
  const sendBatch =
    sender.sendBatch?.bind(sender) ??
    (async (messages: readonly OutboundMessage[]) => {
      await sender.send(messages);
      return messages.map(() => true);
    });

  /** The next request from what is left, in order: at most one message per account, within SQS's count and size. */
  function nextRequest(unsent: Set<HeldOutbox>, blocked: Set<string>): HeldMessage[] {
    const request: HeldMessage[] = [];
    const later: HeldMessage[] = [];
    const seen = new Set<string>();
    let bytes = 0;
    for (const message of held) {
      if (unsent.has(message.outbox) || blocked.has(message.group)) {
        // Its outbox, or an earlier message of its account, was not sent: sending it now would overtake that one.
        unsent.add(message.outbox);
        blocked.add(message.group);
        continue;
      }
      const fits = request.length === 0 || (request.length < outboundBatchSizeMax && bytes + message.bytes <= outboundBatchBytesMax);
      if (seen.has(message.group) || !fits) later.push(message);
      else {
        request.push(message);
        bytes += message.bytes;
      }
      seen.add(message.group);
    }
    held = later;
    return request;
  }

  return {
    forRecord(recordId) {
      return {
        ...deps,
        batchOutbox: {
          hold(eventId, messages) {
            const outbox = { recordId, eventId };
            outboxes.push(outbox);
            for (const message of messages)
              held.push({ outbox, message, group: outboundMessageGroupOf(message), bytes: Buffer.byteLength(JSON.stringify(message)) });
          },
        },
      };
    },

    async flush() {
      const unsent = new Set<HeldOutbox>();
      const blocked = new Set<string>();
      for (let request = nextRequest(unsent, blocked); request.length > 0; request = nextRequest(unsent, blocked)) {
        let accepted: readonly boolean[];
        try {
          accepted = await sendBatch(request.map((message) => message.message));
        } catch (error) {
          logger.warn("the batch's outbound messages could not be sent: their events are retried", {
            error: error instanceof Error ? error.name : String(error),
            messages: request.length,
          });
          accepted = [];
        }
        request.forEach((message, index) => {
          if (accepted[index] === true) return;
          unsent.add(message.outbox);
          blocked.add(message.group);
        });
      }
      const sent = outboxes.filter((outbox) => !unsent.has(outbox));
      outboxes.length = 0;
      await markSent(deps.ledgerStore, [...new Set(sent.map((outbox) => outbox.eventId))]);
      return new Set([...unsent].map((outbox) => outbox.recordId));
    },
  };
}

/** One transaction of marks (best effort); when it cannot be written, each mark alone. */
async function markSent(store: LedgerDependencies["ledgerStore"], eventIds: readonly string[]): Promise<void> {
  for (let at = 0; at < eventIds.length; at += outboundMarksPerTransactionMax) {
    const chunk = eventIds.slice(at, at + outboundMarksPerTransactionMax);
    try {
      await store.markOutboundsSent(chunk);
    } catch (error) {
      // One mark held by another writer cancels them all: mark each alone, each best effort.
      logger.warn("the batch's outbox marks could not be written together: marking each", {
        error: error instanceof Error ? error.name : String(error),
      });
      for (const eventId of chunk) {
        try {
          await store.markOutboundSent(eventId);
        } catch (markError) {
          logger.warn("could not mark the outbox as sent", {
            eventId,
            error: markError instanceof Error ? markError.name : String(markError),
          });
        }
      }
    }
  }
}
