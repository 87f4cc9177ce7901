/**
 * The join request, sent by the page's first and smallest script while the app's code
 * is still on its way. On a slow network the answer (with the first snapshot) is then
 * here by the time the app can draw: one round trip fewer before a participant can
 * type. This is all the page runs before the app, so it imports nothing heavy.
 */
import { pathParam } from '../lib/location.js';
import { loadIdentity } from './identity.js';
import { memberSecret } from './member.js';

export function joinRequest(code: string, token: string | undefined): Promise<Response> {
  return fetch('/api/join', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(token ? { code, token } : { code, member: memberSecret() }),
  });
}

let early: { code: string; response: Promise<Response> } | undefined;

/** Sends the join for the code in the address, as this phone's known participant if it has joined before. */
export function joinEarly(): void {
  const code = pathParam('j')?.trim();
  if (!code) return;
  const response = joinRequest(code, loadIdentity(code)?.token);
  // A network failure is handled where the answer is taken, not reported as unhandled before.
  response.catch(() => undefined);
  early = { code, response };
}

/** The early request for this code, once; a retry or a renewal sends a fresh one. */
export function takeEarly(code: string): Promise<Response> | undefined {
  const taken = early?.code === code ? early.response : undefined;
  early = undefined;
  return taken;
}
