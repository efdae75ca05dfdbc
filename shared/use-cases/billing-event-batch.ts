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
import { logger } from "../observability.ts";
import type { BillingEvent } from "../schemas/billing-events.ts";
import type { ReferralItem } from "../schemas/items.ts";
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
 * The dependencies for one batch with its outbox marks deferred to the batch's end (docs/data-model.md, "Billing events:
 * requests per batch"): each effect still sends its outbox right after its commit, and `flush` then marks every outbox
 * the batch sent in one request (ledger-store `markOutboundsSent`) instead of one UpdateItem per event. A mark is best
 * effort, as it always was: should the flush fail or never run (the invocation stopped), a redelivery or the outbox
 * relay sends the message again and the FIFO queue and the receiver deduplicate it by its id. Exactly once in effect
 * is the idempotency record's, untouched.
 */
export function withBatchedOutboxMarks(deps: LedgerDependencies): { deps: LedgerDependencies; flush(): Promise<void> } {
  const sent = new Set<string>();
  const store = deps.ledgerStore;
  return {
    deps: {
      ...deps,
      ledgerStore: {
        ...store,
        async markOutboundSent(eventId) {
          sent.add(eventId);
        },
      },
    },
    async flush() {
      const eventIds = [...sent];
      sent.clear();
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
    },
  };
}
