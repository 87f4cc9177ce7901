/** An upload's type and size come from its bytes: JPEG, PNG and WebP headers read, everything else refused. */
import { describe, expect, it } from 'vitest';
import { sniffImage } from '../../server/files/image-type.js';
import { exifGps, jpegHeader, pngHeader, webpHeader } from '../helpers/images.js';

describe('sniffImage', () => {
  it('reads a JPEG frame behind its EXIF block, a PNG and a WebP', () => {
    expect(sniffImage(jpegHeader(1600, 1200))).toEqual({ type: 'image/jpeg', width: 1600, height: 1200 });
    expect(sniffImage(jpegHeader(1200, 1600, exifGps()))).toEqual({ type: 'image/jpeg', width: 1200, height: 1600 });
    expect(sniffImage(pngHeader(20000, 20000))).toEqual({ type: 'image/png', width: 20000, height: 20000 });
    expect(sniffImage(webpHeader(800, 600))).toEqual({ type: 'image/webp', width: 800, height: 600 });
  });

  it('refuses SVG, HTML, GIF, text, empty and cut-off files, and a header with no size', () => {
    const text = (s: string) => Buffer.from(s);
    expect(sniffImage(text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeUndefined();
    expect(sniffImage(text('<!doctype html><html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffImage(text('GIF89a\x01\x00\x01\x00'))).toBeUndefined();
    expect(sniffImage(Buffer.alloc(0))).toBeUndefined();
    expect(sniffImage(jpegHeader(1600, 1200).subarray(0, 12))).toBeUndefined();
    expect(sniffImage(pngHeader(0, 10))).toBeUndefined();
    expect(sniffImage(jpegHeader(0, 0))).toBeUndefined();
  });

  it('reads an HTML page behind a PNG header as the PNG it claims to be: served as image/png, never as a page', () => {
    expect(sniffImage(pngHeader(10, 10, [...Buffer.from('<html><script>alert(1)</script></html>')]))).toEqual({ type: 'image/png', width: 10, height: 10 });
  });
});
