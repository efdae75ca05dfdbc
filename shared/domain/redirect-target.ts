/**
 * Where a referral link sends the visitor, and whether it may set the referral cookie.
 *
 * The destination is the operator's site: its base URL, plus the deep path after `/r/{code}/`, plus the
 * link's own query (kept as it came, except any `ref_click` the visitor brought), plus our click id.
 * The path is only ever placed into the path of a URL built from the base URL, never resolved as a
 * relative reference, and the result is checked again at the end: anything whose host is not one of
 * `site.allowedHosts` goes to the home page instead. There is no input that redirects elsewhere.
 */
import { limits } from "../limits.ts";
import { clickIdParameter } from "./click.ts";

export interface SiteSettings {
  /** Home page; also the fallback target. */
  readonly baseUrl: string;
  /** The only hosts a redirect may reach. */
  readonly allowedHosts: readonly string[];
  /** The referral cookie is set for this domain (and its subdomains). */
  readonly cookieDomain?: string | undefined;
}

export type RedirectTarget =
  /** The requested page of the operator's site (the home page when the link has no deep path). */
  | { readonly kind: "requested_page"; readonly url: string }
  /** The requested page was refused; the home page instead. */
  | { readonly kind: "home_fallback"; readonly url: string; readonly reason: "path_rejected" | "too_long" | "host_not_allowed" };

/** The site's home page, with a click id when the visitor has one. */
export function homePageUrl(site: SiteSettings, clickId?: string): string {
  const url = new URL(site.baseUrl);
  if (clickId) url.search = `?${clickIdParameter}=${encodeURIComponent(clickId)}`;
  return url.href;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point (CRLF and NUL injection in redirect paths).
const controlCharacterPattern = /[\u0000-\u001f\u007f]/;
const decodingRoundsMax = 4;

/**
 * Every form the deep path can take once a browser, a proxy or API Gateway has percent-decoded it
 * (API Gateway HTTP APIs hand the path over decoded; other sources do not).
 */
function decodedForms(path: string): string[] {
  const forms = [path];
  let current = path;
  for (let round = 0; round < decodingRoundsMax; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break; // a bare % is text, not an escape
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

/**
 * A deep path is rejected when any decoded form could be read as something other than a path on the
 * operator's host: a leading slash or backslash (`//evil.com`, `/\evil.com` are network-path
 * references), any backslash (browsers read it as a slash), or control characters (header splitting).
 */
export function isSafeDeepPath(path: string): boolean {
  return decodedForms(path).every((form) => !form.startsWith("/") && !form.includes("\\") && !controlCharacterPattern.test(form));
}

function withoutParameter(rawQuery: string, parameter: string): string {
  return rawQuery
    .split("&")
    .filter((pair) => {
      if (pair.length === 0) return false;
      const rawName = pair.split("=", 1)[0]!;
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, " "));
      } catch {
        // keep the raw name
      }
      return name !== parameter;
    })
    .join("&");
}

export function isAllowedHost(site: SiteSettings, hostname: string): boolean {
  return site.allowedHosts.includes(hostname.toLowerCase());
}

/**
 * The destination of a referral link. `deepPath` is what follows `/r/{code}/` (decoded or not),
 * `rawQuery` the link's query string without `?`.
 */
export function buildRedirectTarget(
  site: SiteSettings,
  request: { readonly deepPath?: string | undefined; readonly rawQuery?: string | undefined; readonly clickId?: string | undefined },
): RedirectTarget {
  const deepPath = request.deepPath ?? "";
  const rawQuery = request.rawQuery ?? "";
  if (deepPath.length > limits.deepLinkPathLengthMax || rawQuery.length > limits.queryStringLengthMax) {
    return { kind: "home_fallback", url: homePageUrl(site, request.clickId), reason: "too_long" };
  }
  if (!isSafeDeepPath(deepPath)) return { kind: "home_fallback", url: homePageUrl(site, request.clickId), reason: "path_rejected" };

  const url = new URL(site.baseUrl);
  const basePath = url.pathname.replace(/\/+$/, "");
  // A bare % is escaped so that the path stays a valid encoded path; the pathname setter escapes the rest (?, #, spaces, non-ASCII).
  url.pathname = `${basePath}/${deepPath.replace(/%(?![0-9A-Fa-f]{2})/g, "%25")}`;
  const query = [
    withoutParameter(rawQuery, clickIdParameter),
    request.clickId ? `${clickIdParameter}=${encodeURIComponent(request.clickId)}` : "",
  ]
    .filter((part) => part.length > 0)
    .join("&");
  url.search = query.length > 0 ? `?${query}` : "";

  // Belt and braces: whatever happened above, the serialized result must land on an allowed host.
  const result = new URL(url.href);
  const sameOrigin = result.origin === new URL(site.baseUrl).origin;
  if (
    !sameOrigin ||
    result.username !== "" ||
    result.password !== "" ||
    !isAllowedHost(site, result.hostname) ||
    !/^https?:$/.test(result.protocol)
  ) {
    return { kind: "home_fallback", url: homePageUrl(site, request.clickId), reason: "host_not_allowed" };
  }
  return { kind: "requested_page", url: result.href };
}

/** The host part of a Host header or domain name, lower case, without port or trailing dot. */
export function hostnameOf(hostWithPort: string): string {
  const trimmed = hostWithPort.trim().toLowerCase();
  const withoutPort = trimmed.startsWith("[") ? trimmed.slice(0, trimmed.indexOf("]") + 1) : trimmed.replace(/:\d*$/, "");
  return withoutPort.replace(/\.$/, "");
}

/** True when `host` is `domain` itself or one of its subdomains (`badexample.com` is not under `example.com`). */
export function isHostUnderDomain(host: string, domain: string): boolean {
  const hostname = hostnameOf(host);
  const normalizedDomain = hostnameOf(domain);
  if (normalizedDomain.length === 0) return false;
  return hostname === normalizedDomain || hostname.endsWith(`.${normalizedDomain}`);
}

/**
 * The referral cookie is set only when a browser would accept it and the operator's sign-up can read
 * it: the redirect service answers on a host under the cookie domain (else the browser rejects the
 * Domain attribute) and the destination is under it too.
 */
export function mayReferralCookieBeSet(site: SiteSettings, requestHost: string, destinationUrl: string): boolean {
  if (!site.cookieDomain) return false;
  return isHostUnderDomain(requestHost, site.cookieDomain) && isHostUnderDomain(new URL(destinationUrl).host, site.cookieDomain);
}
