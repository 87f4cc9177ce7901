/**
 * This phone's member secret: random, made once and kept in localStorage, sent with a
 * new join. The server derives a pseudonymous id per arena from it
 * (server/arena-member.ts), so groups across an arena's meetings mix people who have
 * not met yet; it never stores the secret.
 */
const KEY = 'oogst:member';

export function memberSecret(): string | undefined {
  try {
    let secret = localStorage.getItem(KEY);
    if (!secret || !/^[A-Za-z0-9_-]{22,64}$/.test(secret)) {
      const bytes = crypto.getRandomValues(new Uint8Array(16));
      secret = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      localStorage.setItem(KEY, secret);
    }
    return secret;
  } catch {
    // Storage blocked: this phone takes part without a member id.
    return undefined;
  }
}
