/**
 * What the embeddable dashboard's use cases take (docs/widget.md): the minting and the exchange read the
 * configuration and the credential store; the request authorizer reads sessions and, for every other bearer,
 * verifies a JWT of the operator's identity provider.
 */
import type { OperatorConfigStore } from "../data/operator-config-store.ts";
import type { WidgetCredentialStore } from "../data/widget-credential-store.ts";
import type { Clock } from "../domain/clock.ts";
import type { RandomBytes } from "../domain/referral-code.ts";

export interface WidgetTokenDependencies {
  readonly operatorConfigStore: Pick<OperatorConfigStore, "loadOrThrow">;
  readonly widgetCredentialStore: Pick<WidgetCredentialStore, "putToken">;
  readonly clock: Clock;
  readonly randomBytes: RandomBytes;
}

export interface WidgetSessionDependencies {
  readonly operatorConfigStore: Pick<OperatorConfigStore, "loadOrThrow">;
  readonly widgetCredentialStore: Pick<WidgetCredentialStore, "readToken" | "openSession">;
  readonly clock: Clock;
  readonly randomBytes: RandomBytes;
}

/** The claims a verified JWT carries (sub, scope/scp), or a thrown error when it does not verify. */
export type JwtVerifier = (token: string) => Promise<Record<string, unknown>>;

export interface RequestAuthorizerDependencies {
  readonly widgetCredentialStore: Pick<WidgetCredentialStore, "readSession">;
  /** Undefined where no identity provider is configured (the local stack plays JWTs with dev tokens): every JWT is refused. */
  readonly verifyJwt: JwtVerifier | undefined;
  readonly clock: Clock;
}
