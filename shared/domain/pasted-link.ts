/**
 * A referral link as people paste it: `/r/ABC123`, `/r/ABC123/` (trailing slash), `/r/abc123`,
 * `/r/ABC123.` (the full stop of the sentence it was pasted in), `/r/ABC123/pricing),` or
 * `/r/%41BC123%2E` (percent-encoded, sometimes twice by a chat app). Every one of them is the same link.
 *
 * The HTTP route is one greedy parameter (`/r/{link+}`): API Gateway cannot route a path with a
 * trailing slash to `/r/{code}`, and a greedy parameter receives everything after `/r/`, the trailing
 * slash included. This module splits that text into the code and the deep path, and drops the
 * punctuation that belongs to the sentence around the link, never to the link itself.
 */

/**
 * Sentence punctuation that autolinkers (GitHub's, Slack's) leave out of a link when it ends the URL:
 * full stop, comma, colon, semicolon, exclamation and question marks, quotes, ellipsis, and closing
 * brackets (those only when the link did not open them, see trimSentencePunctuation).
 */
const trailingPunctuation = new Set([".", ",", ":", ";", "!", "?", '"', "'", "…", "»", "”", "’", "*", "_", "~", ")", "]", "}", ">"]);
const openingOf: Readonly<Record<string, string>> = { ")": "(", "]": "[", "}": "{", ">": "<" };

/** Invisible characters chat apps and word processors leave in copied text (zero-width space, joiners, word joiner, BOM). */
const invisibleCharacters = /[\u200b-\u200d\u2060\ufeff]/g;

const decodingRoundsMax = 3;

function count(text: string, character: string): number {
  let total = 0;
  for (const each of text) if (each === character) total += 1;
  return total;
}

/** `text` without the sentence punctuation at its end; a closing bracket stays when the text opened it (`wiki/Foo_(bar)`). */
export function trimSentencePunctuation(text: string): string {
  let end = text.length;
  while (end > 0) {
    const last = text[end - 1]!;
    if (!trailingPunctuation.has(last)) break;
    const opening = openingOf[last];
    if (opening !== undefined) {
      const head = text.slice(0, end);
      if (count(head, opening) >= count(head, last)) break;
    }
    end -= 1;
  }
  return text.slice(0, end);
}

/** The code segment decoded as far as it goes: a code never contains `%`, so any escape left is an extra encoding round. */
function decodedCodeSegment(segment: string): string {
  let current = segment;
  for (let round = 0; round < decodingRoundsMax && current.includes("%"); round += 1) {
    try {
      current = decodeURIComponent(current);
    } catch {
      break;
    }
  }
  return current;
}

export interface PastedLink {
  /** The code as the person wrote it (normalizeReferralCode decides whether it is one). */
  readonly rawCode: string;
  /** What follows the code and its slash; undefined when nothing does (a trailing slash alone is nothing). */
  readonly deepPath: string | undefined;
  /** The link's query, without "?" and without the sentence punctuation that ended it. */
  readonly rawQuery: string;
}

/**
 * Reads the greedy `{link+}` parameter (decoded by API Gateway: `ABC123/pricing/`) and the raw query.
 * The sentence punctuation is taken off the end of the whole link: the query when there is one, else
 * the path.
 */
export function readPastedLink(link: string, rawQuery: string): PastedLink {
  const text = link.replace(invisibleCharacters, "");
  const hasQuery = rawQuery.length > 0;
  const path = hasQuery ? text : trimSentencePunctuation(text);
  const separator = path.indexOf("/");
  const codeSegment = separator < 0 ? path : path.slice(0, separator);
  const rest = separator < 0 ? "" : path.slice(separator + 1);
  // `/r/ABC123/` and `/r/ABC123//` are the bare link; a deep path keeps its own trailing slash (`docs/`).
  const deepPath = /^\/*$/.test(rest) ? undefined : rest;
  return {
    // Punctuation glued to the code is never part of it, even before a slash (`/r/ABC123./`).
    rawCode: trimSentencePunctuation(decodedCodeSegment(codeSegment).normalize("NFKC").trim()),
    deepPath,
    rawQuery: hasQuery ? trimSentencePunctuation(rawQuery.replace(invisibleCharacters, "")) : "",
  };
}
