/**
 * Plausible booking times. A billing event that books money (or sets the registration a window counts
 * from) carries the business time it happened at; a time far in the future (`completedAt: 2099-01-01`)
 * or far in the past is a producer's bug, not a booking, and would accrue in a period no settlement
 * ever reaches. Such an event can never apply: the consumer dead-letters it with the reason named here.
 *
 * - more than `limits.bookingTimeFutureSkewSeconds` (24 h) after the clock: `booking_time_in_future`;
 * - more than `limits.bookingTimeHorizonDays` (400 days) before the clock: `booking_time_too_old`.
 *
 * Both bounds are inclusive (exactly 24 h ahead or 400 days back is accepted). Pure: the caller passes
 * the clock's time.
 */
import { limits } from "../limits.ts";
import type { BillingEvent } from "../schemas/billing-events.ts";

export type BookingTimeRejection = "booking_time_in_future" | "booking_time_too_old";

export interface BookingTime {
  /** The data field the time comes from, for the dead-letter detail. */
  readonly field: string;
  readonly at: Date;
}

const dayMilliseconds = 24 * 60 * 60 * 1000;

/** The business times of an event that the ledger books by; none for events that book nothing. */
export function bookingTimesOf(event: BillingEvent): readonly BookingTime[] {
  switch (event.type) {
    case "invoice.paid":
      return [{ field: "paidAt", at: new Date(event.data.paidAt) }];
    case "recharge.completed":
      return [{ field: "completedAt", at: new Date(event.data.completedAt) }];
    case "invoice.refunded":
      return [{ field: "refundedAt", at: new Date(event.data.refundedAt) }];
    case "chargeback":
      return [{ field: "chargedBackAt", at: new Date(event.data.chargedBackAt) }];
    case "deposit.topped_up":
      return [{ field: "paidAt", at: new Date(event.data.paidAt) }];
    case "account.registered":
      // promoEndsAt is not a booking time: a promotion legitimately ends in the future.
      return [{ field: "registeredAt", at: new Date(event.data.registeredAt) }];
    case "invoice.issued":
    case "service.payer_changed":
    case "service.activated":
    case "service.cancelled":
      // A service's times date its history (who paid, whether it was active), they book no money.
      return [];
  }
}

/** Why a booking time is implausible at `now`, or undefined when it is within the bounds. */
export function bookingTimeRejection(at: Date, now: Date): BookingTimeRejection | undefined {
  if (at.getTime() > now.getTime() + limits.bookingTimeFutureSkewSeconds * 1000) return "booking_time_in_future";
  if (at.getTime() < now.getTime() - limits.bookingTimeHorizonDays * dayMilliseconds) return "booking_time_too_old";
  return undefined;
}

/** The first implausible booking time of an event, with its field, or undefined when all are plausible. */
export function implausibleBookingTime(
  event: BillingEvent,
  now: Date,
): (BookingTime & { readonly rejection: BookingTimeRejection }) | undefined {
  for (const time of bookingTimesOf(event)) {
    const rejection = bookingTimeRejection(time.at, now);
    if (rejection) return { ...time, rejection };
  }
  return undefined;
}
