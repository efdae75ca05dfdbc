/**
 * The t2 discounts as pure rules (SPEC.md, "Stacked referrer discounts" and "Referee discount"; the
 * numbers are the program's configuration, shared/schemas/operator-config.ts). Days are operator-local
 * calendar days (YYYY-MM-DD); a discount covers startsOn ≤ day < endsOn.
 *
 * - Referee: `rateBps` for `months` from the first day after its promo period, or from the day the code
 *   was activated when there is none (or it was already over).
 * - Referrer: a streak is the run of referrals while the referrer's discount is active. The first gives
 *   `firstRateBps` until its day plus the validity for count 1; each further referral while active sets
 *   the rate to min(cap, previous + step) and the end to the streak's latest referral day plus the
 *   validity for the new count. When the discount ends, the streak ends; the next referral starts a new
 *   streak (new discount id) at the first rate. Bonuses are granted once each, when a streak's count
 *   reaches their `atCount`.
 *
 * Each referee counts once (the use case commits a referral's decision under the idempotency record of
 * the referee's id, so a duplicate changes nothing). Within a streak the result does not depend on the
 * order referrals arrive in: the count, the rate (a function of the count), the latest referral day,
 * the end (latest day + validity of the count, validity never shrinking with the count) and the bonuses
 * (each count reached once) are the same for every order.
 *
 * Every change is a history entry with its reason and, except `scheduled`, one outbound message for the
 * billing system whose id is the entry's (deterministic: `<discountId>:<kind>[:<count>]`).
 */
import type { DiscountHistoryEntry, DiscountItem, DiscountReason, DiscountRole } from "../schemas/discount-items.ts";
import type { RefereeDiscountRules, ReferrerDiscountRules } from "../schemas/operator-config.ts";
import type { DiscountMessage } from "../schemas/outbound-messages.ts";
import { assert } from "./assert.ts";
import { addDays, addMonths, formatLocalDate, parseLocalDate, toLocal } from "./calendar.ts";

/** What one decision changes: the discount to store (on condition of the revision it was decided on), its history entries and messages. */
export interface DiscountDecision {
  readonly discount: DiscountItem;
  /** The stored revision the decision was made on; undefined: the discount is new. */
  readonly expectedRevision: number | undefined;
  readonly history: readonly DiscountHistoryEntry[];
  readonly messages: readonly DiscountMessage[];
}

/** The later of two YYYY-MM-DD days (they sort as text). */
function laterDay(a: string, b: string): string {
  return a > b ? a : b;
}

function earlierDay(a: string, b: string): string {
  return a < b ? a : b;
}

export function addMonthsToDay(day: string, months: number): string {
  return formatLocalDate(addMonths(parseLocalDate(day), months));
}

/** The first operator-local day after an instant's period ended: the instant's own day when it is at 00:00:00, else the next day. */
export function firstDayFrom(instant: Date, timeZone: string): string {
  const local = toLocal(instant, timeZone);
  const day = { year: local.year, month: local.month, day: local.day };
  const atMidnight = local.hour === 0 && local.minute === 0 && local.second === 0 && instant.getUTCMilliseconds() === 0;
  return formatLocalDate(atMidnight ? day : addDays(day, 1));
}

export function discountIdOf(role: DiscountRole, programId: string, accountId: string, streakNumber?: number): string {
  if (role === "referee") return `referee:${programId}:${accountId}`;
  assert(streakNumber !== undefined && streakNumber >= 1, "a referrer's discount needs its streak number");
  return `referrer:${programId}:${accountId}:${streakNumber}`;
}

/** Months of validity for the streak's `count`-th referral (the table's entry, or `validityMonthsBeyond` past it). */
export function validityMonthsFor(rules: ReferrerDiscountRules, count: number): number {
  assert(Number.isInteger(count) && count >= 1, `streak count ${count} must be at least 1`);
  return rules.validityMonthsByCount[count - 1] ?? rules.validityMonthsBeyond;
}

/** The rate after the streak's `count`-th referral: the first rate, then min(cap, previous + step) each time. */
export function streakRateBps(rules: ReferrerDiscountRules, count: number): number {
  assert(Number.isInteger(count) && count >= 1, `streak count ${count} must be at least 1`);
  return Math.min(rules.capBps, rules.firstRateBps + (count - 1) * rules.stepBps);
}

