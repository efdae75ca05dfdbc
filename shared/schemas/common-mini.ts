/**
 * The building blocks of shared/schemas/common.ts that the zod/mini schemas need, written with zod/mini
 * (shared/schemas/zod-mini-locale.ts): same names, same rules. test/unit/mini-schemas.test.ts checks that
 * each accepts and refuses what its common.ts namesake does.
 */
import "./zod-mini-locale.ts";
import * as z from "zod/mini";

export const accountIdSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z0-9._:@-]+$/, "letters, digits and . _ : @ - only"));

export const programIdSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and dashes"));
