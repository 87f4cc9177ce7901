import { describe, expect, it } from 'vitest';
import { softHyphens } from '../../client/lib/hyphens.js';

const shown = (text: string) => softHyphens(text).replaceAll('\u00AD', '-');

describe('soft hyphens for the projected wall', () => {
  it('breaks long Dutch compounds between syllables, never a letter from the end', () => {
    expect(shown('Mantelzorgwaardering')).toBe('Man-tel-zorg-waar-de-ring');
    expect(shown('Ondersteuningsmogelijkheden')).toMatch(/^Onder.*-mo-ge-lijk-he-den$/);
    expect(shown('Schuldhulpverleningsaanbod')).toMatch(/^Schuld-hulp-ver-le-nings-aan-bod$/);
    for (const word of ['Mantelzorgwaardering', 'Ondersteuningsmogelijkheden', 'Jeugdhulpverleningstraject'])
      for (const part of shown(word).split('-')) expect(part.length).toBeGreaterThanOrEqual(2);
  });

  it('leaves short words and the text itself alone', () => {
    const text = 'Een vaste contactpersoon bij de gemeente (8)';
    expect(softHyphens(text)).toBe(text);
    expect(softHyphens('Mantelzorgwaardering komt te laat').replaceAll('\u00AD', '')).toBe('Mantelzorgwaardering komt te laat');
  });
});
