/**
 * The stored widget credentials (shared/data/widget-credential-store.ts): WIDGET_TOKEN#<hash> and
 * WIDGET_SESSION#<hash>, each expiring by TTL. Only the SHA-256 of a secret is a key; the secret itself is never stored.
 */
import * as z from "zod";
import { accountIdSchema, isoDateTimeSchema, programIdSchema } from "./common.ts";

export const widgetTokenItemSchema = z.object({
  tokenHash: z.string(),
  accountId: accountIdSchema,
  programId: programIdSchema,
  locale: z.string(),
  issuedAt: isoDateTimeSchema,
  expiresAt: isoDateTimeSchema,
  exchangedAt: isoDateTimeSchema.optional(),
});

export const widgetSessionItemSchema = z.object({
  sessionHash: z.string(),
  accountId: accountIdSchema,
  programId: programIdSchema,
  locale: z.string(),
  origin: z.string(),
  openedAt: isoDateTimeSchema,
  expiresAt: isoDateTimeSchema,
});
