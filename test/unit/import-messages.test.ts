/**
 * Every reason an import is refused has its sentence in each language of the pages,
 * naming what the server names: a Dutch page never shows the server's English.
 */
import { describe, expect, it } from 'vitest';
import { enFacilitator } from '../../client/lib/i18n/facilitator.en.js';
import { nlFacilitator } from '../../client/lib/i18n/facilitator.nl.js';
import { importProblems, type ImportProblem } from '../../server/import-checks.js';

const catalogues: Record<string, Record<string, string>> = { nl: nlFacilitator, en: enFacilitator };

const problems: ImportProblem[] = [
  importProblems.arenaExists(),
  importProblems.sessionExists('Bijeenkomst 2'),
  importProblems.idsTaken(),
  ...(['session', 'participant', 'token', 'event', 'script', 'contact'] as const).map((what) =>
    importProblems.twice(what, 'abc', what === 'session' || what === 'script' ? '' : 'Bijeenkomst 2'),
  ),
  importProblems.numbering('Bijeenkomst 2'),
  importProblems.unknownContact('Bijeenkomst 2'),
  importProblems.event('Bijeenkomst 2', 14, 'smallwin.progressed', 'payload.sessionId'),
  importProblems.replay('Bijeenkomst 2', 'no step'),
];

describe('import refusals', () => {
  it('are 400 or 409, each with its own code', () => {
    for (const p of problems) expect([400, 409]).toContain(p.status);
    expect(new Set(problems.map((p) => p.code)).size).toBe(problems.length);
  });

  for (const [language, catalogue] of Object.entries(catalogues))
    it(`read in ${language}, with every value the server names`, () => {
      for (const p of problems) {
        const text = catalogue[`error.${p.code}`];
        expect(text, p.code).toBeDefined();
        const placeholders = [...text!.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(placeholders.filter((name) => !(name! in p.params)), p.code).toEqual([]);
        // What the English sentence names, the page's sentence names too (a session, a seq, a field).
        expect(Object.keys(p.params).filter((name) => String(p.params[name]) && p.problem.includes(String(p.params[name])) && !placeholders.includes(name)), p.code).toEqual([]);
        if (language === 'nl') expect(text, p.code).not.toBe(p.problem);
      }
    });
});
