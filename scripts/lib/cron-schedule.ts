/**
 * EventBridge Scheduler cron expressions, `cron(minutes hours day-of-month month day-of-week year)`,
 * evaluated on the wall clock of a time zone for the local stack, which fires the catalog's schedules
 * the way AWS does (the CDK stack hands the same strings to EventBridge).
 *
 * The evaluation is croner's (a maintained cron library: lists, ranges, steps, names, L, W, #, the year
 * field, time zones). This module only adapts AWS's dialect to it and keeps AWS's rules where they differ
 * from croner's defaults:
 * - exactly one of day-of-month and day-of-week is `?` (croner reads `?` as `*`);
 * - day-of-week 1-7 is Sunday to Saturday (croner's `alternativeWeekdays`);
 * - a step may start at a number, `0/15` (croner's `sloppyRanges`);
 * - the year is 1970-2199;
 * - a wall-clock time that the spring DST change removes does not fire that day (croner, like Vixie cron,
 *   would fire right after the gap); a time that occurs twice fires once, at its first occurrence (as
 *   croner does).
 */
import { Cron } from "croner";

export interface CronSchedule {
  readonly expression: string;
  /** The croner pattern: a seconds field of 0 before AWS's six fields. */
  readonly pattern: string;
}

const yearMin = 1970;
const yearMax = 2199;

function cronOf(schedule: CronSchedule, timeZone: string): Cron {
  return new Cron(schedule.pattern, { timezone: timeZone, mode: "7-part", alternativeWeekdays: true, sloppyRanges: true, paused: true });
}

/** Parses `cron(...)` as EventBridge Scheduler reads it; throws on anything it would reject. */
export function parseCronExpression(expression: string): CronSchedule {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  if (!match) throw new Error(`${expression}: not a cron(...) expression`);
  const fields = match[1]!.trim().split(/\s+/);
  if (fields.length !== 6)
    throw new Error(
      `${expression}: a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), found ${fields.length}`,
    );
  const [, , dayOfMonth, , dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if ((dayOfMonth === "?") === (dayOfWeek === "?"))
    throw new Error(`${expression}: exactly one of day-of-month and day-of-week must be "?"`);
  for (const value of year.match(/\d+/g) ?? [])
    if (Number(value) < yearMin || Number(value) > yearMax)
      throw new Error(`${expression}: year value "${value}" is not in ${yearMin}-${yearMax}`);
  const schedule = { expression, pattern: `0 ${fields.join(" ")}` };
  try {
    cronOf(schedule, "UTC");
  } catch (error) {
    throw new Error(`${expression}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return schedule;
}

/** Whether the schedule fires at the minute that contains `instant`, on the wall clock of `timeZone`. */
export function cronMatches(schedule: CronSchedule, instant: Date, timeZone: string): boolean {
  const minute = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
  return cronOf(schedule, timeZone).match(minute);
}

/**
 * The first instant strictly after `after` at which the schedule fires in `timeZone`, or undefined
 * when it never fires again.
 */
export function nextFireTime(schedule: CronSchedule, after: Date, timeZone: string): Date | undefined {
  const cron = cronOf(schedule, timeZone);
  let candidate = cron.nextRun(after);
  // croner moves a time inside a DST gap to the end of the gap; AWS skips it: keep only true matches.
  while (candidate && !cron.match(candidate)) candidate = cron.nextRun(candidate);
  return candidate ?? undefined;
}
