/**
 * The texts of "vragen aan de spreker": Dutch here, fetched with the kind, never in a page's
 * first load (client/lib/kind-strings.ts); English in `strings.en.ts`, fetched only once English is chosen.
 */
export const nl = {
  'kind.qna': 'Vragen aan de spreker',
  'qna.placeholder': 'Jouw vraag aan de spreker…',
  'qna.ask': 'Stel vraag',
  'qna.used': '{n} van {max} vragen gesteld',
  'qna.limit': 'Je hebt het maximum aantal vragen gesteld.',
  'qna.anonymous': 'Je vraag is anoniem. Steun de vragen die jij ook beantwoord wilt zien.',
  'qna.list': 'Vragen uit de zaal',
  'qna.empty': 'Nog geen vragen.',
  'qna.support': 'Steun',
  'qna.yours': 'jouw vraag',
  'qna.answered': 'beantwoord',
  'qna.mark-answered': 'Beantwoord',
  'qna.mark-open': 'Toch niet beantwoord',
  'qna.votes.one': '{n} stem',
  'qna.votes.other': '{n} stemmen',
  'qna.count.one': '{n} vraag',
  'qna.count.other': '{n} vragen',
  'qna.answered-count': '{n} beantwoord',
  'qna.more.one': '+{n} vraag niet in beeld',
  'qna.more.other': '+{n} vragen niet in beeld',
  'qna.presenter-hint': 'De vragen van de zaal, de meest gesteunde bovenaan. Tik op Beantwoord als je een vraag hebt behandeld.',
  'qna.presenter-link': 'Het sprekersscherm opent via "Open sprekersscherm" bovenaan: het scherm voor de spreker, met alleen de knop Beantwoord.',
};

export const en = () => import('./strings.en.js').then((m) => m.en);
