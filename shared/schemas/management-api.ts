/** The API of manager (agency) links (docs/agencies.md): bodies, paths, queries and responses. */
import * as z from "zod";
import { limits } from "../limits.ts";
import { accountIdSchema, isoDateTimeSchema, pageQueryFields } from "./common.ts";
import { managementAuditItemSchema, managerLinkItemSchema } from "./management-items.ts";

const { expiresInMinutesDefault, expiresInMinutesMax } = limits.managerConsents;

export const createConsentRequestSchema = z
  .strictObject({
    managerAccountId: accountIdSchema.optional().describe("Only this manager may present the token (recommended)."),
    expiresInMinutes: z
      .number()
      .int()
      .min(1)
      .max(expiresInMinutesMax)
      .default(expiresInMinutesDefault)
      .describe(`How long the token is accepted, 1-${expiresInMinutesMax} minutes (default ${expiresInMinutesDefault}).`),
  })
  .describe("All optional; an empty or absent body issues a consent for any manager, for an hour.");

export const consentResponseSchema = z.object({
  consentId: z.string().describe("Names the consent in audit entries."),
  consentToken: z.string().describe("The token to give the manager: shown this once, stored only as its SHA-256 hash."),
  clientAccountId: accountIdSchema,
  managerAccountId: accountIdSchema.optional(),
  expiresAt: isoDateTimeSchema,
});

export const presentConsentRequestSchema = z.strictObject({
  consentToken: z.string().min(1).max(256).describe("The token the client issued (POST /accounts/{accountId}/manager-consents)."),
});

export const managerLinkSchema = managerLinkItemSchema;

export const managerLinkResponseSchema = z.object({
  link: managerLinkSchema,
  changed: z.boolean().describe("false: it was already so (a revocation repeated)."),
});

export const managementListQuerySchema = z.object({
  ...pageQueryFields("Entries"),
});

export const managerLinkPageSchema = z.object({
  accountId: accountIdSchema,
  links: z.array(managerLinkSchema).describe("Active and revoked links, by the other account's id."),
  nextCursor: z.string().optional().meta({ description: "Pass as `cursor` for the next page.", whenAbsent: "the last page" }),
});

export const managementAuditPageSchema = z.object({
  accountId: accountIdSchema,
  entries: z.array(managementAuditItemSchema).describe("Oldest first."),
  nextCursor: z.string().optional().meta({ description: "Pass as `cursor` for the next page.", whenAbsent: "the last page" }),
});

export const managedClientPathSchema = z.object({ accountId: accountIdSchema, clientAccountId: accountIdSchema });
export const clientManagerPathSchema = z.object({ accountId: accountIdSchema, managerAccountId: accountIdSchema });

export type CreateConsentRequest = z.infer<typeof createConsentRequestSchema>;
export type ConsentResponse = z.infer<typeof consentResponseSchema>;
export type ManagementListQuery = z.infer<typeof managementListQuerySchema>;
export type ManagerLinkPage = z.infer<typeof managerLinkPageSchema>;
export type ManagementAuditPage = z.infer<typeof managementAuditPageSchema>;
