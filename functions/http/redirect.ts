/**
 * GET|HEAD /r/{link+} (and /R/{link+}): the referral link, `/r/<code>` or `/r/<code>/<deep path>`, read the way people paste it (shared/domain/pasted-link.ts). Always a 302 for a visitor: to the page
 * asked for on the operator's site with a click id, or to the home page when the code is unknown or the
 * path would leave the operator's hosts. Sets the first-party `ref` cookie when this service and the
 * destination are under the operator's cookie domain.
 *
 * Kept small on purpose (bundle size and cold start): no OpenAPI, no route registry, no body parsing,
 * no referral store (links, attribution, stats): only its own schemas and the click store.
 */

import { referralCookieName } from "../../shared/domain/click.ts";
import { readPastedLink } from "../../shared/domain/pasted-link.ts";
import { followReferralLinkRoute } from "../../shared/http-routes.ts";
import { limits } from "../../shared/limits.ts";
import { redirectPathSchema, redirectQuerySchema } from "../../shared/schemas/redirect.ts";
import { followReferralLink, type LinkVisitOutcome } from "../../shared/use-cases/follow-referral-link.ts";
import type { RedirectDependencies } from "../../shared/use-cases/redirect-dependencies.ts";
import { type HttpEvent, type HttpResponse, httpRoute } from "../middleware/http-stack.ts";
import { redirectDependenciesFromEnvironment } from "../wiring/redirect.ts";

/** The value of a cookie the browser sent (payload 2.0 puts cookies in `cookies`; a raw header is the fallback). */
function cookieValue(event: HttpEvent, name: string): string | undefined {
  const pairs = event.cookies ?? (event.headers?.cookie ?? "").split(";");
  for (const pair of pairs) {
    const separator = pair.indexOf("=");
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

function redirectResponse(outcome: LinkVisitOutcome): HttpResponse {
  const cookies =
    outcome.cookieDomain && outcome.clickId
      ? [
          `${referralCookieName}=${outcome.clickId}; Domain=${outcome.cookieDomain}; Path=/; Max-Age=${limits.referralCookieMaxAgeSeconds}; Secure; HttpOnly; SameSite=Lax`,
        ]
      : [];
  return {
    statusCode: 302,
    headers: {
      location: outcome.location,
      // Every click must reach the counter: no browser or CDN caching of the redirect.
      "cache-control": "no-store",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-robots-tag": "noindex",
    },
    ...(cookies.length > 0 ? { cookies } : {}),
    body: "",
  };
}

export function createRedirectHandler(dependencies: RedirectDependencies) {
  return httpRoute(followReferralLinkRoute, {}, async ({ event }) => {
    // Validated, but a malformed code or path is not an error for a visitor: it leads to the home page.
    const path = redirectPathSchema.safeParse(event.pathParameters ?? {});
    const query = redirectQuerySchema.safeParse(event.queryStringParameters);
    const link = path.success ? readPastedLink(path.data.link, query.success ? (event.rawQueryString ?? "") : "") : undefined;
    const outcome = await followReferralLink(dependencies, {
      method: event.requestContext.http.method,
      rawCode: link?.rawCode,
      deepPath: link?.deepPath,
      rawQuery: link?.rawQuery ?? "",
      userAgent: event.requestContext.http.userAgent ?? event.headers?.["user-agent"],
      sourceIp: event.requestContext.http.sourceIp,
      requestHost: event.requestContext.domainName ?? event.headers?.host ?? "",
      referralCookie: cookieValue(event, referralCookieName),
    });
    return redirectResponse(outcome);
  });
}

export const handler = createRedirectHandler(redirectDependenciesFromEnvironment());
