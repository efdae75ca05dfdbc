/**
 * Partner levels (ACTIVE 24: "ACTIVE 24 may verify at any time whether the conditions are met"), as
 * pure rules (docs/partners.md, "Levels"):
 *
 * - A program lists its levels lowest first; a partner is at the **last level whose every condition
 *   holds** on the measured figures, or at none (no program discount) when even the first has a
 *   condition it misses.
 * - A verification (at approval, monthly, or on demand) measures, decides the level, and records a
 *   history entry with the figures, whatever the outcome: `entered` (approval), `confirmed`, `moved_up`
 *   or `moved_down`. A move from a better to a worse level, or a rate change of the same level, is a
 *   move too; a move sends `partner.level.changed`.
 * - A move takes effect on a stated operator-local day: the verification's own day by default, or a
 *   later one the operator names. A change dated ahead is held as `next` and priced from its day on;
 *   a verification that measures the level it moves to confirms it and keeps its day; one that
 *   measures another level replaces it (a move, against the level the partner was going to hold).
 * - The next monthly verification is due on the 1st of the month after the last verification.
 */
import type { PartnerLevel } from "../schemas/operator-config.ts";
import type { PartnerLevelChanged } from "../schemas/outbound-messages.ts";
import type {
  HeldLevel,
  LevelHistoryEntry,
  LevelHistoryKind,
  LevelMeasurement,
  LevelTrigger,
  PartnerLevelItem,
} from "../schemas/partner-level-items.ts";
import { addMonths, formatLocalDate, localDay, parseLocalDate } from "./calendar.ts";

/** Whether `level`'s conditions all hold on `measured`. */
export function meetsConditions(level: PartnerLevel, measured: LevelMeasurement): boolean {
  const { activeServicesAsPayerMin, paidRevenueMin } = level.conditions;
  if (activeServicesAsPayerMin !== undefined && measured.activeServicesAsPayer < activeServicesAsPayerMin) return false;
  if (paidRevenueMin === undefined) return true;
  const revenue = measured.paidRevenue;
  return revenue !== undefined && revenue.currency === paidRevenueMin.currency && revenue.amountMinor >= paidRevenueMin.amountMinor;
}

/** The last of `levels` (lowest first) whose conditions hold, or undefined when none does. */
export function qualifyingLevel(levels: readonly PartnerLevel[], measured: LevelMeasurement): PartnerLevel | undefined {
  let met: PartnerLevel | undefined;
  for (const level of levels) if (meetsConditions(level, measured)) met = level;
  return met;
}

export function heldLevelOf(level: PartnerLevel | undefined): HeldLevel {
  return level
    ? { levelId: level.levelId, rateBps: level.rateBps, excludedCategories: [...level.excludedCategories] }
    : { levelId: null, rateBps: 0, excludedCategories: [] };
}

/** The level a partner holds on `day` (operator-local): the change dated ahead from its day, the current one before. */
export function levelInForceOn(item: Pick<PartnerLevelItem, "current" | "next">, day: string): HeldLevel {
  const { next, current } = item;
  const held = next && day >= next.effectiveOn ? next : current;
  return { levelId: held.levelId, rateBps: held.rateBps, excludedCategories: held.excludedCategories };
}

/** A level's place in the program's list (lowest first); -1 for none, or a level the program no longer lists. */
export function levelRank(levels: readonly PartnerLevel[], levelId: string | null): number {
  return levelId === null ? -1 : levels.findIndex((level) => level.levelId === levelId);
}

/** The 1st of the month after `day`: when the next monthly verification is due. */
export function nextVerificationDay(day: string): string {
  const date = parseLocalDate(day);
  return formatLocalDate(addMonths({ year: date.year, month: date.month, day: 1 }, 1));
}

export function levelEntryId(accountId: string, programId: string, verificationId: string): string {
  return `partner-level:${accountId}:${programId}:${verificationId}`;
}

/** The monthly verification's id for the level due on `dueDay`: two runs of that day are one verification. */
export function monthlyVerificationId(dueDay: string): string {
  return `monthly-${dueDay}`;
}

export interface VerificationInput {
  readonly accountId: string;
  readonly programId: string;
  readonly levels: readonly PartnerLevel[];
  readonly measured: LevelMeasurement;
  readonly now: Date;
  readonly timeZone: string;
  readonly verificationId: string;
  readonly trigger: LevelTrigger;
  /** The operator-local day a move takes effect (today or later; the caller checks the bound). Default: today. */
  readonly effectiveOn?: string | undefined;
}

export interface LevelDecision {
  readonly item: PartnerLevelItem;
  readonly entry: LevelHistoryEntry;
  /** Present when the level moved. */
  readonly message?: PartnerLevelChanged;
}

