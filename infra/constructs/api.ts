/**
 * The HTTP API: every route of the catalog, public ones (redirects, the OpenAPI document, the widget's
 * session exchange) without an authorizer, operator routes behind the JWT authorizer of the operator's
 * identity provider with the operator's scope on the route (authorizationScopes), so a valid account token
 * is refused by API Gateway before the function runs, and account routes behind the request authorizer
 * (a Lambda authorizer: widget sessions, and the same identity provider's JWTs; shared/http-routes.ts
 * `authorizerOf`). CORS only for the operator's widget.allowedOrigins, answered by API Gateway. Each route has its own throttle (stage route
 * settings, values in shared/limits.ts routeThrottles): a flood on the public referral links is refused
 * there and cannot use up the budget of the attribution or account routes. The default stage writes
 * access logs without personal data (no IP address, no user agent, no path: the route key is enough to
 * find a request).
 */
import { Duration, Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import { type CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { authorizationScopesOf, authorizerOf, widgetCorsPolicy } from "../../shared/http-routes.ts";
import { httpRoutes, requestAuthorizer } from "../catalog.ts";
import { pascalCase } from "./ledger-function.ts";

/** The stage's default route throttle, for a route without its own (every catalog route has one). */
const throttleRatePerSecond = 200;
const throttleBurst = 400;
const accessLogRetention = RetentionDays.THREE_MONTHS;

/** HTTP API access log fields ($context variables of API Gateway v2). */
const accessLogFields = {
  requestId: "$context.requestId",
  requestTimeEpoch: "$context.requestTimeEpoch",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationLatency: "$context.integrationLatency",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
  error: "$context.error.message",
};

export interface LedgerApiProps {
  /** The function of each catalog name. */
  readonly functionOrThrow: (name: string) => IFunction;
  /** The operator's identity provider (OIDC issuer URL) and the audiences its tokens carry. */
  readonly jwtIssuer: string;
  readonly jwtAudience: readonly string[];
  /** The pages that may embed the widget (operator configuration widget.allowedOrigins): CORS for these only; none, no CORS. */
  readonly corsAllowedOrigins: readonly string[];
}

export class LedgerApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: LedgerApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, "HttpApi", {
      description: "Referral ledger: redirects, attribution, referral stats, ledger and balances",
      createDefaultStage: false,
      ...(props.corsAllowedOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...props.corsAllowedOrigins],
              allowMethods: widgetCorsPolicy.allowMethods.map((method) => CorsHttpMethod[method]),
              allowHeaders: [...widgetCorsPolicy.allowHeaders],
              exposeHeaders: [...widgetCorsPolicy.exposeHeaders],
              maxAge: Duration.seconds(widgetCorsPolicy.maxAgeSeconds),
              allowCredentials: false,
            },
          }
        : {}),
    });
    const accessLogs = new LogGroup(this, "AccessLogs", { retention: accessLogRetention });
    this.stage = new HttpStage(this, "DefaultStage", {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: { rateLimit: throttleRatePerSecond, burstLimit: throttleBurst },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });

    const jwtAuthorizer = new HttpJwtAuthorizer("JwtAuthorizer", props.jwtIssuer, { jwtAudience: [...props.jwtAudience] });
    const lambdaAuthorizer = new HttpLambdaAuthorizer("RequestAuthorizer", props.functionOrThrow(requestAuthorizer.functionName), {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [requestAuthorizer.identitySource],
      resultsCacheTtl: Duration.seconds(requestAuthorizer.resultsCacheTtlSeconds),
    });
    const authorizers = { none: undefined, jwt: jwtAuthorizer, request: lambdaAuthorizer } as const;
    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationFor = (functionName: string): HttpLambdaIntegration => {
      let integration = integrations.get(functionName);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${pascalCase(functionName)}Integration`, props.functionOrThrow(functionName));
        integrations.set(functionName, integration);
      }
      return integration;
    };

    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of httpRoutes) {
      const scopes = authorizationScopesOf(route.auth);
      const [created] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationFor(route.functionName),
        authorizer: authorizers[authorizerOf(route.auth)],
        ...(scopes.length > 0 ? { authorizationScopes: [...scopes] } : {}),
      });
      routeSettings[`${route.method} ${route.path}`] = {
        ThrottlingRateLimit: route.throttle.rateLimitPerSecond,
        ThrottlingBurstLimit: route.throttle.burstLimit,
      };
      // CloudFormation refuses route settings for a route key that does not exist yet.
      this.stage.node.addDependency(created!);
      if (route.auth === "public") {
        Validations.of(created!).acknowledge({
          id: "AwsSolutions-APIG4",
          reason: `${route.method} ${route.path} is public by design: referral links are opened by anonymous visitors, the OpenAPI document and the widget's script are public, and the widget's session exchange is authorized by the one-time widget token in its body; the function validates every input and reaches only the operator's configured hosts.`,
        });
      }
    }
    // RouteSettings is free-form JSON in CloudFormation (keys are route keys), so it is set as written there.
    (this.stage.node.defaultChild as CfnStage).addPropertyOverride("RouteSettings", routeSettings);
  }

  /** The API's base URL (default stage), ending in "/". */
  get url(): string {
    return this.stage.url;
  }
}
