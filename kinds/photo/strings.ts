/**
 * The texts of the photo: Dutch here, fetched with the kind, never in a page's first load
 * (client/lib/kind-strings.ts); English in `strings.en.ts`, fetched only once English is chosen.
 */
export const nl = {
  'kind.photo': 'Foto',
  'count.photos.one': '{n} foto',
  'count.photos.other': "{n} foto's",
  'photo.yours': "Jouw foto's",
  'photo.used': "{n} van {max} foto's verstuurd",
  'photo.limit': "Je hebt het maximum aantal foto's verstuurd.",
  'photo.waiting': 'Wacht op goedkeuring',
  'photo.shown': 'Op het scherm',
  'photo.hidden': 'Niet getoond',
  'photo.more.one': '+{n} foto niet in beeld',
  'photo.more.other': "+{n} foto's niet in beeld",
  'photo.empty': "Nog geen foto's.",
  'photo.approve': 'Toon op scherm',
  'photo.hide': 'Verberg',
  'photo.add': 'Foto toevoegen',
  'photo.waiting-count': '{n} wachten op goedkeuring',
  'photo.approval-off': "Foto's komen meteen op het scherm.",
};

export const en = () => import('./strings.en.js').then((m) => m.en);
