/**
 * Verifying the operator's identity-provider JWTs in the request authorizer, as the HTTP API's JWT authorizer
 * does on the operator routes: the signing keys from the issuer's OIDC discovery document (`jwks_uri`), fetched
 * once per container and refreshed by aws-jwt-verify when a new key id appears; signature, `iss`, expiry and
 * not-before; the audience in `aud` or, for Amazon Cognito access tokens, `client_id`.
 */
import { JwtVerifier } from "aws-jwt-verify";
import type { JwtVerifier as VerifyJwt } from "../use-cases/widget-dependencies.ts";

export interface JwtVerifierSettings {
  readonly issuer: string;
  readonly audiences: readonly string[];
  /** Where the keys are; default: the `jwks_uri` of `<issuer>/.well-known/openid-configuration`. */
  readonly jwksUri?: string;
  /** Preloaded keys (tests): no download. */
  readonly jwks?: { readonly keys: readonly Record<string, unknown>[] };
}

async function discoveredJwksUri(issuer: string): Promise<string> {
  const response = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(3000) });
  if (!response.ok) throw new Error(`the issuer's OIDC discovery answered ${response.status}`);
  const document = (await response.json()) as { jwks_uri?: unknown };
  if (typeof document.jwks_uri !== "string") throw new Error("the issuer's OIDC discovery document has no jwks_uri");
  return document.jwks_uri;
}

function audienceMatches(claims: Record<string, unknown>, audiences: readonly string[]): boolean {
  const tokenAudiences = Array.isArray(claims.aud) ? claims.aud.map(String) : typeof claims.aud === "string" ? [claims.aud] : [];
  if (tokenAudiences.some((audience) => audiences.includes(audience))) return true;
  return typeof claims.client_id === "string" && audiences.includes(claims.client_id);
}

export function createJwtVerifier(settings: JwtVerifierSettings): VerifyJwt {
  let verifier: Promise<ReturnType<typeof JwtVerifier.create<{ issuer: string; audience: null; jwksUri: string }>>> | undefined;
  const verifierOnce = () => {
    verifier ??= (async () => {
      const jwksUri = settings.jwksUri ?? (settings.jwks ? `${settings.issuer}/jwks` : await discoveredJwksUri(settings.issuer));
      const created = JwtVerifier.create({ issuer: settings.issuer, audience: null, jwksUri });
      if (settings.jwks) created.cacheJwks(settings.jwks as Parameters<typeof created.cacheJwks>[0]);
      return created;
    })().catch((error: unknown) => {
      verifier = undefined; // a failed discovery is tried again on the next request
      throw error;
    });
    return verifier;
  };
  return async (token) => {
    const claims = (await (await verifierOnce()).verify(token)) as Record<string, unknown>;
    if (!audienceMatches(claims, settings.audiences)) throw new Error("the JWT's audience is not accepted");
    return claims;
  };
}
