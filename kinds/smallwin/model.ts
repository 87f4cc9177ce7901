/**
 * Small wins: the room registers small but deep changes that already happened —
 * a title, the concrete result and for whom it is visible, the four
 * characteristics, the driving mechanisms (aanjaagmechanismen), the paths and the
 * phase, plus answers to the step's questions. They are the room's to celebrate:
 * the screen shows every visible win as it comes in, without its author. A phone
 * holds only its own wins (one post costs facilitator + screen + author,
 * whatever the size of the room).
 *
 * Small wins belong to the arena: a new session carries the visible wins of the
 * earlier ones in `state.arenaContext.smallwin` (see `arena.ts`), and a step can
 * record progress on such a win (a new phase, a note) as an event of its own
 * session that names the win by session id and win id.
 *
 * Loaded by a phone only when its session has a small-wins step.
 */
import type { KindModel } from '../../core/kind.js';
import { insertBySeq } from '../order.js';
import type { EarlierWin, Progressed, ProgressInput, SmallwinContext, SmallwinEvent, SmallwinStep, WinFields, WinOrigin } from './schema.js';

export type {
  EarlierWin,
  Progressed,
  ProgressHidden,
  SessionRef,
  SmallwinContext,
  SmallwinEvent,
  SmallwinQuestion,
  SmallwinStep,
  WinEdited,
  WinFields,
  WinHidden,
  WinOrigin,
  WinRegistered,
} from './schema.js';

interface Term<Id extends string> {
  id: Id;
  /** The Dutch word the users speak; shown in every language. */
  label: string;
  /** A short explanation, Dutch and English. */
  nl: string;
  en: string;
}

export type CharacteristicId = 'concreet' | 'diep' | 'lokaal' | 'ambitie';
export type MechanismId = 'energizing' | 'experimenteren' | 'aantrekkingskracht' | 'olievlek' | 'verbinden' | 'robuustheid';
export type PathId = 'verspreiden' | 'verbreden' | 'verdiepen';
export type PhaseId = 'oplaadfase' | 'definitiefase' | 'actiefase' | 'reflectie-en-borging';

/** The four characteristics that recognise a small win (docs/METHODS.md). */
export const CHARACTERISTICS: readonly Term<CharacteristicId>[] = [
  { id: 'concreet', label: 'Concreet resultaat', nl: 'Geen belofte of idee: het is er al.', en: 'A concrete result, not a promise or an idea.' },
  {
    id: 'diep',
    label: 'Diepe verandering',
    nl: 'In routines, praktijken, overtuigingen of waarden.',
    en: 'A deep change in routines, practices, beliefs or values.',
  },
  { id: 'lokaal', label: 'Lokaal of microniveau', nl: 'Dichtbij, bij de mensen om wie het gaat.', en: 'Local or micro level.' },
  { id: 'ambitie', label: 'Gedeelde ambitie', nl: 'Draagt bij aan een gedeelde ambitie.', en: 'Contributes to a shared ambition.' },
];

export const MECHANISMS: readonly Term<MechanismId>[] = [
  { id: 'energizing', label: 'Energizing', nl: 'Geeft energie', en: 'Gives energy' },
  { id: 'experimenteren', label: 'Experimenteren', nl: 'Leren door te doen', en: 'Learning by doing' },
  { id: 'aantrekkingskracht', label: 'Aantrekkingskracht', nl: 'Trekt anderen aan', en: 'Logic of attraction' },
  { id: 'olievlek', label: 'Olievlek', nl: 'Anderen doen mee', en: 'Others join in' },
  { id: 'verbinden', label: 'Verbinden', nl: 'Brengt samen', en: 'Coupling' },
  { id: 'robuustheid', label: 'Robuustheid', nl: 'Houdt stand', en: 'Robustness' },
];

export const PATHS: readonly Term<PathId>[] = [
  { id: 'verspreiden', label: 'Verspreiden', nl: 'Elders toepassen', en: 'Spread: elsewhere' },
  { id: 'verbreden', label: 'Verbreden', nl: 'Andere domeinen', en: 'Broaden: other domains' },
  { id: 'verdiepen', label: 'Verdiepen', nl: 'Radicaler maken', en: 'Deepen: more radical' },
];

