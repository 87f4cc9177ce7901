/**
 * Image bytes for tests, made by hand: headers a sniffer reads (a JPEG's frame, a
 * PNG's IHDR, a WebP's chunk), and an EXIF block with a GPS position to put into a
 * real JPEG, so a test can see that what is stored carries none.
 */
const u16 = (n: number) => [(n >> 8) & 255, n & 255];
const u32 = (n: number) => [(n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >> 8) & 255];
const le32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** A JPEG's frame header (SOF0) for this size; `before`: segments in front of it (an EXIF block). */
export function jpegHeader(width: number, height: number, before: number[] = [], tail: number[] = []): Buffer {
  const app0 = [0xff, 0xe0, ...u16(16), ...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof = [0xff, 0xc0, ...u16(17), 8, ...u16(height), ...u16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Buffer.from([0xff, 0xd8, ...app0, ...before, ...sof, ...tail, 0xff, 0xd9]);
}

export function pngHeader(width: number, height: number, tail: number[] = []): Buffer {
  return Buffer.from([0x89, ...ascii('PNG\r\n\x1a\n'), ...u32(13), ...ascii('IHDR'), ...u32(width), ...u32(height), 8, 6, 0, 0, 0, 0, 0, 0, 0, ...tail]);
}

/** A lossy WebP's header (VP8) for this size. */
export function webpHeader(width: number, height: number): Buffer {
  const vp8 = [...ascii('VP8 '), ...le32(10), 0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(width), ...le16(height)];
  return Buffer.from([...ascii('RIFF'), ...le32(4 + vp8.length), ...ascii('WEBP'), ...vp8]);
}

/** An APP1 EXIF segment whose GPS block says 52°9′N, 4°29′E (Leiden), as a phone's camera writes it. */
export function exifGps(): number[] {
  // Big-endian TIFF: IFD0 at 8 with one entry (GPSInfo → 26), the GPS IFD with LatitudeRef and Latitude.
  const tiff = [
    ...ascii('MM'), ...u16(42), ...u32(8),
    ...u16(1), ...u16(0x8825), ...u16(4), ...u32(1), ...u32(26), ...u32(0),
    ...u16(2),
    ...u16(1), ...u16(2), ...u32(2), ...ascii('N\0'), 0, 0,
    ...u16(2), ...u16(5), ...u32(3), ...u32(56),
    ...u32(0),
    ...u32(52), ...u32(1), ...u32(9), ...u32(1), ...u32(0), ...u32(1),
  ];
  const body = [...ascii('Exif\0\0'), ...tiff];
  return [0xff, 0xe1, ...u16(body.length + 2), ...body];
}

/** A real JPEG with the EXIF GPS block put in right after its start (SOI). */
export const withGps = (jpeg: Uint8Array): Buffer => Buffer.concat([Buffer.from(jpeg.subarray(0, 2)), Buffer.from(exifGps()), Buffer.from(jpeg.subarray(2))]);

/** Whether the bytes carry an EXIF block. */
export const hasExif = (bytes: Uint8Array) => Buffer.from(bytes).includes(Buffer.from('Exif\0\0', 'latin1'));
