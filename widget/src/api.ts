/**
 * The widget's side of the API (docs/widget.md): exchange the page's one-time widget token for a session, then call
 * the account's own routes with the session bearer. The answers are typed by the API's own OpenAPI types
 * (client/src/api.ts, generated from docs/openapi.json: a type-only import, no code in the bundle).
 *
 * When the session ends (expiry, or refused by the API's authorizer), the widget asks the page's `tokenProvider` for a
 * new token once and carries on; without one it reports `session_ended` (the widget asks for a reload).
 */
import type { paths } from "../../client/src/api.ts";

/** The JSON body of a route's answer of this status. */
type Answer<Path extends keyof paths, Method extends "get" | "post", Status extends number> = paths[Path][Method] extends {
  responses: { [S in Status]: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

export type WidgetSession = Answer<"/widget-sessions", "post", 201>;
export type ReferralOverview = Answer<"/accounts/{accountId}/referral", "get", 200>;
export type ReferralList = Answer<"/accounts/{accountId}/referrals", "get", 200>;
export type Balances = Answer<"/accounts/{accountId}/balance", "get", 200>;
export type InviteResponse = Answer<"/accounts/{accountId}/invites", "post", 201>;
export type WithdrawalResponse = Answer<"/accounts/{accountId}/withdrawals", "post", 201>;
export type CommissionRateAnswer = Answer<"/accounts/{accountId}/commission-rates/{programId}", "get", 200>;
export type PartnerLevelAnswer = Answer<"/accounts/{accountId}/partner-levels/{programId}", "get", 200>;

/** An answer of the API that is not a success: its status and stable reason code (`network` when nothing came back). */
export class WidgetApiError extends Error {
  override name = "WidgetApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type TokenProvider = () => Promise<string>;

/** Referred clients read at once: the first page, and each "show more". */
export const referralsPageSize = 50;

async function parsedOrThrow<T>(response: Response): Promise<T> {
  if (response.ok) return (await response.json()) as T;
  let code = `http_${response.status}`;
  let message = response.statusText;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string }; message?: string };
    code = body.error?.code ?? code;
    message = body.error?.message ?? body.message ?? message;
  } catch {
    // an answer without a JSON body (a gateway error): the status says enough
  }
  throw new WidgetApiError(response.status, code, message);
}

async function send(input: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(input, { ...init, credentials: "omit", cache: "no-store" });
  } catch (error) {
    // A CORS refusal or an unreachable API: the browser tells the page nothing more.
    throw new WidgetApiError(0, "network", error instanceof Error ? error.message : String(error));
  }
}

export interface WidgetApi {
  readonly session: () => WidgetSession;
  readonly referral: () => Promise<ReferralOverview>;
  /** One page of the referred clients, newest first: the first without a cursor, the next with the last page's `nextCursor`. */
  readonly referrals: (cursor?: string) => Promise<ReferralList>;
  readonly balances: () => Promise<Balances>;
  /** The discounts route (GET /accounts/{id}/discounts), as it answers: undefined when it does not exist (404). */
  readonly discounts: () => Promise<unknown>;
  /** The account's partner level in the session's program (ACTIVE 24); undefined when it is not an approved partner (404). */
  readonly partnerLevel: () => Promise<PartnerLevelAnswer | undefined>;
  /** Where the open half month stands for the account's commission (Zadarma); undefined when the route does not answer (404). */
  readonly commissionRate: () => Promise<CommissionRateAnswer | undefined>;
  readonly invite: (body: { email?: string; phone?: string; locale: string }) => Promise<InviteResponse>;
  readonly withdraw: (currency: string) => Promise<WithdrawalResponse>;
}

/** Opens a session with `token` (once) and returns the account's routes on it. */
export async function openWidgetApi(options: {
  readonly apiBase: string;
  readonly token: string;
  readonly tokenProvider?: TokenProvider;
  readonly newId?: () => string;
}): Promise<WidgetApi> {
  const base = options.apiBase.replace(/\/+$/, "");
  const exchange = async (token: string): Promise<WidgetSession> =>
    parsedOrThrow<WidgetSession>(
      await send(`${base}/widget-sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      }),
    );
  let session = await exchange(options.token);
  let renewing: Promise<WidgetSession> | undefined;

  /** A new session from a new token of the page, once at a time; `session_ended` without a provider. */
  async function renew(): Promise<void> {
    if (!options.tokenProvider) throw new WidgetApiError(401, "session_ended", "the widget session has ended");
    renewing ??= options
      .tokenProvider()
      .then(exchange)
      .finally(() => {
        renewing = undefined;
      });
    session = await renewing;
  }

  async function call<T>(method: "GET" | "POST", path: string, body?: unknown, allow404 = false): Promise<T | undefined> {
    if (Date.parse(session.expiresAt) - Date.now() < 5_000) await renew();
    for (let attempt = 0; ; attempt += 1) {
      const response = await send(`${base}/accounts/${encodeURIComponent(session.accountId)}${path}`, {
        method,
        headers: { authorization: `Bearer ${session.sessionToken}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      if (allow404 && response.status === 404) return undefined;
      // The request authorizer's refusal (401/403 without a reason code): the session ended or was refused.
      if ((response.status === 401 || response.status === 403) && attempt === 0) {
        const refusal = await response
          .clone()
          .json()
          .catch(() => ({}));
        if (!(refusal as { error?: unknown }).error) {
          await renew();
          continue;
        }
      }
      return await parsedOrThrow<T>(response);
    }
  }

  const programId = () => session.program.programId;
  const newId = options.newId ?? (() => crypto.randomUUID());
  return {
    session: () => session,
    referral: async () => (await call<ReferralOverview>("GET", `/referral?programId=${encodeURIComponent(programId())}`))!,
    referrals: async (cursor) =>
      (await call<ReferralList>("GET", `/referrals?limit=${referralsPageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`))!,
    balances: async () => (await call<Balances>("GET", "/balance"))!,
    discounts: async () => await call<unknown>("GET", `/discounts?programId=${encodeURIComponent(programId())}`, undefined, true),
    partnerLevel: async () =>
      await call<PartnerLevelAnswer>("GET", `/partner-levels/${encodeURIComponent(programId())}?limit=1`, undefined, true),
    commissionRate: async () =>
      await call<CommissionRateAnswer>("GET", `/commission-rates/${encodeURIComponent(programId())}`, undefined, true),
    invite: async (body) => (await call<InviteResponse>("POST", "/invites", { ...body, programId: programId() }))!,
    withdraw: async (currency) =>
      (await call<WithdrawalResponse>("POST", "/withdrawals", { withdrawalId: `wd-${newId()}`, programId: programId(), currency }))!,
  };
}
