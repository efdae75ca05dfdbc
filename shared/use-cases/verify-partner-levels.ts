/**
 * The monthly level verification (functions/schedules/verify-partner-levels.ts: EventBridge Scheduler
 * daily at 01:30 in the operator's time zone, or `npm run job -- verify-partner-levels --date
 * YYYY-MM-DD`). Every partner level carries the day its monthly verification is due (the 1st of the
 * month after the last verification) in a sparse, sharded due index (AP77); the run verifies every level
 * due on its day or before, each shard paged, so a missed day is caught up by the next run and a
 * verification on demand postpones the partner's monthly one.
 *
 * Each partner's verification is its own transaction (verify-partner-level.ts) under the id
 * `monthly-<due day>`: a repeated or concurrent run of the same day records it once and sends its
 * `partner.level.changed` once. A partner that fails does not stop the others; nor does a run that nears
 * its time limit start more: both leave the run `complete: false`, and the handler fails the invocation
 * so that it is retried, and the retry finds only what is still due.
 */
import { localDay } from "../domain/calendar.ts";
import { monthlyVerificationId } from "../domain/partner-levels.ts";
import { isDomainError, ValidationError } from "../errors.ts";
import { partnerLimits } from "../limits.ts";
import { logger } from "../observability.ts";
import { failureDetails, walkDueIndex } from "./due-index-run.ts";
import type { PartnerDependencies } from "./partner-dependencies.ts";
import { verifyPartnerLevel } from "./verify-partner-level.ts";

export interface LevelRunRequest {
  /** The time the run was scheduled for: its operator-local day is the day processed. */
  readonly runAt: Date;
  /** The invocation's remaining time (Lambda's context); without it the run is not time-bound. */
  readonly remainingMilliseconds?: () => number;
}

export interface LevelRun {
  readonly runAt: string;
  readonly timeZone: string;
  /** The operator-local day processed: levels due on it or before are verified. */
  readonly day: string;
  readonly listed: number;
  readonly confirmed: number;
  readonly movedUp: number;
  readonly movedDown: number;
  /** Listed but verified already under this run's id (a concurrent run of the same day). */
  readonly repeated: number;
  /** Levels of a program that no longer has a partner program: left as they are (and listed again each day). */
  readonly skipped: number;
  readonly failed: number;
  readonly complete: boolean;
}

export async function verifyPartnerLevels(deps: PartnerDependencies, request: LevelRunRequest): Promise<LevelRun> {
  const config = await deps.operatorConfigStore.loadOrThrow();
  const day = localDay(request.runAt, config.timeZone);
  const today = localDay(deps.clock.now(), config.timeZone);
  if (day > today)
    throw new ValidationError(`the level run for ${day} cannot happen before that day (today is ${today} in ${config.timeZone})`, [
      { path: "scheduledTime", message: "a day that has not come" },
    ]);
  const counts = { listed: 0, confirmed: 0, movedUp: 0, movedDown: 0, repeated: 0, skipped: 0, failed: 0 };
  const outOfTime = () =>
    request.remainingMilliseconds !== undefined && request.remainingMilliseconds() < partnerLimits.levelRunTimeReserveMilliseconds;

  const complete = await walkDueIndex({
    shards: partnerLimits.levelDueShards,
    listPage: (shard, startKey) => deps.partnerLevelStore.listDue(shard, day, partnerLimits.levelDuePageSize, startKey),
    outOfTime,
    async handle(due) {
      counts.listed += 1;
      try {
        const result = await verifyPartnerLevel(deps, {
          accountId: due.accountId,
          programId: due.programId,
          verificationId: monthlyVerificationId(due.dueDay),
          trigger: "schedule",
        });
        if (result.repeated) counts.repeated += 1;
        else if (result.verification.kind === "moved_up") counts.movedUp += 1;
        else if (result.verification.kind === "moved_down") counts.movedDown += 1;
        else counts.confirmed += 1;
      } catch (error) {
        if (!(isDomainError(error) && error.code === "no_partner_program")) throw error;
        counts.skipped += 1;
        logger.warn("a partner level of a program without a partner program: left as it is", { ...due });
      }
    },
    onFailure(due, error) {
      counts.failed += 1;
      logger.error("a partner level was not verified; the run's retry verifies it", {
        accountId: due.accountId,
        programId: due.programId,
        day,
        ...failureDetails(error),
      });
    },
  });
  return { runAt: request.runAt.toISOString(), timeZone: config.timeZone, day, ...counts, complete };
}
