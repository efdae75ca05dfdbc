/**
 * The widget's script, built as the stack packages it (widget/build.ts): one classic script under the issue's
 * 30 kB gzipped budget, defining the element, with the libraries' licence comments kept.
 */
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildWidget, widgetGzipBytesMax } from "../../widget/build.ts";

describe("the widget's script", () => {
  it(`weighs at most ${widgetGzipBytesMax} bytes gzipped`, async () => {
    const built = await buildWidget();
    expect(built.gzipBytes).toBe(gzipSync(built.code, { level: 9 }).length);
    expect(built.gzipBytes).toBeLessThanOrEqual(widgetGzipBytesMax);
    // What it weighs is the whole widget: the element, Lit, the QR encoder and the five catalogs.
    // (booleans, so that a failure does not print 80 kB of script)
    expect(built.code.includes('customElements.define("referral-dashboard"'), "defines the element").toBe(true);
    expect(built.code.includes("Doporučte přítele"), "carries the catalogs as UTF-8").toBe(true);
    expect(/@license/.test(built.code), "keeps the licence comments").toBe(true);
    // A classic script (an IIFE): no import or export statement, so a plain <script src> loads it without CORS.
    expect(/^\s*(import|export)\s/m.test(built.code), "has no module syntax").toBe(false);
  });
});
