/**
 * Keys, tokens and join codes. A facilitator key is 32 nanoid characters
 * (192 bits); the store keeps only its SHA-256, compared in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { customAlphabet, nanoid } from 'nanoid';

export const newKey = () => nanoid(32);
export const newId = () => nanoid(16);

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function secretMatches(secret: string | undefined, hash: string): boolean {
  if (!secret || secret.length > 200) return false;
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The screen's key: derived from the arena's key hash and the session id, so the
 * console can always rebuild the screen link and nothing more is stored.
 * It grants the screen's view only, never the facilitator's rights.
 */
export function screenKey(arenaKeyHash: string, sessionId: string): string {
  return createHmac('sha256', arenaKeyHash).update(`screen:${sessionId}`).digest('base64url').slice(0, 32);
}

export function screenKeyMatches(key: string | undefined, arenaKeyHash: string, sessionId: string): boolean {
  if (!key || key.length > 200) return false;
  const a = Buffer.from(key);
  const b = Buffer.from(screenKey(arenaKeyHash, sessionId));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Join codes: six characters people can read off a projector and type on a phone (no 0/O, 1/I/L). */
export const JOIN_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const newJoinCode = customAlphabet(JOIN_ALPHABET, 6);
/** A logbook link's code: longer than a session's, so the two never read alike (core/logbook.ts). */
export const newLogbookCode = customAlphabet(JOIN_ALPHABET, 8);
export const normaliseCode = (code: string) => code.trim().toUpperCase().replace(/[\s-]/g, '');
