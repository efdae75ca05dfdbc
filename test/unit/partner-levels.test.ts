/**
 * Partner levels as pure rules (shared/domain/partner-levels.ts) and the count they measure
 * (shared/domain/service-payer.ts): the level at each condition's edge, moves down and up from a
 * stated day, a move dated ahead priced from its day and replaced or kept by the next verification,
 * the monthly due day, and which services count (payer at the time, active at the time, any order).
 */
import { describe, expect, it } from "vitest";
import {
  decideVerification,
  enterLevel,
  levelInForceOn,
  nextVerificationDay,
  qualifyingLevel,
  type VerificationInput,
} from "../../shared/domain/partner-levels.ts";
import { active24ResellerPreset } from "../../shared/domain/program-presets.ts";
import { activeServicesPaidBy, isActiveServicePaidBy, type ServiceHistory } from "../../shared/domain/service-payer.ts";
import { type PartnerLevel, partnerProgramSchema } from "../../shared/schemas/operator-config.ts";

const levels: PartnerLevel[] = partnerProgramSchema.parse(active24ResellerPreset.partnerProgram).levels;
const measured = (activeServicesAsPayer: number) => ({ activeServicesAsPayer, measuredAt: "2026-04-01T00:30:00.000Z" });

// 2026-04-01 02:30 in Prague.
const now = new Date("2026-04-01T00:30:00.000Z");
const input = (services: number, overrides: Partial<VerificationInput> = {}): VerificationInput => ({
  accountId: "partner-1",
  programId: "active24-reseller",
  levels,
  measured: measured(services),
  now,
  timeZone: "Europe/Prague",
  verificationId: "monthly-2026-04-01",
  trigger: "schedule",
  ...overrides,
});

const entered = (services: number) =>
  enterLevel(input(services, { now: new Date("2026-03-02T09:00:00.000Z"), trigger: "approval", verificationId: "approval-pa_1" })).item;

describe("qualifyingLevel", () => {
  it("is the last level whose conditions hold, at each condition's edge", () => {
    expect(qualifyingLevel(levels, measured(0))?.levelId).toBe("partner");
    expect(qualifyingLevel(levels, measured(49))?.levelId).toBe("partner");
    expect(qualifyingLevel(levels, measured(50))?.levelId).toBe("partner-plus");
    expect(qualifyingLevel(levels, measured(199))?.levelId).toBe("partner-plus");
    expect(qualifyingLevel(levels, measured(200))?.levelId).toBe("partner-premium");
  });

  it("is none when even the first level has a condition the partner misses", () => {
    expect(qualifyingLevel(levels.slice(1), measured(49))).toBeUndefined();
  });

  it("refuses levels out of order in the configuration", () => {
    const reversed = { ...active24ResellerPreset.partnerProgram, levels: [...levels].reverse() };
    expect(partnerProgramSchema.safeParse(reversed).success).toBe(false);
  });
});

describe("enterLevel (approval)", () => {
  it("starts at the level measured at approval, from the approval's day, due on the 1st of the next month", () => {
    const item = entered(60);
    expect(item.current).toEqual({ levelId: "partner-plus", rateBps: 1500, excludedCategories: [], since: "2026-03-02" });
    expect(item.nextVerificationOn).toBe("2026-04-01");
    expect(item.revision).toBe(0);
  });
});

