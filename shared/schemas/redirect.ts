/**
 * What the referral link's route (GET|HEAD /r/{link+}: the code, then an optional deep path) accepts. A module of its
 * own because the redirect function, the hot public path, imports it: the other routes' schemas stay
 * out of its bundle. shared/schemas/api.ts re-exports both for the route registry and the OpenAPI
 * document. Written with zod/mini (shared/schemas/zod-mini-locale.ts), like everything the redirect parses.
 */
import "./zod-mini-locale.ts";
import * as z from "zod/mini";
import { limits } from "../limits.ts";

export const redirectPathSchema = z.object({
  link: z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(limits.referralCodeLengthMax * 4 + limits.deepLinkPathLengthMax),
      z.describe(
        "The referral code (case-insensitive, Crockford base32), optionally followed by `/` and a deep link: the page of the operator's site to land on (may contain slashes). Read as people paste it: a trailing slash, sentence punctuation after the link (`ABC123.`), invisible characters and percent-encoding are ignored. An unknown or disabled code, or a path that could leave the operator's hosts, redirects to the home page.",
      ),
    ),
});

/** The link's query is passed on to the destination; only its length is bounded. */
export const redirectQuerySchema = z
  .optional(z.record(z.string(), z.string()))
  .check(
    z.describe(
      "Any query parameters; they are kept on the destination. Paid-advertising parameters (gclid, gbraid, wbraid, msclkid, dclid, yclid, ttclid, ... or utm_medium=cpc/ppc/paid/display) mark the click as not counted.",
    ),
  );
