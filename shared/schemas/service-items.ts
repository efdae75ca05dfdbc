/**
 * Shapes of the stored facts about a customer's services (a domain, a hosting plan), as the billing
 * system reports them. Stores parse what they read with these schemas.
 */
import * as z from "zod";
import { externalIdSchema } from "./billing-events.ts";
import { accountIdSchema, isoDateTimeSchema } from "./common.ts";

/**
 * SERVICE#serviceId / PAYER#changedAt#eventId: one `service.payer_changed`, written once with its event's
 * idempotency record and never changed. The payer at a time is the newest change at or before it.
 */
export const servicePayerChangeItemSchema = z.object({
  serviceId: externalIdSchema,
  payerAccountId: accountIdSchema,
  /** Absent on the payer an activation recorded (the service had none before). */
  previousPayerAccountId: accountIdSchema.optional(),
  administratorAccountId: accountIdSchema,
  /** When the change took effect, as UTC ISO with milliseconds (what the sort key holds). */
  changedAt: isoDateTimeSchema,
  sourceEventId: externalIdSchema,
});

export type ServicePayerChangeItem = z.infer<typeof servicePayerChangeItemSchema>;

/**
 * SERVICE#serviceId / STATUS#at#eventId: one `service.activated` or `service.cancelled`, written once with its event's
 * idempotency record. The service is active at a time when the newest change at or before it is an activation.
 */
export const serviceStatusChangeItemSchema = z.object({
  serviceId: externalIdSchema,
  status: z.enum(["active", "cancelled"]),
  /** The service's category, from its activation. */
  category: z.string().optional(),
  /** When the change took effect, as UTC ISO with milliseconds (what the sort key holds). */
  at: isoDateTimeSchema,
  sourceEventId: externalIdSchema,
});

export type ServiceStatusChangeItem = z.infer<typeof serviceStatusChangeItemSchema>;
