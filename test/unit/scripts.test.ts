/** Facilitation scripts: every shipped one is valid, and a broken one is explained by file, line and field. */
import { describe, expect, it } from 'vitest';
import { kinds } from '../../kinds/registry.js';
import { formatProblem, loadScriptDir, parseScript } from '../../server/scripts/load-scripts.js';

const problems = (yaml: string) => {
  const parsed = parseScript(yaml, 'mijn-script.yaml');
  return parsed.ok ? [] : parsed.problems.map(formatProblem);
};

const valid = `id: test
title: Test
steps:
  - id: muur
    kind: wall
    title: Muur
    columns:
      - id: klaag
        title: Klaagmuur
`;

describe('facilitation scripts', () => {
  it('ships valid scripts only', () => {
    const { scripts, problems: found } = loadScriptDir('facilitation-scripts');
    expect(found.map(formatProblem)).toEqual([]);
    const muur = scripts.get('klaag-en-jubelmuur')!;
    expect(muur.language).toBe('nl');
    expect(muur.steps.map((s) => `${s.id}:${s.kind}`)).toEqual(['welkom:slide', 'droom:open', 'muur:wall', 'ambitie:open', 'vragen:questions', 'monitoring:open']);
    const monitoring = muur.steps.find((s) => s.id === 'monitoring') as unknown as { questions: { text: string }[] };
    expect(monitoring.questions.map((q) => q.text)).toEqual([
      'Wat was voor jou van waarde vandaag?',
      'Wat heb je in de samenwerking gezien waar je meer van wilt?',
      'Wat ga je morgen anders doen?',
    ]);
  });

  it('ships scripts whose step minutes add up to the minutes on the script card', () => {
    // The console's agenda sums the steps; the script card shows the script's own duration.
    const { scripts } = loadScriptDir('facilitation-scripts');
    const disagree = [...scripts.values()].flatMap((s) => {
      const steps = s.steps.reduce((sum, step) => sum + (step.duration ?? 0), 0);
      return s.duration === steps ? [] : [`${s.id}: ${s.duration} on the card, ${steps} in the agenda`];
    });
    expect(disagree).toEqual([]);
  });

  it('accepts a minimal script', () => {
    expect(problems(valid)).toEqual([]);
  });

  it('names file, line and field for each problem', () => {
    expect(problems(valid.replace('        title: Klaagmuur\n', '        titel: Klaagmuur\n'))).toEqual([
      'mijn-script.yaml:8: steps[0].columns[0]: is missing "title"',
      'mijn-script.yaml:8: steps[0].columns[0]: has a field that is not allowed here: "titel"',
    ]);
    const kindNames = kinds.map((k) => JSON.stringify(k.kind)).join(', ');
    expect(problems(valid.replace('kind: wall', 'kind: muur'))).toEqual([`mijn-script.yaml:5: steps[0].kind: must be one of ${kindNames}`]);
    expect(problems(valid.replace('    title: Muur\n', '    title: Muur\n    kleur: rood\n'))).toEqual([
      'mijn-script.yaml:7: steps[0].kleur: is not a field of a wall step',
    ]);
    expect(problems(valid + valid.split('steps:\n')[1])).toEqual(['mijn-script.yaml:10: steps[1].id: step id "muur" is used twice']);
    expect(problems(valid.replace('      - id: klaag\n        title: Klaagmuur\n', '      - id: a\n        title: A\n      - id: a\n        title: B\n'))).toEqual([
      'mijn-script.yaml:10: steps[0].columns[1].id: column id "a" is used twice',
    ]);
    expect(problems(valid.replace('id: test', 'id: Test Script'))).toEqual(['mijn-script.yaml:1: id: has characters that are not allowed here']);
    expect(problems('title: Zonder id\nsteps: []\n')).toEqual([
      'mijn-script.yaml:1: is missing "id"',
      'mijn-script.yaml:2: steps: must have at least 1 item',
    ]);
  });

  it('takes a script id as long as a series names its meetings, up to 58 characters', () => {
    const id = 'leer-en-verbetertraject-5-opschalen-en-verankeren';
    expect(problems(valid.replace('id: test', `id: ${id}`))).toEqual([]);
    expect(problems(valid.replace('id: test', `id: ${'a'.repeat(58)}`))).toEqual([]);
    expect(problems(valid.replace('id: test', `id: ${'a'.repeat(59)}`))).toEqual(['mijn-script.yaml:1: id: has characters that are not allowed here']);
    // A step id stays short.
    expect(problems(valid.replace('  - id: muur', `  - id: ${'a'.repeat(41)}`))).toEqual(['mijn-script.yaml:4: steps[0].id: has characters that are not allowed here']);
  });

  it('explains YAML that does not parse', () => {
    const [problem] = problems('id: x\ntitle: [oops\n');
    expect(problem).toMatch(/^mijn-script\.yaml:\d+: this is not valid YAML/);
  });
});

describe('the published script schema', () => {
  it('is what the server checks against (run `npm run scripts:schema` after changing a kind)', async () => {
    const { readFileSync } = await import('node:fs');
    const { scriptJsonSchema } = await import('../../server/scripts/script-schema.js');
    expect(JSON.parse(readFileSync('docs/script.schema.json', 'utf8'))).toEqual(JSON.parse(JSON.stringify(scriptJsonSchema())));
  });
});
