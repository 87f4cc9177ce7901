/**
 * A full meeting of eight people through the real command pipeline (in memory), as a
 * municipality would hold one: a wall with clusters, twelve ontwerpvragen with a dot
 * vote, appreciative interviews, small wins and an evaluation in which one question
 * stays unanswered. Long enough for a Word harvest of several pages.
 */
import type { Ack } from '../../core/protocol.js';
import type { SessionState, StepDef } from '../../core/state.js';
import type { QuestionsData } from '../../kinds/questions/model.js';
import type { WallData } from '../../kinds/wall/model.js';
import type { InterviewData } from '../../kinds/interview/model.js';
import { noteIdOf } from '../../kinds/interview/model.js';
import { start } from './interview-session.js';

export const MEETING_STEPS: StepDef[] = [
  { id: 'welkom', kind: 'slide', title: 'Welkom', body: 'Fijn dat je er bent.' },
  {
    id: 'muur',
    kind: 'wall',
    title: 'Klaag- en jubelmuur',
    prompt: 'Wat gaat er niet goed,\nen wat gaat al wél goed?',
    maxNotes: 50,
    columns: [
      { id: 'klaagmuur', title: 'Klaagmuur' },
      { id: 'jubelmuur', title: 'Jubelmuur' },
    ],
  } as StepDef,
  { id: 'interview', kind: 'interview', title: 'Waarderende interviews' } as StepDef,
  { id: 'vragen', kind: 'questions', title: 'Ontwerpvragen', prefix: 'Hoe kunnen we', maxQuestions: 50 } as StepDef,
  { id: 'stippen', kind: 'vote', title: 'Kies met stippen', from: 'vragen', dots: 3, maxPerItem: 2, choose: 3 } as StepDef,
  { id: 'wins', kind: 'smallwin', title: 'Small wins' } as StepDef,
  {
    id: 'terugblik',
    kind: 'open',
    title: 'Terugblik',
    questions: [
      { id: 'waarde', text: 'Wat was voor jou van waarde vandaag?' },
      { id: 'morgen', text: 'Wat ga je morgen anders doen?' },
    ],
  } as StepDef,
];

const COMPLAINTS = [
  'Wachtlijsten voor respijtzorg zijn te lang',
  'Op de wachtlijst voor dagbesteding staan we al een half jaar',
  'De wachtlijst van de wijkverpleging groeit',
  'Formulieren voor het persoonsgebonden budget zijn onleesbaar',
  'Elk jaar opnieuw bewijzen dat je moeder nog steeds dementie heeft',
  'Niemand vraagt hoe het met de mantelzorger zelf gaat',
  'Jonge mantelzorgers worden op school niet gezien',
  'Het loket is alleen open als ik werk',
];
const CHEERS = [
  'Het buurtteam kent de mensen bij naam',
  'De huisarts belde zelf terug,\nbinnen een uur',
  'Mantelzorgwaardering in de vorm van een bioscoopbon',
  'Het Alzheimercafé in de bibliotheek loopt vol',
];
const QUESTIONS = [
  'mantelzorgers eerder bereiken?',
  'wachtlijsten voor respijtzorg korter maken?',
  'jonge mantelzorgers op school zien?',
  'formulieren één keer laten invullen?',
  'het loket ook in de avond openen?',
  'de mantelzorger zelf vragen hoe het gaat?',
  'huisartsen en buurtteams laten samenwerken?',
  'mantelzorgwaardering persoonlijker maken?',
  'werkgevers betrekken bij mantelzorg?',
  'dagbesteding dichter bij huis organiseren?',
  'vrijwilligers inzetten voor respijt?',
  'goede voorbeelden uit de wijk delen?',
];

const ok = async (ack: Promise<Ack>) => {
  const a = await ack;
  if (!a.ok) throw new Error(`refused: ${a.error} ${a.message}`);
};

/** The meeting's state, as its log makes it. */
export async function verslagMeeting(): Promise<SessionState> {
  const s = await start(MEETING_STEPS, { title: 'Bijeenkomst 3: mantelzorg in de wijk', arena: 'Jonge mantelzorgers Leiden', script: 'Arenabijeenkomst' });
  const people = Array.from({ length: 8 }, (_, i) => `p${i + 1}`);
  for (const p of people) await s.join(p);

  await s.goto('muur');
  for (const [i, text] of COMPLAINTS.entries()) await ok(s.as(people[i % 8]!, 'wall.post', { column: 'klaagmuur', text }, 'muur'));
  for (const [i, text] of CHEERS.entries()) await ok(s.as(people[(i + 3) % 8]!, 'wall.post', { column: 'jubelmuur', text }, 'muur'));
  const notes = () => (s.runtime.state.stepStates.muur!.data as WallData).notes;
  const cluster = (title: string, match: RegExp) =>
    ok(s.fac('wall.cluster', { column: 'klaagmuur', title, noteIds: notes().filter((n) => match.test(n.text)).map((n) => n.id) }, 'muur'));
  await cluster('Wachtlijsten', /wachtlijst/i);
  await cluster('Regels en formulieren', /formulier|bewijzen/i);

  await s.goto('interview');
  await ok(s.fac('interview.pair', {}, 'interview'));
  const pairs = (s.runtime.state.stepStates.interview!.data as InterviewData).pairs;
  for (const [i, pair] of pairs.entries()) {
    const asker = pair.members[pair.interviewer]!.id!;
    const teller = pair.members[pair.interviewee]!.id!;
    await ok(
      s.as(asker, 'interview.note', {
        pairId: pair.id,
        about: pair.interviewee,
        story: `Verhaal ${i + 1}: toen mijn vader viel, regelde de buurvrouw de boodschappen.\nZonder dat ik het vroeg.`,
        strengths: 'Zorgzaamheid en durven vragen',
        conditions: 'Een buurt waar mensen elkaar kennen',
      }),
    );
    await ok(s.as(teller, 'interview.share', { noteId: noteIdOf(pair.id, pair.interviewee), fields: ['story', 'strengths', 'conditions'] }));
  }

  await s.goto('vragen');
  for (const [i, text] of QUESTIONS.entries()) await ok(s.as(people[i % 8]!, 'questions.ask', { text: `Hoe kunnen we ${text}` }, 'vragen'));
  const questions = (s.runtime.state.stepStates.vragen!.data as QuestionsData).questions;

  await s.goto('stippen');
  for (const [i, p] of people.entries()) {
    await ok(s.as(p, 'vote.place', { itemId: questions[i % 3]!.id, dots: 2 }, 'stippen'));
    await ok(s.as(p, 'vote.place', { itemId: questions[3 + (i % 5)]!.id, dots: 1 }, 'stippen'));
  }

  await s.goto('wins');
  await ok(s.as('p1', 'smallwin.register', { title: 'Koffie-uur voor mantelzorgers', result: 'Elke dinsdag koffie in de buurtkamer', mechanisms: ['energizing', 'olievlek'], paths: ['verspreiden'], phase: 'oplaadfase' }, 'wins'));
  await ok(s.as('p2', 'smallwin.register', { title: 'Avondloket', result: 'Het loket is op donderdag open tot acht uur', mechanisms: ['experimenteren'], paths: ['verdiepen'], phase: 'actiefase' }, 'wins'));

  await s.goto('terugblik');
  for (const [i, p] of people.entries()) await ok(s.as(p, 'open.answer', { questionId: 'waarde', text: `Dat ik niet de enige ben (${i + 1})` }, 'terugblik'));
  return s.runtime.state;
}
