/**
 * The referral link as a QR code (qrcode-generator, no dependencies): an SVG path of the dark modules with a
 * 4-module quiet zone, so it prints and scans at any size. Error correction M (15 %).
 */
import qrcode from "qrcode-generator";

export interface QrPath {
  /** Modules per side, quiet zone included: the SVG viewBox is 0 0 size size. */
  readonly size: number;
  /** One `M x y h1 v1 h-1 z` square per dark module. */
  readonly path: string;
}

const quietZone = 4;

export function qrPathOf(text: string): QrPath {
  const code = qrcode(0, "M");
  code.addData(text, "Byte");
  code.make();
  const count = code.getModuleCount();
  let path = "";
  for (let row = 0; row < count; row += 1)
    for (let column = 0; column < count; column += 1)
      if (code.isDark(row, column)) path += `M${column + quietZone} ${row + quietZone}h1v1h-1z`;
  return { size: count + quietZone * 2, path };
}
