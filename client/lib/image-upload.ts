/**
 * A photo made small before it leaves the phone, and sent to its step with progress
 * (server/routes/files.ts). Re-encoding on a canvas drops the photo's metadata (EXIF:
 * where and when it was taken). Only the views that send a file load this.
 */

/** The long side a photo is scaled to, and the JPEG quality: 200–600 kB for a flip-over that still reads. */
export const SHRINK = { longSide: 1600, quality: 0.8 };

/** The picture scaled down to `SHRINK.longSide` as a JPEG without metadata; undefined when the browser cannot read it. */
export async function shrink(picked: Blob): Promise<Blob | undefined> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(picked, { imageOrientation: 'from-image' });
  } catch {
    return undefined;
  }
  const scale = Math.min(1, SHRINK.longSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const g = canvas.getContext('2d');
  if (!g) return undefined;
  // White behind a transparent PNG: JPEG has no transparency, and black would hide a drawing.
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((done) => canvas.toBlob((b) => done(b ?? undefined), 'image/jpeg', SHRINK.quality));
}

export type UploadResult = { ok: true; file: string } | { ok: false; error: string };

/** Sends the bytes to the step, reporting progress (0–100); `error` is the server's code, or `network`. */
export function upload(sessionId: string, stepId: string, secret: string, body: Blob, caption: string, progress: (pct: number) => void): Promise<UploadResult> {
  return new Promise((done) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/sessions/${encodeURIComponent(sessionId)}/steps/${encodeURIComponent(stepId)}/files`);
    xhr.setRequestHeader('authorization', `Bearer ${secret}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (caption.trim()) xhr.setRequestHeader('x-oogst-caption', encodeURIComponent(caption.trim()));
    xhr.upload.onprogress = (e) => e.lengthComputable && progress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let answer: { file?: string; error?: string } = {};
      try {
        answer = JSON.parse(xhr.responseText) as typeof answer;
      } catch {
        // A proxy's own error page: no code.
      }
      done(xhr.status === 201 && answer.file ? { ok: true, file: answer.file } : { ok: false, error: answer.error ?? (xhr.status === 413 ? 'file-too-large' : 'network') });
    };
    xhr.onerror = xhr.ontimeout = () => done({ ok: false, error: 'network' });
    xhr.send(body);
  });
}
