/**
 * Every HTTP route, defined once, as plain data: method, path, the catalog function that serves it,
 * who may call it and its throttle. This one list feeds
 *   - the catalog (infra/catalog.ts `httpRoutes`), so the CDK stack (routes, JWT authorizer, route-level
 *     authorization scopes, per-route throttling) and the local stack's HTTP adapter serve exactly these;
 *   - the OpenAPI document (shared/schemas/api-routes.ts adds each route's contract by its id, and the
 *     type checker refuses a route without one);
 *   - the handlers' authorization (functions/middleware/http-stack.ts `httpRoute(routes.getLedger, …)`
 *     resolves the caller the route's `auth` asks for and gives the handler a principal of that type).
 *
 * Kept free of schemas and of any import but the limits: the redirect's bundle imports it.
 */
import { limits } from "./limits.ts";

/** The OAuth scope of the operator's back office and server-to-server clients. */
export const operatorScope = "referral-ledger/operator";

/**
 * Who may call a route.
 *   public:               anyone; no authorizer (referral links, the OpenAPI document, the widget's session exchange).
 *   account-or-operator:  a valid JWT whose `sub` is the account in the path (`{accountId}`), or the operator; or a
 *                         widget session of that account (docs/widget.md). The request authorizer checks the bearer
 *                         (a Lambda authorizer: the JWT authorizer cannot read sessions), the handler who it is.
 *   account:              the same, but only the account in the path, never the operator (an account's own consent
 *                         to be managed, an agency presenting one: docs/agencies.md).
 *   operator:             a valid JWT with the scope `referral-ledger/operator`: API Gateway checks the scope
 *                         on the route (authorizationScopes) and the handler checks it again.
 */
export type RouteAuth = "public" | "account-or-operator" | "account" | "operator";

/**
 * How API Gateway checks a route's caller before its function runs: no authorizer on public routes, the JWT
 * authorizer of the operator's identity provider (with the operator's scope) on operator routes, and the
 * request authorizer (infra/catalog.ts `requestAuthorizer`: widget sessions and the same JWTs) on account routes.
 * The CDK stack and the local stack's HTTP adapter both read it here.
 */
export type RouteAuthorizer = "none" | "jwt" | "request";

export function authorizerOf(auth: RouteAuth): RouteAuthorizer {
  return auth === "public" ? "none" : auth === "operator" ? "jwt" : "request";
}

/**
 * CORS for the embeddable dashboard, answered by API Gateway (the stack's CORS configuration) for the origins in the
 * operator configuration's widget.allowedOrigins only: preflights and every answer's Access-Control-Allow-Origin.
 * Bearer tokens, never cookies, so no credentials.
 */
export const widgetCorsPolicy = {
  allowMethods: ["GET", "POST"],
  allowHeaders: ["authorization", "content-type"],
  exposeHeaders: ["retry-after"],
  maxAgeSeconds: 600,
} as const;

/** The path parameter that names the account on account-or-operator and account routes. */
export const accountPathParameter = "accountId";

/**
 * The holder of the operator's own ledger accounts (docs/ledger.md), and the path account id they are
 * read under (`GET /accounts/operator/balance`, the operator only). No customer account may use it.
 */
export const operatorHolder = "operator";

/** API Gateway route-level throttle (token bucket): steady requests per second and burst. */
export interface RouteThrottle {
  readonly rateLimitPerSecond: number;
  readonly burstLimit: number;
}

export interface HttpRouteDefinition {
  readonly method: "GET" | "HEAD" | "POST" | "PUT" | "DELETE";
  /** API Gateway HTTP API path, with {param} and greedy {param+}. */
  readonly path: string;
  /** The catalog function (infra/catalog.ts functionSpecs) that serves it. */
  readonly functionName: string;
  readonly auth: RouteAuth;
  readonly throttle: RouteThrottle;
  /**
   * A manager (agency) account linked to the path's client account may call it too, as itself
   * (docs/agencies.md): `read` a client's data, `act` for the client. Absent: the account itself and the
   * operator only. The OpenAPI document marks these routes (`x-managed-access`).
   */
  readonly managedAccess?: "read" | "act";
}

const { routeThrottles } = limits;

/**
 * The referral link, defined on its own so that the redirect imports it without the list of every
 * route (the redirect's bundle stays small: the unused list is dropped).
 */
export const followReferralLinkRoute = {
  method: "GET",
  path: "/r/{link+}",
  functionName: "redirect",
  auth: "public",
  throttle: limits.routeThrottles.referralLink,
} as const satisfies HttpRouteDefinition;

/** Every route by its operation id (the OpenAPI operationId). Built by a pure call, so a bundle that does not use it drops it. */
export const routes = /* @__PURE__ */ defineRoutes();

