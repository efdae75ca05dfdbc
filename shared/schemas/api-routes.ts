/**
 * The contract of every HTTP route of shared/http-routes.ts (the one route definition the catalog and the
 * handlers read): the zod schemas of its path, query and body, and its responses by status. The OpenAPI
 * document (shared/schemas/openapi.ts) is generated from this list; the contracts are keyed by route id
 * and the type requires one for each route, so a route cannot be served without being documented.
 *
 * Handlers parse with the same schemas they are listed with here. Only scripts, tests and the
 * get-openapi function import this file: the hot-path functions import their schemas directly.
 */
import type * as z from "zod";
import { type IdentifiedHttpRoute, type RouteId, routeList } from "../http-routes.ts";
import { limits } from "../limits.ts";
import {
  accountPathSchema,
  attributionRequestSchema,
  attributionResponseSchema,
  errorBodySchema,
  openApiDocumentSchema,
  redirectPathSchema,
  redirectQuerySchema,
  referralOverviewQuerySchema,
  referralOverviewSchema,
} from "./api.ts";
import {
  balanceQuerySchema,
  balancesResponseSchema,
  ledgerPageSchema,
  ledgerQuerySchema,
  markFraudulentResponseSchema,
  referralPathSchema,
} from "./ledger-api.ts";
import {
  commissionRatePathSchema,
  commissionRateRemovedSchema,
  commissionRateSchema,
  setCommissionRateRequestSchema,
  settlementPathSchema,
  settlementProgressSchema,
  settlementRunPlanSchema,
  startSettlementRequestSchema,
} from "./settlement-api.ts";

export interface ApiResponseSpec {
  readonly description: string;
  readonly body?: z.ZodType;
  readonly headers?: Readonly<Record<string, { readonly description: string }>>;
}

/** What the OpenAPI document says of a route beyond its definition in shared/http-routes.ts. */
export interface ApiContract {
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly request: {
    /** Full zod or zod/mini (the redirect's schemas, shared/schemas/redirect.ts). */
    readonly path?: z.core.$ZodObject;
    readonly query?: z.core.$ZodType;
    readonly body?: z.ZodType;
  };
  readonly responses: Readonly<Record<number, ApiResponseSpec>>;
}

/** A route with its contract: method, path, function, auth and throttle from shared/http-routes.ts. */
export type ApiRouteSpec = IdentifiedHttpRoute & ApiContract;

const errors = {
  400: { description: "The request is malformed; `error.issues` names the fields at fault. Nothing was written.", body: errorBodySchema },
  401: { description: "No valid token.", body: errorBodySchema },
  403: { description: "The token may not access this resource.", body: errorBodySchema },
} satisfies Record<number, ApiResponseSpec>;

const redirectResponses: Readonly<Record<number, ApiResponseSpec>> = {
  302: {
    description:
      "Always a redirect, never an error for a visitor. To the requested page of the operator's site with a `ref_click` click id for a counted visitor; to the page without a click id for bots, link previews, HEAD requests and paid traffic; to the home page for an unknown or disabled code or a path that would leave the operator's hosts.",
    headers: {
      location: { description: "The destination, always on one of the operator's configured hosts." },
      "set-cookie": {
        description: `\`ref=<clickId>; Domain=<cookieDomain>; Path=/; Max-Age=${limits.referralCookieMaxAgeSeconds}; Secure; HttpOnly; SameSite=Lax\`, only when this service and the destination are under the operator's cookie domain.`,
      },
      "cache-control": { description: "no-store: every click reaches the counter." },
    },
  },
};

const redirectDescription =
  "The referral link. Counted once per visitor and 24 hours; not counted: HEAD requests, bots and link-preview fetchers (Facebook's share preview among them), and paid advertising (gclid, gbraid, wbraid, msclkid, dclid, yclid, ttclid and similar, or utm_medium cpc/ppc/paid/display). Paid traffic gets no click id and no cookie, so it can never be attributed.";

