/**
 * The participant build's chunks (`output.codeSplitting.groups`). Fewer, larger files on a
 * phone's first load: over HTTP/1.1 a browser opens six connections, and on slow 3G every
 * further file waits a round trip in the queue (docs/PERFORMANCE.md, "The phone"). Each
 * kind's model and view travel as one file, and what the kinds share (kinds/*.ts,
 * client/lib's components) rides with the app instead of in small chunks of its own.
 */
export const PARTICIPANT_CHUNK_GROUPS = [
  // The entry stays as small as it is: the app's group below would otherwise take the modules they share.
  { name: 'participant', test: /[\\/]client[\\/]participant[\\/]main\.ts$/, priority: 3 },
  // A kind's English: fetched only once English is chosen, so not in the kind's file with its Dutch.
  { name: (id: string) => `${/[\\/]kinds[\\/]([\w-]+)[\\/]/.exec(id)?.[1]}-en`, debugName: 'kind-en', test: /[\\/]kinds[\\/][\w-]+[\\/]strings\.en\.ts$/, priority: 4 },
  // A kind's phone code: its model, its view, its Dutch strings and what only they import.
  { name: (id: string) => /[\\/]kinds[\\/]([\w-]+)[\\/]/.exec(id)?.[1] ?? null, debugName: 'kind', test: /[\\/]kinds[\\/][\w-]+[\\/]/, priority: 1 },
  // The app with the bundler's runtime and the code the kinds share; the entry keeps only what sends the join.
  // Not the photo picker: it scales and sends a file, which only a kind that takes photos needs, so it rides with that kind.
  {
    name: 'start',
    test: /[\\/]client[\\/]participant[\\/]start\.ts$|[\\/]kinds[\\/][\w-]+\.ts$|[\\/]client[\\/]lib[\\/](?!ImagePicker\.)[\w-]+\.svelte(\.ts)?$|rolldown[\\/]runtime/,
    priority: 2,
  },
];
