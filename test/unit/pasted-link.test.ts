import { describe, expect, it } from "vitest";
import { readPastedLink, trimSentencePunctuation } from "../../shared/domain/pasted-link.ts";
import { normalizeReferralCode } from "../../shared/domain/referral-code.ts";

describe("a referral link is read the way people paste it", () => {
  // [what was pasted after /r/ (as API Gateway hands over {link+}: decoded once), raw query, code, deep path, query]
  it.each([
    ["ABC123", "", "ABC123", undefined, ""],
    ["ABC123/", "", "ABC123", undefined, ""],
    ["ABC123//", "", "ABC123", undefined, ""],
    ["abc123", "", "ABC123", undefined, ""],
    ["abc123/", "", "ABC123", undefined, ""],
    ["ABC123.", "", "ABC123", undefined, ""],
    ["ABC123,", "", "ABC123", undefined, ""],
    ["ABC123!", "", "ABC123", undefined, ""],
    ["ABC123?", "", "ABC123", undefined, ""],
    ["ABC123).", "", "ABC123", undefined, ""],
    ['ABC123".', "", "ABC123", undefined, ""],
    ["ABC123…", "", "ABC123", undefined, ""],
    ["ABC123./", "", "ABC123", undefined, ""],
    ["ABC123\u200b", "", "ABC123", undefined, ""],
    ["%41BC123", "", "ABC123", undefined, ""], // encoded twice: API Gateway decoded one round
    ["ABC123%2E", "", "ABC123", undefined, ""],
    ["ABC%20123", "", "ABC123", undefined, ""],
    ["ABC-123", "", "ABC123", undefined, ""],
    ["ＡＢＣ１２３", "", "ABC123", undefined, ""], // full-width, from a CJK keyboard
    ["ABC123/pricing", "", "ABC123", "pricing", ""],
    ["ABC123/pricing.", "", "ABC123", "pricing", ""],
    ["ABC123/docs/", "", "ABC123", "docs/", ""],
    ["ABC123/wiki/Foo_(bar)", "", "ABC123", "wiki/Foo_(bar)", ""],
    ["ABC123/wiki/Foo_(bar)).", "", "ABC123", "wiki/Foo_(bar)", ""],
    ["ABC123/file.html", "", "ABC123", "file.html", ""],
    ["ABC123", "utm_source=mail.", "ABC123", undefined, "utm_source=mail"],
    ["ABC123/pricing.", "utm_source=mail", "ABC123", "pricing.", "utm_source=mail"], // the sentence ended after the query
  ])("/r/%s?%s → code %s, page %s, query %j", (link, rawQuery, code, deepPath, query) => {
    const pasted = readPastedLink(link, rawQuery);
    expect(normalizeReferralCode(pasted.rawCode)).toBe(code);
    expect(pasted.deepPath).toBe(deepPath);
    expect(pasted.rawQuery).toBe(query);
  });

  it.each([["not_a-code!"], ["A".repeat(100)], ["ABC"], ["."]])("leaves %j not a code (it goes to the home page)", (link) => {
    expect(normalizeReferralCode(readPastedLink(link, "").rawCode)).toBeUndefined();
  });

  it("keeps a path that could leave the site for the redirect target to refuse", () => {
    expect(readPastedLink("ABC123//evil.com", "").deepPath).toBe("/evil.com");
  });

  it("trims only the punctuation of the sentence", () => {
    expect(trimSentencePunctuation("a.b.")).toBe("a.b");
    expect(trimSentencePunctuation("(a)")).toBe("(a)");
    expect(trimSentencePunctuation("a)")).toBe("a");
    expect(trimSentencePunctuation("")).toBe("");
  });
});
