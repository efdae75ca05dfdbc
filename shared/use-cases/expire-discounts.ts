/**
 * The daily discount run (functions/schedules/expire-discounts.ts: EventBridge Scheduler at 00:05 in the
 * operator's time zone, or `npm run job -- expire-discounts --date YYYY-MM-DD`). Its day is the
 * operator-local day of the time the run was scheduled for (plan-scheduled-jobs.ts), so a late or
 * retried run processes the same day.
 *
 * The due index (AP44) lists every discount whose next change is due on that day or before, on each of
 * its shards, paged: a missed day is caught up by the next run. Each listed discount is read (consistent)
 * and decided (shared/domain/discounts.ts `decideDueDiscount`): a scheduled one whose start day has come
 * is activated (`start_day_reached`, discount.activated), an active one whose end day has come is ended
 * (`validity_passed`, discount.ended; for a referrer the streak ends with it), both when a run was missed.
 * The change commits in one transaction: the idempotency record `discount-due:<discountId>:<day>` with the
 * outbox of its messages, the discount on condition of the revision it was decided on (its due-index entry
 * moving to the end day, or leaving the index once ended) and its history entries, whose deterministic ids
 * are the messages' ids. A repeated run finds nothing due (or a discount already changed: nothing to
 * decide); a concurrent run or the discounts' trigger changing the discount meanwhile makes the commit
 * lose on the revision, and the discount is read and decided again. A concurrent run of the same day that
 * decided the same change finds its idempotency record: it leaves the outbox to the run that committed it
 * (and to the outbox relay, should that run stop before confirming the send), so each message is sent once.
 *
 * A discount that fails (its retries used up) does not stop the others; nor does a run that nears its
 * time limit start more. Both leave the run `complete: false`, and the handler then fails the invocation
 * so that it is retried: the retry finds only what is still due.
 */
import type { DueDiscount } from "../data/discount-store.ts";
import { localDay } from "../domain/calendar.ts";
import { decideDueDiscount } from "../domain/discounts.ts";
import { payloadHashOf } from "../domain/payload-hash.ts";
import { ValidationError } from "../errors.ts";
import { discountLimits } from "../limits.ts";
import { logger } from "../observability.ts";
import { commitEffect } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { DiscountDependencies } from "./discount-dependencies.ts";
import { failureDetails, walkDueIndex } from "./due-index-run.ts";
import { planDiscountExpiry } from "./plan-scheduled-jobs.ts";

export interface DiscountExpiryRequest {
  /** The time the run was scheduled for: its operator-local day is the day processed. */
  readonly runAt: Date;
  /** The invocation's remaining time (Lambda's context); without it the run is not time-bound. */
  readonly remainingMilliseconds?: () => number;
}

export interface DiscountExpiryRun {
  readonly runAt: string;
  readonly timeZone: string;
  /** The operator-local day processed: discounts starting on it or before are activated, those ending on it or before end. */
  readonly day: string;
  /** Due-index entries read (a discount changed meanwhile still counts once here). */
  readonly listed: number;
  /** Discounts activated and discounts ended by this run (a missed run can do both to one discount). */
  readonly activated: number;
  readonly ended: number;
  /** Listed but nothing to do: changed by another run or the discounts' trigger since the index was read. */
  readonly unchanged: number;
  /** Discounts whose change could not be committed (still conflicting, or an error): the retry decides them. */
  readonly failed: number;
  /** Every shard was read to its end and every listed discount decided. */
  readonly complete: boolean;
}

export function dueDiscountEventId(discountId: string, day: string): string {
  return `discount-due:${discountId}:${day}`;
}

type DueOutcome = { readonly activated: boolean; readonly ended: boolean } | "unchanged";

export async function expireDiscounts(dependencies: DiscountDependencies, request: DiscountExpiryRequest): Promise<DiscountExpiryRun> {
  const plan = await planDiscountExpiry(dependencies.operatorConfigStore, request.runAt);
  const today = localDay(dependencies.clock.now(), plan.timeZone);
  // A day that has not come would send the billing system discounts before their start.
  if (plan.day > today)
    throw new ValidationError(`the discount run for ${plan.day} cannot happen before that day (today is ${today} in ${plan.timeZone})`, [
      { path: "scheduledTime", message: "a day that has not come" },
    ]);

  const counts = { listed: 0, activated: 0, ended: 0, unchanged: 0, failed: 0 };
  const outOfTime = () =>
    request.remainingMilliseconds !== undefined && request.remainingMilliseconds() < discountLimits.runTimeReserveMilliseconds;

  const complete = await walkDueIndex({
    shards: discountLimits.dueShards,
    listPage: (shard, startKey) => dependencies.discountStore.listDue(shard, plan.day, discountLimits.duePageSize, startKey),
    outOfTime,
    async handle(due) {
      counts.listed += 1;
      const outcome = await applyDueDiscount(dependencies, due, plan.day);
      if (outcome === "unchanged") counts.unchanged += 1;
      else {
        if (outcome.activated) counts.activated += 1;
        if (outcome.ended) counts.ended += 1;
      }
    },
    onFailure(due, error) {
      counts.failed += 1;
      logger.error("a due discount was not decided; the run's retry decides it", {
        discountId: due.discountId,
        day: plan.day,
        ...failureDetails(error),
      });
    },
  });
  return { ...plan, ...counts, complete };
}

/** One listed discount: read it, decide it for the day, commit the change once. */
async function applyDueDiscount(dependencies: DiscountDependencies, due: DueDiscount, day: string): Promise<DueOutcome> {
  return await decideUntilCommitted("due discount", async (): Promise<DueOutcome> => {
    // The item as it is now (the index is read eventually consistent, and the item may hold the referrer's next streak).
    const discount = await dependencies.discountStore.readDiscount(due.accountId, due.programId, due.role);
    if (!discount) return "unchanged";
    const decision = decideDueDiscount(discount, day, dependencies.clock.now().toISOString());
    if (!decision) return "unchanged";
    const committed = await commitEffect(
      dependencies,
      {
        sourceEvent: {
          eventId: dueDiscountEventId(discount.discountId, day),
          eventType: "discount.due",
          // What the day decides for the discount: the same for every run of that day that decides it.
          payloadHash: payloadHashOf({
            type: "discount.due",
            version: 1,
            data: { discountId: discount.discountId, day, entryIds: decision.history.map((entry) => entry.entryId) },
          }),
          outcome: decision.discount.status === "ended" ? "discount_ended" : "discount_activated",
        },
        transfers: [],
        outbound: decision.messages,
        writes: dependencies.discountStore.decisionWrites(decision),
      },
      { duplicateOutbox: "relay" },
    );
    // Another run of the same day committed this very change a moment ago: it is counted, and its outbox sent, there.
    if (committed.status === "duplicate") return "unchanged";
    const kinds = new Set(decision.history.map((entry) => entry.kind));
    return { activated: kinds.has("activated"), ended: kinds.has("ended") };
  });
}
