/**
 * The request authorizer of the account routes (`account-or-operator`, infra/constructs/api.ts): which caller a
 * bearer is (its claims; shared/domain/principal.ts `authorizeRequest` then checks them against the route). A widget session (`ws_…`) is its account, while it lasts and from the origin it was opened on; any
 * other bearer must be a JWT of the operator's identity provider (signature, issuer, audience, expiry), whose
 * claims pass on as the JWT authorizer would pass them. The handlers then resolve and check the principal from
 * these claims as before (shared/domain/principal.ts): a session reaches only its own account's routes.
 */
import { decideWidgetSessionAccess, isWidgetSecret, widgetSecretHash, widgetSessionPrefix } from "../domain/widget-sessions.ts";
import type { RequestAuthorizerDependencies } from "./widget-dependencies.ts";

/** The claims handed to the handler (`requestContext.authorizer.lambda`): the JWT authorizer's `sub` and `scope`, and how the caller was identified. */
export type AuthorizedClaims = { readonly sub?: string; readonly scope?: string; readonly via: "widget-session" | "jwt" };

export type BearerAuthorization =
  | { readonly authorized: true; readonly claims: AuthorizedClaims }
  | { readonly authorized: false; readonly reason: string };

const bearerPattern = /^Bearer\s+(\S+)$/i;

export async function authorizeBearer(
  deps: RequestAuthorizerDependencies,
  request: { readonly authorization: string | undefined; readonly origin: string | undefined },
): Promise<BearerAuthorization> {
  const bearer = bearerPattern.exec(request.authorization?.trim() ?? "")?.[1];
  if (!bearer) return { authorized: false, reason: "no bearer token" };
  if (bearer.startsWith(widgetSessionPrefix)) {
    if (!isWidgetSecret(bearer, widgetSessionPrefix)) return { authorized: false, reason: "session_unknown" };
    const session = await deps.widgetCredentialStore.readSession(widgetSecretHash(bearer));
    const access = decideWidgetSessionAccess(session, { origin: request.origin, now: deps.clock.now() });
    if (access.outcome === "denied") return { authorized: false, reason: access.reason };
    return { authorized: true, claims: { sub: access.accountId, via: "widget-session" } };
  }
  if (!deps.verifyJwt) return { authorized: false, reason: "no identity provider configured" };
  let claims: Record<string, unknown>;
  try {
    claims = await deps.verifyJwt(bearer);
  } catch {
    return { authorized: false, reason: "the JWT does not verify" };
  }
  const scopeClaim = claims.scope ?? claims.scp;
  const scope = Array.isArray(scopeClaim) ? scopeClaim.map(String).join(" ") : typeof scopeClaim === "string" ? scopeClaim : undefined;
  const sub = typeof claims.sub === "string" && claims.sub !== "" ? claims.sub : undefined;
  // As the JWT authorizer: a verified token passes; the handler refuses one that names neither an account nor the operator (401).
  return { authorized: true, claims: { ...(sub !== undefined ? { sub } : {}), ...(scope !== undefined ? { scope } : {}), via: "jwt" } };
}
