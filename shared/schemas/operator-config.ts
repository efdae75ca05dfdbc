/**
 * The operator's configuration: its site, its time zone and every program it runs. Program rules are
 * data validated here, never special code: the five presets in shared/domain/program-presets.ts are
 * instances of this schema.
 */
import * as z from "zod";
import { isValidTimeZone } from "../validators.ts";
import { categorySchema, programIdSchema, rateBpsSchema } from "./common.ts";

export const rewardRecurrenceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("first_payment") }).describe("Only the referred customer's first paid invoice or recharge earns."),
  z
    .object({ kind: z.literal("months"), months: z.number().int().min(1).max(120) })
    .describe("Payments within N months of the first one earn."),
  z.object({ kind: z.literal("lifetime") }).describe("Every payment earns, for life."),
]);

export const rewardRuleSchema = z.strictObject({
  ruleId: z.string().min(1).max(64),
  /** Which billing event earns: a paid invoice, or a completed prepaid recharge. */
  trigger: z.enum(["invoice.paid", "recharge.completed"]),
  rateBps: rateBpsSchema,
  /**
   * account_credit: posted at once as credit and sent to the billing system (Ex2).
   * commission: accrued as pending in the half-month period, made available by settlement (Zadarma).
   */
  payoutAs: z.enum(["account_credit", "commission"]),
  recurrence: rewardRecurrenceSchema,
  /** Invoice line categories that never earn. */
  excludedCategories: z.array(categorySchema).max(50).default([]),
});

/**
 * A program holds only settings that code reads. Blocks for mechanics not built yet (commission tiers,
 * payout policy, referee and referrer discounts, the partner program's levels, linked accounts) come
 * back with the issue that implements them; until then a configuration that carries one is refused
 * (strict objects), so no operator believes a setting is in force when nothing reads it.
 */
export const programSchema = z.strictObject({
  programId: programIdSchema,
  name: z.string().min(1).max(100),
  status: z.enum(["active", "paused"]),
  attribution: z.strictObject({
    /** Referral links (/r/{code}) count clicks and attribute sign-ups. */
    links: z.boolean(),
    /** Invite codes may be entered within this many months after registration (t2: 1). Absent: at sign-up only. */
    codeEntryWindowMonths: z.number().int().min(1).max(24).optional(),
  }),
  rewards: z.array(rewardRuleSchema).max(20).default([]),
});

const hostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, "a lower-case host name");

export const operatorConfigSchema = z
  .strictObject({
    operatorId: programIdSchema,
    name: z.string().min(1).max(100),
    timeZone: z.string().refine(isValidTimeZone, "an IANA time zone such as Europe/Prague"),
    site: z.strictObject({
      /** Home page; unknown or disabled codes land here. */
      baseUrl: z.url({ protocol: /^https?$/ }),
      /** The only hosts a redirect may reach. */
      allowedHosts: z.array(hostSchema).min(1).max(50),
      /** Set the referral cookie when the redirect host is this domain or under it. */
      cookieDomain: hostSchema.optional(),
    }),
    defaultProgramId: programIdSchema,
    programs: z.array(programSchema).min(1).max(50),
  })
  .superRefine((config, context) => {
    const ids = new Set<string>();
    for (const program of config.programs) {
      if (ids.has(program.programId))
        context.addIssue({ code: "custom", path: ["programs"], message: `duplicate programId ${program.programId}` });
      ids.add(program.programId);
    }
    if (!ids.has(config.defaultProgramId))
      context.addIssue({ code: "custom", path: ["defaultProgramId"], message: "must name one of the programs" });
    const baseHost = new URL(config.site.baseUrl).hostname;
    if (!config.site.allowedHosts.includes(baseHost))
      context.addIssue({ code: "custom", path: ["site", "allowedHosts"], message: `must include the base URL's host ${baseHost}` });
  });

export type RewardRule = z.infer<typeof rewardRuleSchema>;
export type Program = z.infer<typeof programSchema>;
export type OperatorConfig = z.infer<typeof operatorConfigSchema>;
export type OperatorConfigInput = z.input<typeof operatorConfigSchema>;