export const PHASES: readonly Term<PhaseId>[] = [
  { id: 'oplaadfase', label: 'Oplaadfase', nl: 'Is het een small win?', en: 'Is it a small win?' },
  { id: 'definitiefase', label: 'Definitiefase', nl: 'Wat is het precies?', en: 'Defining it' },
  { id: 'actiefase', label: 'Actiefase', nl: 'We doen het', en: 'Acting on it' },
  { id: 'reflectie-en-borging', label: 'Reflectie en borging', nl: 'Terugkijken, verankeren', en: 'Reflect and anchor' },
];

/** What the progress form sends: progress without the win it is about. */
export type ProgressFields = Omit<ProgressInput, 'sessionId' | 'winId'>;

/** The phase a candidate starts in; an achieved win has none until one is given. */
export const DEFAULT_PHASE: PhaseId = 'oplaadfase';
/** A candidate (oplaadfase: is this a small win?) rather than a win achieved; older logs and contexts say so by their phase only. */
export const isCandidate = (win: { candidate?: boolean; phase?: PhaseId }) => (win.candidate ?? win.phase === DEFAULT_PHASE) && (win.phase ?? DEFAULT_PHASE) === DEFAULT_PHASE;
/** An earlier win's phase now: the last new phase this session recorded on it (not hidden), or the one it came with. */
export const phaseNow = (win: { phase?: PhaseId }, updates: readonly { phase?: PhaseId; hidden?: boolean }[]) =>
  updates.filter((u) => u.phase && !u.hidden).slice(-1)[0]?.phase ?? win.phase;
export const labelOf = (terms: readonly Term<string>[], id: string) => terms.find((t) => t.id === id)?.label ?? id;

export interface SmallWin extends WinFields {
  /** The id of the event that registered it. */
  id: string;
  /** Participant id; only the facilitator and the author see it. */
  author?: string;
  at: number;
  /** Position in the log of the registration: the order wins stand in, everywhere. */
  seq: number;
  edited?: boolean;
  hidden: boolean;
}

/** Progress on a win of an earlier session of the arena, recorded in this one. */
export interface ProgressUpdate extends Omit<Progressed, 'sessionId' | 'winId'> {
  id: string;
  /** The earlier win: the session it was registered in, and its id there. */
  sessionId: string;
  winId: string;
  author?: string;
  at: number;
  seq: number;
  hidden: boolean;
}

export interface SmallwinData {
  wins: SmallWin[];
  updates: ProgressUpdate[];
}

export const SMALLWIN_EVENTS = {
  registered: 'smallwin.registered',
  edited: 'smallwin.edited',
  hidden: 'smallwin.hidden',
  progressed: 'smallwin.progressed',
  progressHidden: 'smallwin.progress-hidden',
} as const;

/** The earlier wins a session carries, or none. */
export const earlierWins = (arenaContext: Record<string, unknown> | undefined): EarlierWin[] =>
  (arenaContext?.smallwin as SmallwinContext | undefined)?.wins ?? [];

/** The items of other kinds a win may come from (an action), as the session carries them, or none. */
export const winOffers = (arenaContext: Record<string, unknown> | undefined): WinOrigin[] =>
  (arenaContext?.smallwin as SmallwinContext | undefined)?.offers ?? [];

/** An offer's key, unique among a session's offers: the console's and the phone's choice, and what a step already took. */
export const offerKey = (o: { kind: string; sessionId: string; id: string }) => `${o.kind}/${o.sessionId}/${o.id}`;

/** A new win from an action, as the form starts it: a candidate named after the action's what. */
export const candidateFrom = (o: WinOrigin): WinFields => ({
  title: o.title,
  candidate: true,
  phase: DEFAULT_PHASE,
  result: '',
  visibleFor: '',
  characteristics: {},
  mechanisms: [],
  paths: [],
  answers: {},
});

/** How every view heads a win's origin. */
export const originHead = (title: string) => `Voortgekomen uit de actie ${title}`;

/** Who may register: the facilitator always; participants unless the step says otherwise. */
export const participantsRegister = (step: SmallwinStep) => step.whoRegisters !== 'facilitator';

/** A copy of a list for a viewer: a phone its own items, the screen the visible ones without authors. */
function visibleTo<T extends { author?: string; hidden: boolean }>(items: T[], me: string | undefined): T[] {
  if (me !== undefined) return items.filter((x) => x.author === me).map((x) => structuredCopy(x));
  return items.filter((x) => !x.hidden).map(({ author: _a, ...x }) => structuredCopy(x as T));
}
const structuredCopy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

