/**
 * Request and response shapes of the partner-application routes (docs/partners.md): POST
 * /accounts/{accountId}/partner-applications (that account or the operator), the operator's GET
 * /partner-applications, GET /partner-applications/{applicationId} and POST …/approval and …/rejection.
 * The edge parses the body with `applicationRequestBodySchema` (every field the product knows, each
 * optional); the use case then parses the fields with `applicationFieldsSchemaFor` the program's form:
 * a field the program does not ask for is refused, a required one must be there.
 */
import * as z from "zod";
import { accountIdSchema, pageQueryFields, programIdSchema } from "./common.ts";
import type { ApplicationFieldName, PartnerProgram } from "./operator-config.ts";
import {
  type ApplicationFields,
  applicationIdSchema,
  applicationItemSchema,
  applicationStatusSchema,
  approvalReasonCodeSchema,
  decisionNoteSchema,
  normalizedRegistrationIdSchema,
  rejectionReasonCodeSchema,
} from "./partner-application-items.ts";

/** Upper case, without spaces, dots, dashes or slashes: `cz 123-456/78` and `CZ12345678` are one id. */
export function normalizeRegistrationId(raw: string): string {
  return raw.toUpperCase().replace(/[\s./-]+/g, "");
}

/** Each field as the form sends it, with its bounds (the same for every program). */
const fieldInputSchemas = {
  companyName: z.string().trim().min(1).max(200).describe("The partner's company name, 1–200 characters."),
  registrationId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .describe(
      "The company's registration or VAT id (`CZ12345678`, `12345678`): stored upper case without spaces, dots, dashes or slashes, then 4–32 letters and digits. The same id on two accounts is flagged to the operator, not refused.",
    ),
  website: z
    .url({ protocol: /^https?$/, hostname: z.regexes.domain })
    .max(500)
    .describe("The partner's website: an http or https URL with a domain name, at most 500 characters."),
  expectedServices: z
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .describe("The number of domains or services the partner expects to manage, 0–10,000,000."),
  note: z.string().trim().min(1).max(2000).describe("Free text for the operator, 1–2,000 characters."),
} as const satisfies Record<ApplicationFieldName, z.ZodType>;

const registrationIdInputSchema = fieldInputSchemas.registrationId
  .transform(normalizeRegistrationId)
  .pipe(normalizedRegistrationIdSchema.describe("4–32 letters and digits once normalized"));

/** The fields of a program's form: those it asks for (required or optional), every other one refused. */
export function applicationFieldsSchemaFor(program: PartnerProgram): z.ZodType<ApplicationFields> {
  const form = program.applicationFields;
  const notAsked = z.undefined({ error: "this program's application does not ask for it" }).optional();
  const field = <T extends z.ZodType>(name: ApplicationFieldName, schema: T) => {
    const requirement = form[name];
    if (requirement === undefined) return notAsked;
    return requirement === "required" ? schema : schema.optional();
  };
  return z.strictObject({
    companyName: field("companyName", fieldInputSchemas.companyName),
    registrationId: field("registrationId", registrationIdInputSchema),
    website: field("website", fieldInputSchemas.website),
    expectedServices: field("expectedServices", fieldInputSchemas.expectedServices),
    note: field("note", fieldInputSchemas.note),
  }) as unknown as z.ZodType<ApplicationFields>;
}

export const applicationRequestBodySchema = z.strictObject({
  programId: programIdSchema.describe("The partner program to apply to (it must have a `partnerProgram` block)."),
  fields: z
    .strictObject({
      companyName: fieldInputSchemas.companyName.optional(),
      registrationId: fieldInputSchemas.registrationId.optional(),
      website: fieldInputSchemas.website.optional(),
      expectedServices: fieldInputSchemas.expectedServices.optional(),
      note: fieldInputSchemas.note.optional(),
    })
    .describe(
      "The form's fields. Which ones the program asks for, and which of them are required, is its configuration (`partnerProgram.applicationFields`): a field it does not ask for is refused.",
    ),
});

export const applicationSchema = applicationItemSchema.describe(
  "An application to a partner program: `submitted`, then `approved` or `rejected` once, with the decision.",
);

/** An application as the operator reads it: with the other accounts that applied with the same registration id. */
export const applicationViewSchema = applicationItemSchema.extend({
  duplicateRegistrationOf: z
    .array(accountIdSchema)
    .describe(
      "Other accounts that applied (to any program, whatever the outcome) with the same normalized registration id: flagged for the operator, never refused. Empty without a registration id or when no other account used it.",
    ),
});

export const applicationResponseSchema = z.object({ application: applicationSchema });
export const applicationViewResponseSchema = z.object({ application: applicationViewSchema });

export const applicationDecisionResponseSchema = z.object({
  application: applicationSchema,
  changed: z.boolean().describe("false when the application already had this decision: nothing changed, nothing was sent."),
});

export const applicationPathSchema = z.object({ applicationId: applicationIdSchema });

export const approvalBodySchema = z.strictObject({
  reasonCode: approvalReasonCodeSchema
    .exclude(["auto_approved"])
    .describe("Why it is approved: `conditions_met` or `operator_discretion` (docs/partners.md)."),
  note: decisionNoteSchema.optional().describe("For people, 1–1,000 characters: sent on partner.application.approved."),
});

export const rejectionBodySchema = z
  .strictObject({
    reasonCode: rejectionReasonCodeSchema.describe("Why it is rejected (docs/partners.md, 'Reason codes')."),
    note: decisionNoteSchema
      .optional()
      .describe("For people, 1–1,000 characters (required with `other`): sent on partner.application.rejected."),
  })
  .refine((body) => body.reasonCode !== "other" || body.note !== undefined, { path: ["note"], message: "required with reasonCode other" });

export const applicationListQuerySchema = z.object({
  programId: programIdSchema.describe("The partner program whose applications to list."),
  status: applicationStatusSchema
    .default("submitted")
    .describe("Only applications in this status (default submitted: the ones to decide)."),
  ...pageQueryFields("Applications"),
});

export const applicationPageSchema = z.object({
  programId: programIdSchema,
  status: applicationStatusSchema,
  applications: z
    .array(applicationViewSchema)
    .describe("Oldest first. Read from an index: an application decided a moment ago may still be listed under its old status."),
  nextCursor: z.string().optional().describe("Present when there may be more."),
});

export type ApplicationRequestBody = z.infer<typeof applicationRequestBodySchema>;
export type ApplicationListQuery = z.infer<typeof applicationListQuerySchema>;
export type ApplicationView = z.infer<typeof applicationViewSchema>;
