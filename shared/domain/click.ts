/**
 * What a click on a referral link is and whether it counts.
 *
 * Counted: a GET from a browser that did not come from paid advertising, once per visitor, code and
 * 24 hours. Not counted, and given no click id and no cookie: HEAD requests, bots and link-preview
 * fetchers (the Facebook share preview among them), and paid traffic (the seed excludes contextual
 * advertising). The visitor is still redirected in every case.
 *
 * Click id: `ck_<code>_<26 symbols>`, self-describing: attribution recovers the code and the click time
 * from the id alone, so a click costs no write beyond the counters. It is signed: its last 8 symbols are
 * a keyed hash (HMAC with `HASH_SALT`) of the code, the time and the random part, so only a redirect that
 * counted a click can issue one. An id made up from a code and a recent time (to attribute a sign-up
 * that came from an ad, a bot or no click at all, past the redirect's rules) is refused like any other
 * text that is not a click id.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { limits } from "../limits.ts";
import { cryptoRandomBytes, type RandomBytes, referralCodeAlphabet } from "./referral-code.ts";

/** The query parameter added to the destination, and the cookie set on the operator's domain. */
export const clickIdParameter = "ref_click";
export const referralCookieName = "ref";

const base32 = referralCodeAlphabet;
const clickIdPattern = /^ck_([0-9A-HJKMNP-TV-Z]{4,32})_([0-7][0-9A-HJKMNP-TV-Z]{25})$/;
const timeSymbols = 10;
const randomSymbols = 8;
const signatureSymbols = 8;

function base32Symbols(value: number, count: number): string {
  let text = "";
  let rest = value;
  for (let index = 0; index < count; index += 1) {
    text = base32[rest % 32] + text;
    rest = Math.floor(rest / 32);
  }
  return text;
}

/** One base32 symbol for each byte, from its low 5 bits. */
function symbolsOf(bytes: Uint8Array): string {
  let symbols = "";
  for (const byte of bytes) symbols += base32[byte & 31];
  return symbols;
}

/** The last 8 symbols of a click id: 40 bits of HMAC-SHA256 over the code, the time and the random part. */
function clickSignature(key: string, code: string, timeAndRandom: string): string {
  return symbolsOf(createHmac("sha256", key).update(`click\n${code}\n${timeAndRandom}`).digest().subarray(0, signatureSymbols));
}

/**
 * A click id for `code` at `clickedAt`, signed with `key`: time-sortable (the ULID layout's 48-bit
 * milliseconds first), then 40 random bits, then the 40-bit signature.
 */
export function createClickId(key: string, code: string, clickedAt: Date, randomBytes: RandomBytes = cryptoRandomBytes): string {
  const timeAndRandom = base32Symbols(clickedAt.getTime(), timeSymbols) + symbolsOf(randomBytes(randomSymbols));
  return `ck_${code}_${timeAndRandom}${clickSignature(key, code, timeAndRandom)}`;
}

export interface ParsedClickId {
  readonly code: string;
  readonly clickedAt: Date;
}

/** The code and click time inside a click id signed with `key`, or `undefined` when the text is not one. */
export function parseClickId(key: string, text: string): ParsedClickId | undefined {
  const match = clickIdPattern.exec(text);
  if (!match) return undefined;
  const code = match[1]!;
  const timeAndRandom = match[2]!.slice(0, timeSymbols + randomSymbols);
  const signature = Buffer.from(match[2]!.slice(timeSymbols + randomSymbols));
  if (!timingSafeEqual(signature, Buffer.from(clickSignature(key, code, timeAndRandom)))) return undefined;
  let milliseconds = 0;
  for (const symbol of timeAndRandom.slice(0, timeSymbols)) milliseconds = milliseconds * 32 + base32.indexOf(symbol);
  return { code, clickedAt: new Date(milliseconds) };
}

/**
 * Click-id query parameters that ad networks add to paid clicks only. fbclid is deliberately absent:
 * Facebook adds it to organic shares too, and a shared referral link is exactly what Ex2 wants counted.
 * ttclid, twclid, li_fat_id, ScCid, epik and rdt_cid are the TikTok, X, LinkedIn, Snapchat, Pinterest
 * and Reddit ad-click ids; gad_source and gclsrc accompany Google Ads clicks.
 */
export const paidClickParameters: ReadonlySet<string> = new Set([
  "gclid",
  "gclsrc",
  "gbraid",
  "wbraid",
  "gad_source",
  "gad_campaignid",
  "dclid",
  "msclkid",
  "yclid",
  "ttclid",
  "twclid",
  "li_fat_id",
  "sccid",
  "epik",
  "rdt_cid",
]);

/** utm_medium values (lower case, punctuation removed) that mark paid media. Any value starting with "paid" counts too. */
export const paidMediums: ReadonlySet<string> = new Set([
  "cpc",
  "ppc",
  "cpm",
  "cpv",
  "cpa",
  "paid",
  "paidsearch",
  "paidsocial",
  "display",
  "banner",
  "sem",
  "ads",
  "ad",
  "retargeting",
  "remarketing",
]);

