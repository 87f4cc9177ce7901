/**
 * The texts of the wall: Dutch here, fetched with the kind, never in a page's first load
 * (client/lib/kind-strings.ts); English in `strings.en.ts`, fetched only once English is chosen.
 */
export const nl = {
  'wall.choose-column': 'Kies een kolom',
  'wall.placeholder': 'Eén gedachte per briefje…',
  'wall.post': 'Plaats briefje',
  'wall.yours': 'Jouw briefjes',
  'wall.used': '{n} van {max} briefjes geplaatst',
  'wall.limit': 'Je hebt het maximum aantal briefjes geplaatst.',
  'kind.wall': 'Muur',
  'count.notes.one': '{n} briefje',
  'count.notes.other': '{n} briefjes',
  'wall.empty': 'Nog geen briefjes.',
  'wall.select': 'Selecteer briefje',
  'wall.selected.one': '{n} briefje geselecteerd',
  'wall.selected.other': '{n} briefjes geselecteerd',
  'wall.cluster.title': 'Titel van de groep',
  'wall.cluster.create': 'Groepeer selectie',
  'wall.cluster.add': 'Voeg toe aan groep…',
  'wall.cluster.rename': 'Hernoem',
  'wall.cluster.dissolve': 'Groep opheffen',
  'wall.cluster.loose': 'Niet gegroepeerd',
  'wall.ungroup': 'Uit groep',
  'wall.clear-selection': 'Selectie wissen',
  'wall.more.one': '+{n} briefje niet in beeld',
  'wall.more.other': '+{n} briefjes niet in beeld',
  'wall.search': 'Zoek in de briefjes',
  'wall.newest-first': 'Nieuwste eerst',
  'wall.none-found': 'Geen briefjes met dit woord.',
  'wall.select-found': 'Selecteer de {n} gevonden',
  'wall.all-notes': 'Briefjes',
};

export const en = () => import('./strings.en.js').then((m) => m.en);
