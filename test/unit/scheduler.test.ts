import { afterEach, describe, expect, it, vi } from "vitest";
import { schedules } from "../../infra/catalog.ts";
import { scheduledInvocationInput } from "../../infra/constructs/schedules.ts";
import { type ScheduledJobEvent, scheduledJobEvent, startScheduler } from "../../scripts/lib/scheduler.ts";

describe("the scheduled job event", () => {
  it("has exactly the shape the CDK stack's schedules send", () => {
    const scheduledTime = new Date("2026-11-14T23:00:00.000Z");
    const deployed = JSON.parse(
      scheduledInvocationInput("settle-commissions").replace("<aws.scheduler.scheduled-time>", "2026-11-14T23:00:00Z"),
    ) as unknown;
    expect(scheduledJobEvent("settle-commissions", scheduledTime)).toEqual(deployed);
  });
});

describe("the local scheduler", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fires each catalog schedule at its next run in the operator's time zone, with that run's time", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-14T22:58:00Z") }); // 23:58 in Prague, two minutes before the 15th
    const invocations: { functionName: string; event: ScheduledJobEvent }[] = [];
    const scheduler = await startScheduler({
      schedules: schedules.filter((schedule) => schedule.name === "settle-commissions" || schedule.name === "expire-discounts"),
      timeZone: async () => "Europe/Prague",
      invoke: async (functionName, event) => {
        invocations.push({ functionName, event });
      },
    });
    expect(scheduler.planned().map((run) => [run.scheduleName, run.at?.toISOString()])).toEqual([
      ["settle-commissions", "2026-11-14T23:00:00.000Z"],
      ["expire-discounts", "2026-11-14T23:05:00.000Z"],
    ]);

    await vi.advanceTimersByTimeAsync(2 * 60 * 1000);
    expect(invocations).toEqual([
      { functionName: "settle-commissions", event: { scheduleName: "settle-commissions", scheduledTime: "2026-11-14T23:00:00Z" } },
    ]);

    await vi.advanceTimersByTimeAsync(5 * 60 * 1000);
    expect(invocations.map((invocation) => invocation.event)).toEqual([
      { scheduleName: "settle-commissions", scheduledTime: "2026-11-14T23:00:00Z" },
      { scheduleName: "expire-discounts", scheduledTime: "2026-11-14T23:05:00Z" },
    ]);
    // Planned again after firing: the next half-month and the next day.
    expect(scheduler.planned().map((run) => run.at?.toISOString())).toEqual(["2026-11-30T23:00:00.000Z", "2026-11-15T23:05:00.000Z"]);
    await scheduler.stop();
  });

  it("fires the outbox relay every minute, as in AWS, and logs only its failures", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-14T22:58:30Z") });
    const invocations: ScheduledJobEvent[] = [];
    const lines: string[] = [];
    const errors: string[] = [];
    let failNext = false;
    const scheduler = await startScheduler({
      schedules: schedules.filter((schedule) => schedule.name === "relay-outbox"),
      timeZone: async () => "Europe/Prague",
      invoke: async (functionName, event) => {
        expect(functionName).toBe("relay-outbox");
        invocations.push(event);
        if (failNext) throw new Error("queue unreachable");
      },
      log: (line) => lines.push(line),
      logError: (message) => errors.push(message),
    });
    await vi.advanceTimersByTimeAsync(3 * 60 * 1000);
    expect(invocations.map((event) => event.scheduledTime)).toEqual([
      "2026-11-14T22:59:00Z",
      "2026-11-14T23:00:00Z",
      "2026-11-14T23:01:00Z",
    ]);
    expect(lines).toEqual([]);
    failNext = true;
    await vi.advanceTimersByTimeAsync(60 * 1000);
    expect(errors).toEqual(["[schedule] relay-outbox (2026-11-14T23:02:00Z) failed"]);
    await scheduler.stop();
  });

  it("keeps running when a job fails, and fires nothing after stop", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-15T23:04:00Z") });
    const errors: string[] = [];
    let calls = 0;
    const scheduler = await startScheduler({
      schedules: schedules.filter((schedule) => schedule.name === "expire-discounts"),
      timeZone: async () => "Europe/Prague",
      invoke: async () => {
        calls += 1;
        throw new Error("boom");
      },
      logError: (message) => errors.push(message),
    });
    await vi.advanceTimersByTimeAsync(2 * 60 * 1000);
    expect(calls).toBe(1);
    expect(errors).toEqual(["[schedule] expire-discounts (2026-11-15T23:05:00Z) failed"]);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(2 * 24 * 60 * 60 * 1000);
    expect(calls).toBe(1);
  });
});
