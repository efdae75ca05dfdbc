/**
 * The stored items of manager (agency) links (docs/agencies.md): consents, links and audit entries.
 * Each holds account ids, times and ids only: no name, e-mail or other personal data of an end customer,
 * and never a consent token (its SHA-256 hash is the consent's key).
 */
import * as z from "zod";
import { accountIdSchema, isoDateTimeSchema } from "./common.ts";

/** CONSENT#<sha256(token)> / CONSENT: a one-time consent a client issued for a manager to link it. */
export const managerConsentItemSchema = z.object({
  consentId: z.string().describe("`mcn_` and 24 hex digits: names the consent in audit entries (not the token)."),
  clientAccountId: accountIdSchema.describe("The client account that issued it."),
  managerAccountId: accountIdSchema.optional().describe("The only manager that may present it, when the client named one."),
  issuedAt: isoDateTimeSchema,
  expiresAt: isoDateTimeSchema.describe("The first instant it is no longer accepted."),
  usedAt: isoDateTimeSchema.optional().describe("When a manager presented it (it links once)."),
  usedByManagerAccountId: accountIdSchema.optional(),
});

export const managementActorSchema = z
  .enum(["client", "manager", "operator"])
  .describe("Who did it: the client account, the manager account, or the operator.");

/** MANAGEMENT#client / MANAGER#manager and its mirror MANAGEMENT#manager / CLIENT#client: one link, the same fields. */
export const managerLinkItemSchema = z.object({
  managerAccountId: accountIdSchema.describe("The manager (agency) account."),
  clientAccountId: accountIdSchema.describe("The client account it manages."),
  status: z.enum(["active", "revoked"]).describe("active: the manager may use the client's managed routes; revoked: it may not."),
  consentId: z.string().describe("The consent that created the link."),
  linkedAt: isoDateTimeSchema,
  revokedAt: isoDateTimeSchema.optional(),
  revokedBy: managementActorSchema.optional(),
});

/** MANAGEMENT#account / AUDIT#at#entryId: one immutable audit entry; a link or revocation is written under both accounts. */
export const managementAuditItemSchema = z.object({
  entryId: z.string().describe("`mau_` and 24 hex digits; the same under both accounts of one event."),
  kind: z
    .enum(["consent_issued", "link_created", "link_revoked"])
    .describe("consent_issued: a client issued a consent; link_created: a manager presented it (the consent is used); link_revoked."),
  at: isoDateTimeSchema,
  clientAccountId: accountIdSchema,
  managerAccountId: accountIdSchema.optional().describe("Absent on a consent issued for any manager."),
  consentId: z.string(),
  actor: managementActorSchema,
});

export type ManagerConsentItem = z.infer<typeof managerConsentItemSchema>;
export type ManagerLinkItem = z.infer<typeof managerLinkItemSchema>;
export type ManagementAuditItem = z.infer<typeof managementAuditItemSchema>;
export type ManagementActor = z.infer<typeof managementActorSchema>;
