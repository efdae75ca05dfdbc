/**
 * POST /accounts/{accountId}/partner-applications (that account, or the operator on its behalf): apply
 * to a partner program with the fields its form asks for. 201 with the application (`submitted`, or
 * `approved` where the program approves on its own); 400 validation_failed (the fields against the
 * program's form); 404 no such program; 422 no_partner_program; 409 application_already_open,
 * already_partner, reapply_not_allowed_yet (with the day) or reapply_never.
 */
import { assertCustomerAccount } from "../../shared/domain/principal.ts";
import { routes } from "../../shared/http-routes.ts";
import { accountPathSchema } from "../../shared/schemas/api.ts";
import { applicationRequestBodySchema } from "../../shared/schemas/partner-applications-api.ts";
import { applyToPartnerProgram } from "../../shared/use-cases/apply-to-partner-program.ts";
import type { PartnerDependencies } from "../../shared/use-cases/partner-dependencies.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { partnerDependenciesFromEnvironment } from "../wiring/partners.ts";

export function createApplyToPartnerProgramHandler(dependencies: PartnerDependencies) {
  return httpRoute(
    routes.applyToPartnerProgram,
    { path: accountPathSchema, body: applicationRequestBodySchema },
    async ({ path, body, principal }) => {
      assertCustomerAccount(path.accountId);
      return jsonResponse(201, { application: await applyToPartnerProgram(dependencies, principal, path.accountId, body) });
    },
  );
}

export const handler = createApplyToPartnerProgramHandler(partnerDependenciesFromEnvironment());
