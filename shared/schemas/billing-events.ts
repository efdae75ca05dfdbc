/**
 * The messages the operator's billing system sends to the billing-events queue, versioned and
 * validated with zod. docs/events.md shows an example of each.
 *
 * Every message is an envelope `{ eventId, type, version, occurredAt, data }`. `eventId` is the
 * idempotency key of the effect (unique across all types, kept forever); `type` and `version` pick the
 * schema of `data`. A message whose type or version is unknown, or whose envelope or data do not
 * validate, can never succeed: `parseBillingEvent` throws a PermanentMessageError naming the reason,
 * and the consumer moves it to the dead-letter queue without retrying it.
 *
 * Adding a version: add `v2` next to `v1` in `billingEventSchemas`, keep `v1` until no producer sends
 * it. A version is a new shape of `data`; it never changes what an older version means.
 */
import * as z from "zod";
import { PermanentMessageError } from "../errors.ts";
import { limits } from "../limits.ts";
import { accountIdSchema, amountMinorSchema, categorySchema, currencySchema, isoDateTimeSchema } from "./common.ts";

/** The billing system's own ids (event, invoice, refund, recharge, service). */
export const externalIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/, "letters, digits and . _ : @ - only");

const positiveAmountMinorSchema = amountMinorSchema.min(1);

export const invoiceLineSchema = z.object({
  sku: z.string().min(1).max(64).describe("The billing system's product code."),
  category: categorySchema.describe("Program rules exclude lines by category (t2: `sms_package`)."),
  amountMinor: amountMinorSchema.describe("What the customer paid for the line."),
  purchaseCostMinor: amountMinorSchema
    .optional()
    .meta({ description: "What the operator paid for it (ACTIVE 24's price floor).", whenAbsent: "no price floor applies to the line" }),
});

export const paymentMethodSchema = z.enum(["card", "bank_transfer", "deposit", "direct_debit", "wallet", "other"]);

/** A customer account was created. `promoEndsAt` starts t2's referee discount; e-mail and fingerprint are stored only as keyed hashes. */
export const accountRegisteredV1Schema = z.object({
  accountId: accountIdSchema.describe("The new customer account."),
  registeredAt: isoDateTimeSchema.describe("When the account was created; stored on the account profile."),
  displayName: z.string().trim().min(1).max(200).optional().meta({
    description:
      "The client's name as the operator shows it (a company or person); stored on the account profile and shown to its referrer in GET /accounts/{id}/referrals.",
    whenAbsent: "the referrer's list shows the client id only",
  }),
  promoEndsAt: isoDateTimeSchema.optional().meta({
    description: "The end of the account's promotional period (t2: the referee discount starts there); stored on the account profile.",
    whenAbsent: "no promotional period is stored",
  }),
  email: z.email().max(254).optional().meta({
    description: "Stored only as a keyed hash (HMAC with `HASH_SALT`), for the self-referral rule.",
    whenAbsent: "self-referral by e-mail is checked only when `POST /attributions` carries one",
  }),
  paymentFingerprint: z.string().min(1).max(256).optional().meta({
    description: "A card or payment-account fingerprint; stored only as a keyed hash, for the self-referral rule.",
    whenAbsent: "self-referral by fingerprint is checked only when `POST /attributions` carries one",
  }),
});

/** An invoice was issued. It earns nothing: rewards follow paid invoices only (Sparrow's rule). */
export const invoiceIssuedV1Schema = z.object({
  invoiceId: externalIdSchema.describe("The billing system's invoice id."),
  accountId: accountIdSchema.describe("The billed customer."),
  currency: currencySchema,
  totalMinor: amountMinorSchema.describe("The invoice total."),
  issuedAt: isoDateTimeSchema.describe("When the invoice was issued."),
});

/** An invoice was paid (booked). `accountId` is the billed customer; the payer may be another account (an agency, a reseller). */
export const invoicePaidV1Schema = z
  .object({
    invoiceId: externalIdSchema.describe("The billing system's invoice id: a payment earns once per invoice, whatever the event id."),
    accountId: accountIdSchema.describe("The billed customer, whose referral decides who earns."),
    currency: currencySchema,
    lines: z
      .array(invoiceLineSchema)
      .min(1)
      .max(limits.invoiceLinesMax)
      .describe(
        `The invoice's lines (the fields of a line: \`lines[].…\`); their sum, the invoice total, is at most ${limits.amountMinorMax.toLocaleString("en-US")} (over it: \`validation_failed\`).`,
      ),
    payerAccountId: accountIdSchema.describe(
      "Who paid: the customer's own id when it paid itself, or another account (an agency, a reseller). Required.",
    ),
    administratorAccountId: accountIdSchema.describe("Who manages the service: the customer's own id when it manages it itself. Required."),
    paymentMethod: paymentMethodSchema.describe("How the invoice was paid."),
    paidAt: isoDateTimeSchema.describe("When the payment was booked: the booking time rules use (first payment, months N, period)."),
  })
  .refine((invoice) => invoice.lines.reduce((sum, line) => sum + line.amountMinor, 0) <= limits.amountMinorMax, {
    path: ["lines"],
    message: "the invoice total is over the amount limit",
  });

