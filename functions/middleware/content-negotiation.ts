/**
 * Proactive content negotiation on the `Accept` header (RFC 9110, 12.5.1), for routes that answer in
 * more than one media type: the offered type the client weighs highest (`q`, default 1; a more
 * specific range wins over `text/*` and `*\/*`), the first offered on a tie. A header that accepts
 * none of them gets the first offered all the same (RFC 9110 allows disregarding it), never a 406.
 */

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly quality: number;
}

function mediaRangesOf(accept: string): MediaRange[] {
  return accept.split(",").flatMap((part) => {
    const [range, ...parameters] = part.trim().split(";");
    const match = /^([\w.+*-]+)\/([\w.+*-]+)$/.exec(range?.trim().toLowerCase() ?? "");
    if (!match) return [];
    let quality = 1;
    for (const parameter of parameters) {
      const [name, value] = parameter.split("=").map((text) => text.trim());
      if (name?.toLowerCase() === "q") quality = Number.isFinite(Number(value)) ? Math.min(1, Math.max(0, Number(value))) : 0;
    }
    return [{ type: match[1]!, subtype: match[2]!, quality }];
  });
}

/** The quality the client gives `mediaType` ("type/subtype"): that of the most specific range that matches it, 0 when none does. */
function qualityOf(ranges: readonly MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.split("/") as [string, string];
  let best: { specificity: number; quality: number } | undefined;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === "*" ? 1 : range.type === "*" ? 0 : -1;
    if (specificity >= 0 && (!best || specificity > best.specificity)) best = { specificity, quality: range.quality };
  }
  return best?.quality ?? 0;
}

/** One of `offered` (bare "type/subtype", lower case, the default first) for this `Accept` header. */
export function preferredMediaType<Offered extends string>(accept: string | undefined, offered: readonly [Offered, ...Offered[]]): Offered {
  if (accept === undefined || accept.trim() === "") return offered[0];
  const ranges = mediaRangesOf(accept);
  let chosen = offered[0];
  let chosenQuality = qualityOf(ranges, chosen);
  for (const candidate of offered.slice(1)) {
    const quality = qualityOf(ranges, candidate);
    if (quality > chosenQuality) {
      chosen = candidate;
      chosenQuality = quality;
    }
  }
  return chosen;
}