/** Whether a discount is in force on a day: started, not ended, and startsOn ≤ day < endsOn. */
export function isInForceOn(discount: DiscountItem, day: string): boolean {
  if (discount.status === "ended" && discount.endedOn !== undefined && day >= discount.endedOn) return false;
  return discount.startsOn <= day && day < discount.endsOn;
}

/** The day the daily schedule must next look at the discount (its start, or its end), none once ended. */
export function nextDueDay(discount: DiscountItem): string | undefined {
  if (discount.status === "scheduled") return discount.startsOn;
  if (discount.status === "active") return discount.endsOn;
  return undefined;
}

// ---------- the program's table (what the dashboard shows) ----------

/** One row of a referrer's stacking table: the rate and validity a streak's `count`-th referral gives, and the bonus at that count. */
export interface StreakTableRow {
  readonly count: number;
  readonly rateBps: number;
  readonly validityMonths: number;
  readonly bonus?: { readonly sku: string; readonly description: string };
}

/** The referrer's stacking table: a row per count while something changes, then what every later count gives. */
export interface StreakTable {
  readonly rows: readonly StreakTableRow[];
  readonly beyond: { readonly fromCount: number; readonly rateBps: number; readonly validityMonths: number };
}

/**
 * The referrer's table as t2's dashboard shows it (SPEC.md: 1 → 20 % 3 months, 2 → 40 % 6, 3 → 60 % 12
 * with 1,200 SMS, 4 → 80 % 12, 5 → 100 % 12 with 3,200 SMS), from the same rules the deciders use: one
 * row per count up to the last count at which the rate, the validity or a bonus still changes (the
 * validity table's length, the count whose rate reaches the cap, the last bonus), then `beyond`, what
 * every later count gives (the cap, `validityMonthsBeyond`, no bonus).
 */
export function streakTableOf(rules: ReferrerDiscountRules): StreakTable {
  const countReachingCap = rules.stepBps === 0 ? 1 : Math.ceil((rules.capBps - rules.firstRateBps) / rules.stepBps) + 1;
  const lastBonusCount = Math.max(0, ...rules.bonuses.map((bonus) => bonus.atCount));
  const counts = Math.max(rules.validityMonthsByCount.length, countReachingCap, lastBonusCount);
  const rows = Array.from({ length: counts }, (_, index): StreakTableRow => {
    const count = index + 1;
    const bonus = rules.bonuses.find((candidate) => candidate.atCount === count);
    return {
      count,
      rateBps: streakRateBps(rules, count),
      validityMonths: validityMonthsFor(rules, count),
      ...(bonus ? { bonus: { sku: bonus.sku, description: bonus.description } } : {}),
    };
  });
  const fromCount = counts + 1;
  return { rows, beyond: { fromCount, rateBps: streakRateBps(rules, fromCount), validityMonths: validityMonthsFor(rules, fromCount) } };
}

// ---------- history entries and their messages ----------

interface Change {
  readonly kind: DiscountHistoryEntry["kind"];
  readonly effectiveOn: string;
  readonly reason: DiscountReason;
  readonly previous?: DiscountItem;
  readonly bonus?: { readonly sku: string; readonly atCount: number };
  /** Part of the entry id when a kind repeats within one discount (raised_and_extended: the count). */
  readonly ordinal?: number;
}

function entryOf(discount: DiscountItem, change: Change, at: string): DiscountHistoryEntry {
  const ordinal = change.bonus?.atCount ?? change.ordinal;
  return {
    entryId: `${discount.discountId}:${change.kind}${ordinal === undefined ? "" : `:${ordinal}`}`,
    discountId: discount.discountId,
    accountId: discount.accountId,
    programId: discount.programId,
    role: discount.role,
    kind: change.kind,
    at,
    effectiveOn: change.effectiveOn,
    rateBps: discount.rateBps,
    startsOn: discount.startsOn,
    endsOn: discount.endsOn,
    ...(change.previous ? { previousRateBps: change.previous.rateBps, previousEndsOn: change.previous.endsOn } : {}),
    ...(change.bonus ? { sku: change.bonus.sku, bonusAtCount: change.bonus.atCount } : {}),
    reason: change.reason,
  };
}

