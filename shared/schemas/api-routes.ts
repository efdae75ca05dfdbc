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
import { discountLimits, limits, partnerLimits, statementLimits, widgetLimits } from "../limits.ts";
import {
  accessErrorBodySchema,
  accountPathSchema,
  attributionRequestSchema,
  attributionResponseSchema,
  customerAccountPathSchema,
  errorBodySchema,
  openApiDocumentSchema,
  redirectPathSchema,
  redirectQuerySchema,
  referralOverviewQuerySchema,
  referralOverviewSchema,
} from "./api.ts";
import {
  codeRedemptionRequestSchema,
  codeRedemptionResponseSchema,
  inviteRequestSchema,
  inviteResponseSchema,
  referralListQuerySchema,
  referralListSchema,
} from "./code-entry-api.ts";
import {
  depositDebitBodySchema,
  depositDebitResponseSchema,
  depositPathSchema,
  depositQuerySchema,
  depositResponseSchema,
  depositStatementPathSchema,
  depositStatementResponseSchema,
  enableDepositBodySchema,
  enableDepositResponseSchema,
} from "./deposit-api.ts";
import { discountListQuerySchema, discountListSchema } from "./discounts-api.ts";
import {
  balanceQuerySchema,
  balancesResponseSchema,
  ledgerPageSchema,
  ledgerQuerySchema,
  markFraudulentResponseSchema,
  referralPathSchema,
} from "./ledger-api.ts";
import {
  clientManagerPathSchema,
  consentResponseSchema,
  createConsentRequestSchema,
  managedClientPathSchema,
  managementAuditPageSchema,
  managementListQuerySchema,
  managerLinkPageSchema,
  managerLinkResponseSchema,
  presentConsentRequestSchema,
} from "./management-api.ts";
import {
  applicationDecisionResponseSchema,
  applicationListQuerySchema,
  applicationPageSchema,
  applicationPathSchema,
  applicationRequestBodySchema,
  applicationResponseSchema,
  applicationViewResponseSchema,
  approvalBodySchema,
  rejectionBodySchema,
} from "./partner-applications-api.ts";
import {
  partnerLevelPathSchema,
  partnerLevelQuerySchema,
  partnerLevelResponseSchema,
  verificationBodySchema,
  verificationResponseSchema,
} from "./partner-levels-api.ts";
import { quoteRequestSchema, quoteSchema } from "./quote-api.ts";
import {
  commissionRatePathSchema,
  commissionRateRemovedSchema,
  commissionRateSchema,
  commissionRateViewSchema,
  setCommissionRateRequestSchema,
  settlementPathSchema,
  settlementProgressSchema,
  settlementRunPlanSchema,
  startSettlementRequestSchema,
} from "./settlement-api.ts";
import { statementQuerySchema, statementSchema } from "./statement-api.ts";
import {
  widgetSessionRequestSchema,
  widgetSessionResponseSchema,
  widgetTokenRequestSchema,
  widgetTokenResponseSchema,
} from "./widget-api.ts";
import {
  contractPathSchema,
  contractResponseSchema,
  markWithdrawalFailedBodySchema,
  markWithdrawalPaidBodySchema,
  recordContractBodySchema,
  revokeContractBodySchema,
  withdrawalListQuerySchema,
  withdrawalOutcomeResponseSchema,
  withdrawalPageSchema,
  withdrawalPathSchema,
  withdrawalRequestBodySchema,
  withdrawalResponseSchema,
} from "./withdrawals-api.ts";

