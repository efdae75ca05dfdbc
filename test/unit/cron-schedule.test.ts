import { describe, expect, it } from "vitest";
import { schedules } from "../../infra/catalog.ts";
import { cronMatches, nextFireTime, parseCronExpression } from "../../scripts/lib/cron-schedule.ts";

const prague = "Europe/Prague";
const settlement = parseCronExpression("cron(0 0 1,15 * ? *)");
const dailyExpiry = parseCronExpression("cron(5 0 * * ? *)");

describe("parsing EventBridge cron expressions", () => {
  it("reads every schedule of the catalog", () => {
    for (const schedule of schedules) expect(() => parseCronExpression(schedule.cron)).not.toThrow();
  });

  it("expands lists, ranges, steps and names", () => {
    const quarterHours = parseCronExpression("cron(0/15 8-10 ? JAN-MAR MON-FRI 2026,2027)");
    const runs = (schedule: ReturnType<typeof parseCronExpression>, after: string, count: number) => {
      const found: string[] = [];
      let at: Date | undefined = new Date(after);
      for (;;) {
        at = found.length < count ? nextFireTime(schedule, at, "UTC") : undefined;
        if (!at) break;
        found.push(at.toISOString());
      }
      return found;
    };
    // Friday 2 January 2026 from 10:30: 10:30, 10:45, then Monday 5 January 08:00.
    expect(runs(quarterHours, "2026-01-02T10:29:00Z", 3)).toEqual([
      "2026-01-02T10:30:00.000Z",
      "2026-01-02T10:45:00.000Z",
      "2026-01-05T08:00:00.000Z",
    ]);
    expect(nextFireTime(quarterHours, new Date("2026-03-31T11:00:00Z"), "UTC")?.toISOString()).toBe("2027-01-01T08:00:00.000Z");
    expect(runs(parseCronExpression("cron(*/20 0 1 * ? *)"), "2026-05-01T00:00:30Z", 2)).toEqual([
      "2026-05-01T00:20:00.000Z",
      "2026-05-01T00:40:00.000Z",
    ]);
  });

  it.each([
    ["0 0 1,15 * ? *", /not a cron/],
    ["cron(0 0 1,15 * *)", /6 fields/],
    ["cron(0 0 1 * 2 *)", /exactly one of day-of-month and day-of-week/],
    ["cron(0 0 ? * ? *)", /exactly one of day-of-month and day-of-week/],
    ["cron(60 0 1 * ? *)", /cron\(60 0 1 \* \? \*\): /],
    ["cron(0 24 1 * ? *)", /cron\(0 24 1 \* \? \*\): /],
    ["cron(0 0 32 * ? *)", /cron\(0 0 32 \* \? \*\): /],
    ["cron(0 0 20-10 * ? *)", /cron\(0 0 20-10 \* \? \*\): /],
    ["cron(0 0 1 * ? 2200)", /year value "2200"/],
  ])("rejects %s", (expression, message) => {
    expect(() => parseCronExpression(expression)).toThrow(message);
  });

  it("reads AWS's L, W and # (last day, nearest weekday, nth weekday)", () => {
    const at = (expression: string, after: string) => nextFireTime(parseCronExpression(expression), new Date(after), "UTC")?.toISOString();
    expect(at("cron(0 0 L * ? *)", "2026-02-02T00:00:00Z")).toBe("2026-02-28T00:00:00.000Z");
    expect(at("cron(0 0 15W * ? *)", "2026-08-01T00:00:00Z")).toBe("2026-08-14T00:00:00.000Z"); // the 15th is a Saturday
    expect(at("cron(0 0 ? * 6#3 *)", "2026-12-01T00:00:00Z")).toBe("2026-12-18T00:00:00.000Z"); // third Friday
  });

  it("accepts three-letter names that contain L or W (JUL, WED)", () => {
    expect(nextFireTime(parseCronExpression("cron(0 0 ? JUL WED *)"), new Date("2026-01-01T00:00:00Z"), "UTC")?.toISOString()).toBe(
      "2026-07-01T00:00:00.000Z",
    );
  });
});

describe("matching on the operator's wall clock", () => {
  it("fires settlement at 00:00 Prague on the 1st and the 15th, which is 23:00 UTC the day before in winter", () => {
    expect(cronMatches(settlement, new Date("2026-11-14T23:00:00Z"), prague)).toBe(true);
    expect(cronMatches(settlement, new Date("2026-11-15T00:00:00Z"), prague)).toBe(false);
    expect(cronMatches(settlement, new Date("2026-11-30T23:00:30Z"), prague)).toBe(true);
    expect(cronMatches(settlement, new Date("2026-11-15T23:00:00Z"), prague)).toBe(false);
  });

  it("uses the summer offset in summer (22:00 UTC)", () => {
    expect(cronMatches(settlement, new Date("2026-07-14T22:00:00Z"), prague)).toBe(true);
    expect(cronMatches(settlement, new Date("2026-07-14T23:00:00Z"), prague)).toBe(false);
  });

  it("matches day-of-week with AWS numbering (1 = Sunday)", () => {
    const sundays = parseCronExpression("cron(0 12 ? * 1 *)");
    expect(cronMatches(sundays, new Date("2026-11-22T12:00:00Z"), "UTC")).toBe(true); // a Sunday
    expect(cronMatches(sundays, new Date("2026-11-23T12:00:00Z"), "UTC")).toBe(false);
  });
});

describe("the next run", () => {
  it.each([
    ["2026-11-21T22:51:00Z", "2026-11-30T23:00:00.000Z"], // Saturday evening → 1 December 00:00 Prague
    ["2026-11-14T22:59:59Z", "2026-11-14T23:00:00.000Z"], // one second before the 15th
    ["2026-11-14T23:00:00Z", "2026-11-30T23:00:00.000Z"], // strictly after: not the run that is happening
    ["2026-12-20T10:00:00Z", "2026-12-31T23:00:00.000Z"], // over the year end
    ["2027-02-16T00:00:00Z", "2027-02-28T23:00:00.000Z"], // February: the 1st of March
  ])("after %s the settlement runs at %s", (after, expected) => {
    expect(nextFireTime(settlement, new Date(after), prague)?.toISOString()).toBe(expected);
  });

  it("runs the daily expiry at 00:05 local across the autumn DST change", () => {
    expect(nextFireTime(dailyExpiry, new Date("2026-10-24T12:00:00Z"), prague)?.toISOString()).toBe("2026-10-24T22:05:00.000Z"); // CEST
    expect(nextFireTime(dailyExpiry, new Date("2026-10-25T12:00:00Z"), prague)?.toISOString()).toBe("2026-10-25T23:05:00.000Z"); // CET
  });

  it("skips a wall-clock time that the spring DST change removes", () => {
    const halfPastTwo = parseCronExpression("cron(30 2 * * ? *)");
    // 29 March 2026: Prague jumps from 02:00 to 03:00, so 02:30 does not exist that day.
    expect(nextFireTime(halfPastTwo, new Date("2026-03-28T12:00:00Z"), prague)?.toISOString()).toBe("2026-03-30T00:30:00.000Z");
  });

  it("never fires a schedule pinned to a past year", () => {
    expect(nextFireTime(parseCronExpression("cron(0 0 1 1 ? 2020)"), new Date("2026-01-01T00:00:00Z"), prague)).toBeUndefined();
  });
});
