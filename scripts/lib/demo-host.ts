/**
 * The local stack's demo host page: a stand-in for an operator's customer area that embeds `<referral-dashboard>`
 * with one script tag, on an origin of its own (`http://localhost:<port>`, not the API's), so the browser's CORS and
 * the session's origin pin work as they would in production. Its "backend" (`POST /widget-token`) plays the
 * operator's: it mints a widget token for the page's account with the operator's dev token and answers it to the
 * page, which hands it to the element as its `tokenProvider` answer, never in a URL.
 *
 *   http://localhost:3001/?account=acct-1001&program=zadarma-partner&locale=cs
 *
 * The query names the demo's account, program and language (what a real customer area knows from its login); the
 * widget token itself never appears in a URL.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface DemoHostOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** The API's base URL: where the page loads the widget from and the backend mints tokens. */
  readonly apiUrl: string;
  readonly host?: string;
  readonly log?: (line: string) => void;
}

export interface RunningDemoHost {
  /** `http://localhost:<port>`: the page's origin (the demo configuration's widget.allowedOrigins has port 3001). */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  stop(): Promise<void>;
}

const accountPattern = /^[A-Za-z0-9._:@-]{1,128}$/;
const programPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;
const localePattern = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The demo page: a customer area's header and the widget, themed by two custom properties. */
export function demoHostPage(apiUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo customer area: referral program</title>
<style>
  body { margin: 0; font-family: system-ui, sans-serif; background: #ffffff; color: #1b1f24; }
  .bar { background: #12355b; color: #ffffff; padding: 0.75rem 1.5rem; font-weight: 700; }
  main { padding: 1.5rem; }
  referral-dashboard { --rd-accent: #0b5cad; --rd-radius: 10px; }
</style>
<script src="${apiUrl}/widget/referral-dashboard.js" defer></script>
</head>
<body>
<header class="bar">Demo Hosting &amp; Telephony · My account</header>
<main>
  <h1 id="page-title">Referral program</h1>
  <referral-dashboard api-base="${apiUrl}"></referral-dashboard>
</main>
<script>
  const query = new URLSearchParams(location.search);
  const demo = { account: query.get("account") || "acct-1001", program: query.get("program") || "", locale: query.get("locale") || "en" };
  document.documentElement.lang = demo.locale;
  const dashboard = document.querySelector("referral-dashboard");
  if (query.get("locale")) dashboard.setAttribute("locale", demo.locale);
  // The page's own backend mints a widget token for the signed-in account (here: the demo's).
  const mint = async () => {
    const answer = await fetch("/widget-token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(demo) });
    if (!answer.ok) throw new Error("no widget token: " + answer.status);
    return (await answer.json()).token;
  };
  // ?embed=token: the simplest embedding, one token handed over and no provider to renew the session.
  if (query.get("embed") === "token") mint().then((token) => (dashboard.token = token));
  else dashboard.tokenProvider = mint;
</script>
</body>
</html>
`;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function startDemoHost(options: DemoHostOptions): Promise<RunningDemoHost> {
  const log = options.log ?? (() => {});
  const page = demoHostPage(options.apiUrl);
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method === "GET" && path === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(page);
      return;
    }
    if (request.method === "POST" && path === "/widget-token") {
      void readJson(request)
        .then(async (body) => {
          const account = String(body.account ?? "");
          const program = String(body.program ?? "");
          const locale = String(body.locale ?? "en");
          if (!accountPattern.test(account) || (program !== "" && !programPattern.test(program)) || !localePattern.test(locale)) {
            response.writeHead(400, { "content-type": "application/json" });
            response.end(JSON.stringify({ error: "account, program or locale malformed" }));
            return;
          }
          // The operator's backend calling the API server to server (the dev token plays the operator's JWT).
          const minted = await fetch(`${options.apiUrl}/widget-tokens`, {
            method: "POST",
            headers: { authorization: "Bearer dev:operator", "content-type": "application/json" },
            body: JSON.stringify({ accountId: account, locale, ...(program !== "" ? { programId: program } : {}) }),
          });
          response.writeHead(minted.status, { "content-type": "application/json", "cache-control": "no-store" });
          response.end(await minted.text());
          log(`[demo] minted a widget token for ${account} → ${minted.status}`);
        })
        .catch((error: unknown) => {
          response.writeHead(502, { "content-type": "application/json" });
          response.end(JSON.stringify({ error: String(error) }));
        });
      return;
    }
    response.writeHead(404, { "content-type": "text/plain" });
    response.end("Not Found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    server,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
