/**
 * GET /partner-applications and GET /partner-applications/{applicationId} (the operator): applications
 * with the other accounts that applied with the same registration id (`duplicateRegistrationOf`, read
 * now, so an application submitted before the other account's still shows it). One Query of the
 * registration-id partition per distinct id of the page (AP63), a few at once.
 */
import { NotFoundError } from "../errors.ts";
import { partnerLimits } from "../limits.ts";
import type { ApplicationItem } from "../schemas/partner-application-items.ts";
import type { ApplicationListQuery, ApplicationView } from "../schemas/partner-applications-api.ts";
import { inFlightAtMost } from "./in-flight.ts";
import type { PartnerDependencies } from "./partner-dependencies.ts";

type ReadDependencies = Pick<PartnerDependencies, "partnerStore">;

async function withDuplicates(deps: ReadDependencies, applications: readonly ApplicationItem[]): Promise<ApplicationView[]> {
  const registrationIds = [...new Set(applications.flatMap((application) => application.fields.registrationId ?? []))];
  const entries = await inFlightAtMost(registrationIds, partnerLimits.registrationQueriesInFlight, (registrationId) =>
    deps.partnerStore.accountsWithRegistration(registrationId),
  );
  const accountsById = new Map(
    registrationIds.map((registrationId, index) => [registrationId, entries[index]!.map((entry) => entry.accountId)]),
  );
  return applications.map((application) => {
    const registrationId = application.fields.registrationId;
    const others =
      registrationId === undefined
        ? []
        : (accountsById.get(registrationId) ?? []).filter((accountId) => accountId !== application.accountId);
    return { ...application, duplicateRegistrationOf: others.slice(0, partnerLimits.registrationAccountsListedMax) };
  });
}

export async function readPartnerApplication(deps: ReadDependencies, applicationId: string): Promise<ApplicationView> {
  const application = await deps.partnerStore.readApplication(applicationId);
  if (!application) throw new NotFoundError(`no partner application ${applicationId}`);
  const [view] = await withDuplicates(deps, [application]);
  return view!;
}

export async function listPartnerApplications(
  deps: ReadDependencies,
  query: ApplicationListQuery,
): Promise<{ programId: string; status: ApplicationListQuery["status"]; applications: ApplicationView[]; nextCursor?: string }> {
  const page = await deps.partnerStore.listByStatus(query);
  const applications = await withDuplicates(deps, page.applications);
  return {
    programId: query.programId,
    status: query.status,
    applications,
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
  };
}