/** The billing system's message for a history entry; none for `scheduled` (it learns of the discount when it starts). */
export function messageOf(entry: DiscountHistoryEntry, discount: DiscountItem): DiscountMessage | undefined {
  const fields = {
    version: 1 as const,
    messageId: entry.entryId,
    discountId: entry.discountId,
    accountId: entry.accountId,
    programId: entry.programId,
    role: entry.role,
    rateBps: entry.rateBps,
    startsOn: entry.startsOn,
    endsOn: entry.endsOn,
    excludedCategories: [...discount.excludedCategories],
    reason: entry.reason,
  };
  switch (entry.kind) {
    case "scheduled":
      return undefined;
    case "activated":
      return { type: "discount.activated", ...fields, activatedAt: entry.at };
    case "raised_and_extended":
      assert(entry.previousRateBps !== undefined && entry.previousEndsOn !== undefined, "a change names what it changed");
      return {
        type: "discount.changed",
        ...fields,
        previousRateBps: entry.previousRateBps,
        previousEndsOn: entry.previousEndsOn,
        changedAt: entry.at,
      };
    case "ended":
      return { type: "discount.ended", ...fields, endedOn: entry.effectiveOn, endedAt: entry.at };
    case "bonus_granted":
      assert(entry.sku !== undefined && entry.bonusAtCount !== undefined, "a bonus names its sku and count");
      return {
        type: "bonus.granted",
        version: 1,
        messageId: entry.entryId,
        discountId: entry.discountId,
        accountId: entry.accountId,
        programId: entry.programId,
        sku: entry.sku,
        atCount: entry.bonusAtCount,
        reason: entry.reason,
        grantedAt: entry.at,
      };
  }
}

/** Builds the decision from the changes in order: each entry records the discount as it stood after its change. */
function decisionOf(
  expectedRevision: number | undefined,
  steps: readonly { readonly discount: DiscountItem; readonly change: Change }[],
  at: string,
): DiscountDecision {
  assert(steps.length > 0, "a decision changes something");
  const history: DiscountHistoryEntry[] = [];
  const messages: DiscountMessage[] = [];
  for (const step of steps) {
    const entry = entryOf(step.discount, step.change, at);
    history.push(entry);
    const message = messageOf(entry, step.discount);
    if (message) messages.push(message);
  }
  const last = steps.at(-1)!.discount;
  return { discount: { ...last, updatedAt: at, revision: (expectedRevision ?? -1) + 1 }, expectedRevision, history, messages };
}

/** Ends a discount on `endedOn` if that day has come by `today` (validity passed). */
function endedIfOver(discount: DiscountItem, today: string): { discount: DiscountItem; change: Change } | undefined {
  if (discount.endsOn > today) return undefined;
  return {
    discount: { ...discount, status: "ended", endedOn: discount.endsOn, reason: { code: "validity_passed" } },
    change: { kind: "ended", effectiveOn: discount.endsOn, reason: { code: "validity_passed" } },
  };
}

// ---------- the referee's discount ----------

export interface RefereeReferral {
  readonly programId: string;
  readonly refereeAccountId: string;
  /** The operator-local day the code was activated (the referral's day). */
  readonly activatedOn: string;
  /** The first day after the referee's promo period (firstDayFrom(promoEndsAt)), when it has one. */
  readonly promoOverOn?: string | undefined;
}

/**
 * The referee's discount for its code referral: from the first day after its promo period, or from the
 * code activation when there is none or it was over; `scheduled` until that day, `active` from it (and
 * ended at once if even its end lies in the past, for a referral recorded late). An existing discount
 * is never decided again: undefined.
 */