/** A full or partial refund of a paid invoice; several partial refunds may follow one another. */
export const invoiceRefundedV1Schema = z.object({
  refundId: externalIdSchema.describe("The billing system's refund id: a refund claws back once, whatever the event id."),
  invoiceId: externalIdSchema.describe("The refunded invoice."),
  accountId: accountIdSchema.describe("The invoice's customer: finds its referral when the invoice has not arrived yet."),
  currency: currencySchema.describe("Must be the invoice's currency."),
  amountMinor: positiveAmountMinorSchema.describe("The amount refunded by this refund (not the running total)."),
  refundedAt: isoDateTimeSchema.describe("When the refund was booked."),
});

/** A card or bank chargeback of a paid invoice or of a recharge (exactly one of the two ids). */
export const chargebackV1Schema = z
  .object({
    chargebackId: externalIdSchema.describe("The billing system's chargeback id: a chargeback claws back once, whatever the event id."),
    invoiceId: externalIdSchema
      .optional()
      .meta({ description: "The charged-back invoice.", whenAbsent: "`rechargeId` must be given (exactly one of the two)" }),
    rechargeId: externalIdSchema
      .optional()
      .meta({ description: "The charged-back recharge.", whenAbsent: "`invoiceId` must be given (exactly one of the two)" }),
    accountId: accountIdSchema.describe("The payment's customer."),
    currency: currencySchema.describe("Must be the payment's currency."),
    amountMinor: positiveAmountMinorSchema.describe("The amount charged back."),
    chargedBackAt: isoDateTimeSchema.describe("When the chargeback was booked."),
  })
  .refine((chargeback) => (chargeback.invoiceId === undefined) !== (chargeback.rechargeId === undefined), {
    path: ["invoiceId"],
    message: "give exactly one of invoiceId or rechargeId",
  });

/** A prepaid top-up was completed (Zadarma). */
export const rechargeCompletedV1Schema = z.object({
  rechargeId: externalIdSchema.describe("The billing system's recharge id: a recharge earns once, whatever the event id."),
  accountId: accountIdSchema.describe("The customer whose prepaid balance was topped up."),
  amountMinor: positiveAmountMinorSchema.describe("The amount topped up."),
  currency: currencySchema,
  paymentMethod: paymentMethodSchema
    .optional()
    .meta({ description: "How the top-up was paid.", whenAbsent: "unknown; no rule of the five programs reads it" }),
  completedAt: isoDateTimeSchema.describe("When the top-up was booked: places it in its half-month period (operator time zone)."),
});

/** The payer of a service changed (ACTIVE 24: a partner's discount applies where it is the payer). */
export const servicePayerChangedV1Schema = z.object({
  serviceId: externalIdSchema.describe("The billing system's service id (a domain, a hosting plan)."),
  administratorAccountId: accountIdSchema.describe("The account that manages the service."),
  previousPayerAccountId: accountIdSchema.describe("Who paid for the service until now."),
  payerAccountId: accountIdSchema.describe("Who pays for the service from `changedAt` on."),
  changedAt: isoDateTimeSchema.describe("When the payer changed."),
});

/** A service started (ACTIVE 24: a partner's level counts the active services it pays for). */
export const serviceActivatedV1Schema = z.object({
  serviceId: externalIdSchema.describe("The billing system's service id (a domain, a hosting plan)."),
  category: categorySchema.describe("The service's product category (`domain`, `hosting`, ...): recorded with it."),
  administratorAccountId: accountIdSchema.describe("The account that manages the service."),
  payerAccountId: accountIdSchema.describe("Who pays for the service from `activatedAt` on."),
  activatedAt: isoDateTimeSchema.describe("When the service started."),
});

/** A service ended (cancelled, expired, transferred away): it no longer counts for its payer's partner level. */
export const serviceCancelledV1Schema = z.object({
  serviceId: externalIdSchema.describe("The billing system's service id."),
  administratorAccountId: accountIdSchema.describe("The account that managed the service."),
  cancelledAt: isoDateTimeSchema.describe("When the service ended."),
});

/** Money a partner paid into its prepaid deposit (ACTIVE 24); the deposit must have been enabled for it. */
export const depositToppedUpV1Schema = z.object({
  topUpId: externalIdSchema.describe("The billing system's top-up id: a top-up is credited once, whatever the event id."),
  accountId: accountIdSchema.describe("The partner whose deposit was topped up."),
  amountMinor: positiveAmountMinorSchema.describe("The amount paid in."),
  currency: currencySchema.describe("The deposit's currency (the one it was enabled in)."),
  paidAt: isoDateTimeSchema.describe("When the money arrived: the movement's time on the deposit and its monthly statement."),
});

