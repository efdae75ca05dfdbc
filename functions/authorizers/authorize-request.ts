/**
 * The HTTP API's Lambda request authorizer of the account routes (payload 2.0, simple responses; infra/constructs/api.ts):
 * a widget session or a JWT of the operator's identity provider (shared/use-cases/authorize-bearer.ts). Its context
 * is the claims the handlers read (`requestContext.authorizer.lambda`, as `jwt.claims` on the operator routes). It
 * never throws: a failure to decide is a refusal (API Gateway answers 403), logged without the bearer.
 */
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from "aws-lambda";
import { logger } from "../../shared/observability.ts";
import { type AuthorizedClaims, authorizeBearer } from "../../shared/use-cases/authorize-bearer.ts";
import type { RequestAuthorizerDependencies } from "../../shared/use-cases/widget-dependencies.ts";
import { requestAuthorizerDependenciesFromEnvironment } from "../wiring/widget.ts";

export type AuthorizerResult = APIGatewaySimpleAuthorizerWithContextResult<AuthorizedClaims | Record<string, never>>;

export function createRequestAuthorizerHandler(dependencies: RequestAuthorizerDependencies) {
  return async (event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerResult> => {
    try {
      const decision = await authorizeBearer(dependencies, { authorization: event.headers?.authorization, origin: event.headers?.origin });
      if (decision.authorized) return { isAuthorized: true, context: decision.claims };
      logger.info("request refused", { reason: decision.reason, routeKey: event.routeKey });
      return { isAuthorized: false, context: {} };
    } catch (error) {
      logger.error("request authorizer failed", {
        error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
      });
      return { isAuthorized: false, context: {} };
    }
  };
}

export const handler = createRequestAuthorizerHandler(requestAuthorizerDependenciesFromEnvironment());
