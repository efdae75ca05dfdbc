import { describe, expect, it } from "vitest";
import {
  classifyVisit,
  createClickId,
  isAutomatedUserAgent,
  isPaidTraffic,
  isRecentClickOnCode,
  parseClickId,
  visitorHash,
} from "../../shared/domain/click.ts";
import { browserUserAgent } from "../support/http-events.ts";

const at = new Date("2026-03-14T10:15:30.123Z");
const testHashSalt = "test-salt";

describe("click ids", () => {
  it("round-trips the code and the click time", () => {
    const clickId = createClickId(testHashSalt, "ABCD2345", at);
    expect(clickId).toMatch(/^ck_ABCD2345_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(parseClickId(testHashSalt, clickId)).toEqual({ code: "ABCD2345", clickedAt: at });
  });

  it("sorts by time", () => {
    const earlier = createClickId(testHashSalt, "ABCD2345", at).slice(12, 22);
    const later = createClickId(testHashSalt, "ABCD2345", new Date(at.getTime() + 1)).slice(12, 22);
    expect(earlier < later).toBe(true);
  });

  it("is signed: an id with another random part, code, time or key is not a click id", () => {
    const clickId = createClickId(testHashSalt, "ABCD2345", at);
    const body = clickId.slice("ck_ABCD2345_".length);
    const otherSymbol = (symbol: string) => (symbol === "0" ? "1" : "0");
    for (let index = 0; index < body.length; index += 1) {
      const altered = `ck_ABCD2345_${body.slice(0, index)}${otherSymbol(body[index]!)}${body.slice(index + 1)}`;
      expect(parseClickId(testHashSalt, altered), `symbol ${index} changed`).toBeUndefined();
    }
    expect(parseClickId(testHashSalt, `ck_WXYZ6789_${body}`)).toBeUndefined();
    expect(parseClickId("another-deployment's-salt", clickId)).toBeUndefined();
    // Made up from a code and the current time, the way a forger would (the audit's case): refused.
    expect(parseClickId(testHashSalt, `ck_ABCD2345_${body.slice(0, 10)}0000000000000000`)).toBeUndefined();
  });

  it("differs between two clicks in the same millisecond", () => {
    expect(createClickId(testHashSalt, "ABCD2345", at)).not.toBe(createClickId(testHashSalt, "ABCD2345", at));
  });

  it.each([
    [""],
    ["ck_ABCD2345"],
    ["ck_ABCD2345_"],
    ["ck_abcd2345_01JPB8V0K3ABCDEFGHJKMNPQRS"],
    ["ck_ABCD2345_01JPB8V0K3ABCDEFGHJKMNPQR"], // 25 symbols
    ["ck_ABCD2345_81JPB8V0K3ABCDEFGHJKMNPQRS"], // time beyond 48 bits
    ["ck_ABCD2345_01JPB8V0K3ABCDEFGHJKMNPQRU"], // U is not base32
    ["xx_ABCD2345_01JPB8V0K3ABCDEFGHJKMNPQRS"],
    ["ck_ABC_01JPB8V0K3ABCDEFGHJKMNPQRS"],
    [" ck_ABCD2345_01JPB8V0K3ABCDEFGHJKMNPQRS"],
  ])("does not parse %j", (text) => {
    expect(parseClickId(testHashSalt, text)).toBeUndefined();
  });
});

describe("paid traffic is not counted", () => {
  it.each([
    ["gclid=abc", true],
    ["GCLID=abc", true],
    ["gbraid=abc", true],
    ["wbraid=abc", true],
    ["gad_source=1", true],
    ["msclkid=abc", true],
    ["dclid=abc", true],
    ["yclid=abc", true],
    ["ttclid=abc", true],
    ["twclid=abc", true],
    ["li_fat_id=abc", true],
    ["utm_medium=cpc", true],
    ["utm_medium=CPC", true],
    ["utm_medium=ppc", true],
    ["utm_medium=paid", true],
    ["utm_medium=paid_search", true],
    ["utm_medium=paid-social", true],
    ["utm_medium=paidsearch", true],
    ["utm_medium=display", true],
    ["utm_medium=cpm", true],
    ["utm_source=google&utm_medium=cpc&utm_campaign=x", true],
    ["fbclid=abc", false], // organic Facebook shares carry fbclid too
    ["utm_medium=social", false],
    ["utm_medium=email", false],
    ["utm_medium=referral", false],
    ["utm_source=cpc", false],
    ["", false],
    ["page=2&q=gclid", false],
  ])("%j → paid %s", (query, paid) => {
    expect(isPaidTraffic(new URLSearchParams(query))).toBe(paid);
  });
});

describe("bots and link previews are not counted", () => {
  it.each([
    ["facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"],
    ["Facebot"],
    ["meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)"],
    ["Twitterbot/1.0"],
    ["Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"],
    ["LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)"],
    ["Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)"],
    ["TelegramBot (like TwitterBot)"],
    ["WhatsApp/2.23.20.0 A"],
    ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"],
    ["Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"],
    ["Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)"],
    ["Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Applebot/0.1)"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36"],
    ["Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)"],
    ["Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"],
    ["Some Crawler/1.0"],
    ["my-spider"],
    ["SkypeUriPreview Preview/0.5"],
    ["Pinterestbot/1.0"],
    ["curl/8.5.0"],
    ["Wget/1.21"],
    ["python-requests/2.31.0"],
    ["Go-http-client/1.1"],
    ["node"],
    ["undici"],
    [""],
    ["   "],
  ])("%j is automated", (userAgent) => {
    expect(isAutomatedUserAgent(userAgent)).toBe(true);
  });

  it.each([
    [browserUserAgent],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/21C66 [FBAN/FBIOS;FBAV/442.0.0.39.112]",
    ], // a person in Facebook's in-app browser
    ["Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36 [Pinterest/Android]",
    ],
  ])("%j is a person", (userAgent) => {
    expect(isAutomatedUserAgent(userAgent)).toBe(false);
  });

  it("treats a missing user agent as automated", () => {
    expect(isAutomatedUserAgent(undefined)).toBe(true);
  });
});

describe("classifying a visit", () => {
  const query = new URLSearchParams();
  it.each([
    [{ method: "GET", userAgent: browserUserAgent, query }, { kind: "visitor" }],
    [{ method: "get", userAgent: browserUserAgent, query }, { kind: "visitor" }],
    [
      { method: "HEAD", userAgent: browserUserAgent, query },
      { kind: "uncounted", reason: "head_request" },
    ],
    [
      { method: "GET", userAgent: "facebookexternalhit/1.1", query },
      { kind: "uncounted", reason: "automated" },
    ],
    [
      { method: "GET", userAgent: browserUserAgent, query: new URLSearchParams("gclid=x") },
      { kind: "uncounted", reason: "paid_traffic" },
    ],
  ])("%j → %j", (request, expected) => {
    expect(classifyVisit(request)).toEqual(expected);
  });
});

describe("the referral cookie marks a repeat within 24 hours", () => {
  const clickId = createClickId(testHashSalt, "ABCD2345", at);
  it.each([
    ["same code, 1 s later", clickId, "ABCD2345", 1_000, true],
    ["same code, 24 h - 1 ms later", clickId, "ABCD2345", 24 * 3600_000 - 1, true],
    ["same code, exactly 24 h later", clickId, "ABCD2345", 24 * 3600_000, false],
    ["another code", clickId, "WXYZ6789", 1_000, false],
    ["no cookie", undefined, "ABCD2345", 1_000, false],
    ["garbage cookie", "not-a-click", "ABCD2345", 1_000, false],
    ["a click from the far future", clickId, "ABCD2345", -3600_000, false],
  ])("%s → %s", (_name, cookie, code, elapsedMilliseconds, repeat) => {
    expect(isRecentClickOnCode(testHashSalt, cookie, code, new Date(at.getTime() + elapsedMilliseconds))).toBe(repeat);
  });
});

describe("visitor hash", () => {
  it("is keyed, truncated, and differs by code, IP and user agent", () => {
    const base = { sourceIp: "203.0.113.7", userAgent: browserUserAgent, code: "ABCD2345" };
    const hash = visitorHash("salt", base);
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(visitorHash("salt", base)).toBe(hash);
    expect(visitorHash("other-salt", base)).not.toBe(hash);
    expect(visitorHash("salt", { ...base, code: "WXYZ6789" })).not.toBe(hash);
    expect(visitorHash("salt", { ...base, sourceIp: "203.0.113.8" })).not.toBe(hash);
    expect(visitorHash("salt", { ...base, userAgent: "other" })).not.toBe(hash);
    expect(hash).not.toContain("203");
  });
});
