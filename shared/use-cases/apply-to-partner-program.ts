/**
 * POST /accounts/{accountId}/partner-applications (the account, or the operator on its behalf): apply
 * to a partner program. Read the configuration (the program's form) and the account's membership →
 * parse the fields against the form → decide (shared/domain/partner-applications.ts: one open
 * application per account and program, the wait after a rejection, no second application of a partner)
 * → commit one transaction: the application, the membership on condition it is still as read, the
 * registration-id entry and the idempotency record (with the approval's outbox where the program
 * approves on its own). Two applications at once: one commits, the other decides again and is refused
 * by name (`application_already_open`).
 */
import { findProgram } from "../data/operator-config-reader.ts";
import { decideSubmission, refusalToApply } from "../domain/partner-applications.ts";
import type { Principal } from "../domain/principal.ts";
import { DomainError, NotFoundError, ValidationError } from "../errors.ts";
import type { ApplicationItem } from "../schemas/partner-application-items.ts";
import { type ApplicationRequestBody, applicationFieldsSchemaFor } from "../schemas/partner-applications-api.ts";
import { commitEffect } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { PartnerDependencies } from "./partner-dependencies.ts";
import { enterLevelWrites } from "./verify-partner-level.ts";

function newApplicationId(randomBytes: PartnerDependencies["randomBytes"]): string {
  return `pa_${Buffer.from(randomBytes(12)).toString("hex")}`;
}

export async function applyToPartnerProgram(
  deps: PartnerDependencies,
  principal: Principal,
  accountId: string,
  body: ApplicationRequestBody,
): Promise<ApplicationItem> {
  const config = await deps.operatorConfigStore.loadOrThrow();
  const program = findProgram(config, body.programId);
  if (!program) throw new NotFoundError(`no program ${body.programId}`);
  const partnerProgram = program.partnerProgram;
  if (!partnerProgram) throw new DomainError("no_partner_program", `program ${body.programId} takes no partner applications`);
  const parsed = applicationFieldsSchemaFor(partnerProgram).safeParse(body.fields);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: ["body", "fields", ...issue.path.map(String)].join("."),
      message: issue.message,
    }));
    throw new ValidationError(`invalid body: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`, issues);
  }
  const applicationId = newApplicationId(deps.randomBytes);
  return await decideUntilCommitted(`partner application of ${accountId} to ${body.programId}`, async () => {
    const membership = await deps.partnerStore.readMembership(accountId, body.programId);
    const state = { program: partnerProgram, membership, now: deps.clock.now(), timeZone: config.timeZone };
    const refusal = refusalToApply(state);
    if (refusal) throw refusal;
    const decided = decideSubmission(
      { applicationId, accountId, programId: body.programId, fields: parsed.data, submittedBy: principal.kind },
      state,
    );
    const { writes } = deps.partnerStore;
    await commitEffect(deps, {
      sourceEvent: decided.sourceEvent,
      transfers: [],
      outbound: decided.outbound,
      writes: [
        writes.submitApplication(decided.application),
        writes.openMembership(decided.membership, decided.previousMembership),
        ...(decided.registrationEntry ? [writes.recordRegistration(decided.registrationEntry)] : []),
        // Approved at once (autoApprove): a partner from now, at its first level.
        ...(decided.application.status === "approved"
          ? await enterLevelWrites(deps, {
              accountId,
              programId: body.programId,
              program: partnerProgram,
              timeZone: config.timeZone,
              applicationId,
            })
          : []),
      ],
    });
    return decided.application;
  });
}
