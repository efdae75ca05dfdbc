/**
 * A tiny matcher for EventBridge Scheduler cron expressions, `cron(minutes hours day-of-month month
 * day-of-week year)`, evaluated on the wall clock of a time zone. The local stack uses it to fire the
 * catalog's schedules the way AWS does; the CDK stack hands the same strings to EventBridge.
 *
 * Supported in every field: `*`, numbers, lists `a,b`, ranges `a-b`, steps `*\/n`, `a/n`, `a-b/n`;
 * `?` in day-of-month or day-of-week (exactly one of them must be `?`, as in AWS); day-of-week as 1-7
 * (1 = Sunday, AWS numbering) or SUN-SAT; month as 1-12 or JAN-DEC. Not supported (rejected with a
 * clear error rather than misread): `L`, `W` and `#`.
 */
import { addDays, fromLocal, type LocalDate, toLocal } from "../../shared/domain/calendar.ts";

export interface CronSchedule {
  readonly expression: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  /** undefined when the field is `?` (day-of-week decides). */
  readonly daysOfMonth: ReadonlySet<number> | undefined;
  readonly months: ReadonlySet<number>;
  /** 1 = Sunday ... 7 = Saturday; undefined when the field is `?`. */
  readonly daysOfWeek: ReadonlySet<number> | undefined;
  /** undefined = every year. */
  readonly years: ReadonlySet<number> | undefined;
}

const monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface FieldBounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const fieldBounds = {
  minutes: { name: "minutes", min: 0, max: 59 },
  hours: { name: "hours", min: 0, max: 23 },
  dayOfMonth: { name: "day-of-month", min: 1, max: 31 },
  month: { name: "month", min: 1, max: 12, names: monthNames },
  dayOfWeek: { name: "day-of-week", min: 1, max: 7, names: dayNames },
  year: { name: "year", min: 1970, max: 2199 },
} as const satisfies Record<string, FieldBounds>;

function parseValue(text: string, bounds: FieldBounds, expression: string): number {
  const nameIndex = bounds.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = nameIndex >= 0 ? nameIndex + 1 : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw new Error(`${expression}: ${bounds.name} value "${text}" is not in ${bounds.min}-${bounds.max}`);
  }
  return value;
}

function parseField(text: string, bounds: FieldBounds, expression: string): Set<number> {
  const withoutNames = text.replace(/[A-Z]{3}/gi, (name) => (bounds.names?.includes(name.toUpperCase()) ? "" : name));
  if (/[LW#]/i.test(withoutNames)) {
    throw new Error(`${expression}: ${bounds.name} "${text}" uses L, W or #, which the local scheduler does not support`);
  }
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [rangeText, stepText, extra] = part.split("/");
    if (rangeText === undefined || rangeText === "" || extra !== undefined)
      throw new Error(`${expression}: malformed ${bounds.name} "${text}"`);
    const step = stepText === undefined ? 1 : parseValue(stepText, { name: `${bounds.name} step`, min: 1, max: bounds.max }, expression);
    let first: number;
    let last: number;
    if (rangeText === "*") {
      first = bounds.min;
      last = bounds.max;
    } else if (rangeText.includes("-")) {
      const [fromText, toText, rest] = rangeText.split("-");
      if (fromText === undefined || toText === undefined || rest !== undefined)
        throw new Error(`${expression}: malformed ${bounds.name} range "${rangeText}"`);
      first = parseValue(fromText, bounds, expression);
      last = parseValue(toText, bounds, expression);
      if (last < first) throw new Error(`${expression}: ${bounds.name} range "${rangeText}" runs backwards`);
    } else {
      first = parseValue(rangeText, bounds, expression);
      last = stepText === undefined ? first : bounds.max;
    }
    for (let value = first; value <= last; value += step) values.add(value);
  }
  return values;
}

/** Parses `cron(...)` as EventBridge Scheduler reads it; throws on anything it would reject or we do not support. */
export function parseCronExpression(expression: string): CronSchedule {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  if (!match) throw new Error(`${expression}: not a cron(...) expression`);
  const fields = match[1]!.trim().split(/\s+/);
  if (fields.length !== 6)
    throw new Error(
      `${expression}: a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), found ${fields.length}`,
    );
  const [minutesText, hoursText, dayOfMonthText, monthText, dayOfWeekText, yearText] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((dayOfMonthText === "?") === (dayOfWeekText === "?")) {
    throw new Error(`${expression}: exactly one of day-of-month and day-of-week must be "?"`);
  }
  return {
    expression,
    minutes: parseField(minutesText, fieldBounds.minutes, expression),
    hours: parseField(hoursText, fieldBounds.hours, expression),
    daysOfMonth: dayOfMonthText === "?" ? undefined : parseField(dayOfMonthText, fieldBounds.dayOfMonth, expression),
    months: parseField(monthText, fieldBounds.month, expression),
    daysOfWeek: dayOfWeekText === "?" ? undefined : parseField(dayOfWeekText, fieldBounds.dayOfWeek, expression),
    years: yearText === "*" ? undefined : parseField(yearText, fieldBounds.year, expression),
  };
}

/** 1 = Sunday ... 7 = Saturday, for a calendar date (no time zone involved). */
function dayOfWeek(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 1;
}

function matchesDate(schedule: CronSchedule, date: LocalDate): boolean {
  if (schedule.years && !schedule.years.has(date.year)) return false;
  if (!schedule.months.has(date.month)) return false;
  if (schedule.daysOfMonth && !schedule.daysOfMonth.has(date.day)) return false;
  if (schedule.daysOfWeek && !schedule.daysOfWeek.has(dayOfWeek(date))) return false;
  return true;
}

/** Whether the schedule fires at the minute that contains `instant`, on the wall clock of `timeZone`. */
export function cronMatches(schedule: CronSchedule, instant: Date, timeZone: string): boolean {
  const local = toLocal(instant, timeZone);
  return schedule.minutes.has(local.minute) && schedule.hours.has(local.hour) && matchesDate(schedule, local);
}

/** How far ahead `nextFireTime` looks before it gives up (a schedule pinned to a past year never fires). */
const searchDaysMax = 5 * 366;

/**
 * The first instant strictly after `after` at which the schedule fires in `timeZone`, or undefined
 * when it never fires again. A wall-clock time that a DST change skips does not fire that day; one
 * that occurs twice fires at its first occurrence.
 */
export function nextFireTime(schedule: CronSchedule, after: Date, timeZone: string): Date | undefined {
  const sortedHours = [...schedule.hours].sort((left, right) => left - right);
  const sortedMinutes = [...schedule.minutes].sort((left, right) => left - right);
  let date: LocalDate = toLocal(after, timeZone);
  for (let day = 0; day <= searchDaysMax; day += 1, date = addDays(date, 1)) {
    if (!matchesDate(schedule, date)) continue;
    for (const hour of sortedHours) {
      for (const minute of sortedMinutes) {
        const instant = fromLocal({ ...date, hour, minute, second: 0 }, timeZone);
        const wall = toLocal(instant, timeZone);
        // fromLocal lands elsewhere when the wall time does not exist (spring forward): skip it.
        if (wall.hour !== hour || wall.minute !== minute || wall.day !== date.day) continue;
        if (instant.getTime() > after.getTime()) return instant;
      }
    }
  }
  return undefined;
}
