/**
 * A step's files in the browser (server/routes/files.ts), shown from the server with the
 * view's own key or token (never in a URL), as a blob URL. Sending one is in
 * image-upload.ts, which only the views that send load.
 */

export const fileUrl = (sessionId: string, stepId: string, fileId: string) =>
  `/api/sessions/${encodeURIComponent(sessionId)}/steps/${encodeURIComponent(stepId)}/files/${encodeURIComponent(fileId)}`;

const loaded = new Map<string, Promise<string | undefined>>();

/** A blob URL of the file, fetched once per page with the view's secret; undefined when it cannot be had. */
export function imageUrl(sessionId: string, stepId: string, fileId: string, secret: string | undefined): Promise<string | undefined> {
  const url = fileUrl(sessionId, stepId, fileId);
  let found = loaded.get(url);
  if (!found) {
    found = fetch(url, { headers: secret ? { authorization: `Bearer ${secret}` } : {} })
      .then(async (r) => (r.ok ? URL.createObjectURL(await r.blob()) : undefined))
      .catch(() => undefined);
    // A failure is asked again next time (a phone back on the network).
    void found.then((u) => u ?? loaded.delete(url));
    loaded.set(url, found);
  }
  return found;
}
