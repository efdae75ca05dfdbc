/**
 * Importing referrals from another system (the operator CLI's `referrals import`): each CSV row is a
 * referral the other system recorded, `refereeAccountId,referrerAccountId,programId,attributedAt`. A row
 * is applied as POST /attributions would apply the referrer's invite code backdated to `attributedAt`
 * (the same use case, so the same rules: first wins, no self-referral, the program must take codes, a
 * known registration's code-entry window, nothing after now): the referrer's code in the program is
 * read, or made on first use as GET /accounts/{id}/referral does. Re-running an import changes nothing:
 * every row already applied comes back `unchanged`.
 */
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { ReferralStore } from "../../shared/data/referral-store.ts";
import type { RandomBytes } from "../../shared/domain/referral-code.ts";
import { DomainError } from "../../shared/errors.ts";
import { accountIdSchema, isoDateTimeSchema, programIdSchema } from "../../shared/schemas/common.ts";
import { attributeSignUp } from "../../shared/use-cases/attribute-sign-up.ts";
import { ensureReferralLink } from "../../shared/use-cases/ensure-referral-link.ts";
import type { AttributionDependencies } from "../../shared/use-cases/referral-dependencies.ts";
import { CommandFailedError } from "./context.ts";

export const importColumns = ["refereeAccountId", "referrerAccountId", "programId", "attributedAt"] as const;

export const importRowSchema = z.strictObject({
  refereeAccountId: accountIdSchema,
  referrerAccountId: accountIdSchema,
  programId: programIdSchema,
  attributedAt: isoDateTimeSchema,
});

export type ImportRow = z.infer<typeof importRowSchema>;

/** What became of one row: `line` is the CSV line it was on (the header is line 1). */
export type RowOutcome =
  | { readonly line: number; readonly outcome: "created" | "unchanged"; readonly refereeAccountId: string }
  | {
      readonly line: number;
      readonly outcome: "conflict";
      readonly refereeAccountId: string;
      /** The referrer the account already has (first wins: the existing referral stays). */
      readonly existingReferrerAccountId: string;
    }
  | {
      readonly line: number;
      readonly outcome: "refused" | "invalid";
      readonly refereeAccountId?: string;
      readonly code: string;
      readonly message: string;
    };

export interface ParsedImport {
  readonly rows: readonly { readonly line: number; readonly row: ImportRow }[];
  readonly invalid: readonly RowOutcome[];
}

/** Reads the CSV (RFC 4180, header required, extra columns refused) and validates every row. */
export function parseImport(text: string): ParsedImport {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  } catch (error) {
    throw new CommandFailedError("import_unreadable", `the file is not CSV with a header line: ${(error as Error).message}`);
  }
  const header = records.length > 0 ? Object.keys(records[0]!) : [];
  const missing = importColumns.filter((column) => !header.includes(column));
  if (records.length > 0 && missing.length > 0)
    throw new CommandFailedError("import_unreadable", `the header lacks ${missing.join(", ")} (columns: ${importColumns.join(",")})`);
  const rows: { line: number; row: ImportRow }[] = [];
  const invalid: RowOutcome[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const line = index + 2;
    const parsed = importRowSchema.safeParse(record);
    if (!parsed.success) {
      invalid.push({
        line,
        outcome: "invalid",
        ...(record.refereeAccountId ? { refereeAccountId: record.refereeAccountId } : {}),
        code: "validation_failed",
        message: parsed.error.issues.map((issue) => `${issue.path.join(".") || "row"}: ${issue.message}`).join("; "),
      });
      return;
    }
    const earlier = seen.get(parsed.data.refereeAccountId);
    if (earlier !== undefined) {
      invalid.push({
        line,
        outcome: "invalid",
        refereeAccountId: parsed.data.refereeAccountId,
        code: "duplicate_referee",
        message: `the referee is on line ${earlier} already: an account has one referrer`,
      });
      return;
    }
    seen.set(parsed.data.refereeAccountId, line);
    rows.push({ line, row: parsed.data });
  });
  return { rows, invalid };
}

export interface ImportDependencies {
  readonly attribution: AttributionDependencies;
  /** Where the referrer's link is read or made. */
  readonly referralStore: Pick<ReferralStore, "readReferralLink" | "createReferralLink">;
  readonly randomBytes: RandomBytes;
}

/** Applies one row; a refusal is an outcome, not a failure of the import. */
export async function importRow(dependencies: ImportDependencies, line: number, row: ImportRow): Promise<RowOutcome> {
  try {
    const { link } = await ensureReferralLink(
      { referralStore: dependencies.referralStore, clock: dependencies.attribution.clock, randomBytes: dependencies.randomBytes },
      row.referrerAccountId,
      row.programId,
    );
    const result = await attributeSignUp(
      dependencies.attribution,
      { kind: "operator" },
      {
        refereeAccountId: row.refereeAccountId,
        code: link.code,
        programId: row.programId,
        attributedAt: row.attributedAt,
      },
    );
    if (result.created) return { line, outcome: "created", refereeAccountId: row.refereeAccountId };
    if (result.referral.referrerAccountId === row.referrerAccountId && result.referral.programId === row.programId)
      return { line, outcome: "unchanged", refereeAccountId: row.refereeAccountId };
    return {
      line,
      outcome: "conflict",
      refereeAccountId: row.refereeAccountId,
      existingReferrerAccountId: result.referral.referrerAccountId,
    };
  } catch (error) {
    if (error instanceof DomainError)
      return { line, outcome: "refused", refereeAccountId: row.refereeAccountId, code: error.code, message: error.message };
    throw error;
  }
}
