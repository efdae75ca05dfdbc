import { describe, expect, it } from "vitest";
import {
  buildRedirectTarget,
  homePageUrl,
  hostnameOf,
  isHostUnderDomain,
  isSafeDeepPath,
  mayReferralCookieBeSet,
  type SiteSettings,
} from "../../shared/domain/redirect-target.ts";
import { limits } from "../../shared/limits.ts";

const site: SiteSettings = {
  baseUrl: "https://www.example.com/",
  allowedHosts: ["www.example.com", "example.com", "my.example.com"],
  cookieDomain: "example.com",
};
const clickId = "ck_ABCD2345_01JPB8V0K3ABCDEFGHJKMNPQRS";

describe("deep links keep their path and query and gain a click id", () => {
  it.each([
    [undefined, undefined, `https://www.example.com/?ref_click=${clickId}`],
    ["", "", `https://www.example.com/?ref_click=${clickId}`],
    ["pricing", "", `https://www.example.com/pricing?ref_click=${clickId}`],
    [
      "hosting/vps/linux",
      "plan=pro&utm_source=blog",
      `https://www.example.com/hosting/vps/linux?plan=pro&utm_source=blog&ref_click=${clickId}`,
    ],
    ["docs/a%20b", "", `https://www.example.com/docs/a%20b?ref_click=${clickId}`],
    ["docs/a b", "", `https://www.example.com/docs/a%20b?ref_click=${clickId}`], // API Gateway hands the path over decoded
    ["shop/ü", "", `https://www.example.com/shop/%C3%BC?ref_click=${clickId}`],
    ["what?x=1", "", `https://www.example.com/what%3Fx=1?ref_click=${clickId}`], // a decoded ? stays in the path
    ["100%", "", `https://www.example.com/100%25?ref_click=${clickId}`],
    ["@evil.com", "", `https://www.example.com/@evil.com?ref_click=${clickId}`],
    ["https://evil.com", "", `https://www.example.com/https://evil.com?ref_click=${clickId}`],
    ["evil.com@www.example.com", "", `https://www.example.com/evil.com@www.example.com?ref_click=${clickId}`],
    ["pricing", "ref_click=forged&a=1", `https://www.example.com/pricing?a=1&ref_click=${clickId}`], // a visitor-supplied click id is replaced
    ["pricing", "q=a+b&x=%2F", `https://www.example.com/pricing?q=a+b&x=%2F&ref_click=${clickId}`], // the rest of the query is kept byte for byte
  ])("path %j, query %j → %s", (deepPath, rawQuery, expected) => {
    expect(buildRedirectTarget(site, { deepPath, rawQuery, clickId })).toEqual({ kind: "requested_page", url: expected });
  });

  it("adds nothing when there is no click id", () => {
    expect(buildRedirectTarget(site, { deepPath: "pricing", rawQuery: "gclid=1" }).url).toBe("https://www.example.com/pricing?gclid=1");
    expect(buildRedirectTarget(site, {}).url).toBe("https://www.example.com/");
  });

  it("appends the deep path under a base URL that has a path", () => {
    const shop = { ...site, baseUrl: "https://www.example.com/shop/" };
    expect(buildRedirectTarget(shop, { deepPath: "cart" }).url).toBe("https://www.example.com/shop/cart");
  });
});

