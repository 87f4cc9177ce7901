import Type from 'typebox';
import { accept, command, defineKind, FilePayload, note, paragraph, refuse, type HarvestBlock, type HarvestRow } from '../definition.js';
import { EntityIdSchema } from '../ids.js';
import { DEFAULT_MAX_PHOTOS, photoModel, PHOTO_EVENTS, shownPhotos, type PhotoData } from './model.js';
import { events, stepSchema, type PhotoAdded, type PhotoEvent, type PhotoJudged, type PhotoStep } from './schema.js';

/**
 * A photo the phone scaled to 1600 px on its long side is 200–600 kB; a photo the
 * facilitator adds from the laptop may be larger. 4096 × 4096 pixels at most: what a
 * projector or an old phone decodes without running out of memory.
 */
export const PHOTO_FILES = { maxBytes: 4 * 1024 * 1024, maxPixels: 4096 * 4096, perStep: 500 } as const;

export const photo = defineKind<PhotoData, PhotoEvent, PhotoStep>()({
  ...photoModel,
  stepSchema,
  events,
  files: {
    ...PHOTO_FILES,
    perParticipant: (step) => step.maxPhotos ?? DEFAULT_MAX_PHOTOS,
    roles: ['participant', 'facilitator'],
    command: 'photo.add',
  },
  commands: {
    /** Sent by the file route once it stored the file (never from a socket): `KindFiles.command`. */
    'photo.add': command({
      payload: Type.Object(FilePayload, { additionalProperties: false }),
      roles: ['participant', 'facilitator'],
      decide({ step, data, actor }, { file, width, height, caption }) {
        const max = step.maxPhotos ?? DEFAULT_MAX_PHOTOS;
        if (actor.id && data.photos.filter((p) => p.author === actor.id).length >= max)
          return refuse('limit-reached', `At most ${max} photos per participant in this step.`);
        if (data.photos.length >= PHOTO_FILES.perStep) return refuse('limit-reached', 'This step holds as many photos as it takes.');
        return accept(PHOTO_EVENTS.added, { file, width, height, ...(caption ? { caption } : {}) } satisfies PhotoAdded);
      },
    }),
    'photo.judge': command({
      payload: Type.Object({ photoId: EntityIdSchema, shown: Type.Boolean() }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { photoId, shown }) {
        const found = data.photos.find((p) => p.id === photoId);
        if (!found) return refuse('not-found', 'No such photo.');
        const { author: _a, status: _s, ...photo } = found;
        return accept(PHOTO_EVENTS.judged, { photoId, shown, ...(shown ? { photo } : {}) } satisfies PhotoJudged);
      },
    }),
  },

  harvest(data) {
    const photos = shownPhotos(data);
    const blocks: HarvestBlock[] = photos.map((p) => ({ type: 'image', file: p.file, width: p.width, height: p.height, ...(p.caption ? { caption: p.caption } : {}) }));
    const waiting = data.photos.filter((p) => p.status === 'waiting').length;
    if (waiting) blocks.push(paragraph(note(`${waiting} ${waiting === 1 ? 'foto wacht' : "foto's wachten"} nog op goedkeuring en ${waiting === 1 ? 'staat' : 'staan'} niet in de oogst.`)));
    const rows: HarvestRow[] = photos.map((p) => ({ text: p.caption ?? '(foto zonder onderschrift)', at: new Date(p.at).toISOString() }));
    return { data: { photos: photos.map(({ id, caption, width, height, at }) => ({ id, caption: caption ?? null, width, height, at: new Date(at).toISOString() })) }, blocks, rows };
  },

  glance(data) {
    const n = shownPhotos(data).length;
    return n ? [paragraph(`${n} ${n === 1 ? 'foto' : "foto's"} van de flappen en tekeningen.`)] : [];
  },
});
