/**
 * The referral ledger's HTTP API, typed: every route, parameter, body and answer of docs/openapi.json
 * (generated into ./api.ts by `npm run openapi`), over openapi-fetch, which adds no code of ours to
 * the wire format. An operator's backend imports this package:
 *
 *     import { createReferralLedgerClient } from "@referral-ledger/client";
 *     const ledger = createReferralLedgerClient({ baseUrl, token: () => mintOperatorToken() });
 *     const { data, error } = await ledger.GET("/accounts/{accountId}/balance", { params: { path: { accountId } } });
 *
 * `data` is typed by the route's 2xx answer, `error` by its documented 4xx/5xx answers (the API's
 * `{ error: { code, message } }` with the route's stable reason codes).
 */
import createClient, { type Client, type ClientOptions, type Middleware } from "openapi-fetch";
import type { components, operations, paths } from "./api.ts";

export type { components, operations, paths };
export type ReferralLedgerClient = Client<paths>;
/** The API's error answer (every 4xx and 5xx). */
export type ApiError = components["schemas"]["Error"];

export interface ReferralLedgerClientOptions extends Omit<ClientOptions, "baseUrl"> {
  /** The API's base URL: the stack's `ApiUrl` output, or `apiUrl` in the local stack's stack.json. */
  readonly baseUrl: string;
  /**
   * The bearer token of each request: the operator's token (scope `referral-ledger/operator`) or an
   * account's. A function is asked again for every request, so a short-lived token can be refreshed.
   */
  readonly token?: string | (() => string | Promise<string>);
}

export function createReferralLedgerClient(options: ReferralLedgerClientOptions): ReferralLedgerClient {
  const { token, baseUrl, ...clientOptions } = options;
  const client = createClient<paths>({ ...clientOptions, baseUrl: baseUrl.replace(/\/+$/, "") });
  if (token !== undefined) {
    const bearer: Middleware = {
      async onRequest({ request }) {
        const value = typeof token === "function" ? await token() : token;
        request.headers.set("authorization", `Bearer ${value}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}