function referralLinkContract(prefix: "r" | "R"): ApiContract {
  return {
    summary:
      prefix === "r"
        ? "Follow a referral link (`/r/<code>` or `/r/<code>/<page>`) to the operator's site"
        : "The same referral link typed in capitals (`/R/<code>`)",
    description: `${redirectDescription} The page after the code, and the query, are kept. \`/r/ABC123\`, \`/r/abc123/\`, \`/r/ABC123.\` and \`/r/%41BC123\` are the same link.`,
    tags: ["links"],
    request: { path: redirectPathSchema, query: redirectQuerySchema },
    responses: redirectResponses,
  };
}

/**
 * The contract of every route, by its id in shared/http-routes.ts: the type requires one for each
 * route, so a route cannot be served without being documented.
 */
const contracts: { readonly [Id in RouteId]: ApiContract } = {
  followReferralLink: referralLinkContract("r"),
  headReferralLink: referralLinkContract("r"),
  followReferralLinkUpperCase: referralLinkContract("R"),
  headReferralLinkUpperCase: referralLinkContract("R"),
  createAttribution: {
    summary: "Attribute a sign-up to its referrer (server to server)",
    description:
      "Called by the operator's sign-up with the click id it received (the `ref` cookie or the `ref_click` parameter) or the invite code the customer typed. Creates the permanent referral; the first attribution wins and a second one returns it unchanged (200). Rejects self-referral: the same account, or the same e-mail or payment fingerprint when given. `attributedAt` (optional, default now) backdates a sign-up recorded elsewhere first; only payments at or after the referral's `attributedAt` earn. Operator only: an account's token gets 403 forbidden, with or without `attributedAt`.",
    tags: ["attribution"],
    request: { body: attributionRequestSchema },
    responses: {
      201: { description: "The referral was created; the code's sign-up counter has been incremented.", body: attributionResponseSchema },
      200: { description: "The account was already referred: the existing referral, nothing changed.", body: attributionResponseSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      422: {
        description:
          "referral_code_unknown (no such active code, or its program does not take this kind of attribution), click_id_invalid (also a click after `attributedAt`), self_referral, attributed_at_in_future (`attributedAt` after the service's clock), or attributed_at_before_registration (`attributedAt` before the referee's registeredAt from account.registered).",
        body: errorBodySchema,
      },
    },
  },
  getReferral: {
    summary: "An account's referral link, invite code and statistics",
    description:
      "Creates the account's code in the program on first use (no registration step). `link` is `<base>/r/<code>` on the service's configured public address (REFERRAL_LINK_BASE_URL), never on the host the request came to.",
    tags: ["links"],
    request: { path: accountPathSchema, query: referralOverviewQuerySchema },
    responses: {
      200: { description: "The link, the code, a Facebook share URL and live statistics.", body: referralOverviewSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "No such program.", body: errorBodySchema },
    },
  },
  // The ledger routes (issue 3): schemas in shared/schemas/ledger-api.ts.
  getLedger: {
    summary: "An account's ledger entries, newest first",
    description:
      "The entries of the transfers that touch the account's ledger accounts (double entry: every movement is a transfer from one ledger account to another, docs/ledger.md): each with the ledger account it changes (`ledgerAccountKind`), its signed effect on it (`amountMinor`), the transfer's `code` and `kind`, the other side (`counterparty`), currency, program, period and source event. A transfer between two of the account's own ledger accounts (a settlement release) shows as two entries. Filter by kind, code and half-month period; page with `limit` and `cursor`. The operator reads any account's ledger; its own accounts are read by balance. Changed with the double-entry ledger: `entryId` is now `transferId`, `status` is now `ledgerAccountKind` (pending → commission_pending, available → commission_available, paid → credit_granted), `reversesEntryId` is now `reversesTransferId`; `code` and `counterparty` are new; `kind`, signed `amountMinor`, `currency`, `periodId`, `sourceEventId` and `refereeAccountId` keep their names and meaning.",
    tags: ["ledger"],
    request: { path: accountPathSchema, query: ledgerQuerySchema },
    responses: {
      200: { description: "A page of ledger entries, newest first.", body: ledgerPageSchema },
      400: {
        description:
          "A malformed query, a code outside the kind asked for, a cursor that does not belong to this listing, or the account id `operator` (read its balance).",
        body: errorBodySchema,
      },
      401: errors[401],
      403: errors[403],
    },
  },
  getBalance: {
    summary: "An account's ledger accounts and dashboard figures per currency",
    description:
      "Per currency, each of the account's ledger accounts (commission_pending, commission_available, payout_reserved, credit_granted, deposit) with its balance, debits, credits and transfer count (each the sum of its transfers), and the figures a dashboard shows: commission pending, commission available to withdraw (negative after a clawback of paid-out commission), payout reserved, credit granted, deposit. An account without transfers has no balances. The operator reads its own accounts (commission_expense, credit_expense, payout_clearing, deposit_funding) under the account id `operator`, one `currency` at a time. Changed with the double-entry ledger: `pendingMinor`, `availableMinor` and `paidMinor` are now `commissionPendingMinor`, `commissionAvailableMinor` and `creditGrantedMinor` (paid out commission will be `payout_clearing`, no longer mixed with credit), and `ledgerAccounts` is new.",
    tags: ["ledger"],
    request: { path: accountPathSchema, query: balanceQuerySchema },
    responses: {
      200: { description: "Ledger accounts and figures per currency.", body: balancesResponseSchema },
      400: { description: "A malformed query, or the operator's accounts read without a currency.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
    },
  },
  markReferralFraudulent: {
    summary: "Mark a referral fraudulent (operator)",
    description:
      "From this moment the referee's payments earn its referrer nothing. Rewards already posted stay (reverse them with an adjustment if needed). Marking again changes nothing.",
    tags: ["ledger"],
    request: { path: referralPathSchema },
    responses: {
      200: { description: "The referral, now fraudulent.", body: markFraudulentResponseSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "The account has no referral.", body: errorBodySchema },
    },
  },
  startSettlement: {
    summary: "Settle commission on demand for a date (operator)",
    description:
      "Starts a settlement run as if the semi-monthly schedule had fired at 00:00 of `date` in the operator's time zone: each program with a commission rule settles the half month that closed at least its `holdDays` before (2026-11-15 settles 1–14 November with no hold). The run fans out on the settlement queue and returns at once; read its progress with GET /settlements/{programId}/{periodId}. Idempotent: an account is settled once per period whatever runs, repeats or late runs do. `dryRun` only answers which period each program would settle.",
    tags: ["settlement"],
    request: { body: startSettlementRequestSchema },
    responses: {
      200: { description: "Dry run: the periods that would be settled; nothing was written.", body: settlementRunPlanSchema },
      202: { description: "The run is started: its pages and accounts are on the settlement queue.", body: settlementRunPlanSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "`programId` names no program with a commission rule.", body: errorBodySchema },
    },
  },
  getSettlement: {
    summary: "A settlement run's progress (operator)",
    description:
      "Accounts enqueued, settled and failed for one program and period (sums over the run's shards), whether the run is complete, and up to 50 failed accounts with their reason.",
    tags: ["settlement"],
    request: { path: settlementPathSchema },
    responses: {
      200: { description: "The progress.", body: settlementProgressSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  },
  setCommissionRate: {
    summary: "Set a partner's individual commission rate (operator)",
    description:
      "Settlement pays the whole period at this rate instead of the program's tier ladder, from the next settlement run on, and records `individual_rate` as the reason. Setting again replaces it.",
    tags: ["settlement"],
    request: { path: commissionRatePathSchema, body: setCommissionRateRequestSchema },
    responses: {
      200: { description: "The rate now in force.", body: commissionRateSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "No program of that id with a commission rule.", body: errorBodySchema },
    },
  },
  removeCommissionRate: {
    summary: "Remove a partner's individual commission rate (operator)",
    description: "Later settlement runs use the program's tier ladder again.",
    tags: ["settlement"],
    request: { path: commissionRatePathSchema },
    responses: {
      200: { description: "Removed.", body: commissionRateRemovedSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "The partner has no individual rate in that program.", body: errorBodySchema },
    },
  },
  getOpenApiDocument: {
    summary: "This API description (OpenAPI 3.1)",
    tags: ["meta"],
    request: {},
    responses: { 200: { description: "The OpenAPI 3.1 document, the same as docs/openapi.json.", body: openApiDocumentSchema } },
  },
};

/** Every route with its contract, in the order of shared/http-routes.ts. */
export const apiRoutes: readonly ApiRouteSpec[] = routeList.map((route) => ({ ...route, ...contracts[route.operationId] }));
