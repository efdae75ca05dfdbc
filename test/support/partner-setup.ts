/**
 * Partner applications on the ledger test setup (DynamoDB Local, the local SQS server): the real
 * handlers of the application routes, each on its own function's grants (infra/catalog.ts), with
 * fresh dependencies per call (a new container) on the setup's clock, table and outbound queue.
 */
import { createApplyToPartnerProgramHandler } from "../../functions/http/apply-to-partner-program.ts";
import { createDecidePartnerApplicationHandler } from "../../functions/http/decide-partner-application.ts";
import { createGetPartnerLevelHandler } from "../../functions/http/get-partner-level.ts";
import { createPartnerApplicationsHandler } from "../../functions/http/partner-applications.ts";
import { createVerifyPartnerLevelHandler } from "../../functions/http/verify-partner-level.ts";
import type { HttpResponse } from "../../functions/middleware/http-stack.ts";
import { createPartnerDependencies } from "../../functions/wiring/partners.ts";
import { createPartnerStore } from "../../shared/data/partner-store.ts";
import { routes } from "../../shared/http-routes.ts";
import type { PartnerDependencies } from "../../shared/use-cases/partner-dependencies.ts";
import { withGrantsOf } from "./function-grants.ts";
import { httpEvent, invoke, type TestPrincipal } from "./http-events.ts";
import type { LedgerTestSetup } from "./ledger-setup.ts";

/** The partner dependencies on the setup's table and outbound queue, running with the grants of `functionName`. */
export function partnerDependenciesOf(setup: LedgerTestSetup, functionName: string): PartnerDependencies {
  return createPartnerDependencies({
    table: { documentClient: withGrantsOf([functionName], setup.table.documentClient), tableName: setup.table.tableName },
    clock: setup.clock,
    queueClient: setup.queueClient,
    outboundQueueUrl: setup.sqs.queueUrls.outbound,
  });
}

export interface PartnerRoutes {
  apply(accountId: string, body: unknown, principal?: TestPrincipal): Promise<HttpResponse>;
  list(query: Record<string, string>, principal?: TestPrincipal): Promise<HttpResponse>;
  get(applicationId: string, principal?: TestPrincipal): Promise<HttpResponse>;
  approve(applicationId: string, body: unknown, principal?: TestPrincipal): Promise<HttpResponse>;
  reject(applicationId: string, body: unknown, principal?: TestPrincipal): Promise<HttpResponse>;
  /** GET /accounts/{accountId}/partner-levels/{programId} (default: as the partner itself). */
  level(accountId: string, programId: string, query?: Record<string, string>, principal?: TestPrincipal): Promise<HttpResponse>;
  /** POST /accounts/{accountId}/partner-levels/{programId}/verifications (default: as the operator). */
  verify(accountId: string, programId: string, body: unknown, principal?: TestPrincipal): Promise<HttpResponse>;
}

const operator: TestPrincipal = { kind: "operator" };

export function partnerRoutes(setup: LedgerTestSetup): PartnerRoutes {
  const call = async (
    route: { readonly method: string; readonly path: string },
    path: string,
    handler: Parameters<typeof invoke>[0],
    input: { body?: unknown; query?: Record<string, string>; principal: TestPrincipal },
  ) => await invoke(handler, httpEvent({ method: route.method, route: route.path, path, ...input }));
  const reads = () =>
    createPartnerApplicationsHandler(
      createPartnerStore({
        documentClient: withGrantsOf(["partner-applications"], setup.table.documentClient),
        tableName: setup.table.tableName,
      }),
    );
  const decisions = () => createDecidePartnerApplicationHandler(partnerDependenciesOf(setup, "decide-partner-application"));
  return {
    apply: (accountId, body, principal = { kind: "account", accountId }) =>
      call(
        routes.applyToPartnerProgram,
        `/accounts/${accountId}/partner-applications`,
        createApplyToPartnerProgramHandler(partnerDependenciesOf(setup, "apply-to-partner-program")),
        { body, principal },
      ),
    list: (query, principal = operator) => call(routes.listPartnerApplications, "/partner-applications", reads(), { query, principal }),
    get: (applicationId, principal = operator) =>
      call(routes.getPartnerApplication, `/partner-applications/${applicationId}`, reads(), { principal }),
    approve: (applicationId, body, principal = operator) =>
      call(routes.approvePartnerApplication, `/partner-applications/${applicationId}/approval`, decisions(), { body, principal }),
    reject: (applicationId, body, principal = operator) =>
      call(routes.rejectPartnerApplication, `/partner-applications/${applicationId}/rejection`, decisions(), { body, principal }),
    level: (accountId, programId, query = {}, principal = { kind: "account", accountId }) =>
      call(
        routes.getPartnerLevel,
        `/accounts/${accountId}/partner-levels/${programId}`,
        createGetPartnerLevelHandler(partnerDependenciesOf(setup, "get-partner-level")),
        { query, principal },
      ),
    verify: (accountId, programId, body, principal = operator) =>
      call(
        routes.verifyPartnerLevel,
        `/accounts/${accountId}/partner-levels/${programId}/verifications`,
        createVerifyPartnerLevelHandler(partnerDependenciesOf(setup, "verify-partner-level")),
        { body, principal },
      ),
  };
}
