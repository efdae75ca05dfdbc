/**
 * GET /widget/referral-dashboard.js (public): the `<referral-dashboard>` script (widget/, built by widget/build.ts).
 * In AWS the built script is packaged beside this handler (infra/constructs/ledger-function.ts); the local stack
 * builds it at start and names the file in WIDGET_SCRIPT_FILE. Read once per container; answered with an ETag and
 * 5 minutes of browser cache, 304 on a matching If-None-Match.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { runtimeConfig } from "../../shared/config.ts";
import { routes } from "../../shared/http-routes.ts";
import { type HttpResponse, httpRoute } from "../middleware/http-stack.ts";

export function createGetWidgetHandler(loadScript: () => Promise<string>) {
  let loaded: Promise<{ readonly script: string; readonly etag: string }> | undefined;
  return httpRoute(routes.getWidgetScript, {}, async ({ event }): Promise<HttpResponse> => {
    loaded ??= loadScript()
      .then((script) => ({ script, etag: `"${createHash("sha256").update(script).digest("hex").slice(0, 32)}"` }))
      .catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
    const { script, etag } = await loaded;
    const headers = {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=300",
      etag,
      "x-content-type-options": "nosniff",
    };
    if (event.headers?.["if-none-match"] === etag) return { statusCode: 304, headers };
    return { statusCode: 200, headers, body: script };
  });
}

export const handler = createGetWidgetHandler(() =>
  readFile(runtimeConfig().WIDGET_SCRIPT_FILE ?? new URL("./referral-dashboard.js", import.meta.url), "utf8"),
);