describe("no open redirect: anything that could leave the operator's hosts goes home", () => {
  it.each([
    ["/evil.com"], // /r/CODE//evil.com
    ["/%2Fevil.com"],
    ["%2F%2Fevil.com"],
    ["%2f%2fevil.com"],
    ["%252F%252Fevil.com"], // double-encoded
    ["\\evil.com"],
    ["%5Cevil.com"],
    ["%5C%5Cevil.com"],
    ["/\\evil.com"],
    ["\\/evil.com"],
    ["x\\..\\..\\evil.com"],
    ["%09/evil.com"],
    ["a%0d%0aSet-Cookie:%20x=1"], // header splitting
    ["a\r\nLocation: https://evil.com"],
    ["%00"],
    ["x".repeat(limits.deepLinkPathLengthMax + 1)],
  ])("path %j", (deepPath) => {
    const target = buildRedirectTarget(site, { deepPath, rawQuery: "", clickId });
    expect(target.kind).toBe("home_fallback");
    expect(target.url).toBe(`https://www.example.com/?ref_click=${clickId}`);
  });

  it("refuses an over-long query", () => {
    expect(buildRedirectTarget(site, { deepPath: "a", rawQuery: "q=".padEnd(limits.queryStringLengthMax + 1, "x") }).kind).toBe(
      "home_fallback",
    );
  });

  it.each([
    ["https://evil.com"],
    ["//evil.com"],
    ["/\\evil.com"],
    ["https://www.example.com@evil.com/"],
    ["https://evil.com/?x=www.example.com"],
    ["javascript:alert(1)"],
    ["%2F%2Fevil.com"],
    ["pricing"],
    ["@evil.com"],
    ["..%2F..%2F..%2Fevil.com"],
    ["%E3%80%82evil.com"],
  ])("whatever the path %j, the result is on an allowed host", (deepPath) => {
    const url = new URL(buildRedirectTarget(site, { deepPath, rawQuery: "next=https://evil.com", clickId }).url);
    expect(site.allowedHosts).toContain(url.hostname);
    expect(url.protocol).toBe("https:");
    expect(url.username).toBe("");
  });

  it.each([
    ["pricing", true],
    ["/x", false],
    ["a/b/c", true],
    ["a//b", true],
    ["a\\b", false],
    ["%5c", false],
    ["%25255c", false],
    ["%zz", true],
  ])("isSafeDeepPath(%j) = %s", (path, safe) => {
    expect(isSafeDeepPath(path)).toBe(safe);
  });

  it("falls back to the home page when the base URL's host is not allowed (misconfiguration)", () => {
    const broken = { ...site, allowedHosts: ["example.com"] };
    expect(buildRedirectTarget(broken, { deepPath: "x" }).kind).toBe("home_fallback");
  });

  it("gives the home page with or without a click id", () => {
    expect(homePageUrl(site)).toBe("https://www.example.com/");
    expect(homePageUrl(site, clickId)).toBe(`https://www.example.com/?ref_click=${clickId}`);
  });
});

describe("the cookie domain rule", () => {
  it.each([
    ["example.com", "example.com", true],
    ["go.example.com", "example.com", true],
    ["a.b.example.com", "example.com", true],
    ["GO.EXAMPLE.COM", "example.com", true],
    ["go.example.com:443", "example.com", true],
    ["go.example.com.", "example.com", true],
    ["badexample.com", "example.com", false],
    ["example.com.evil.com", "example.com", false],
    ["evil.com", "example.com", false],
    ["localhost:3000", "example.com", false],
    ["abc.execute-api.eu-central-1.amazonaws.com", "example.com", false],
    ["example.com", "", false],
  ])("%j under %j → %s", (host, domain, expected) => {
    expect(isHostUnderDomain(host, domain)).toBe(expected);
  });

  it.each([
    ["go.example.com", "https://www.example.com/pricing", true],
    ["localhost:4000", "https://www.example.com/pricing", false], // the browser would reject Domain=example.com
    ["abc.execute-api.eu-central-1.amazonaws.com", "https://www.example.com/", false],
    ["go.example.com", "https://partner.other.org/", false], // the sign-up could not read it
  ])("request host %j, destination %j → cookie %s", (requestHost, destination, expected) => {
    expect(mayReferralCookieBeSet(site, requestHost, destination)).toBe(expected);
  });

  it("sets no cookie without a cookie domain", () => {
    expect(mayReferralCookieBeSet({ ...site, cookieDomain: undefined }, "go.example.com", "https://www.example.com/")).toBe(false);
  });

  it.each([
    ["Example.COM:8080", "example.com"],
    ["[::1]:3000", "[::1]"],
    ["host.", "host"],
  ])("hostnameOf(%j) = %j", (input, expected) => {
    expect(hostnameOf(input)).toBe(expected);
  });
});
