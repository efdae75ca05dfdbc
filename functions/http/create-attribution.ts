/**
 * POST /attributions (operator only): attribute a sign-up to its referrer by click id or invite code.
 * 201 with the new referral, or 200 with the existing one (first wins, nothing changed).
 */
import { routes } from "../../shared/http-routes.ts";
import { attributionRequestSchema } from "../../shared/schemas/api.ts";
import { attributeSignUp } from "../../shared/use-cases/attribute-sign-up.ts";
import type { AttributionDependencies } from "../../shared/use-cases/referral-dependencies.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { attributionDependenciesFromEnvironment } from "../wiring/referral.ts";

export function createAttributionHandler(dependencies: AttributionDependencies) {
  return httpRoute(routes.createAttribution, { body: attributionRequestSchema }, async ({ body, principal }) => {
    const result = await attributeSignUp(dependencies, principal, body);
    return jsonResponse(result.created ? 201 : 200, result);
  });
}

export const handler = createAttributionHandler(attributionDependenciesFromEnvironment());
