/**
 * Who holds a token, per live session: the participants who joined through this server,
 * and those looked up since. A phone's socket handshake asks right after its join, so
 * with thousands joining this is one PostgreSQL query less each. A participant is only
 * ever removed with their session, and the session's runtime goes with it: an entry
 * cannot go stale. A token nobody holds is asked of the store every time, as before.
 */
import type { ParticipantRow, Store } from '../store/store.js';

export class ParticipantTokens {
  private readonly known = new Map<string, ParticipantRow>();

  constructor(
    private readonly sessionId: string,
    private readonly store: Pick<Store, 'getParticipantByToken'>,
  ) {}

  /** A participant whose row was just stored with their `participant.joined`. */
  joined(participant: ParticipantRow) {
    this.known.set(participant.tokenHash, participant);
  }

  async byHash(tokenHash: string): Promise<ParticipantRow | undefined> {
    const known = this.known.get(tokenHash);
    if (known) return known;
    const found = await this.store.getParticipantByToken(this.sessionId, tokenHash);
    if (found) this.known.set(tokenHash, found);
    return found;
  }
}
