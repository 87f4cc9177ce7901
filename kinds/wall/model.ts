/**
 * Wall (klaag- en jubelmuur): participants post short notes into columns; the
 * facilitator hides improper notes and clusters similar ones under a title.
 * Notes appear on the screen as they come in.
 */
import type { KindModel, SourceItem } from '../../core/kind.js';
import { insertBySeq } from '../order.js';
import type { WallEvent, WallStep } from './schema.js';

export type { ClusterCreated, NoteHidden, NotePosted, WallColumn, WallEvent, WallStep } from './schema.js';

export interface Note {
  id: string;
  column: string;
  text: string;
  /** Participant id; only the facilitator and the author see it. */
  author?: string;
  at: number;
  /** Position in the log: the order notes stand in, everywhere. */
  seq: number;
  hidden: boolean;
  clusterId?: string;
}

export interface Cluster {
  id: string;
  column: string;
  title: string;
}

export interface WallData {
  notes: Note[];
  clusters: Cluster[];
}

export const WALL_EVENTS = {
  posted: 'wall.note-posted',
  hidden: 'wall.note-hidden',
  clustered: 'wall.cluster-created',
  renamed: 'wall.cluster-renamed',
  moved: 'wall.note-moved',
  dissolved: 'wall.cluster-dissolved',
} as const;

export const wallModel: KindModel<WallData, WallEvent, WallStep> = {
  kind: 'wall',
  init: () => ({ notes: [], clusters: [] }),

  /** Each cluster (by its title) and each loose note, column by column; hidden notes left out. */
  items(data, step, column) {
    const visible = { ...data, notes: data.notes.filter((n) => !n.hidden) };
    return step.columns
      .filter((c) => !column || c.id === column)
      .flatMap((c) =>
        groupNotes(visible, c.id).flatMap(({ cluster, notes }): SourceItem[] =>
          cluster ? (notes.length ? [{ id: cluster.id, text: cluster.title, size: notes.length }] : []) : notes.map((n) => ({ id: n.id, text: n.text, size: 1 })),
        ),
      );
  },

  apply(data, event) {
    switch (event.type) {
      case WALL_EVENTS.posted: {
        const { column, text } = event.payload;
        insertBySeq(data.notes, { id: event.id, column, text, ...(event.actor.id ? { author: event.actor.id } : {}), at: event.at, seq: event.seq, hidden: false });
        break;
      }
      case WALL_EVENTS.hidden: {
        const { noteId, hidden, note, remove } = event.payload;
        const existing = data.notes.find((n) => n.id === noteId);
        if (remove) data.notes = data.notes.filter((n) => n.id !== noteId);
        else if (existing) existing.hidden = hidden;
        else if (note && !hidden) insertBySeq(data.notes, { ...note, hidden: false });
        break;
      }
      case WALL_EVENTS.clustered: {
        const { column, title, noteIds } = event.payload;
        data.clusters.push({ id: event.id, column, title });
        for (const note of data.notes) if (noteIds.includes(note.id)) note.clusterId = event.id;
        break;
      }
      case WALL_EVENTS.renamed: {
        const { clusterId, title } = event.payload;
        const cluster = data.clusters.find((c) => c.id === clusterId);
        if (cluster) cluster.title = title;
        break;
      }
      case WALL_EVENTS.moved: {
        const { noteId, clusterId } = event.payload;
        const note = data.notes.find((n) => n.id === noteId);
        if (!note) break;
        if (clusterId === null) delete note.clusterId;
        else note.clusterId = clusterId;
        break;
      }
      case WALL_EVENTS.dissolved: {
        const { clusterId } = event.payload;
        data.clusters = data.clusters.filter((c) => c.id !== clusterId);
        for (const note of data.notes) if (note.clusterId === clusterId) delete note.clusterId;
        break;
      }
    }
  },

  project(data, viewer) {
    if (viewer.role === 'participant') {
      // A phone sees its own notes only (hidden ones flagged, so the author knows); clustering is the screen's business.
      return {
        notes: data.notes.filter((n) => n.author === viewer.participantId).map(({ clusterId: _c, ...n }) => n),
        clusters: [],
      };
    }
    return {
      notes: data.notes.filter((n) => !n.hidden).map(({ author: _author, ...note }) => note),
      clusters: data.clusters.map((c) => ({ ...c })),
    };
  },

  contribution: (event) => (event.type === WALL_EVENTS.posted ? event.payload.text : undefined),

  audience(event, data) {
    switch (event.type) {
      case WALL_EVENTS.posted:
        return { screen: true, participants: event.actor.id ? [event.actor.id] : 'none' };
      case WALL_EVENTS.hidden: {
        const author = data.notes.find((n) => n.id === event.payload.noteId)?.author;
        return { screen: true, participants: author ? [author] : 'none' };
      }
      default:
        return { screen: true, participants: 'none' };
    }
  },

  redact(event, viewer) {
    if (event.type === WALL_EVENTS.hidden && viewer.role === 'screen' && event.payload.hidden)
      return { ...event, payload: { ...event.payload, remove: true } };
    return event;
  },
};

/** Notes grouped for display: per column, clusters first (in order made), then loose notes. */
export function groupNotes(data: WallData, columnId: string): { cluster?: Cluster; notes: Note[] }[] {
  const notes = data.notes.filter((n) => n.column === columnId);
  const groups: { cluster?: Cluster; notes: Note[] }[] = data.clusters
    .filter((c) => c.column === columnId)
    .map((cluster) => ({ cluster, notes: notes.filter((n) => n.clusterId === cluster.id) }));
  const loose = notes.filter((n) => !n.clusterId || !data.clusters.some((c) => c.id === n.clusterId));
  if (loose.length) groups.push({ notes: loose });
  return groups;
}
