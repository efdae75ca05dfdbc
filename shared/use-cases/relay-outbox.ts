/**
 * The outbox relay: sends again every outbox whose send was never confirmed, whatever happened to the
 * message that caused it. An effect's outbound messages are committed with its idempotency record and
 * sent right after the commit (commit-effect.ts); when that send fails or the process dies before it
 * is confirmed, a redelivery of the same message sends them again, but some effects have no message
 * of their own to be redelivered (a parked refund applied by its invoice's message, unparked in the
 * same transaction). The relay does not depend on any redelivery: every minute it lists the unsent
 * outboxes older than a grace period (AP24, a sparse index the commit writes and the confirmation
 * removes), sends them in commit order and confirms them.
 *
 * A resend of a message that did reach the queue is harmless: the outbound FIFO queue drops a repeat
 * of the same entry id for five minutes (the relay usually resends within two), and after that the
 * billing system deduplicates by `entryId`, as it must for any redelivery. Order per account is not
 * kept across a relay: a relayed credit can arrive after a later message of the same account.
 *
 * Work per run is bounded: at most outboxRelayLimits.pageSize outboxes per shard, no new outbox once
 * the run's time reserve is reached, and a stop after outboxRelayLimits.failuresMax failed sends;
 * what is left waits for the next run.
 */
import type { LedgerStore } from "../data/ledger-store.ts";
import type { OutboundSender } from "../data/message-queues.ts";
import type { OutboxStore } from "../data/outbox-store.ts";
import type { Clock } from "../domain/clock.ts";
import { outboxRelayLimits } from "../limits.ts";
import { alarmedMetricNames, logger } from "../observability.ts";
import type { SourceEventItem } from "../schemas/ledger-items.ts";

/** The metrics of a run (namespace ReferralLedger, dimension service); the OutboxRelayBacklog alarm reads the backlog. */
export const outboxRelayMetricNames = {
  backlog: alarmedMetricNames.outboxBacklog,
  relayed: "OutboxRelayed",
  failed: "OutboxRelayFailures",
} as const;

export interface OutboxRelayDependencies {
  readonly outboxStore: OutboxStore;
  readonly ledgerStore: Pick<LedgerStore, "markOutboundSent">;
  readonly outbound: OutboundSender;
  readonly clock: Clock;
}

export interface OutboxRelayOptions {
  /** Milliseconds left before the function's timeout (the Lambda context's getRemainingTimeInMillis). */
  readonly remainingMilliseconds: () => number;
}

export interface OutboxRelayRun {
  readonly runAt: string;
  /** Outboxes committed before this instant were relayed; younger ones are left to their commit. */
  readonly committedBefore: string;
  /** Unsent outboxes older than the grace period when the run started (per shard at most outboxRelayLimits.backlogCountPerShardMax). */
  readonly backlog: number;
  /** Outboxes sent and confirmed by this run. */
  readonly relayed: number;
  readonly messagesSent: number;
  /** Outboxes whose send failed (they stay listed for the next run). */
  readonly failed: number;
  /** The backlog the run left for the next: failures and what it had no time or page for. */
  readonly remaining: number;
  /** Why the run stopped before the end of its pages, if it did. */
  readonly stoppedBy?: "time" | "failures";
}

export async function relayOutbox(deps: OutboxRelayDependencies, options: OutboxRelayOptions): Promise<OutboxRelayRun> {
  const runAt = deps.clock.now();
  const committedBefore = new Date(runAt.getTime() - outboxRelayLimits.graceSeconds * 1000).toISOString();
  let backlog = 0;
  let relayed = 0;
  let messagesSent = 0;
  let failed = 0;
  let stoppedBy: OutboxRelayRun["stoppedBy"];

  const pages: SourceEventItem[][] = [];
  for (let shard = 0; shard < outboxRelayLimits.shards; shard += 1) {
    const page = await deps.outboxStore.listUnsent(shard, committedBefore, outboxRelayLimits.pageSize);
    const beyondPage = page.nextStartKey
      ? await deps.outboxStore.countUnsent(
          shard,
          committedBefore,
          page.nextStartKey,
          outboxRelayLimits.backlogCountPerShardMax - page.outboxes.length,
        )
      : 0;
    backlog += page.outboxes.length + beyondPage;
    pages.push(page.outboxes);
  }

  relaying: for (const outboxes of pages) {
    for (const outbox of outboxes) {
      if (options.remainingMilliseconds() < outboxRelayLimits.timeReserveMilliseconds) {
        stoppedBy = "time";
        break relaying;
      }
      if (failed >= outboxRelayLimits.failuresMax) {
        stoppedBy = "failures";
        break relaying;
      }
      try {
        await deps.outbound.send(outbox.outbound);
      } catch (error) {
        failed += 1;
        logger.warn("outbox relay: send failed, the next run retries", { eventId: outbox.eventId, error: errorName(error) });
        continue;
      }
      messagesSent += outbox.outbound.length;
      relayed += 1;
      try {
        await deps.ledgerStore.markOutboundSent(outbox.eventId);
      } catch (error) {
        // Sent but not confirmed: the next run sends it again, and the queue drops the repeat.
        logger.warn("outbox relay: sent, but could not mark the outbox as sent", { eventId: outbox.eventId, error: errorName(error) });
      }
      logger.info("outbox relayed", { eventId: outbox.eventId, eventType: outbox.eventType, messages: outbox.outbound.length });
    }
  }

  return {
    runAt: runAt.toISOString(),
    committedBefore,
    backlog,
    relayed,
    messagesSent,
    failed,
    remaining: Math.max(0, backlog - relayed),
    ...(stoppedBy ? { stoppedBy } : {}),
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
