import { describe, expect, it } from "vitest";
import { bookingTimeRejection, bookingTimesOf, implausibleBookingTime } from "../../shared/domain/booking-time.ts";
import { limits } from "../../shared/limits.ts";
import {
  accountRegistered,
  chargeback,
  invoiceIssued,
  invoicePaid,
  invoiceRefunded,
  rechargeCompleted,
  servicePayerChanged,
} from "../support/billing-event-builders.ts";

const now = new Date("2026-03-14T10:00:00.000Z");
const at = (milliseconds: number) => new Date(now.getTime() + milliseconds);
const skewMilliseconds = limits.bookingTimeFutureSkewSeconds * 1000;
const horizonMilliseconds = limits.bookingTimeHorizonDays * 24 * 60 * 60 * 1000;

describe("plausible booking times", () => {
  it("are 24 h into the future and 400 days into the past at most", () => {
    expect(limits.bookingTimeFutureSkewSeconds).toBe(24 * 60 * 60);
    expect(limits.bookingTimeHorizonDays).toBe(400);
  });

  it.each([
    ["now", 0, undefined],
    ["exactly the skew ahead", skewMilliseconds, undefined],
    ["one millisecond past the skew", skewMilliseconds + 1, "booking_time_in_future"],
    ["2099-01-01", new Date("2099-01-01T00:00:00.000Z").getTime() - now.getTime(), "booking_time_in_future"],
    ["exactly the horizon back", -horizonMilliseconds, undefined],
    ["one millisecond before the horizon", -horizonMilliseconds - 1, "booking_time_too_old"],
    ["1970-01-01", -now.getTime(), "booking_time_too_old"],
  ])("%s → %s", (_, offset, expected) => {
    expect(bookingTimeRejection(at(offset), now)).toBe(expected);
  });

  it("checks the business time of every event that books money, and of a registration", () => {
    const accountId = "booking-1";
    expect(bookingTimesOf(invoicePaid({ accountId, paidAt: "2026-03-10T09:00:00.000Z" })).map((time) => time.field)).toEqual(["paidAt"]);
    expect(bookingTimesOf(rechargeCompleted({ accountId })).map((time) => time.field)).toEqual(["completedAt"]);
    expect(bookingTimesOf(invoiceRefunded({ accountId, invoiceId: "i", amountMinor: 1 })).map((time) => time.field)).toEqual([
      "refundedAt",
    ]);
    expect(bookingTimesOf(chargeback({ accountId, invoiceId: "i", amountMinor: 1 })).map((time) => time.field)).toEqual(["chargedBackAt"]);
    expect(bookingTimesOf(accountRegistered({ accountId })).map((time) => time.field)).toEqual(["registeredAt"]);
    expect(bookingTimesOf(invoiceIssued({ accountId }))).toEqual([]);
    expect(bookingTimesOf(servicePayerChanged({ administratorAccountId: accountId, payerAccountId: "p" }))).toEqual([]);
  });

  it("names the field and the rejection of an implausible event, and nothing for a plausible one", () => {
    expect(implausibleBookingTime(rechargeCompleted({ accountId: "booking-2", completedAt: "2099-01-01T00:00:00.000Z" }), now)).toEqual({
      field: "completedAt",
      at: new Date("2099-01-01T00:00:00.000Z"),
      rejection: "booking_time_in_future",
    });
    expect(implausibleBookingTime(invoicePaid({ accountId: "booking-3", paidAt: "2024-01-01T00:00:00.000Z" }), now)).toMatchObject({
      field: "paidAt",
      rejection: "booking_time_too_old",
    });
    expect(implausibleBookingTime(invoicePaid({ accountId: "booking-4" }), now)).toBeUndefined();
    // A promotion ends in the future: not a booking time.
    expect(
      implausibleBookingTime(accountRegistered({ accountId: "booking-5", promoEndsAt: "2027-03-01T00:00:00.000Z" }), now),
    ).toBeUndefined();
  });
});
