/**
 * The embeddable dashboard's wiring, at the edge (shared/use-cases/widget-dependencies.ts says what each use case
 * takes): the token and session routes get the configuration and the credential store; the request authorizer gets
 * the credential store and, when JWT_ISSUER is set (in AWS), the operator's identity provider's JWT verifier.
 */
import { runtimeConfig } from "../../shared/config.ts";
import { createJwtVerifier } from "../../shared/data/jwt-verifier.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import { createWidgetCredentialStore } from "../../shared/data/widget-credential-store.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import { cryptoRandomBytes, type RandomBytes } from "../../shared/domain/referral-code.ts";
import type {
  JwtVerifier,
  RequestAuthorizerDependencies,
  WidgetSessionDependencies,
  WidgetTokenDependencies,
} from "../../shared/use-cases/widget-dependencies.ts";

export function createWidgetDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly randomBytes?: RandomBytes;
}): WidgetTokenDependencies & WidgetSessionDependencies {
  return {
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
    widgetCredentialStore: createWidgetCredentialStore(options.table),
    clock: options.clock,
    randomBytes: options.randomBytes ?? cryptoRandomBytes,
  };
}

export function createRequestAuthorizerDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly verifyJwt: JwtVerifier | undefined;
}): RequestAuthorizerDependencies {
  return { widgetCredentialStore: createWidgetCredentialStore(options.table), verifyJwt: options.verifyJwt, clock: options.clock };
}

/** POST /widget-tokens and POST /widget-sessions in production: the table from the environment, the system clock. */
export function widgetDependenciesFromEnvironment(): WidgetTokenDependencies & WidgetSessionDependencies {
  return createWidgetDependencies({ table: defaultTableContext(), clock: systemClock });
}

/** The request authorizer in production: JWTs of JWT_ISSUER for JWT_AUDIENCE; without JWT_ISSUER (the local stack) none verifies. */
export function requestAuthorizerDependenciesFromEnvironment(): RequestAuthorizerDependencies {
  const config = runtimeConfig();
  const verifyJwt = config.JWT_ISSUER
    ? createJwtVerifier({
        issuer: config.JWT_ISSUER,
        audiences: (config.JWT_AUDIENCE ?? "")
          .split(",")
          .map((audience) => audience.trim())
          .filter((audience) => audience !== ""),
      })
    : undefined;
  return createRequestAuthorizerDependencies({ table: defaultTableContext(), clock: systemClock, verifyJwt });
}