/** An approved partner's first level: measured at approval, in force from the approval's day. */
export function enterLevel(input: VerificationInput): LevelDecision {
  const today = localDay(input.now, input.timeZone);
  const at = input.now.toISOString();
  const target = heldLevelOf(qualifyingLevel(input.levels, input.measured));
  return {
    item: {
      accountId: input.accountId,
      programId: input.programId,
      current: { ...target, since: today },
      measured: input.measured,
      lastVerifiedAt: at,
      nextVerificationOn: nextVerificationDay(today),
      updatedAt: at,
      revision: 0,
    },
    entry: {
      entryId: levelEntryId(input.accountId, input.programId, input.verificationId),
      accountId: input.accountId,
      programId: input.programId,
      verificationId: input.verificationId,
      kind: "entered",
      trigger: input.trigger,
      at,
      effectiveOn: today,
      levelId: target.levelId,
      rateBps: target.rateBps,
      measured: input.measured,
    },
  };
}

function sameLevel(a: HeldLevel, b: HeldLevel): boolean {
  return a.levelId === b.levelId && a.rateBps === b.rateBps;
}

/** A verification of a partner that holds `item`: the level it qualifies for, from the stated day. */
export function decideVerification(item: PartnerLevelItem, input: VerificationInput): LevelDecision {
  const today = localDay(input.now, input.timeZone);
  const at = input.now.toISOString();
  const effectiveOn = input.effectiveOn ?? today;
  // A change dated ahead whose day has come is the current level now.
  const base: Pick<PartnerLevelItem, "current" | "next"> =
    item.next && item.next.effectiveOn <= today
      ? {
          current: {
            levelId: item.next.levelId,
            rateBps: item.next.rateBps,
            excludedCategories: item.next.excludedCategories,
            since: item.next.effectiveOn,
          },
        }
      : { current: item.current, ...(item.next ? { next: item.next } : {}) };
  const target = heldLevelOf(qualifyingLevel(input.levels, input.measured));
  const before = levelInForceOn(base, effectiveOn);
  // A move dated ahead to the level measured now is confirmed with its day kept (the operator's notice stands);
  // one to another level no longer holds: this verification replaces it.
  const confirmsNext = base.next !== undefined && sameLevel(target, base.next);
  const scheduled = base.next && base.next.effectiveOn > effectiveOn ? base.next : undefined;
  const moved = !confirmsNext && (!sameLevel(target, before) || scheduled !== undefined);
  // Measured against the level the partner was going to hold: the one dated ahead, else the one on effectiveOn.
  const reference = scheduled ?? before;
  const rankDelta = levelRank(input.levels, target.levelId) - levelRank(input.levels, reference.levelId);
  const up = rankDelta > 0 || (rankDelta === 0 && target.rateBps > reference.rateBps);
  const kind: LevelHistoryKind = moved ? (up ? "moved_up" : "moved_down") : "confirmed";
  const levels: Pick<PartnerLevelItem, "current" | "next"> = !moved
    ? base
    : sameLevel(target, base.current)
      ? { current: base.current }
      : effectiveOn === today
        ? { current: { ...target, since: today } }
        : { current: base.current, next: { ...target, effectiveOn } };
  const entryId = levelEntryId(input.accountId, input.programId, input.verificationId);
  const next: PartnerLevelItem = {
    accountId: item.accountId,
    programId: item.programId,
    ...levels,
    measured: input.measured,
    lastVerifiedAt: at,
    nextVerificationOn: nextVerificationDay(today),
    updatedAt: at,
    revision: item.revision + 1,
  };
  const entry: LevelHistoryEntry = {
    entryId,
    accountId: item.accountId,
    programId: item.programId,
    verificationId: input.verificationId,
    kind,
    trigger: input.trigger,
    at,
    effectiveOn: moved ? effectiveOn : today,
    levelId: target.levelId,
    rateBps: target.rateBps,
    previousLevelId: reference.levelId,
    previousRateBps: reference.rateBps,
    measured: input.measured,
  };
  if (!moved || input.trigger === "approval") return { item: next, entry };
  return {
    item: next,
    entry,
    message: {
      type: "partner.level.changed",
      version: 1,
      messageId: entryId,
      accountId: item.accountId,
      programId: item.programId,
      direction: up ? "up" : "down",
      levelId: target.levelId,
      rateBps: target.rateBps,
      previousLevelId: reference.levelId,
      previousRateBps: reference.rateBps,
      effectiveOn,
      trigger: input.trigger,
      activeServicesAsPayer: input.measured.activeServicesAsPayer,
      measuredAt: input.measured.measuredAt,
      decidedAt: at,
    },
  };
}
