/**
 * Who is calling. In AWS the HTTP API's JWT authorizer verifies the token and passes its claims; on the
 * local stack the HTTP adapter turns a dev token into the same claims. Handlers see only this type.
 */
import { ForbiddenError, UnauthorizedError } from "../errors.ts";

export type Principal = { readonly kind: "operator" } | { readonly kind: "account"; readonly accountId: string };

/** The OAuth scope that marks the operator's own back office and server-to-server clients. */
export const operatorScope = "referral-ledger/operator";

export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal {
  if (!claims) throw new UnauthorizedError();
  const scopeClaim = claims.scope ?? claims.scp;
  const scopes = Array.isArray(scopeClaim)
    ? scopeClaim.map(String)
    : typeof scopeClaim === "string"
      ? scopeClaim.replace(/^\[|\]$/g, "").split(/[\s,]+/)
      : [];
  if (scopes.includes(operatorScope)) return { kind: "operator" };
  const subject = claims.sub;
  if (typeof subject === "string" && subject.length > 0) return { kind: "account", accountId: subject };
  throw new UnauthorizedError("the token names no account");
}

/** An account reads only its own data; the operator reads everything. */
export function assertCanAccessAccount(principal: Principal, accountId: string): void {
  if (principal.kind === "operator") return;
  if (principal.accountId !== accountId) throw new ForbiddenError("an account may only read its own data");
}

export function assertOperator(principal: Principal): void {
  if (principal.kind !== "operator") throw new ForbiddenError("only the operator may call this route");
}