export function decideRefereeDiscount(
  rules: RefereeDiscountRules,
  referral: RefereeReferral,
  existing: DiscountItem | undefined,
  today: string,
  at: string,
): DiscountDecision | undefined {
  if (existing) return undefined;
  const afterPromo = referral.promoOverOn !== undefined && referral.promoOverOn > referral.activatedOn;
  const startsOn = afterPromo ? referral.promoOverOn! : referral.activatedOn;
  const reason: DiscountReason = {
    code: afterPromo ? "promo_period_ended" : "code_activated",
    refereeAccountId: referral.refereeAccountId,
  };
  const base: DiscountItem = {
    discountId: discountIdOf("referee", referral.programId, referral.refereeAccountId),
    accountId: referral.refereeAccountId,
    programId: referral.programId,
    role: "referee",
    status: startsOn > today ? "scheduled" : "active",
    rateBps: rules.rateBps,
    startsOn,
    endsOn: addMonthsToDay(startsOn, rules.months),
    excludedCategories: [...rules.excludedCategories],
    reason,
    updatedAt: at,
    revision: 0,
  };
  const steps: { discount: DiscountItem; change: Change }[] = [
    { discount: base, change: { kind: base.status === "scheduled" ? "scheduled" : "activated", effectiveOn: startsOn, reason } },
  ];
  const ended = base.status === "active" ? endedIfOver(base, today) : undefined;
  if (ended) steps.push(ended);
  return decisionOf(undefined, steps, at);
}

// ---------- the referrer's stacked discount ----------

export interface ReferrerReferral {
  readonly programId: string;
  readonly referrerAccountId: string;
  readonly refereeAccountId: string;
  /** The operator-local day the referee registered the code: the day the referral counts on. */
  readonly referralOn: string;
}

function bonusSteps(
  rules: ReferrerDiscountRules,
  discount: DiscountItem,
  reason: DiscountReason,
  referralOn: string,
): { discount: DiscountItem; change: Change }[] {
  const streak = discount.streak!;
  const steps: { discount: DiscountItem; change: Change }[] = [];
  let granted = streak.bonusesGranted;
  for (const bonus of rules.bonuses) {
    if (bonus.atCount > streak.count || granted.includes(bonus.atCount)) continue;
    granted = [...granted, bonus.atCount].sort((a, b) => a - b);
    const withBonus: DiscountItem = { ...discount, streak: { ...streak, bonusesGranted: granted } };
    steps.push({ discount: withBonus, change: { kind: "bonus_granted", effectiveOn: referralOn, reason, bonus } });
    discount = withBonus;
  }
  return steps;
}

/**
 * Whether a referral's day and a streak's start lie in one run of the chronological fold over the referrer's referral
 * days (decided or not yet: each day before the running end raises the count, the end is the latest day plus the
 * count's validity). So a referral whose own validity ends before the streak began, or one after the streak's end, is
 * still the streak's when another referral bridges the gap (10 January, 5 April, 1 September at 3 then 6 months), in
 * whatever order they are decided.
 */
export function isBridgedToStreak(
  rules: ReferrerDiscountRules,
  referralOn: string,
  otherReferralDays: readonly string[],
  startsOn: string,
): boolean {
  const [from, to] = referralOn < startsOn ? [referralOn, startsOn] : [startsOn, referralOn];
  const days = [...new Set([from, to, ...otherReferralDays.filter((day) => day <= to)])].sort();
  let count = 0;
  let endsOn = "";
  let holdsFrom = false;
  for (const day of days) {
    if (count > 0 && day >= endsOn) {
      if (day > from && holdsFrom) return false; // a gap after `from`, before `to`
      count = 0;
      holdsFrom = false;
    }
    count += 1;
    endsOn = addMonthsToDay(day, validityMonthsFor(rules, count));
    if (day === from) holdsFrom = true;
  }
  return holdsFrom;
}

/**
 * The referrer's discount after one more referral (a referee not counted before). While the current
 * streak's discount covers the referral's day, or another referral bridges the two (`isBridgedToStreak`), the
 * referral joins it (raised and extended, and a bonus when the count reaches one); otherwise the streak has ended (ended now if nothing had ended it yet)
 * and the referral starts the next streak at the first rate.
 */
