/**
 * What an uploaded file is, read from its bytes (never from its name or the type
 * the sender claims): JPEG, PNG or WebP, with its size in pixels from the header.
 * Anything else (SVG, HTML, GIF, a PDF, a PNG whose header lies) is not an image
 * Oogst takes. The header is read, never the whole image decoded: a 20000×20000
 * header is refused by its numbers before anything is drawn.
 */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';
export const IMAGE_TYPES: readonly ImageType[] = ['image/jpeg', 'image/png', 'image/webp'];

export interface SniffedImage {
  type: ImageType;
  width: number;
  height: number;
}

const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((c, i) => b[at + i] === c.charCodeAt(0));

/** The image's type and size, or undefined when the bytes are not a JPEG, PNG or WebP with a readable size. */
export function sniffImage(b: Uint8Array): SniffedImage | undefined {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const sized = (type: ImageType, width: number, height: number) => (width > 0 && height > 0 ? { type, width, height } : undefined);
  if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 'PNG\r\n\x1a\n') && ascii(b, 12, 'IHDR')) return sized('image/png', v.getUint32(16), v.getUint32(20));
  if (b.length >= 30 && ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return webp(b, v);
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b, v);
  return undefined;
}

function webp(b: Uint8Array, v: DataView): SniffedImage | undefined {
  const sized = (width: number, height: number) => ({ type: 'image/webp' as const, width, height });
  if (ascii(b, 12, 'VP8 ') && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) return sized(v.getUint16(26, true) & 0x3fff, v.getUint16(28, true) & 0x3fff);
  if (ascii(b, 12, 'VP8L') && b[20] === 0x2f) {
    const bits = v.getUint32(21, true);
    return sized((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  if (ascii(b, 12, 'VP8X')) {
    const u24 = (at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
    return sized(u24(24) + 1, u24(27) + 1);
  }
  return undefined;
}

/** Walks the JPEG's segments to its frame header (SOFn), skipping EXIF and the rest by their lengths. */
function jpeg(b: Uint8Array, v: DataView): SniffedImage | undefined {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = v.getUint16(at + 2);
    // SOF0–SOF15, not DHT (C4), JPG (C8) or DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = v.getUint16(at + 5);
      const width = v.getUint16(at + 7);
      return width > 0 && height > 0 ? { type: 'image/jpeg', width, height } : undefined;
    }
    if (length < 2) return undefined;
    at += 2 + length;
  }
  return undefined;
}
