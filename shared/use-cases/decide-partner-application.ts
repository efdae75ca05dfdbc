/**
 * POST /partner-applications/{applicationId}/approval and /rejection (the operator): decide an
 * application, once. Read the application and the configuration → decide
 * (shared/domain/partner-applications.ts) → commit one transaction: the idempotency record
 * `partner-application:<id>:decision` with its outbox (`partner.application.approved|rejected`), the
 * application on condition it is still submitted, the account's membership on condition it still
 * awaits this application, and, for an approval, the partner's first level (measured now) and its
 * history entry (shared/use-cases/verify-partner-level.ts). The outbox is sent after the commit (shared/use-cases/commit-effect.ts), and by
 * the outbox relay should that send not be confirmed.
 *
 * The same decision again answers the application as recorded (`changed: false`) and sends nothing. Two
 * operators deciding at once: one transaction commits; the other loses its conditions (or meets the
 * decision's idempotency record), decides again from a fresh read and gets either the same decision
 * (`changed: false`) or `application_already_decided` naming the decision made.
 */
import { SourceEventConflictError } from "../data/ledger-store.ts";
import { findProgram } from "../data/operator-config-reader.ts";
import { WriteConflictError } from "../data/write-conflicts.ts";
import { type DecisionRequest, decideApplication } from "../domain/partner-applications.ts";
import { DomainError, NotFoundError, PermanentMessageError } from "../errors.ts";
import type { ApplicationItem } from "../schemas/partner-application-items.ts";
import { commitEffect } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { PartnerDependencies } from "./partner-dependencies.ts";
import { enterLevelWrites } from "./verify-partner-level.ts";

export interface DecidedApplication {
  readonly application: ApplicationItem;
  /** false: the application already had this decision; nothing changed. */
  readonly changed: boolean;
}

export async function decidePartnerApplication(
  deps: PartnerDependencies,
  applicationId: string,
  request: DecisionRequest,
): Promise<DecidedApplication> {
  return await decideUntilCommitted(`partner application ${applicationId} ${request.outcome}`, async () => {
    const application = await deps.partnerStore.readApplication(applicationId);
    if (!application) throw new NotFoundError(`no partner application ${applicationId}`);
    const config = await deps.operatorConfigStore.loadOrThrow();
    const partnerProgram = findProgram(config, application.programId)?.partnerProgram;
    // The program was removed from the configuration after the application: nothing can be decided under rules that are gone.
    if (!partnerProgram) throw new DomainError("no_partner_program", `program ${application.programId} takes no partner applications now`);
    const decision = decideApplication(application, request, { program: partnerProgram, now: deps.clock.now(), timeZone: config.timeZone });
    if (decision.status === "refused") throw decision.error;
    // A repeat sends nothing: an outbox whose send was not confirmed is the outbox relay's to send.
    if (decision.status === "already_recorded") return { application: decision.application, changed: false };
    const { writes } = deps.partnerStore;
    try {
      const result = await commitEffect(
        deps,
        {
          sourceEvent: decision.writes.sourceEvent,
          transfers: [],
          outbound: decision.writes.outbound,
          writes: [
            writes.decideApplication(decision.writes.application),
            writes.decideMembership(decision.writes.membership),
            // An approval makes the account a partner at its first level, measured now (docs/partners.md, "Levels").
            ...(request.outcome === "approved"
              ? await enterLevelWrites(deps, {
                  accountId: application.accountId,
                  programId: application.programId,
                  program: partnerProgram,
                  timeZone: config.timeZone,
                  applicationId,
                })
              : []),
          ],
        },
        // The same decision committed a moment ago by another operator, who is sending its outbox now.
        { duplicateOutbox: "relay" },
      );
      if (result.status === "committed") return { application: decision.writes.application, changed: true };
      return { application: (await deps.partnerStore.readApplication(applicationId)) ?? decision.writes.application, changed: false };
    } catch (error) {
      // The other decision committed meanwhile: decide again, which names it.
      if (error instanceof PermanentMessageError && error.cause instanceof SourceEventConflictError)
        throw new WriteConflictError(["sourceEvent"]);
      throw error;
    }
  });
}