describe("decideVerification", () => {
  it("moves down at the edge, from the verification's day, with the figures and a message", () => {
    const decision = decideVerification(entered(50), input(49));
    expect(decision.entry).toMatchObject({
      kind: "moved_down",
      effectiveOn: "2026-04-01",
      levelId: "partner",
      previousLevelId: "partner-plus",
      measured: measured(49),
    });
    expect(decision.item.current).toMatchObject({ levelId: "partner", rateBps: 1000, since: "2026-04-01" });
    expect(decision.item.nextVerificationOn).toBe("2026-05-01");
    expect(decision.message).toMatchObject({
      type: "partner.level.changed",
      direction: "down",
      levelId: "partner",
      previousRateBps: 1500,
      effectiveOn: "2026-04-01",
      activeServicesAsPayer: 49,
      messageId: "partner-level:partner-1:active24-reseller:monthly-2026-04-01",
    });
  });

  it("moves up at the edge, and confirms (no message) when the level holds", () => {
    const up = decideVerification(entered(10), input(200));
    expect(up.entry.kind).toBe("moved_up");
    expect(up.message?.direction).toBe("up");
    expect(up.item.current.levelId).toBe("partner-premium");

    const held = decideVerification(entered(50), input(199));
    expect(held.entry.kind).toBe("confirmed");
    expect(held.message).toBeUndefined();
    expect(held.item.current.since).toBe("2026-03-02");
    expect(held.item.revision).toBe(1);
  });

  it("holds a move dated ahead as next: quotes price the old level before its day and the new one from it", () => {
    const decision = decideVerification(entered(60), input(10, { trigger: "operator", verificationId: "op-1", effectiveOn: "2026-04-15" }));
    expect(decision.entry).toMatchObject({ kind: "moved_down", effectiveOn: "2026-04-15" });
    expect(decision.message?.effectiveOn).toBe("2026-04-15");
    expect(levelInForceOn(decision.item, "2026-04-14").levelId).toBe("partner-plus");
    expect(levelInForceOn(decision.item, "2026-04-15").levelId).toBe("partner");

    // A later confirmation keeps it; once its day has come, the next verification folds it into current.
    const confirmed = decideVerification(decision.item, input(10, { verificationId: "op-2", now: new Date("2026-04-10T08:00:00Z") }));
    expect(confirmed.entry.kind).toBe("confirmed");
    expect(confirmed.item.next?.effectiveOn).toBe("2026-04-15");
    const folded = decideVerification(
      confirmed.item,
      input(10, { verificationId: "monthly-2026-05-01", now: new Date("2026-05-01T00:30:00Z") }),
    );
    expect(folded.entry.kind).toBe("confirmed");
    expect(folded.item.current).toMatchObject({ levelId: "partner", since: "2026-04-15" });
    expect(folded.item.next).toBeUndefined();

    // A move decided before the day replaces the one dated ahead, measured against the level the partner was going to hold.
    const replaced = decideVerification(decision.item, input(250, { verificationId: "op-3", now: new Date("2026-04-10T08:00:00Z") }));
    expect(replaced.entry).toMatchObject({ kind: "moved_up", levelId: "partner-premium", previousLevelId: "partner" });
    expect(replaced.item.next).toBeUndefined();
    expect(replaced.item.current).toMatchObject({ levelId: "partner-premium", since: "2026-04-10" });

    // Measuring the current level again before the day cancels the move down: a move up, the current level kept as it was.
    const cancelled = decideVerification(decision.item, input(60, { verificationId: "op-4", now: new Date("2026-04-10T08:00:00Z") }));
    expect(cancelled.entry).toMatchObject({ kind: "moved_up", levelId: "partner-plus", previousLevelId: "partner" });
    expect(cancelled.message?.direction).toBe("up");
    expect(cancelled.item.next).toBeUndefined();
    expect(cancelled.item.current).toMatchObject({ levelId: "partner-plus", since: "2026-03-02" });
  });

  it("treats a new rate of the same level as a move", () => {
    const raised = levels.map((level) => (level.levelId === "partner" ? { ...level, rateBps: 1200 } : level));
    const decision = decideVerification(entered(0), input(0, { levels: raised }));
    expect(decision.entry).toMatchObject({ kind: "moved_up", levelId: "partner", rateBps: 1200, previousRateBps: 1000 });
  });
});

describe("nextVerificationDay", () => {
  it("is the 1st of the next month, across a year", () => {
    expect(nextVerificationDay("2026-01-31")).toBe("2026-02-01");
    expect(nextVerificationDay("2026-12-01")).toBe("2027-01-01");
  });
});

describe("activeServicesPaidBy", () => {
  const history = (overrides: Partial<ServiceHistory> = {}): ServiceHistory => ({
    serviceId: "svc-1",
    payerChanges: [
      {
        serviceId: "svc-1",
        payerAccountId: "partner-1",
        administratorAccountId: "end-1",
        changedAt: "2026-01-10T00:00:00.000Z",
        sourceEventId: "e1",
      },
    ],
    statusChanges: [{ serviceId: "svc-1", status: "active", at: "2026-01-10T00:00:00.000Z", sourceEventId: "e1" }],
    ...overrides,
  });

  it("counts a service active then with the partner as its payer then, whatever order the changes came in", () => {
    const moved = history({
      payerChanges: [
        {
          serviceId: "svc-1",
          payerAccountId: "end-1",
          previousPayerAccountId: "partner-1",
          administratorAccountId: "end-1",
          changedAt: "2026-03-15T12:00:00.000Z",
          sourceEventId: "e2",
        },
        ...history().payerChanges,
      ],
    });
    expect(isActiveServicePaidBy(moved, "partner-1", "2026-03-15T11:59:59.999Z")).toBe(true);
    expect(isActiveServicePaidBy(moved, "partner-1", "2026-03-15T12:00:00.000Z")).toBe(false);
    expect(isActiveServicePaidBy(moved, "end-1", "2026-04-01T00:00:00.000Z")).toBe(true);
  });

  it("stops counting at the cancellation, counts a reactivation, and never counts before the activation", () => {
    const cancelled = history({
      statusChanges: [
        ...history().statusChanges,
        { serviceId: "svc-1", status: "cancelled", at: "2026-02-01T00:00:00.000Z", sourceEventId: "e3" },
        { serviceId: "svc-1", status: "active", at: "2026-03-01T00:00:00.000Z", sourceEventId: "e4" },
      ],
    });
    expect(isActiveServicePaidBy(cancelled, "partner-1", "2026-01-09T00:00:00.000Z")).toBe(false);
    expect(isActiveServicePaidBy(cancelled, "partner-1", "2026-01-31T23:59:59.999Z")).toBe(true);
    expect(isActiveServicePaidBy(cancelled, "partner-1", "2026-02-15T00:00:00.000Z")).toBe(false);
    expect(isActiveServicePaidBy(cancelled, "partner-1", "2026-03-01T00:00:00.000Z")).toBe(true);
    expect(
      activeServicesPaidBy([cancelled, history({ serviceId: "svc-2", statusChanges: [] })], "partner-1", "2026-03-02T00:00:00.000Z"),
    ).toBe(1);
  });
});
