/**
 * Photo: participants take or pick a photo of a flip-over or a drawing (the
 * verbeelden step), with a caption; the facilitator approves each before the
 * screen shows it (a photo can show faces) unless the step says otherwise, hides
 * any, and adds photos from the console. The file itself is stored beside the
 * log (server/routes/files.ts); the events name it.
 */
import type { KindModel } from '../../core/kind.js';
import { insertBySeq } from '../order.js';
import type { PhotoEvent, PhotoStep } from './schema.js';

export type { PhotoAdded, PhotoEvent, PhotoJudged, PhotoStep } from './schema.js';

/** `waiting`: for the facilitator's approval; `shown`: on the screen; `hidden`: taken off it. */
export type PhotoStatus = 'waiting' | 'shown' | 'hidden';

export interface Photo {
  /** The file's id, which is also the id of the event that added it. */
  id: string;
  file: string;
  width: number;
  height: number;
  caption?: string;
  /** Participant id; only the facilitator and the author see it. Absent: the facilitator's. */
  author?: string;
  at: number;
  seq: number;
  status: PhotoStatus;
}

export interface PhotoData {
  photos: Photo[];
}

export const PHOTO_EVENTS = {
  added: 'photo.added',
  judged: 'photo.judged',
} as const;

/** Photos one participant may send to a step, unless it says otherwise. */
export const DEFAULT_MAX_PHOTOS = 3;

/**
 * Whether a new photo by this actor waits for approval: a participant's, unless the step
 * turned approval off and the session's *Bijdragen eerst goedkeuren* is off too. It waits
 * in this step's own queue (the console shows the photo itself), never the core's list of texts.
 */
export const waitsForApproval = (step: PhotoStep, author: string | undefined, moderated = false) => !!author && (step.approval !== false || moderated);

export const photoModel: KindModel<PhotoData, PhotoEvent, PhotoStep> = {
  kind: 'photo',
  init: () => ({ photos: [] }),

  apply(data, event, { step, moderated }) {
    switch (event.type) {
      case PHOTO_EVENTS.added: {
        const author = event.actor.id;
        const status = waitsForApproval(step, author, moderated) ? 'waiting' : 'shown';
        insertBySeq(data.photos, { id: event.id, ...event.payload, ...(author ? { author } : {}), at: event.at, seq: event.seq, status });
        break;
      }
      case PHOTO_EVENTS.judged: {
        const { photoId, shown, photo, remove } = event.payload;
        const existing = data.photos.find((p) => p.id === photoId);
        if (remove) data.photos = data.photos.filter((p) => p.id !== photoId);
        else if (existing) existing.status = shown ? 'shown' : 'hidden';
        else if (photo && shown) insertBySeq(data.photos, { ...photo, status: 'shown' });
        break;
      }
    }
  },

  project(data, viewer) {
    if (viewer.role === 'participant') return { photos: data.photos.filter((p) => p.author === viewer.participantId).map((p) => ({ ...p })) };
    if (viewer.role === 'screen') return { photos: data.photos.filter((p) => p.status === 'shown').map(({ author: _a, ...p }) => p) };
    return { photos: data.photos.map(({ author: _a, ...p }) => p) };
  },

  audience(event, data, { step, moderated }) {
    switch (event.type) {
      case PHOTO_EVENTS.added:
        return { screen: !waitsForApproval(step, event.actor.id, moderated), participants: event.actor.id ? [event.actor.id] : 'none' };
      case PHOTO_EVENTS.judged: {
        const author = data.photos.find((p) => p.id === event.payload.photoId)?.author;
        return { screen: true, participants: author ? [author] : 'none' };
      }
    }
  },

  redact(event, viewer) {
    if (event.type === PHOTO_EVENTS.judged && viewer.role === 'screen' && !event.payload.shown)
      return { ...event, payload: { photoId: event.payload.photoId, shown: false, remove: true } };
    return event;
  },
};

/** The photos the room sees, in the order they came. */
export const shownPhotos = (data: PhotoData) => data.photos.filter((p) => p.status === 'shown');