/** Every known message type and version, and the schema of its `data`. */
export const billingEventSchemas = {
  "account.registered": { 1: accountRegisteredV1Schema },
  "invoice.issued": { 1: invoiceIssuedV1Schema },
  "invoice.paid": { 1: invoicePaidV1Schema },
  "invoice.refunded": { 1: invoiceRefundedV1Schema },
  chargeback: { 1: chargebackV1Schema },
  "recharge.completed": { 1: rechargeCompletedV1Schema },
  "service.payer_changed": { 1: servicePayerChangedV1Schema },
  "service.activated": { 1: serviceActivatedV1Schema },
  "service.cancelled": { 1: serviceCancelledV1Schema },
  "deposit.topped_up": { 1: depositToppedUpV1Schema },
} as const;

export type BillingEventType = keyof typeof billingEventSchemas;
export const billingEventTypes = Object.keys(billingEventSchemas) as BillingEventType[];

export const billingEventEnvelopeSchema = z.object({
  eventId: externalIdSchema,
  type: z.string().min(1).max(64),
  version: z.number().int().min(1).max(1_000),
  /** When the business event happened in the billing system (informational; the data carries the booking times). */
  occurredAt: isoDateTimeSchema,
  data: z.unknown(),
});

type Envelope<Type extends BillingEventType, Data> = {
  readonly eventId: string;
  readonly type: Type;
  readonly version: 1;
  readonly occurredAt: string;
  readonly data: Data;
};

export type AccountRegistered = Envelope<"account.registered", z.infer<typeof accountRegisteredV1Schema>>;
export type InvoiceIssued = Envelope<"invoice.issued", z.infer<typeof invoiceIssuedV1Schema>>;
export type InvoicePaid = Envelope<"invoice.paid", z.infer<typeof invoicePaidV1Schema>>;
export type InvoiceRefunded = Envelope<"invoice.refunded", z.infer<typeof invoiceRefundedV1Schema>>;
export type Chargeback = Envelope<"chargeback", z.infer<typeof chargebackV1Schema>>;
export type RechargeCompleted = Envelope<"recharge.completed", z.infer<typeof rechargeCompletedV1Schema>>;
export type ServicePayerChanged = Envelope<"service.payer_changed", z.infer<typeof servicePayerChangedV1Schema>>;
export type ServiceActivated = Envelope<"service.activated", z.infer<typeof serviceActivatedV1Schema>>;
export type ServiceCancelled = Envelope<"service.cancelled", z.infer<typeof serviceCancelledV1Schema>>;
export type DepositToppedUp = Envelope<"deposit.topped_up", z.infer<typeof depositToppedUpV1Schema>>;

export type BillingEvent =
  | AccountRegistered
  | InvoiceIssued
  | InvoicePaid
  | InvoiceRefunded
  | Chargeback
  | RechargeCompleted
  | ServicePayerChanged
  | ServiceActivated
  | ServiceCancelled
  | DepositToppedUp;

/** What a producer sends (the same shape; schemas have no defaults or transforms). */
export type BillingEventInput = BillingEvent;

function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${[prefix, ...issue.path.map(String)].join(".")}: ${issue.message}`)
    .join("; ");
}

/** The event id of a message body, when it has a readable one: a rejected message still names its event. */
export function eventIdOfBody(body: string): string | undefined {
  try {
    const parsed = z.object({ eventId: externalIdSchema }).safeParse(JSON.parse(body));
    return parsed.success ? parsed.data.eventId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parses a queue message body into a typed billing event, or throws a PermanentMessageError whose code
 * is the dead-letter reason: validation_failed (not JSON, bad envelope, bad data), unknown_event_type,
 * unsupported_event_version.
 */
export function parseBillingEvent(body: string): BillingEvent {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new PermanentMessageError("validation_failed", "the message body is not JSON");
  }
  const envelope = billingEventEnvelopeSchema.safeParse(json);
  if (!envelope.success)
    throw new PermanentMessageError("validation_failed", `invalid envelope: ${describeIssues(envelope.error, "message")}`);
  const { type, version } = envelope.data;
  if (!Object.hasOwn(billingEventSchemas, type)) throw new PermanentMessageError("unknown_event_type", `unknown event type "${type}"`);
  const versions: Record<number, z.ZodType> = billingEventSchemas[type as BillingEventType];
  const dataSchema = versions[version];
  if (!dataSchema)
    throw new PermanentMessageError(
      "unsupported_event_version",
      `${type} has no version ${version} (known: ${Object.keys(versions).join(", ")})`,
    );
  const data = dataSchema.safeParse(envelope.data.data);
  if (!data.success)
    throw new PermanentMessageError("validation_failed", `invalid ${type} v${version}: ${describeIssues(data.error, "data")}`);
  return { ...envelope.data, data: data.data } as BillingEvent;
}

/** The account whose events must be applied in arrival order: the customer the event is about. */
export function orderingAccountOf(event: BillingEvent): string {
  switch (event.type) {
    case "service.payer_changed":
    case "service.activated":
    case "service.cancelled":
      return event.data.administratorAccountId;
    default:
      return event.data.accountId;
  }
}
