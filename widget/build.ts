/**
 * Builds `<referral-dashboard>` (widget/src) into one classic script (an IIFE, so a plain `<script src>` loads it
 * from the API's origin without CORS), minified, with the libraries' licence comments kept at its end. Used by the
 * CDK stack (the get-widget function's package), the local stack (npm start), the tests and the bench's `bundle`
 * section, which all measure the same bytes.
 *
 *   npx tsx widget/build.ts [<out file>]     # prints the size, raw and gzipped
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export const widgetEntry = fileURLToPath(new URL("./src/referral-dashboard.ts", import.meta.url));

/** The most the gzipped bundle may weigh (the issue's budget; test/unit/widget-bundle.test.ts fails above it). */
export const widgetGzipBytesMax = 30 * 1024;

export interface BuiltWidget {
  readonly code: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export async function buildWidget(): Promise<BuiltWidget> {
  const result = await build({
    entryPoints: [widgetEntry],
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2022", "chrome111", "firefox113", "safari16.4"],
    legalComments: "eof",
    // UTF-8 text, not \u escapes (the catalogs are mostly non-ASCII): served as text/javascript; charset=utf-8.
    charset: "utf8",
    write: false,
    logLevel: "warning",
  });
  const code = result.outputFiles[0]!.text;
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** Builds and writes the bundle to `file`. */
export async function writeWidget(file: string): Promise<BuiltWidget> {
  const built = await buildWidget();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, built.code);
  return built;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2];
  const built = out ? await writeWidget(out) : await buildWidget();
  console.log(
    `referral-dashboard.js: ${built.bytes} bytes, ${built.gzipBytes} bytes gzipped (budget ${widgetGzipBytesMax})${out ? ` → ${out}` : ""}`,
  );
}
