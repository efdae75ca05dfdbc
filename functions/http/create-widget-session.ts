/**
 * POST /widget-sessions (public; the widget token in the body is the credential): exchange a widget token once
 * for a widget session pinned to the page's `Origin`. 201 with the session bearer; 401 widget_token_invalid
 * (unknown, expired or already used); 403 origin_not_allowed.
 */
import { routes } from "../../shared/http-routes.ts";
import { widgetSessionRequestSchema } from "../../shared/schemas/widget-api.ts";
import { openWidgetSession } from "../../shared/use-cases/open-widget-session.ts";
import type { WidgetSessionDependencies } from "../../shared/use-cases/widget-dependencies.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { widgetDependenciesFromEnvironment } from "../wiring/widget.ts";

export function createWidgetSessionHandler(dependencies: WidgetSessionDependencies) {
  return httpRoute(routes.createWidgetSession, { body: widgetSessionRequestSchema }, async ({ body, event }) => {
    return jsonResponse(201, await openWidgetSession(dependencies, { token: body.token, origin: event.headers?.origin }));
  });
}

export const handler = createWidgetSessionHandler(widgetDependenciesFromEnvironment());
