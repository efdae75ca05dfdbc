/**
 * The redirect's view of the stored operator configuration: the site, the time zone and each program's
 * link settings, all the redirect reads. The full schema (shared/schemas/operator-config.ts) validates the
 * configuration on every write; the redirect parses only this slice, with zod/mini, so its bundle
 * carries neither full zod nor the rules of rewards it never applies. The site is checked as strictly as
 * the full schema checks it (the redirect's safety rests on it); the rest of the configuration is
 * ignored. test/unit/mini-schemas.test.ts checks that the view accepts and refuses what the full schema
 * does on the fields it reads.
 */
import "./zod-mini-locale.ts";
import * as z from "zod/mini";
import { isValidTimeZone } from "../validators.ts";
import { programIdSchema } from "./common-mini.ts";

const hostSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(253),
    z.regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, "a lower-case host name"),
  );

export const redirectConfigSchema = z
  .object({
    timeZone: z.string().check(z.refine(isValidTimeZone, "an IANA time zone such as Europe/Prague")),
    site: z.strictObject({
      baseUrl: z.url({ protocol: /^https?$/ }),
      allowedHosts: z.array(hostSchema).check(z.minLength(1), z.maxLength(50)),
      cookieDomain: z.optional(hostSchema),
    }),
    programs: z
      .array(
        z.object({
          programId: programIdSchema,
          status: z.enum(["active", "paused"]),
          attribution: z.object({ links: z.boolean() }),
        }),
      )
      .check(z.minLength(1), z.maxLength(50)),
  })
  .check(
    z.superRefine((config, context) => {
      // A base URL that is no URL has its issue already; checks run on (refinements see) the value regardless.
      if (!URL.canParse(config.site.baseUrl)) return;
      const baseHost = new URL(config.site.baseUrl).hostname;
      if (!config.site.allowedHosts.includes(baseHost))
        context.addIssue({ code: "custom", path: ["site", "allowedHosts"], message: `must include the base URL's host ${baseHost}` });
    }),
  );

export type RedirectConfig = z.infer<typeof redirectConfigSchema>;
