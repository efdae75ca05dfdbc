/**
 * Calendar arithmetic in the operator's time zone. Pure: instants come in as Date, zones as IANA names.
 *
 * Settlement periods are half months: `YYYY-MM-1` covers the 1st to the 14th, `YYYY-MM-2` the 15th to
 * the last day of the month, both in the operator's zone.
 */
import { assert } from "./assert.ts";

export interface LocalDate {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
}

export interface LocalDateTime extends LocalDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock date and time of `instant` in `timeZone`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** The instant at which the wall clock in `timeZone` shows `local` (earliest, across DST changes). */
export function fromLocal(local: LocalDate & Partial<LocalDateTime>, timeZone: string): Date {
  const wallAsUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0, local.second ?? 0);
  // Two passes converge for every real zone: guess the offset, correct it once.
  let guess = wallAsUtc;
  for (let pass = 0; pass < 2; pass += 1) {
    const seen = toLocal(new Date(guess), timeZone);
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    guess += wallAsUtc - seenAsUtc;
  }
  return new Date(guess);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds calendar months, clamping to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  assert(Number.isInteger(months), "months must be an integer");
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

export function parseLocalDate(text: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  assert(match, `not a date: ${text}`);
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  assert(date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= daysInMonth(date.year, date.month), `not a date: ${text}`);
  return date;
}

/** The operator-local calendar day of an instant, as YYYY-MM-DD. */
export function localDay(instant: Date, timeZone: string): string {
  return formatLocalDate(toLocal(instant, timeZone));
}

export type PeriodId = `${number}-${string}-${1 | 2}`;

export interface Period {
  readonly periodId: string; // YYYY-MM-1 or YYYY-MM-2
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
  /** Inclusive start and exclusive end, as instants. */
  readonly startsAt: Date;
  readonly endsAt: Date;
}

/** The half-month settlement period that contains `instant` in `timeZone`. */
export function periodOf(instant: Date, timeZone: string): Period {
  return periodById(periodIdOfDay(toLocal(instant, timeZone)), timeZone);
}

/** The id of the half-month period a local calendar day is in: the 1st-14th is `YYYY-MM-1`, the 15th-end `YYYY-MM-2`. */
export function periodIdOfDay(day: LocalDate): string {
  return `${String(day.year).padStart(4, "0")}-${String(day.month).padStart(2, "0")}-${day.day < 15 ? 1 : 2}`;
}

/** The half month after `periodId` (2026-03-2 → 2026-04-1, 2026-12-2 → 2027-01-1). */
export function nextPeriodId(periodId: string): string {
  const match = /^(\d{4})-(\d{2})-([12])$/.exec(periodId);
  assert(match, `not a period id: ${periodId}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  assert(month >= 1 && month <= 12, `not a period id: ${periodId}`);
  if (match[3] === "1") return `${match[1]}-${match[2]}-2`;
  return month === 12 ? periodIdOfDay({ year: year + 1, month: 1, day: 1 }) : periodIdOfDay({ year, month: month + 1, day: 1 });
}

export function periodById(periodId: string, timeZone: string): Period {
  const match = /^(\d{4})-(\d{2})-([12])$/.exec(periodId);
  assert(match, `not a period id: ${periodId}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  assert(month >= 1 && month <= 12, `not a period id: ${periodId}`);
  const firstHalf = match[3] === "1";
  const firstDay = { year, month, day: firstHalf ? 1 : 15 };
  const lastDay = { year, month, day: firstHalf ? 14 : daysInMonth(year, month) };
  return {
    periodId,
    firstDay,
    lastDay,
    startsAt: fromLocal(firstDay, timeZone),
    endsAt: fromLocal(addDays(lastDay, 1), timeZone),
  };
}

/** The period a settlement run at `runAt` closes: the one that ended most recently before it. */
export function periodClosedBy(runAt: Date, timeZone: string): Period {
  const current = periodOf(runAt, timeZone);
  return periodOf(new Date(current.startsAt.getTime() - 1), timeZone);
}
