/**
 * A participant's pseudonymous arena member id: the same person in every session of
 * one arena, so the kinds that group people do not seat them again with whom they met
 * (kinds/meetings-arena.ts). The phone keeps one random member secret
 * (client/participant/member.ts) and sends it with a new join; the server keeps
 * only this id, derived from the arena and the secret, never the secret: in another
 * arena the same phone has another id, and the id does not give the secret back.
 */
import { createHash } from 'node:crypto';
import Type from 'typebox';

/** 22 to 64 URL-safe characters: the phone makes 22 (128 random bits). */
export const MemberSecretSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{22,64}$' });

/** 16 base64url characters (96 bits) of SHA-256 over the arena id and the secret. */
export function arenaMember(arenaId: string, secret: string): string {
  return createHash('sha256').update(`oogst-member\n${arenaId}\n${secret}`).digest('base64url').slice(0, 16);
}