/** True when the link's query says the visitor came from paid advertising. */
export function isPaidTraffic(query: URLSearchParams): boolean {
  for (const [name, value] of query) {
    const lowerName = name.toLowerCase();
    if (paidClickParameters.has(lowerName)) return true;
    if (lowerName === "utm_medium") {
      const medium = value.toLowerCase().replace(/[^a-z0-9]/g, "");
      if (paidMediums.has(medium) || medium.startsWith("paid")) return true;
    }
  }
  return false;
}

/**
 * Crawlers, link-preview fetchers (the Facebook, X, Slack, LinkedIn, Discord, Telegram and WhatsApp
 * previews of a shared link), headless browsers, monitors and HTTP libraries. A browser always sends a
 * user agent, so a request without one is not a person either.
 */
const automatedUserAgentPattern = new RegExp(
  [
    "facebookexternalhit",
    "facebot",
    "facebookcatalog",
    "meta-externalagent",
    "twitterbot",
    "slackbot",
    "linkedinbot",
    "discordbot",
    "telegrambot",
    "whatsapp",
    "googlebot",
    "bingbot",
    "applebot",
    "skypeuripreview",
    "embedly",
    "iframely",
    "vkshare",
    "pinterestbot",
    "pinterest/0\\.",
    "redditbot",
    "mastodon",
    "cardyb",
    "google-inspectiontool",
    "adsbot",
    "mediapartners",
    "feedfetcher",
    "lighthouse",
    "pingdom",
    "uptimerobot",
    "prerender",
    "phantomjs",
    "bot\\b",
    "bot[/-]",
    "crawl",
    "spider",
    "slurp",
    "preview",
    "headless",
    "scrapy",
    "^curl/",
    "^wget/",
    "python-requests",
    "python-urllib",
    "aiohttp",
    "httpx",
    "go-http-client",
    "okhttp",
    "axios/",
    "node-fetch",
    "undici",
    "^node$",
    "libwww-perl",
    "apache-httpclient",
    "^java/",
    "postmanruntime",
  ].join("|"),
  "i",
);

/** Phones whose brand contains "bot" (CUBOT) are people. */
const falseAutomatedPattern = /cubot/gi;

export function isAutomatedUserAgent(userAgent: string | undefined): boolean {
  const text = (userAgent ?? "").trim();
  if (text.length === 0) return true;
  return automatedUserAgentPattern.test(text.replace(falseAutomatedPattern, ""));
}

export type UncountedVisitReason = "head_request" | "automated" | "paid_traffic";

export type VisitClassification = { readonly kind: "visitor" } | { readonly kind: "uncounted"; readonly reason: UncountedVisitReason };

/**
 * Decides whether a request on a referral link is a person to count (and give a click id) or not.
 * Repeats within 24 hours are decided later, by the visitor marker in the click's write.
 */
export function classifyVisit(request: {
  readonly method: string;
  readonly userAgent: string | undefined;
  readonly query: URLSearchParams;
}): VisitClassification {
  if (request.method.toUpperCase() === "HEAD") return { kind: "uncounted", reason: "head_request" };
  if (isAutomatedUserAgent(request.userAgent)) return { kind: "uncounted", reason: "automated" };
  if (isPaidTraffic(request.query)) return { kind: "uncounted", reason: "paid_traffic" };
  return { kind: "visitor" };
}

/** Clock skew tolerated between the click id's time and the reader's clock. */
export const clickTimeSkewMilliseconds = 5 * 60 * 1000;

/**
 * True when the visitor's referral cookie holds a click on this same code within the repeat window,
 * signed with `key`: the click is a repeat and needs no write at all.
 */
export function isRecentClickOnCode(key: string, cookieClickId: string | undefined, code: string, now: Date): boolean {
  if (!cookieClickId) return false;
  const parsed = parseClickId(key, cookieClickId);
  if (!parsed || parsed.code !== code) return false;
  const ageMilliseconds = now.getTime() - parsed.clickedAt.getTime();
  return ageMilliseconds >= -clickTimeSkewMilliseconds && ageMilliseconds < limits.clickRepeatWindowSeconds * 1000;
}

/** Length of the stored visitor hash in hex characters (128 bits). */
export const visitorHashLength = 32;

/**
 * A pseudonymous visitor id for the 24-hour repeat check: keyed hash of IP, user agent and code. The IP
 * and user agent are never stored; including the code keeps one visitor's hashes unlinkable across codes.
 */
export function visitorHash(
  salt: string,
  visitor: { readonly sourceIp: string; readonly userAgent: string; readonly code: string },
): string {
  return createHmac("sha256", salt)
    .update(`visitor\n${visitor.sourceIp}\n${visitor.userAgent}\n${visitor.code}`)
    .digest("hex")
    .slice(0, visitorHashLength);
}
