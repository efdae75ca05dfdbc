/**
 * Plays EventBridge Scheduler on the local stack: fires each catalog schedule on its cron, in the
 * operator's time zone, by invoking the schedule's function with the event the CDK stack configures
 * (see ScheduledJobEvent). Runs missed while the stack was stopped are not replayed, as in AWS where
 * the scheduler never stops; `npm run job` runs a job for any date on demand.
 */
import type { ScheduleSpec } from "../../infra/catalog.ts";
import { nextFireTime, parseCronExpression } from "./cron-schedule.ts";

/**
 * The input a scheduled job receives, the same as the CDK stack's schedule target input
 * (infra/constructs/schedules.ts `scheduledInvocationInput`): `scheduledTime` is the instant the run
 * was scheduled for (ISO 8601, UTC, `<aws.scheduler.scheduled-time>` in AWS), not when it started, so
 * a late or repeated run works on the same period or day. Jobs derive that period or day from it in
 * the operator's time zone.
 */
export interface ScheduledJobEvent {
  readonly scheduleName: string;
  readonly scheduledTime: string;
}

export function scheduledJobEvent(scheduleName: string, scheduledTime: Date): ScheduledJobEvent {
  return { scheduleName, scheduledTime: scheduledTime.toISOString().replace(/\.\d{3}Z$/, "Z") };
}

export interface SchedulerOptions {
  readonly schedules: readonly ScheduleSpec[];
  /** The operator's time zone, read when each next run is planned (the operator may change it). */
  readonly timeZone: () => Promise<string>;
  readonly invoke: (functionName: string, event: ScheduledJobEvent) => Promise<unknown>;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
  readonly logError?: (message: string, error: unknown) => void;
}

export interface PlannedRun {
  readonly scheduleName: string;
  readonly at: Date | undefined;
  readonly timeZone: string;
}

export interface RunningScheduler {
  /** The next run of each schedule, for the banner. */
  readonly planned: () => readonly PlannedRun[];
  stop(): Promise<void>;
}

/** Node timers overflow past ~24.8 days: wake up at least this often and re-plan. */
const wakeUpMillisecondsMax = 60 * 60 * 1000;

export async function startScheduler(options: SchedulerOptions): Promise<RunningScheduler> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  const parsed = options.schedules.map((schedule) => ({ schedule, cron: parseCronExpression(schedule.cron) }));
  const timers = new Map<string, NodeJS.Timeout>();
  const plannedRuns = new Map<string, PlannedRun>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  async function plan(entry: (typeof parsed)[number], after: Date): Promise<void> {
    if (stopped) return;
    let timeZone: string;
    try {
      timeZone = await options.timeZone();
    } catch (error) {
      logError(`[schedule] ${entry.schedule.name}: cannot read the operator's time zone; retrying in a minute`, error);
      timers.set(
        entry.schedule.name,
        setTimeout(() => void plan(entry, after), 60_000),
      );
      return;
    }
    const at = nextFireTime(entry.cron, after, timeZone);
    plannedRuns.set(entry.schedule.name, { scheduleName: entry.schedule.name, at, timeZone });
    if (!at || stopped) return;
    const delay = Math.max(0, at.getTime() - now().getTime());
    const timer = setTimeout(
      () => {
        if (delay > wakeUpMillisecondsMax) {
          void plan(entry, after);
          return;
        }
        fire(entry.schedule, at);
        void plan(entry, at);
      },
      Math.min(delay, wakeUpMillisecondsMax),
    );
    timers.set(entry.schedule.name, timer);
  }

  function fire(schedule: ScheduleSpec, at: Date): void {
    const event = scheduledJobEvent(schedule.name, at);
    // A job that fires every minute (the outbox relay) logs its failures only.
    const logRun = schedule.logEachRunLocally === false ? () => {} : log;
    logRun(`[schedule] ${schedule.name} fires for ${event.scheduledTime}`);
    const run = options
      .invoke(schedule.functionName, event)
      .then(() => logRun(`[schedule] ${schedule.name} (${event.scheduledTime}) done`))
      .catch((error: unknown) => logError(`[schedule] ${schedule.name} (${event.scheduledTime}) failed`, error))
      .finally(() => running.delete(run));
    running.add(run);
  }

  const startedAt = now();
  await Promise.all(parsed.map((entry) => plan(entry, startedAt)));
  return {
    planned: () => [...plannedRuns.values()],
    stop: async () => {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.all(running);
    },
  };
}
