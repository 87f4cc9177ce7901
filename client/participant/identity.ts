/** Who this phone is in a session, kept per join code so a reload keeps the same pseudonym and contributions. */
import type { Joined } from '../../core/http.js';

const keyFor = (code: string) => `oogst:join:${code.toUpperCase()}`;

export function loadIdentity(code: string): Joined | undefined {
  try {
    const parsed = JSON.parse(localStorage.getItem(keyFor(code)) ?? 'null') as Partial<Joined> | null;
    return parsed && typeof parsed.token === 'string' && typeof parsed.sessionId === 'string' ? (parsed as Joined) : undefined;
  } catch {
    return undefined;
  }
}

export function saveIdentity(code: string, identity: Joined): void {
  try {
    localStorage.setItem(keyFor(code), JSON.stringify(identity));
  } catch {
    // Storage blocked: a reload will join as someone new.
  }
}
