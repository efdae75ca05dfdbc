/**
 * POST /widget-tokens (the operator's backend): a one-time widget token for one account, to hand to the page's
 * <referral-dashboard>. 201 with the token and its expiry; 404 no such program.
 */
import { routes } from "../../shared/http-routes.ts";
import { widgetTokenRequestSchema } from "../../shared/schemas/widget-api.ts";
import { issueWidgetToken } from "../../shared/use-cases/issue-widget-token.ts";
import type { WidgetTokenDependencies } from "../../shared/use-cases/widget-dependencies.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { widgetDependenciesFromEnvironment } from "../wiring/widget.ts";

export function createWidgetTokenHandler(dependencies: WidgetTokenDependencies) {
  return httpRoute(routes.createWidgetToken, { body: widgetTokenRequestSchema }, async ({ body }) => {
    return jsonResponse(201, await issueWidgetToken(dependencies, body));
  });
}

export const handler = createWidgetTokenHandler(widgetDependenciesFromEnvironment());
