/**
 * Shapes of the stored items of partner applications (docs/partners.md): the application itself, the
 * account's membership of the program (the one item that says whether it is a partner, and which
 * application is open), and the registration-id index entry (one per registration id and account).
 * Stores parse what they read with these; the domain derives its types from them.
 */
import * as z from "zod";
import { accountIdSchema, isoDateTimeSchema, programIdSchema } from "./common.ts";

/** `pa_` and 24 hex digits, chosen by the system when the application is submitted. */
export const applicationIdSchema = z
  .string()
  .regex(/^pa_[0-9a-f]{24}$/, "pa_ and 24 hex digits")
  .describe("The application's id: `pa_` and 24 hex digits.");

export const applicationStatuses = ["submitted", "approved", "rejected"] as const;
export const applicationStatusSchema = z.enum(applicationStatuses);

/** The closed list of reasons an operator gives (docs/partners.md, "Reason codes"); `auto_approved` is the system's only. */
export const approvalReasonCodes = ["conditions_met", "operator_discretion", "auto_approved"] as const;
export const rejectionReasonCodes = [
  "conditions_not_met",
  "incomplete_application",
  "registration_id_invalid",
  "duplicate_account",
  "not_a_business",
  "other",
] as const;
export const approvalReasonCodeSchema = z.enum(approvalReasonCodes);
export const rejectionReasonCodeSchema = z.enum(rejectionReasonCodes);

export const decisionNoteSchema = z.string().trim().min(1).max(1000);

/** The registration or VAT id as stored and compared: upper case letters and digits only, 4–32 of them. */
export const normalizedRegistrationIdSchema = z.string().regex(/^[A-Z0-9]{4,32}$/);

/** The fields of an application as stored (each validated against the program's form, the registration id normalized). */
export const applicationFieldsSchema = z.object({
  companyName: z.string().optional().describe("The partner's company name."),
  registrationId: normalizedRegistrationIdSchema
    .optional()
    .describe("The registration or VAT id, normalized: upper case, without spaces, dots, dashes or slashes."),
  website: z.string().optional().describe("The partner's website (http or https)."),
  expectedServices: z.number().int().optional().describe("The number of domains or services the partner expects to manage."),
  note: z.string().optional().describe("Free text for the operator."),
});

export const applicationDecisionSchema = z.object({
  outcome: z.enum(["approved", "rejected"]),
  reasonCode: z.union([approvalReasonCodeSchema, rejectionReasonCodeSchema]).describe("From the closed list of docs/partners.md."),
  note: z.string().optional().describe("The operator's note, for people (sent on the outbound message)."),
  decidedAt: isoDateTimeSchema,
  decidedBy: z.enum(["operator", "auto"]).describe("The operator, or `auto` when the program approves every application."),
});

/**
 * PARTNER_APPLICATION#id / APPLICATION: one application of an account to a partner program. `submitted`
 * until decided, then `approved` or `rejected`, once (on condition it is still submitted). Listed by
 * program and status in gsi1 (the index entry moves when the status changes).
 */
export const applicationItemSchema = z.object({
  applicationId: applicationIdSchema,
  accountId: accountIdSchema,
  programId: programIdSchema,
  status: applicationStatusSchema,
  fields: applicationFieldsSchema,
  submittedAt: isoDateTimeSchema,
  submittedBy: z.enum(["account", "operator"]).describe("Who applied: the account itself, or the operator on its behalf."),
  decision: applicationDecisionSchema.optional().describe("The decision, once there is one."),
});

export const membershipStatusSchema = z.enum(["applicant", "partner", "rejected"]);

/**
 * ACCOUNT#id / PARTNER#program: the account's standing in a partner program (one item per account and
 * program): `applicant` while its application is open, `partner` once approved, `rejected` after a
 * rejection (with the day it may apply again). Written on condition it is still what the writer read.
 */
export const membershipItemSchema = z.object({
  accountId: accountIdSchema,
  programId: programIdSchema,
  status: membershipStatusSchema,
  /** The latest application (the open one while `applicant`). */
  applicationId: applicationIdSchema,
  updatedAt: isoDateTimeSchema,
  approvedAt: isoDateTimeSchema.optional(),
  rejectedAt: isoDateTimeSchema.optional(),
});

/**
 * PARTNER_REGISTRATION#registrationId / ACCOUNT#id: an account applied with this registration id (any
 * program, any outcome). One item per registration id and account, so no item grows with the number of
 * accounts; the accounts sharing an id are a Query of its partition.
 */
export const registrationEntryItemSchema = z.object({
  registrationId: normalizedRegistrationIdSchema,
  accountId: accountIdSchema,
  programId: programIdSchema,
  applicationId: applicationIdSchema,
  appliedAt: isoDateTimeSchema,
});

export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;
export type ApplicationFields = z.infer<typeof applicationFieldsSchema>;
export type ApplicationDecision = z.infer<typeof applicationDecisionSchema>;
export type ApplicationItem = z.infer<typeof applicationItemSchema>;
export type MembershipItem = z.infer<typeof membershipItemSchema>;
export type RegistrationEntryItem = z.infer<typeof registrationEntryItemSchema>;
export type ApprovalReasonCode = z.infer<typeof approvalReasonCodeSchema>;
export type RejectionReasonCode = z.infer<typeof rejectionReasonCodeSchema>;
