/**
 * Soft hyphens in long words, so a narrow note on the projected wall breaks
 * "Mantelzorg-waardering" with a hyphen instead of "Mantelzorgwaarderin|g".
 * `hyphens: auto` does this where the browser has a Dutch dictionary, but
 * Chromium on Linux (a common projector laptop and our test browser) has none.
 * A rough Dutch rule is enough, since the browser uses a soft hyphen only where a
 * line must break: between two vowel groups, before the last consonant (keeping
 * `ch` and `sch` together, `-ings` whole), never within three letters of either end. Only words
 * of at least 15 letters are touched: shorter ones fit a note's line.
 */
const SHY = '\u00AD';
const LONG = /\p{L}{15,}/gu;
const vowel = (word: string, i: number) => /[aeiouyàáâäèéêëìíîïòóôöùúûü]/i.test(word[i]!) || (/j/i.test(word[i]!) && /i/i.test(word[i - 1] ?? ''));

function syllables(word: string): string {
  const breaks: number[] = [];
  let i = 0;
  while (i < word.length && !vowel(word, i)) i++;
  while (i < word.length) {
    while (i < word.length && vowel(word, i)) i++;
    const start = i;
    while (i < word.length && !vowel(word, i)) i++;
    if (i >= word.length) break; // the word's last consonants stay with its last syllable
    let at = i - 1; // before the last consonant of the cluster
    const cluster = word.slice(start, i).toLowerCase();
    if (cluster.endsWith('ngs')) at = i; // the linking s of "-ings-": verlenings-aanbod
    else if (cluster.endsWith('sch')) at = i - 3;
    else if (cluster.endsWith('ch')) at = i - 2;
    if (at >= start && at >= 3 && word.length - at >= 3) breaks.push(at);
  }
  let out = '';
  let from = 0;
  for (const at of breaks) {
    out += word.slice(from, at) + SHY;
    from = at;
  }
  return out + word.slice(from);
}

export const softHyphens = (text: string) => text.replace(LONG, syllables);
