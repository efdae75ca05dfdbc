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
  previousPayerAccountId: accountIdSchema,
  administratorAccountId: accountIdSchema,
  /** When the change took effect, as UTC ISO with milliseconds (what the sort key holds). */
  changedAt: isoDateTimeSchema,
  sourceEventId: externalIdSchema,
});

export type ServicePayerChangeItem = z.infer<typeof servicePayerChangeItemSchema>;
