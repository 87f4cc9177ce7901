/**
 * The texts of the photo: Dutch here, fetched with the kind, never in a page's first load
 * (client/lib/kind-strings.ts); English in `strings.en.ts`, fetched only once English is chosen.
 */
export const nl = {
  'kind.photo': 'Foto',
  'count.photos.one': '{n} foto',
  'count.photos.other': "{n} foto's",
  'photo.take': 'Maak of kies een foto',
  'photo.caption': 'Onderschrift (mag leeg)',
  'photo.send': 'Verstuur foto',
  'photo.sending': 'Bezig met versturen… {pct}%',
  'photo.retry': 'Opnieuw versturen',
  'photo.other': 'Andere foto kiezen',
  'photo.preparing': 'Foto verkleinen…',
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
  'photo.alt': 'Foto',
  'photo.error.type': 'Dit bestand is geen foto. Kies een JPEG-, PNG- of WebP-foto.',
  'photo.error.size': 'Deze foto is te groot, ook na verkleinen. Kies een andere.',
  'photo.error.limit': "Je hebt al het maximum aantal foto's gestuurd.",
  'photo.error.network': 'Versturen lukte niet. Controleer de verbinding en probeer opnieuw.',
  'photo.error.busy': 'Het is even druk. Probeer het over een paar seconden opnieuw.',
  'photo.error.unreadable': 'Deze foto kon niet worden gelezen. Kies een andere.',
};

export const en = () => import('./strings.en.js').then((m) => m.en);