export const smallwinModel: KindModel<SmallwinData, SmallwinEvent, SmallwinStep> = {
  kind: 'smallwin',
  init: () => ({ wins: [], updates: [] }),

  apply(data, event) {
    switch (event.type) {
      case SMALLWIN_EVENTS.registered: {
        const fields = event.payload;
        insertBySeq(data.wins, { ...fields, id: event.id, ...(event.actor.id ? { author: event.actor.id } : {}), at: event.at, seq: event.seq, hidden: false });
        break;
      }
      case SMALLWIN_EVENTS.edited: {
        const { winId, ...fields } = event.payload;
        const win = data.wins.find((w) => w.id === winId);
        if (win) Object.assign(win, fields, { edited: true });
        break;
      }
      case SMALLWIN_EVENTS.hidden: {
        const { winId, hidden, win, remove } = event.payload;
        const existing = data.wins.find((w) => w.id === winId);
        if (remove) data.wins = data.wins.filter((w) => w.id !== winId);
        else if (existing) existing.hidden = hidden;
        else if (win && !hidden) insertBySeq(data.wins, { ...win, hidden: false });
        break;
      }
      case SMALLWIN_EVENTS.progressed: {
        insertBySeq(data.updates, {
          ...event.payload,
          id: event.id,
          ...(event.actor.id ? { author: event.actor.id } : {}),
          at: event.at,
          seq: event.seq,
          hidden: false,
        });
        break;
      }
      case SMALLWIN_EVENTS.progressHidden: {
        const { updateId, hidden, update, remove } = event.payload;
        const existing = data.updates.find((u) => u.id === updateId);
        if (remove) data.updates = data.updates.filter((u) => u.id !== updateId);
        else if (existing) existing.hidden = hidden;
        else if (update && !hidden) insertBySeq(data.updates, { ...update, hidden: false });
        break;
      }
    }
  },

  project(data, viewer) {
    const me = viewer.role === 'participant' ? (viewer.participantId ?? '') : undefined;
    return { wins: visibleTo(data.wins, me), updates: visibleTo(data.updates, me) };
  },

  contribution(event) {
    if (event.type === SMALLWIN_EVENTS.registered || event.type === SMALLWIN_EVENTS.edited) {
      const { title, result } = event.payload;
      return `${title}: ${result}`;
    }
    // A progress update without a note is a phase only: nothing to read before it is shown.
    return event.type === SMALLWIN_EVENTS.progressed ? event.payload.note : undefined;
  },

  audience(event, data) {
    const author = (list: { id: string; author?: string }[], id: string) => list.find((x) => x.id === id)?.author;
    const to = (id: string | undefined) => (id ? [id] : ('none' as const));
    switch (event.type) {
      case SMALLWIN_EVENTS.registered:
      case SMALLWIN_EVENTS.progressed:
        return { screen: true, participants: to(event.actor.id) };
      case SMALLWIN_EVENTS.edited: {
        // An edit of a hidden win stays off the screen; showing it again carries the edited win.
        const win = data.wins.find((w) => w.id === event.payload.winId);
        return { screen: !win?.hidden, participants: to(win?.author) };
      }
      case SMALLWIN_EVENTS.hidden:
        return { screen: true, participants: to(author(data.wins, event.payload.winId)) };
      case SMALLWIN_EVENTS.progressHidden:
        return { screen: true, participants: to(author(data.updates, event.payload.updateId)) };
      default:
        return { screen: false, participants: 'none' };
    }
  },

  // The actions a win may come from are for who registers: the console always, phones
  // only where a step lets participants register, the screen never (it shows none).
  contextFor(context, viewer, steps) {
    const { offers, ...rest } = context as SmallwinContext;
    const phonesTake = viewer.role === 'participant' && steps.some((s) => s.kind === 'smallwin' && participantsRegister(s as SmallwinStep));
    return offers && phonesTake ? context : rest;
  },

  redact(event, viewer) {
    if (viewer.role !== 'screen') return event;
    if (event.type === SMALLWIN_EVENTS.hidden && event.payload.hidden) return { ...event, payload: { ...event.payload, remove: true } };
    if (event.type === SMALLWIN_EVENTS.progressHidden && event.payload.hidden) return { ...event, payload: { ...event.payload, remove: true } };
    return event;
  },
};