function defineRoutes() {
  return {
    // One greedy parameter: API Gateway routes `/r/ABC123/` (a trailing slash) to no `/r/{code}` route. `/R/` is the same link typed in capitals.
    followReferralLink: followReferralLinkRoute,
    headReferralLink: {
      method: "HEAD",
      path: "/r/{link+}",
      functionName: "redirect",
      auth: "public",
      throttle: routeThrottles.referralLink,
    },
    followReferralLinkUpperCase: {
      method: "GET",
      path: "/R/{link+}",
      functionName: "redirect",
      auth: "public",
      throttle: routeThrottles.referralLink,
    },
    headReferralLinkUpperCase: {
      method: "HEAD",
      path: "/R/{link+}",
      functionName: "redirect",
      auth: "public",
      throttle: routeThrottles.referralLink,
    },
    createAttribution: {
      method: "POST",
      path: "/attributions",
      functionName: "create-attribution",
      auth: "operator",
      throttle: routeThrottles.attribution,
    },
    createQuote: {
      method: "POST",
      path: "/quotes",
      functionName: "create-quote",
      auth: "operator",
      throttle: routeThrottles.quote,
    },
    redeemInviteCode: {
      method: "POST",
      path: "/accounts/{accountId}/code-redemptions",
      functionName: "redeem-invite-code",
      auth: "account-or-operator",
      throttle: routeThrottles.accountAction,
      managedAccess: "act",
    },
    sendInvite: {
      method: "POST",
      path: "/accounts/{accountId}/invites",
      functionName: "send-invite",
      auth: "account-or-operator",
      throttle: routeThrottles.accountAction,
    },
    getReferrals: {
      method: "GET",
      path: "/accounts/{accountId}/referrals",
      functionName: "get-referrals",
      auth: "account-or-operator",
      throttle: routeThrottles.accountRead,
      managedAccess: "read",
    },
    getDiscounts: {
      method: "GET",
      path: "/accounts/{accountId}/discounts",
      functionName: "get-discounts",
      auth: "account-or-operator",
      throttle: routeThrottles.accountRead,
      managedAccess: "read",
    },
    getReferral: {
      method: "GET",
      path: "/accounts/{accountId}/referral",
      functionName: "get-referral",
      auth: "account-or-operator",
      throttle: routeThrottles.accountRead,
      managedAccess: "read",
    },
    getLedger: {
      method: "GET",
      path: "/accounts/{accountId}/ledger",
      functionName: "get-ledger",
      auth: "account-or-operator",
      throttle: routeThrottles.accountRead,
      managedAccess: "read",
    },
    getBalance: {
      method: "GET",
      path: "/accounts/{accountId}/balance",
      functionName: "get-balance",
      auth: "account-or-operator",
      throttle: routeThrottles.accountRead,
      managedAccess: "read",
    },
    getStatement: {
      method: "GET",
      path: "/accounts/{accountId}/statements",
      functionName: "get-statement",
      auth: "account-or-operator",
      throttle: routeThrottles.accountRead,
      managedAccess: "read",
    },
    markReferralFraudulent: {
      method: "POST",
      path: "/referrals/{refereeAccountId}/fraud",
      functionName: "mark-referral-fraudulent",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    startSettlement: {
      method: "POST",
      path: "/settlements",
      functionName: "settlements",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    getSettlement: {
      method: "GET",
      path: "/settlements/{programId}/{periodId}",
      functionName: "settlements",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    setCommissionRate: {
      method: "PUT",
      path: "/accounts/{accountId}/commission-rates/{programId}",
      functionName: "commission-rates",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    removeCommissionRate: {
      method: "DELETE",
      path: "/accounts/{accountId}/commission-rates/{programId}",
      functionName: "commission-rates",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    getCommissionRate: {
      method: "GET",
      path: "/accounts/{accountId}/commission-rates/{programId}",
      functionName: "get-commission-rate",
      auth: "account-or-operator",
      throttle: routeThrottles.accountRead,
    },
    requestWithdrawal: {
      method: "POST",
      path: "/accounts/{accountId}/withdrawals",
      functionName: "request-withdrawal",
      auth: "account-or-operator",
      throttle: routeThrottles.accountAction,
    },
    listWithdrawals: {
      method: "GET",
      path: "/withdrawals",
      functionName: "list-withdrawals",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    getWithdrawal: {
      method: "GET",
      path: "/withdrawals/{withdrawalId}",
      functionName: "get-withdrawal",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    markWithdrawalPaid: {
      method: "POST",
      path: "/withdrawals/{withdrawalId}/paid",
      functionName: "mark-withdrawal-paid",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    markWithdrawalFailed: {
      method: "POST",
      path: "/withdrawals/{withdrawalId}/failed",
      functionName: "mark-withdrawal-failed",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    recordContract: {
      method: "PUT",
      path: "/accounts/{accountId}/contracts/{programId}",
      functionName: "record-contract",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    revokeContract: {
      method: "POST",
      path: "/accounts/{accountId}/contracts/{programId}/revocation",
      functionName: "revoke-contract",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    createWidgetToken: {
      method: "POST",
      path: "/widget-tokens",
      functionName: "create-widget-token",
      auth: "operator",
      throttle: routeThrottles.widgetToken,
    },
    createWidgetSession: {
      method: "POST",
      path: "/widget-sessions",
      functionName: "create-widget-session",
      auth: "public",
      throttle: routeThrottles.widgetSession,
    },
    getWidgetScript: {
      method: "GET",
      path: "/widget/referral-dashboard.js",
      functionName: "get-widget",
      auth: "public",
      throttle: routeThrottles.widgetScript,
    },
    enableDeposit: {
      method: "PUT",
      path: "/accounts/{accountId}/deposit",
      functionName: "deposits",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    getDeposit: {
      method: "GET",
      path: "/accounts/{accountId}/deposit",
      functionName: "get-deposit",
      auth: "account-or-operator",
      throttle: routeThrottles.accountRead,
    },
    debitDeposit: {
      method: "POST",
      path: "/accounts/{accountId}/deposit-debits",
      functionName: "deposits",
      auth: "operator",
      throttle: routeThrottles.depositDebit,
    },
    getDepositStatement: {
      method: "GET",
      path: "/accounts/{accountId}/deposit/statements/{month}",
      functionName: "get-deposit",
      auth: "account-or-operator",
      throttle: routeThrottles.accountRead,
    },
    // Manager (agency) links (docs/agencies.md): the handlers check that the caller is the client or the manager itself.
    createManagerConsent: {
      method: "POST",
      path: "/accounts/{accountId}/manager-consents",
      functionName: "create-manager-consent",
      auth: "account",
      throttle: routeThrottles.managementAction,
    },
    linkManagedAccount: {
      method: "POST",
      path: "/accounts/{accountId}/managed-accounts",
      functionName: "link-managed-account",
      auth: "account",
      throttle: routeThrottles.consentPresentation,
    },
    listManagedAccounts: {
      method: "GET",
      path: "/accounts/{accountId}/managed-accounts",
      functionName: "list-manager-links",
      auth: "account-or-operator",
      throttle: routeThrottles.managementRead,
    },
    listManagers: {
      method: "GET",
      path: "/accounts/{accountId}/managers",
      functionName: "list-manager-links",
      auth: "account-or-operator",
      throttle: routeThrottles.managementRead,
    },
    revokeManagedAccount: {
      method: "POST",
      path: "/accounts/{accountId}/managed-accounts/{clientAccountId}/revocation",
      functionName: "revoke-manager-link",
      auth: "account-or-operator",
      throttle: routeThrottles.managementAction,
    },
    revokeManager: {
      method: "POST",
      path: "/accounts/{accountId}/managers/{managerAccountId}/revocation",
      functionName: "revoke-manager-link",
      auth: "account-or-operator",
      throttle: routeThrottles.managementAction,
    },
    listManagementAudit: {
      method: "GET",
      path: "/accounts/{accountId}/management-audit",
      functionName: "list-management-audit",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    applyToPartnerProgram: {
      method: "POST",
      path: "/accounts/{accountId}/partner-applications",
      functionName: "apply-to-partner-program",
      auth: "account-or-operator",
      throttle: routeThrottles.accountAction,
    },
    listPartnerApplications: {
      method: "GET",
      path: "/partner-applications",
      functionName: "partner-applications",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    getPartnerApplication: {
      method: "GET",
      path: "/partner-applications/{applicationId}",
      functionName: "partner-applications",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    approvePartnerApplication: {
      method: "POST",
      path: "/partner-applications/{applicationId}/approval",
      functionName: "decide-partner-application",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    rejectPartnerApplication: {
      method: "POST",
      path: "/partner-applications/{applicationId}/rejection",
      functionName: "decide-partner-application",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    getPartnerLevel: {
      method: "GET",
      path: "/accounts/{accountId}/partner-levels/{programId}",
      functionName: "get-partner-level",
      auth: "account-or-operator",
      throttle: routeThrottles.accountRead,
    },
    verifyPartnerLevel: {
      method: "POST",
      path: "/accounts/{accountId}/partner-levels/{programId}/verifications",
      functionName: "verify-partner-level",
      auth: "operator",
      throttle: routeThrottles.operatorAction,
    },
    getOpenApiDocument: {
      method: "GET",
      path: "/openapi.json",
      functionName: "get-openapi",
      auth: "public",
      throttle: routeThrottles.document,
    },
  } as const satisfies Record<string, HttpRouteDefinition>;
}

export type RouteId = keyof typeof routes;

/** A route with its id, as the catalog lists it. */
export interface IdentifiedHttpRoute extends HttpRouteDefinition {
  readonly operationId: RouteId;
}

function listRoutes(): readonly IdentifiedHttpRoute[] {
  return (Object.keys(routes) as RouteId[]).map((operationId) => ({ operationId, ...routes[operationId] }));
}

export const routeList: readonly IdentifiedHttpRoute[] = /* @__PURE__ */ listRoutes();

/** The scopes API Gateway requires on a route (any one of them): the operator's on operator routes, none elsewhere. */
export function authorizationScopesOf(auth: RouteAuth): readonly string[] {
  return auth === "operator" ? [operatorScope] : [];
}