export interface ApiResponseSpec {
  readonly description: string;
  readonly body?: z.ZodType;
  /** Other media types the response comes in (content negotiation on Accept), each a string described in words. */
  readonly alternatives?: Readonly<Record<string, { readonly description: string }>>;
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
  401: {
    description:
      'No token, or a token the API\'s JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`.',
    body: accessErrorBodySchema,
  },
  403: {
    description:
      'The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route\'s scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account\'s data.',
    body: accessErrorBodySchema,
  },
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
          "referral_code_unknown (no such active code, or its program does not take this kind of attribution), click_id_invalid (not a click id a redirect issued: ids are signed; also a click after `attributedAt`), click_window_expired (the click id is older than the program's `clickWindowDays` at `attributedAt`), code_entry_window_closed (a code after the program's code-entry window of the referee's registration), self_referral, attributed_at_in_future (`attributedAt` after the service's clock), or attributed_at_before_registration (`attributedAt` before the referee's registeredAt from account.registered).",
        body: errorBodySchema,
      },
    },
  },
  createQuote: {
    summary: "Price a basket for an account on a day, with the discounts in force (operator)",
    description: `Each line gets every discount of its payer (the quote's \`accountId\` unless the line names another \`payerAccountId\`) in force on \`date\` (operator time zone: startsOn ≤ date < endsOn), of every program and role, except those whose program excludes the line's category (t2: \`sms_package\`). Several discounts combine multiplicatively, largest rate first: price = list × Π(1 − rate), so together they never exceed 100 % and each keeps its meaning; the price is rounded once per line, half away from zero. With \`unitPurchaseCostMinor\` the final price is never below quantity × that cost (nor above the list price): the ACTIVE 24 floor. Totals per currency, never added across currencies (docs/discounts.md, "Quotes"). At most ${discountLimits.quoteLinesMax} lines and ${discountLimits.quoteBodyBytesMax / 1024} KiB; quantities 1-${discountLimits.quoteQuantityMax}, every amount and quantity × unit amount at most ${limits.amountMinorMax} minor units. Reads one Query per distinct payer and writes nothing: the same request answers the same quote until a discount changes.`,
    tags: ["discounts"],
    request: { body: quoteRequestSchema },
    responses: {
      200: {
        description: "The priced basket: each line with its discounts, floor and final price, and the totals per currency.",
        body: quoteSchema,
      },
      400: {
        description:
          "validation_failed: a malformed request (`error.issues` names the fields at fault): no lines or too many, a quantity or amount out of range or whose product with the quantity is, a date that is not a day, the account id `operator`, an unknown field, a body over the size limit.",
        body: errorBodySchema,
      },
      401: errors[401],
      403: errors[403],
      503: {
        description: "transient: DynamoDB throttled or timed out; send the same request again.",
        body: errorBodySchema,
        headers: { "retry-after": { description: "Seconds to wait before retrying." } },
      },
    },
  },
  redeemInviteCode: {
    summary: "Enter a personal invite code after sign-up (t2)",
    description: `The account (or the operator for it) enters the invite code of the client who referred it, until the end of the same day of the month \`codeEntryWindowMonths\` after its registration, in the operator's time zone (t2: one month; registered 31 January: until the end of 28/29 February). One code per account, ever; the own code is refused (self_referral). A code attributes the account to the code's owner even when a referral link had attributed it before, as long as no payment was counted on that referral; the sign-up moves from the link's code to this one. A wrong, disabled or foreign code (another program's, or one whose window for this account is over) gets one answer, \`referral_code_unknown\`, with the same message. Guessing is throttled in the table, so across every container: ${limits.codeEntryAttempts.perAccount} attempts per account and, when the account itself calls, ${limits.codeEntryAttempts.perSourceAddress} per source address, per UTC day (docs/codes.md). The account's registration (account.registered) must have arrived.`,
    tags: ["attribution"],
    request: { path: accountPathSchema, body: codeRedemptionRequestSchema },
    responses: {
      201: {
        description: "The code is activated: the account's referral is now by code (`codeActivatedAt`).",
        body: codeRedemptionResponseSchema,
      },
      400: { description: "A malformed request, or the account id `operator`. Nothing was written.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
      409: {
        description:
          "code_already_redeemed (the account was referred by a code before), referral_already_rewarded (referred by a link and a payment was counted), referral_fraudulent, or registration_unknown (account.registered has not arrived yet: retry shortly).",
        body: errorBodySchema,
      },
      422: {
        description:
          "referral_code_unknown (no such code, or it cannot be entered for this account: one answer for every reason), code_entry_window_closed (the account's code-entry window is over in every program), or self_referral (the own code, or the same e-mail or payment fingerprint).",
        body: errorBodySchema,
      },
      429: {
        description: "too_many_attempts: the account or the address used up its attempts for the day. Nothing was looked up.",
        body: errorBodySchema,
        headers: { "retry-after": { description: "Seconds until the window that refused ends." } },
      },
    },
  },
  sendInvite: {
    summary: "Send the account's invite code by e-mail or SMS",
    description: `Puts an \`invite.requested\` message (channel, recipient, code, program, locale) on the outbound queue for the operator's mailer (docs/events.md); this service sends no e-mail or SMS itself. Exactly one of \`email\` or \`phone\` (E.164). The account's code in the program is created on first use. At most ${limits.invites.perAccount} invites per account and UTC day; a recipient invited in the last ${limits.invites.recipientQuietDays} days, by anyone, gets no second invite (the same address however written: case and \`+tags\` aside). The recipient is stored only as a keyed hash. After a 503 send the same request again: the same invite goes out (same \`inviteId\`).`,
    tags: ["attribution"],
    request: { path: accountPathSchema, body: inviteRequestSchema },
    responses: {
      201: { description: "The invite is on the outbound queue.", body: inviteResponseSchema },
      400: {
        description: "A malformed request (neither or both of email and phone, a number not in E.164), or the account id `operator`.",
        body: errorBodySchema,
      },
      401: errors[401],
      403: errors[403],
      404: {
        description:
          "No active program of that id takes a typed code: neither a program of invite codes (`attribution.codeEntryWindowMonths`, t2) nor a link program (`attribution.links`, whose code is typed at sign-up).",
        body: errorBodySchema,
      },
      409: {
        description: `recipient_recently_invited: invited in the last ${limits.invites.recipientQuietDays} days. Nothing was sent.`,
        body: errorBodySchema,
      },
      429: {
        description: "too_many_attempts: the account's invites for the day are used up.",
        body: errorBodySchema,
        headers: { "retry-after": { description: "Seconds until the window that refused ends." } },
      },
    },
  },
  getReferrals: {
    summary: "The clients an account referred (t2's 'referred clients' tab)",
    description:
      "Newest first: each client's account id, the display name the operator gave in account.registered (`displayName`), the program, how it was referred and when (the moment the code was activated, or the link attributed). Paged with `limit` and `cursor`; a cursor of another listing is refused. A referral is listed under its current referrer only (a code that replaced a link moves it).",
    tags: ["attribution"],
    request: { path: customerAccountPathSchema, query: referralListQuerySchema },
    responses: {
      200: { description: "A page of referred clients.", body: referralListSchema },
      400: { description: "A malformed query, or a cursor of another listing.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
    },
  },
  getDiscounts: {
    summary: "An account's discounts, their history and the program's table (t2's discount tabs)",
    description: `Per program that gives discounts: the account's current discount as referred client (\`referee\`) and as referrer, with rate, start, end (the first day no longer in force) and status (scheduled, active, ended), what the program gives a referred client, and the referrer's stacking table (t2: 20/40/60/80/100 % for 3/6/12/12/12 months, 12 beyond five, 1,200 SMS at 3 and 3,200 SMS at 5). Then the account's discount history, **newest first** (by the time each change was decided), paged with \`limit\` (1-${discountLimits.historyPageSizeMax}) and \`cursor\`; every page carries the current discounts and tables again. \`programId\` narrows all three to one program. A discount changes when a code referral is decided (within seconds, from the table's stream) and in the daily run shortly after midnight in the operator's time zone (docs/discounts.md).`,
    tags: ["discounts"],
    request: { path: customerAccountPathSchema, query: discountListQuerySchema },
    responses: {
      200: {
        description: "The discounts and a page of history (an account without discounts: no discounts, no history).",
        body: discountListSchema,
      },
      400: { description: "A malformed query, or a cursor of another listing.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
      404: { description: "`programId` names no program that gives discounts, and the account holds none in it.", body: errorBodySchema },
    },
  },
  getReferral: {
    summary: "An account's referral link, invite code and statistics",
    description:
      "Creates the account's code in the program on first use (no registration step). `link` is `<base>/r/<code>` on the service's configured public address (REFERRAL_LINK_BASE_URL), never on the host the request came to.",
    tags: ["links"],
    request: { path: customerAccountPathSchema, query: referralOverviewQuerySchema },
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
      "The entries of the transfers that touch the account's ledger accounts (double entry: every movement is a transfer from one ledger account to another, docs/ledger.md): each with the ledger account it changes (`ledgerAccountKind`), its signed effect on it (`amountMinor`), the transfer's `code` and `kind`, the other side (`counterparty`), currency, program, period and source event. A transfer between two of the account's own ledger accounts (a settlement release) shows as two entries. Filter by kind, code, half-month period and currency; page with `limit` and `cursor`. The operator reads any account's ledger, and its own accounts (commission_expense, credit_expense, payout_clearing, deposit_funding) under the account id `operator`, one `currency` at a time: the same entries, seen from the operator's side (the counterparty is the customer's ledger account), with the same filters and cursor rules; a cursor of one listing is refused by another. Changed with the double-entry ledger: `entryId` is now `transferId`, `status` is now `ledgerAccountKind` (pending → commission_pending, available → commission_available, paid → credit_granted), `reversesEntryId` is now `reversesTransferId`; `code` and `counterparty` are new; `kind`, signed `amountMinor`, `currency`, `periodId`, `sourceEventId` and `refereeAccountId` keep their names and meaning.",
    tags: ["ledger"],
    request: { path: accountPathSchema, query: ledgerQuerySchema },
    responses: {
      200: { description: "A page of ledger entries, newest first.", body: ledgerPageSchema },
      400: {
        description:
          "A malformed query, a code outside the kind asked for, a cursor that does not belong to this listing, or the operator's accounts listed without a currency.",
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
  getStatement: {
    summary: "An account's commission statement per half-month period (JSON, or CSV with Accept: text/csv)",
    description: `One row per half-month settlement period from the one holding \`from\` to the one holding \`to\` (operator time zone, at most ${statementLimits.periodsMax}): commission accrued (less what refunds took back while it was pending), the settlement of the period per program (the rate it was paid at and why: individual rate, tier of active referred customers, or the rule's rate; the tier top-up or reduction; the amount released to available), commission and top-up clawed back by refunds after settlement, withdrawals reserved, paid and returned, the net movement of commission_pending, commission_available and payout_reserved, and their opening and closing balances. A row shows what is booked to its period (a refund after settlement appears in its payment's period), read now: its figures sum to the ledger's transfers, and the last period's closing balances are the balances now when nothing is booked after it. The balances are the currency's ledger accounts, all programs (\`programId\` narrows the figures only). \`Accept: text/csv\` answers the same as CSV (RFC 4180, header line, one line per period, every amount in minor units and as a decimal: docs/ledger.md, "Statements").`,
    tags: ["ledger"],
    request: { path: accountPathSchema, query: statementQuerySchema },
    responses: {
      200: {
        description: "The statement.",
        body: statementSchema,
        alternatives: {
          "text/csv": {
            description:
              "With `Accept: text/csv`: a header line, then one line per period (CRLF), RFC 4180 quoting; each amount as `<name>_minor` (integer minor units) and `<name>` (a decimal with the currency's ISO 4217 minor digits).",
          },
        },
        headers: { vary: { description: "accept: the media type follows the Accept header." } },
      },
      400: {
        description: `A malformed query: a day that is not a date, \`to\` before \`from\`, more than ${statementLimits.periodsMax} periods, no \`currency\` while the account holds commission in none or several; or the account id \`operator\`.`,
        body: errorBodySchema,
      },
      401: errors[401],
      403: errors[403],
      404: { description: "`programId` names no program with a commission rule.", body: errorBodySchema },
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
      "Starts a settlement run as if the semi-monthly schedule had fired at 00:00 of `date` in the operator's time zone: each program with a commission rule settles the half month that closed at least its `holdDays` before (2026-11-15 settles 1–14 November with no hold), and, where a hold that is not a whole number of half months makes this the scheduled run of an earlier one too, that one first (`programs` lists each program and period, oldest first). The run fans out on the settlement queue and returns at once; read its progress with GET /settlements/{programId}/{periodId}. Idempotent: an account is settled once per period whatever runs, repeats or late runs do. A `date` whose 00:00 is still ahead is refused (422 `settlement_date_in_future`): its run would settle a half month still open, or one whose hold has not passed. `dryRun` only answers which period each program would settle, for any date.",
    tags: ["settlement"],
    request: { body: startSettlementRequestSchema },
    responses: {
      200: { description: "Dry run: the periods that would be settled; nothing was written.", body: settlementRunPlanSchema },
      202: { description: "The run is started: its pages and accounts are on the settlement queue.", body: settlementRunPlanSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "`programId` names no program with a commission rule.", body: errorBodySchema },
      422: {
        description: "`settlement_date_in_future`: 00:00 of `date` in the operator's time zone is still ahead (a dry run may look ahead).",
        body: errorBodySchema,
      },
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
  getCommissionRate: {
    summary: "A partner's commission rate in a program",
    description:
      "The partner (or the operator): the program's tier ladder, the partner's individual rate if the operator set one (it overrides the tiers), the commission rule's rate (the floor), and where the open half month stands per currency: its accrual so far, the active referred customers that count towards a tier, the rate the whole period would be paid at if it were settled now (the rule settlement applies: individual rate, else the highest tier reached, else the rule's rate), the next tier it can still reach, and the day of the run that settles it. Nothing is written.",
    tags: ["settlement"],
    request: { path: commissionRatePathSchema },
    responses: {
      200: { description: "The ladder, the individual rate and the open period.", body: commissionRateViewSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "No program of that id pays commission.", body: errorBodySchema },
    },
  },
  // The payout routes (issue 8): schemas in shared/schemas/withdrawals-api.ts, rules in docs/ledger.md "Withdrawals".
  requestWithdrawal: {
    summary: "Withdraw the available commission in one currency",
    description:
      "Reserves the account's WHOLE available commission in `currency` for a payout, under the payout policy of `programId`: allowed only when the available balance strictly exceeds the program's threshold in that currency (Zadarma: 100.00 EUR is refused, 100.01 allowed) and, where the program requires it, a referral contract is on file; at most one withdrawal is open per account, program and currency. The amount moves at once from commission_available to payout_reserved (a two-phase transfer: two requests can never reserve more than is available) and a `withdrawal.requested` message goes to the outbound queue. Idempotent by `withdrawalId`: the same request again answers 200 with the withdrawal as it is now; a refusal writes nothing, so the same id may be sent again later. The operator may request on the account's behalf (recorded as `requestedBy: operator`); the same rules apply.",
    tags: ["payouts"],
    request: { path: accountPathSchema, body: withdrawalRequestBodySchema },
    responses: {
      201: { description: "Requested: the amount is reserved.", body: withdrawalResponseSchema },
      200: {
        description: "The same request was made before: the withdrawal as it is now, nothing changed.",
        body: withdrawalResponseSchema,
      },
      400: { description: "A malformed request, or the account id `operator`. Nothing was written.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
      404: { description: "No such program.", body: errorBodySchema },
      409: {
        description:
          "withdrawal_already_open (another withdrawal of this program and currency must be paid or fail first) or withdrawal_mismatch (the id was used for another account, program or currency).",
        body: errorBodySchema,
      },
      422: {
        description:
          "below_threshold (the available commission does not exceed the threshold, also when it is negative after a clawback of paid-out commission: it carries over), contract_not_on_file (the program requires a signed referral contract and none is active), no_payout_policy (the program pays out no commission in this currency).",
        body: errorBodySchema,
      },
    },
  },
  listWithdrawals: {
    summary: "Withdrawals by status (operator)",
    description:
      "Withdrawals in one status, oldest request first: `requested` (default) are the ones to pay. Read from an index, so a withdrawal whose status changed a moment ago may still be listed under its old status; `GET /withdrawals/{withdrawalId}` reads it exactly.",
    tags: ["payouts"],
    request: { query: withdrawalListQuerySchema },
    responses: {
      200: { description: "A page of withdrawals.", body: withdrawalPageSchema },
      400: { description: "A malformed query, or a cursor of another listing.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
    },
  },
  getWithdrawal: {
    summary: "A withdrawal (operator)",
    tags: ["payouts"],
    request: { path: withdrawalPathSchema },
    responses: {
      200: { description: "The withdrawal as stored now.", body: withdrawalResponseSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "No such withdrawal.", body: errorBodySchema },
    },
  },
  markWithdrawalPaid: {
    summary: "Mark a withdrawal paid (operator)",
    description:
      "The payout went out: the reserved amount is posted from payout_reserved to the operator's payout_clearing (it leaves the ledger) and a `withdrawal.paid` message goes to the outbound queue. Marking it paid again with the same reference changes nothing (`changed: false`).",
    tags: ["payouts"],
    request: { path: withdrawalPathSchema, body: markWithdrawalPaidBodySchema },
    responses: {
      200: { description: "Paid (`changed: false`: it already was, with this reference).", body: withdrawalOutcomeResponseSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "No such withdrawal.", body: errorBodySchema },
      409: {
        description: "withdrawal_already_paid (with another reference) or withdrawal_already_failed: nothing changed.",
        body: errorBodySchema,
      },
    },
  },
  markWithdrawalFailed: {
    summary: "Mark a withdrawal failed (operator)",
    description:
      "The payout failed or was refused: the reservation is voided, exactly the reserved amount returns to the account's commission_available, and a `withdrawal.failed` message goes to the outbound queue. The account may then request again. Marking it failed again with the same reason changes nothing (`changed: false`).",
    tags: ["payouts"],
    request: { path: withdrawalPathSchema, body: markWithdrawalFailedBodySchema },
    responses: {
      200: { description: "Failed (`changed: false`: it already was, with this reason).", body: withdrawalOutcomeResponseSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "No such withdrawal.", body: errorBodySchema },
      409: {
        description: "withdrawal_already_failed (with another reason) or withdrawal_already_paid: nothing changed.",
        body: errorBodySchema,
      },
    },
  },
  recordContract: {
    summary: "Record the referral contract an account signed for a program (operator)",
    description:
      "Puts the contract on file: where the signed document is filed and the date it was signed (not after today in the operator's time zone). Replaces a revoked contract or the one on file (a renewal); the same contract again changes nothing (`changed: false`). Programs whose payout policy requires a contract (Zadarma) pay out only while one is on file.",
    tags: ["payouts"],
    request: { path: contractPathSchema, body: recordContractBodySchema },
    responses: {
      201: { description: "The account's first contract in the program.", body: contractResponseSchema },
      200: {
        description: "Recorded, replacing the previous one (`changed: false`: it was already on file).",
        body: contractResponseSchema,
      },
      400: { description: "A malformed request, a signing date after today, or the account id `operator`.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
      404: { description: "No such program.", body: errorBodySchema },
    },
  },
  revokeContract: {
    summary: "Revoke the referral contract on file (operator)",
    description:
      "The contract ended on `revokedOn` (not after today, not before it was signed); from now on the program's withdrawals are refused (`contract_not_on_file`) until a contract is recorded again. A withdrawal requested before stays as it is: mark it failed if it must not be paid. Revoking again on the same date changes nothing.",
    tags: ["payouts"],
    request: { path: contractPathSchema, body: revokeContractBodySchema },
    responses: {
      200: { description: "Revoked (`changed: false`: it already was, on that date).", body: contractResponseSchema },
      400: { description: "A malformed request, or a date after today or before the signature.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
      404: { description: "No contract on file for this account and program, or no such program.", body: errorBodySchema },
      409: { description: "contract_already_revoked: revoked before, on another date.", body: errorBodySchema },
    },
  },
  // The embeddable dashboard (issue 12): docs/widget.md.
  createWidgetToken: {
    summary: "Mint a one-time widget token for one account (operator)",
    description: `The operator's backend calls this for each page view of its customer area that embeds \`<referral-dashboard>\`, and hands the token to the element as its \`token\` property (or answers the element's \`tokenProvider\` with it), never in a URL. The token expires after ${widgetLimits.tokenLifetimeSeconds / 60} minutes and opens one widget session, once (POST /widget-sessions). It is stored only as its SHA-256. \`locale\` is the account's language: the widget's texts, dates and amounts follow it.`,
    tags: ["widget"],
    request: { body: widgetTokenRequestSchema },
    responses: {
      201: { description: "The token.", body: widgetTokenResponseSchema },
      400: { description: "A malformed request, or the account id `operator`. Nothing was written.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
      404: { description: "No such program.", body: errorBodySchema },
    },
  },
  createWidgetSession: {
    summary: "Exchange a widget token once for a widget session (the widget, from the browser)",
    description: `Public: the widget token in the body is the credential. The request must come from a page whose \`Origin\` is one of the operator configuration's \`widget.allowedOrigins\`; the session is pinned to that origin. The session bearer (\`Authorization: Bearer ws_…\`) is the token's account on the account's own routes (\`/accounts/{accountId}/…\`), for ${widgetLimits.sessionLifetimeSeconds / 60} minutes, from that origin only; then the widget asks its page for a new token. One exchange per token, ever: a second one, also two at once, gets 401.`,
    tags: ["widget"],
    request: { body: widgetSessionRequestSchema },
    responses: {
      201: { description: "The session, and what the widget shows of the program.", body: widgetSessionResponseSchema },
      400: { description: "A malformed request.", body: errorBodySchema },
      401: {
        description: "widget_token_invalid: the token is unknown, expired or already used (one answer for the three).",
        body: errorBodySchema,
      },
      403: {
        description: "origin_not_allowed: the request's Origin is not one of widget.allowedOrigins. The token stays unused.",
        body: errorBodySchema,
      },
    },
  },
  getWidgetScript: {
    summary: "The <referral-dashboard> script (one script tag in the operator's customer area)",
    description:
      'A classic script (no module, so no CORS is needed to load it) that defines the `<referral-dashboard>` custom element: `<script src="<ApiUrl>/widget/referral-dashboard.js" defer></script>`. Cached 5 minutes by the browser, then revalidated on its ETag. docs/widget.md says how to hand it a widget token.',
    tags: ["widget"],
    request: {},
    responses: {
      200: {
        description: "The script (text/javascript), under 30 kB gzipped.",
        headers: {
          etag: { description: "The script's SHA-256 prefix: send it back in If-None-Match." },
          "cache-control": { description: "public, max-age=300." },
        },
      },
      304: { description: "Not modified: the If-None-Match ETag is the script's." },
    },
  },
  // The prepaid deposit (issue 11): schemas in shared/schemas/deposit-api.ts, rules in docs/ledger.md "Deposits".
  enableDeposit: {
    summary: "Enable a partner's prepaid deposit (operator)",
    description:
      "On the partner's authorized request (its reference is recorded), opens the partner's prepaid deposit in one currency: from then on `deposit.topped_up` billing events credit it and `POST /accounts/{accountId}/deposit-debits` pays orders from it. Enabling it again in the same currency changes nothing (200); in another currency it is refused (409 deposit_already_enabled).",
    tags: ["deposits"],
    request: { path: depositPathSchema, body: enableDepositBodySchema },
    responses: {
      201: { description: "Enabled.", body: enableDepositResponseSchema },
      200: { description: "It was enabled before, in this currency: the deposit as it is.", body: enableDepositResponseSchema },
      400: { description: "A malformed request, or the account id `operator`. Nothing was written.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
      409: { description: "deposit_already_enabled: the deposit exists in another currency.", body: errorBodySchema },
    },
  },
  getDeposit: {
    summary: "A partner's deposit: balance and movements",
    description:
      "The deposit's settings, what it holds now (the `deposit` ledger account, which never goes below zero) and its movements newest first: top-ups (`top_up`, positive) and orders paid from it (`order`, negative), paged. An account without a deposit gets balance 0 and no movements. The account itself or the operator.",
    tags: ["deposits"],
    request: { path: depositPathSchema, query: depositQuerySchema },
    responses: {
      200: { description: "The deposit.", body: depositResponseSchema },
      400: { description: "A malformed query or cursor, or the account id `operator`.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
    },
  },
  debitDeposit: {
    summary: "Pay an order from a partner's deposit (operator or billing system)",
    description:
      "Debits the order's amount from the deposit at once, in one transaction whose balance rule refuses taking the deposit below zero: a debit larger than the balance is refused (409 insufficient_balance) and writes nothing, also when many debits race. Idempotent by `orderId`: the same order again answers 200 with the debit made before; the same order id with another account, amount or currency is 409 payload_mismatch.",
    tags: ["deposits"],
    request: { path: depositPathSchema, body: depositDebitBodySchema },
    responses: {
      201: { description: "Debited.", body: depositDebitResponseSchema },
      200: { description: "This order was debited before: nothing changed.", body: depositDebitResponseSchema },
      400: { description: "A malformed request, or the account id `operator`. Nothing was written.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
      409: {
        description:
          "insufficient_balance (the deposit holds less than the amount), deposit_not_enabled, currency_mismatch (the deposit is in another currency) or payload_mismatch (the order id was debited with another body). Nothing was written.",
        body: errorBodySchema,
      },
    },
  },
  getDepositStatement: {
    summary: "A partner's monthly deposit statement",
    description:
      "One document for a calendar month (operator time zone) instead of a payment document per order: opening balance, every top-up and order of the month oldest first, the totals topped up and debited, and the closing balance. Read now: a month in progress shows what is booked so far. The account itself or the operator.",
    tags: ["deposits"],
    request: { path: depositStatementPathSchema },
    responses: {
      200: { description: "The statement.", body: depositStatementResponseSchema },
      400: { description: "A malformed month, or the account id `operator`.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
      409: { description: "deposit_not_enabled: the account has no deposit.", body: errorBodySchema },
    },
  },
  // Manager (agency) links (docs/agencies.md): schemas in shared/schemas/management-api.ts.
  createManagerConsent: {
    summary: "Issue a one-time consent for a manager (agency) account to link this client account",
    description: `The client account itself only (not the operator, not a manager). Returns a random token (256 bits, \`mct_\` and base64url) shown this once: the table keeps only its SHA-256 hash. Give it to the manager, which presents it with \`POST /accounts/{managerAccountId}/managed-accounts\` within \`expiresInMinutes\` (1-${limits.managerConsents.expiresInMinutesMax}, default ${limits.managerConsents.expiresInMinutesDefault}); it links once. With \`managerAccountId\` only that manager may present it. The body is optional. An audit entry \`consent_issued\` is written.`,
    tags: ["agencies"],
    request: { path: accountPathSchema, body: createConsentRequestSchema },
    responses: {
      201: { description: "The consent, with its token (shown once).", body: consentResponseSchema },
      400: { description: "A malformed body, the account id `operator`, or the client itself as the manager.", body: errorBodySchema },
      401: errors[401],
      403: {
        description: "The caller is not the client account itself (the operator and managers may not consent for it).",
        body: errorBodySchema,
      },
    },
  },
  linkManagedAccount: {
    summary: "Present a client's consent token: link the client to this manager (agency) account",
    description:
      "The manager account itself only. Links the client that issued the consent to the manager in the path, once: the consent is marked used in the same transaction (of two presentations at once, one links and the other gets consent_already_used). From now on the manager may call the client's routes marked `x-managed-access`, as itself. A revoked link is linked again by a new consent. Audit entries `link_created` are written under both accounts. Every refusal is 409 with the same body shape and writes nothing.",
    tags: ["agencies"],
    request: { path: accountPathSchema, body: presentConsentRequestSchema },
    responses: {
      201: { description: "Linked.", body: managerLinkResponseSchema },
      400: { description: "A malformed body, the account id `operator`, or the client's own consent.", body: errorBodySchema },
      401: errors[401],
      403: { description: "The caller is not the manager account itself.", body: errorBodySchema },
      409: {
        description:
          "consent_invalid (no consent has this token: forged, mistyped, or deleted a day after it expired), consent_expired, consent_already_used, consent_for_another_manager (issued for another manager account). Nothing was written.",
        body: errorBodySchema,
      },
    },
  },
  listManagedAccounts: {
    summary: "A manager's client accounts (its links, active and revoked)",
    description:
      "By client account id, with each link's state, when it was made and by which consent, and how it ended. Page with `limit` and `cursor`.",
    tags: ["agencies"],
    request: { path: accountPathSchema, query: managementListQuerySchema },
    responses: {
      200: { description: "A page of links.", body: managerLinkPageSchema },
      400: { description: "A malformed query, or a cursor of another listing.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
    },
  },
  listManagers: {
    summary: "A client's manager accounts (its links, active and revoked)",
    description: "By manager account id, with each link's state. Page with `limit` and `cursor`.",
    tags: ["agencies"],
    request: { path: accountPathSchema, query: managementListQuerySchema },
    responses: {
      200: { description: "A page of links.", body: managerLinkPageSchema },
      400: { description: "A malformed query, or a cursor of another listing.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
    },
  },
  revokeManagedAccount: {
    summary: "The manager ends its link to a client",
    description:
      "By the manager account itself or the operator. From the next request on the manager is refused (403) on the client's routes. Revoking again changes nothing (`changed: false`). Audit entries `link_revoked` are written under both accounts.",
    tags: ["agencies"],
    request: { path: managedClientPathSchema },
    responses: {
      200: { description: "Revoked (`changed: false`: it already was).", body: managerLinkResponseSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "The two accounts were never linked.", body: errorBodySchema },
    },
  },
  revokeManager: {
    summary: "The client ends a manager's link to it",
    description:
      "By the client account itself or the operator. From the next request on the manager is refused (403). Revoking again changes nothing (`changed: false`). Audit entries `link_revoked` are written under both accounts.",
    tags: ["agencies"],
    request: { path: clientManagerPathSchema },
    responses: {
      200: { description: "Revoked (`changed: false`: it already was).", body: managerLinkResponseSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "The two accounts were never linked.", body: errorBodySchema },
    },
  },
  listManagementAudit: {
    summary: "An account's manager-link audit entries (operator)",
    description:
      "Oldest first: every consent the account issued, and every link and revocation on either side of it (a link or revocation is listed under both accounts, with the same `entryId`). Append-only. Page with `limit` and `cursor`.",
    tags: ["agencies"],
    request: { path: accountPathSchema, query: managementListQuerySchema },
    responses: {
      200: { description: "A page of audit entries.", body: managementAuditPageSchema },
      400: { description: "A malformed query, or a cursor of another listing.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
    },
  },
  // The partner-application routes (issue 11): schemas in shared/schemas/partner-applications-api.ts, rules in docs/partners.md.
  applyToPartnerProgram: {
    summary: "Apply to a partner program",
    description:
      "The account (or the operator on its behalf, recorded as `submittedBy: operator`) applies to a partner program with the fields the program's form asks for (`partnerProgram.applicationFields`: company name, registration or VAT id, website, expected number of domains or services, free text; each required or optional, any other refused). At most one open application per account and program; a rejected account may apply again after the program's wait (`reapplyAfterRejection`: immediately, from the operator-local day N days after the rejection, or never); an approved partner does not apply again. The application is `submitted` for the operator to decide, or `approved` at once (with a `partner.application.approved` message) where the program's `autoApprove` says so. The same registration id on another account is flagged to the operator (`duplicateRegistrationOf`), never refused.",
    tags: ["partners"],
    request: { path: accountPathSchema, body: applicationRequestBodySchema },
    responses: {
      201: {
        description: "Applied: the application, `submitted` (or `approved` by the program's autoApprove).",
        body: applicationResponseSchema,
      },
      400: {
        description:
          "A malformed request: a field the program does not ask for, a required one missing, a bound crossed, a website that is not an http(s) URL, a registration id that is not 4–32 letters and digits once normalized, or the account id `operator`. Nothing was written.",
        body: errorBodySchema,
      },
      401: errors[401],
      403: errors[403],
      404: { description: "No such program.", body: errorBodySchema },
      409: {
        description:
          "application_already_open (the account's application to this program is still open; the message names it), already_partner (it was approved), reapply_not_allowed_yet (rejected; the message gives the first day it may apply again) or reapply_never (the program takes no application after a rejection). Nothing was written.",
        body: errorBodySchema,
      },
      422: { description: "no_partner_program: the program takes no partner applications.", body: errorBodySchema },
    },
  },
  listPartnerApplications: {
    summary: "A program's partner applications by status (operator)",
    description:
      "Applications to one program in one status, oldest first: `submitted` (default) are the ones to decide. Each carries `duplicateRegistrationOf`, the other accounts that applied with the same registration id. Read from an index, so an application decided a moment ago may still be listed under its old status; `GET /partner-applications/{applicationId}` reads it exactly. An unknown program lists nothing.",
    tags: ["partners"],
    request: { query: applicationListQuerySchema },
    responses: {
      200: { description: "A page of applications.", body: applicationPageSchema },
      400: { description: "A malformed query, or a cursor of another listing.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
    },
  },
  getPartnerApplication: {
    summary: "A partner application (operator)",
    tags: ["partners"],
    request: { path: applicationPathSchema },
    responses: {
      200: { description: "The application as stored now, with `duplicateRegistrationOf`.", body: applicationViewResponseSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "No such application.", body: errorBodySchema },
    },
  },
  approvePartnerApplication: {
    summary: "Approve a partner application (operator)",
    description:
      "The account becomes a partner of the program (its membership: what the program's discounts read) and a `partner.application.approved` message goes to the outbound queue for the operator's mailer, once. Approving again changes nothing and sends nothing (`changed: false`), whatever the reason or note. Two operators deciding at once end in one decision: the other gets `changed: false` (the same decision) or 409.",
    tags: ["partners"],
    request: { path: applicationPathSchema, body: approvalBodySchema },
    responses: {
      200: { description: "Approved (`changed: false`: it already was).", body: applicationDecisionResponseSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "No such application.", body: errorBodySchema },
      409: {
        description: "application_already_decided: it was rejected (the message names the decision); nothing changed.",
        body: errorBodySchema,
      },
      422: { description: "no_partner_program: the program no longer takes partner applications.", body: errorBodySchema },
    },
  },
  rejectPartnerApplication: {
    summary: "Reject a partner application (operator)",
    description:
      "The application is rejected with a reason code (a note is required with `other`) and a `partner.application.rejected` message goes to the outbound queue for the operator's mailer, once, saying when the account may apply again (the program's `reapplyAfterRejection`). Rejecting again changes nothing and sends nothing (`changed: false`).",
    tags: ["partners"],
    request: { path: applicationPathSchema, body: rejectionBodySchema },
    responses: {
      200: { description: "Rejected (`changed: false`: it already was).", body: applicationDecisionResponseSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: { description: "No such application.", body: errorBodySchema },
      409: {
        description: "application_already_decided: it was approved (the message names the decision); nothing changed.",
        body: errorBodySchema,
      },
      422: { description: "no_partner_program: the program no longer takes partner applications.", body: errorBodySchema },
    },
  },
  // The partner-level routes (issue 11): schemas in shared/schemas/partner-levels-api.ts, rules in docs/partners.md, "Levels".
  getPartnerLevel: {
    summary: "A partner's level in a program",
    description:
      "The partner (or the operator): its level (`current`, and `next` when a move is dated ahead), what quotes apply today (`inForceToday`: the level's rate on every line whose payer is the partner, except the level's excluded categories), the last verification's figures (services active with the partner as their payer), when the monthly verification is due, and the verifications newest first, each with its figures and what it decided (`entered` at approval, `confirmed`, `moved_up`, `moved_down`). Page the history with `limit` and `cursor`.",
    tags: ["partners"],
    request: { path: partnerLevelPathSchema, query: partnerLevelQuerySchema },
    responses: {
      200: { description: "The level and a page of its history.", body: partnerLevelResponseSchema },
      400: { description: "A malformed query, or a cursor of another listing.", body: errorBodySchema },
      401: errors[401],
      403: errors[403],
      404: { description: "The account is not an approved partner of the program.", body: errorBodySchema },
    },
  },
  verifyPartnerLevel: {
    summary: "Verify a partner's level now (operator)",
    description:
      "ACTIVE 24 may verify the conditions at any time: measures the partner now (services active with it as their payer), puts it at the last of the program's levels whose conditions it meets (or none), records the verification with its figures, and, when the level moved, sends `partner.level.changed` on the outbound queue. A move takes effect on `effectiveOn` (today by default, or a later day: quotes apply the new rate from that day). Idempotent by `verificationId`: the same id again answers what was recorded (`repeated: true`) and changes nothing. The monthly verification is due again on the 1st of the next month.",
    tags: ["partners"],
    request: { path: partnerLevelPathSchema, body: verificationBodySchema },
    responses: {
      200: { description: "Verified: the level now and what this verification decided.", body: verificationResponseSchema },
      400: {
        description: `A malformed request, or an effectiveOn before today or more than ${partnerLimits.levelEffectiveAheadDaysMax} days ahead (operator time zone). Nothing was written.`,
        body: errorBodySchema,
      },
      401: errors[401],
      403: errors[403],
      409: {
        description:
          "not_a_partner (the account is not an approved partner of the program, also of a program that never had a partner program, or an unknown program) or payload_mismatch (the verificationId was used with another effectiveOn). Nothing was written.",
        body: errorBodySchema,
      },
      422: {
        description: "no_partner_program: the account is a partner of the program, whose `partnerProgram` block has been removed since.",
        body: errorBodySchema,
      },
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