export function decideReferrerReferral(
  rules: ReferrerDiscountRules,
  referral: ReferrerReferral,
  current: DiscountItem | undefined,
  today: string,
  at: string,
  /** The referrer's other referral days in the program (decided or not yet), when the referral lies outside the current streak. */
  otherReferralDays: readonly string[] = [],
): DiscountDecision | undefined {
  const reasonFor = (count: number): DiscountReason => ({
    code: "referral",
    refereeAccountId: referral.refereeAccountId,
    referralOn: referral.referralOn,
    streakCount: count,
  });
  // A referral of a day before the current streak began is of that streak only when its own streak would have run
  // into the streak's start; else it was a streak of its own, over before this one began: it changes nothing now.
  const reachesStreak =
    current !== undefined &&
    (referral.referralOn >= current.startsOn ||
      addMonthsToDay(referral.referralOn, validityMonthsFor(rules, 1)) > current.startsOn ||
      isBridgedToStreak(rules, referral.referralOn, otherReferralDays, current.startsOn));
  if (current !== undefined && !reachesStreak) return undefined;
  const joins =
    current !== undefined &&
    current.status !== "ended" &&
    (referral.referralOn < current.endsOn || isBridgedToStreak(rules, referral.referralOn, otherReferralDays, current.startsOn));
  const steps: { discount: DiscountItem; change: Change }[] = [];

  if (joins) {
    const streak = current.streak!;
    const count = streak.count + 1;
    const lastReferralOn = laterDay(referral.referralOn, streak.lastReferralOn);
    const reason = reasonFor(count);
    const raised: DiscountItem = {
      ...current,
      status: "active",
      rateBps: streakRateBps(rules, count),
      // A late referral of an earlier day moves the streak's start back to it: the state is the same whatever the order.
      startsOn: earlierDay(referral.referralOn, current.startsOn),
      endsOn: addMonthsToDay(lastReferralOn, validityMonthsFor(rules, count)),
      streak: { ...streak, count, lastReferralOn },
      reason,
    };
    steps.push({
      discount: raised,
      change: { kind: "raised_and_extended", effectiveOn: referral.referralOn, reason, previous: current, ordinal: count },
    });
    steps.push(...bonusSteps(rules, raised, reason, referral.referralOn));
    // A streak whose end has passed (a backdated referral, an import) is ended by the daily run, not here: the
    // referrals of one import that follow it on their own days still join it, in whatever order they come.
    return decisionOf(current.revision, steps, at);
  }

  if (current && current.status !== "ended") {
    // Its end day came before this referral and the schedule has not ended it yet: it ends first.
    const ended = endedIfOver(current, laterDay(referral.referralOn, today));
    assert(ended, "a discount the referral does not join has ended by the referral's day");
    steps.push(ended);
  }
  const streakNumber = (current?.streakNumber ?? 0) + 1;
  const reason = reasonFor(1);
  const started: DiscountItem = {
    discountId: discountIdOf("referrer", referral.programId, referral.referrerAccountId, streakNumber),
    accountId: referral.referrerAccountId,
    programId: referral.programId,
    role: "referrer",
    status: "active",
    rateBps: streakRateBps(rules, 1),
    startsOn: referral.referralOn,
    endsOn: addMonthsToDay(referral.referralOn, validityMonthsFor(rules, 1)),
    excludedCategories: [...rules.excludedCategories],
    streak: { count: 1, lastReferralOn: referral.referralOn, bonusesGranted: [] },
    streakNumber,
    reason,
    updatedAt: at,
    revision: 0,
  };
  steps.push({ discount: started, change: { kind: "activated", effectiveOn: referral.referralOn, reason } });
  steps.push(...bonusSteps(rules, started, reason, referral.referralOn));
  return decisionOf(current?.revision, steps, at);
}

// ---------- the daily schedule ----------

/**
 * What the daily schedule does to a discount on `day` (the run's operator-local day): a scheduled
 * discount whose start day has come is activated; an active one whose end day has come is ended (both
 * when a run was missed past both). Nothing else: undefined, so a repeated or late run changes nothing.
 */
export function decideDueDiscount(discount: DiscountItem, day: string, at: string): DiscountDecision | undefined {
  const steps: { discount: DiscountItem; change: Change }[] = [];
  let current = discount;
  if (current.status === "scheduled" && current.startsOn <= day) {
    const reason: DiscountReason = { code: "start_day_reached" };
    current = { ...current, status: "active", reason };
    steps.push({ discount: current, change: { kind: "activated", effectiveOn: current.startsOn, reason } });
  }
  if (current.status === "active") {
    const ended = endedIfOver(current, day);
    if (ended) steps.push(ended);
  }
  return steps.length === 0 ? undefined : decisionOf(discount.revision, steps, at);
}
