/**
 * The operator's reads of partner applications (one function, two routes, one auth, read only):
 * GET /partner-applications?programId=&status=&limit=&cursor= lists a program's applications in one
 * status, oldest first, by page; GET /partner-applications/{applicationId} reads one, strongly
 * consistent (404 when there is none). Both with `duplicateRegistrationOf`.
 */
import { createPartnerStore, type PartnerStore } from "../../shared/data/partner-store.ts";
import { defaultTableContext } from "../../shared/data/table-context.ts";
import { routes } from "../../shared/http-routes.ts";
import { applicationListQuerySchema, applicationPathSchema } from "../../shared/schemas/partner-applications-api.ts";
import { listPartnerApplications, readPartnerApplication } from "../../shared/use-cases/read-partner-applications.ts";
import { type HttpEvent, httpRoute, jsonResponse } from "../middleware/http-stack.ts";

const getApplicationRouteKey = `${routes.getPartnerApplication.method} ${routes.getPartnerApplication.path}`;

export function createPartnerApplicationsHandler(partnerStore: PartnerStore) {
  const list = httpRoute(routes.listPartnerApplications, { query: applicationListQuerySchema }, async ({ query }) =>
    jsonResponse(200, await listPartnerApplications({ partnerStore }, query)),
  );
  const get = httpRoute(routes.getPartnerApplication, { path: applicationPathSchema }, async ({ path }) =>
    jsonResponse(200, { application: await readPartnerApplication({ partnerStore }, path.applicationId) }),
  );
  return (event: HttpEvent, context: Parameters<typeof list>[1]) =>
    event.routeKey === getApplicationRouteKey ? get(event, context) : list(event, context);
}

export const handler = createPartnerApplicationsHandler(createPartnerStore(defaultTableContext()));
