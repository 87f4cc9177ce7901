/**
 * The questions of the small-wins werkboekje (METHODS.md, "The small win's phases and
 * their questions", bijlage 1) and the eight reflection questions, as a trajectory
 * answers them: per phase, on a win of an earlier session or one registered today.
 * Plain data, in Dutch as the users speak it with English beside it. Not in `model.ts`:
 * a phone loads it with the progress form only.
 */
import type { PhaseId } from './model.js';

export interface WerkboekjeQuestion {
  id: string;
  nl: string;
  en: string;
}

export const PHASE_QUESTIONS: Readonly<Record<PhaseId, readonly WerkboekjeQuestion[]>> = {
  oplaadfase: [
    { id: 'signaal', nl: 'Wat is het signaal dat om actie vraagt?', en: 'What is the signal that asks for action?' },
    { id: 'momentum', nl: 'Is het momentum er (het window of opportunity)?', en: 'Is the momentum there (the window of opportunity)?' },
    {
      id: 'eigenaarschap',
      nl: 'Zijn de casusdeelnemers bereid en eigenaar, klaar om op hun eigen routines te reflecteren en die te veranderen?',
      en: 'Are the case participants willing and owners, ready to reflect on and change their own routines?',
    },
  ],
  definitiefase: [
    {
      id: 'perspectieven',
      nl: 'Hoe ziet de betekenisvolle (leer)stap eruit vanuit meerdere perspectieven?',
      en: 'What does the meaningful (learning) step look like from several perspectives?',
    },
    { id: 'evalueren', nl: 'Hoe evalueren we het effect: is het een small win?', en: 'How do we evaluate its effect: is it a small win?' },
    { id: 'borgen', nl: 'Hoe borgen we wat bereikt is?', en: 'How do we secure what was reached?' },
  ],
  actiefase: [
    { id: 'collectief', nl: 'Hoe tillen we het van casusleren naar collectief leren?', en: 'How do we lift it from case learning to collective learning?' },
    { id: 'verbreden', nl: 'Waar is het nog meer een antwoord op (verbreden)?', en: 'Where else is it an answer (broaden)?' },
    {
      id: 'verspreiden',
      nl: 'Waar komen deze casussen nog meer voor, en hoe brengen we het leren daar (verspreiden)?',
      en: 'Where else do these cases occur, and how do we bring the learning there (spread)?',
    },
    { id: 'verdiepen', nl: 'Wat willen we beter begrijpen of beheersen (verdiepen)?', en: 'What do we want to understand or master better (deepen)?' },
  ],
  'reflectie-en-borging': [
    { id: 'ruimte', nl: 'Is de vrije ruimte om eraan te werken geborgd in de lijnorganisatie?', en: 'Is the free space to work on it secured in the line organisation?' },
    {
      id: 'verwachtingen',
      nl: 'Zijn de verwachtingen helder (verdiepen – uitproberen – terugkomen – reflectie – nog een keer uitproberen)?',
      en: 'Are expectations clear (deepen – try – come back – reflect – try again)?',
    },
    {
      id: 'afspraken',
      nl: 'Welke tactische en bestuurlijke afspraken houden de positieve resultaten vast in het nieuwe normaal?',
      en: 'Which tactical and administrative agreements keep the positive results in the new normal?',
    },
  ],
};

/** The eight reflection questions for a small win (METHODS.md, "Small wins"). */
export const REFLECTION_QUESTIONS: readonly WerkboekjeQuestion[] = [
  { id: 'r-resultaat', nl: 'Wat is het tastbare resultaat en voor wie is dat zichtbaar?', en: 'What is the tangible result, and for whom is it visible?' },
  { id: 'r-transitie', nl: 'In hoeverre is het een kleine stap in de richting van een transitie en waarom?', en: 'How far is it a small step towards a transition, and why?' },
  { id: 'r-omslag', nl: 'Welke omslag in denken is gerealiseerd en wat is het verhaal daarachter?', en: 'Which shift in thinking was made, and what is the story behind it?' },
  {
    id: 'r-spanningen',
    nl: 'Welke spanningen met bestaande overtuigingen, regels, technologie, middelen en financiële modellen zijn er tegengekomen, welke barrières zijn overwonnen en hoe?',
    en: 'Which tensions with existing beliefs, rules, technology, resources and financial models were met, which barriers overcome, and how?',
  },
  { id: 'r-overheid', nl: 'Welke overheidsinterventies hebben bedoeld of onbedoeld geholpen?', en: 'Which government interventions helped, intended or not?' },
  { id: 'r-innovaties', nl: 'Hoe zijn sociale en technische innovaties met elkaar verbonden?', en: 'How are social and technical innovations connected?' },
  { id: 'r-routes', nl: 'Wat zijn voorbeelden van of ideeën voor verspreiden, verbreden en verdiepen?', en: 'What are examples of or ideas for spreading, broadening and deepening?' },
  { id: 'r-nodig', nl: 'Wat is daarvoor nodig?', en: 'What is needed for that?' },
];

/** Every question a trajectory can answer, in the werkboekje's order, then the reflection. */
export const TRAJECTORY_QUESTIONS: readonly WerkboekjeQuestion[] = [...Object.values(PHASE_QUESTIONS).flat(), ...REFLECTION_QUESTIONS];

export const questionText = (id: string, locale: 'nl' | 'en' = 'nl') => {
  const q = TRAJECTORY_QUESTIONS.find((x) => x.id === id);
  return q ? q[locale] : id;
};
