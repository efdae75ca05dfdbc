/**
 * The operator's decisions on partner applications (one function, two routes, one auth):
 * POST /partner-applications/{applicationId}/approval and /rejection with a reason code from the closed
 * list and a note. 200 with the application (`changed: false` when it already had this decision);
 * 409 application_already_decided (it has the other one); 404.
 */
import { routes } from "../../shared/http-routes.ts";
import { applicationPathSchema, approvalBodySchema, rejectionBodySchema } from "../../shared/schemas/partner-applications-api.ts";
import { decidePartnerApplication } from "../../shared/use-cases/decide-partner-application.ts";
import type { PartnerDependencies } from "../../shared/use-cases/partner-dependencies.ts";
import { type HttpEvent, httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { partnerDependenciesFromEnvironment } from "../wiring/partners.ts";

const rejectionRouteKey = `${routes.rejectPartnerApplication.method} ${routes.rejectPartnerApplication.path}`;

export function createDecidePartnerApplicationHandler(dependencies: PartnerDependencies) {
  const approve = httpRoute(
    routes.approvePartnerApplication,
    { path: applicationPathSchema, body: approvalBodySchema },
    async ({ path, body }) =>
      jsonResponse(200, await decidePartnerApplication(dependencies, path.applicationId, { outcome: "approved", ...body })),
  );
  const reject = httpRoute(
    routes.rejectPartnerApplication,
    { path: applicationPathSchema, body: rejectionBodySchema },
    async ({ path, body }) =>
      jsonResponse(200, await decidePartnerApplication(dependencies, path.applicationId, { outcome: "rejected", ...body })),
  );
  return (event: HttpEvent, context: Parameters<typeof approve>[1]) =>
    event.routeKey === rejectionRouteKey ? reject(event, context) : approve(event, context);
}

export const handler = createDecidePartnerApplicationHandler(partnerDependenciesFromEnvironment());
