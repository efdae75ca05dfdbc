/**
 * Share links for a referral link: the channels people share through (Facebook first, as Ex2's dashboard has it).
 * Each is a plain URL the browser opens: no third-party script is loaded, nothing is sent until the person
 * shares. Pure, so the test checks each URL exactly.
 */

export type ShareChannel = "facebook" | "x" | "linkedin" | "whatsapp" | "telegram" | "email";

export const shareChannels: readonly ShareChannel[] = ["facebook", "x", "linkedin", "whatsapp", "telegram", "email"];

/** The network's name as people know it (not translated). */
export const channelNames: Readonly<Record<ShareChannel, string>> = {
  facebook: "Facebook",
  x: "X",
  linkedin: "LinkedIn",
  whatsapp: "WhatsApp",
  telegram: "Telegram",
  email: "E-mail",
};

const encode = encodeURIComponent;

/** The URL that shares `link` on `channel`, with `text` (the invitation sentence) where the channel takes one. */
export function shareUrl(channel: ShareChannel, link: string, text: string, subject: string): string {
  switch (channel) {
    case "facebook":
      return `https://www.facebook.com/sharer/sharer.php?u=${encode(link)}`;
    case "x":
      return `https://x.com/intent/tweet?text=${encode(text)}&url=${encode(link)}`;
    case "linkedin":
      return `https://www.linkedin.com/sharing/share-offsite/?url=${encode(link)}`;
    case "whatsapp":
      return `https://wa.me/?text=${encode(`${text} ${link}`)}`;
    case "telegram":
      return `https://t.me/share/url?url=${encode(link)}&text=${encode(text)}`;
    case "email":
      // RFC 6068: percent-encoded, spaces as %20 (never "+"), CRLF line breaks.
      return `mailto:?subject=${encode(subject)}&body=${encode(`${text}\r\n\r\n${link}`)}`;
  }
}
