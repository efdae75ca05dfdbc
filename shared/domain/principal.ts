/**
 * Who is calling. In AWS the HTTP API's JWT authorizer verifies the token and passes its claims; on the
 * local stack the HTTP adapter turns a dev token into the same claims. Handlers see only this type, of
 * the kind their route's `auth` (shared/http-routes.ts) guarantees.
 */

import { ForbiddenError, UnauthorizedError, ValidationError } from "../errors.ts";
import { accountPathParameter, type HttpRouteDefinition, operatorHolder, operatorScope, type RouteAuth } from "../http-routes.ts";

export { operatorScope };

export type OperatorPrincipal = { readonly kind: "operator" };
export type AccountPrincipal = {
  readonly kind: "account";
  /** The calling account itself (the token's `sub`): a manager acting for a client is still itself, never the client. */
  readonly accountId: string;
  /**
   * The client account a manager (agency) acts for on a route with `managedAccess`: set only by
   * `authorizeManagedRequest`, after reading their active link (docs/agencies.md).
   */
  readonly actingFor?: string;
};
export type Principal = OperatorPrincipal | AccountPrincipal;

/** The caller a handler of a route with this auth receives: none on public routes, only the operator on operator routes. */
export type PrincipalOf<Auth extends RouteAuth> = Auth extends "public"
  ? undefined
  : Auth extends "operator"
    ? OperatorPrincipal
    : Auth extends "account"
      ? AccountPrincipal
      : Principal;

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

/** An account reads only its own data, or a client's it was found to manage (`actingFor`); the operator reads everything. */
export function assertCanAccessAccount(principal: Principal, accountId: string): void {
  if (principal.kind === "operator") return;
  if (accountId === operatorHolder) throw new ForbiddenError("only the operator may read the operator's accounts");
  if (principal.accountId !== accountId && principal.actingFor !== accountId)
    throw new ForbiddenError("an account may only read its own data");
}

/** Whether the manager account's link to the client is active now (AP71: one consistent GetItem). Injected: no I/O here. */
export type ManagerLinkCheck = (managerAccountId: string, clientAccountId: string) => Promise<boolean>;

/**
 * `authorizeRequest`, and on a route with `managedAccess` the manager path: an account refused on
 * another account's path is admitted when it is that client's manager through an active link, as
 * itself with `actingFor` the client. Without a link check (a handler not wired for it) nothing changes.
 */
export async function authorizeManagedRequest(
  route: Pick<HttpRouteDefinition, "auth" | "managedAccess">,
  claims: Record<string, unknown> | undefined,
  pathParameters: Readonly<Record<string, string | undefined>> | undefined,
  isActiveManager: ManagerLinkCheck | undefined,
): Promise<Principal | undefined> {
  try {
    return authorizeRequest(route.auth, claims, pathParameters);
  } catch (error) {
    if (!(error instanceof ForbiddenError) || route.managedAccess === undefined || isActiveManager === undefined) throw error;
    const principal = principalFromClaims(claims);
    const clientAccountId = pathParameters?.[accountPathParameter] ?? "";
    if (principal.kind !== "account" || clientAccountId === operatorHolder) throw error;
    if (!(await isActiveManager(principal.accountId, clientAccountId)))
      throw new ForbiddenError("an account may only use its own data, or a client's it manages through an active link");
    return { ...principal, actingFor: clientAccountId };
  }
}

/**
 * An account id that names a customer for something only customers have (a withdrawal, a contract, a manager): not
 * the operator's holder id. `field`: where the request named it (default the path's account).
 */
export function assertCustomerAccount(accountId: string, field = "path.accountId"): void {
  if (accountId === operatorHolder)
    throw new ValidationError(`${operatorHolder} is the holder of the operator's own ledger accounts, not a customer account`, [
      { path: field, message: "a customer account, not operator" },
    ]);
}

export function assertOperator(principal: Principal): asserts principal is OperatorPrincipal {
  if (principal.kind !== "operator") throw new ForbiddenError("only the operator may call this route");
}

/**
 * The caller of a request on a route with `auth`, checked as the route says: 401 without valid claims,
 * 403 for an account on an operator route or on another account's path, and for the operator on an
 * account route. Public routes have no caller.
 */
export function authorizeRequest(
  auth: RouteAuth,
  claims: Record<string, unknown> | undefined,
  pathParameters: Readonly<Record<string, string | undefined>> | undefined,
): Principal | undefined {
  if (auth === "public") return undefined;
  const principal = principalFromClaims(claims);
  if (auth === "operator") assertOperator(principal);
  else if (auth === "account" && principal.kind !== "account") throw new ForbiddenError("only the account itself may call this route");
  else assertCanAccessAccount(principal, pathParameters?.[accountPathParameter] ?? "");
  return principal;
}
