/**
 * Reads facilitation scripts (YAML), checks them against the script schema and
 * each step's kind, and reports every problem with file, line and field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { TSchema } from 'typebox';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { ScriptInfo, StepDef } from '../../core/state.js';
import { cleanStrings } from '../../core/text.js';
import { duplicateIds } from '../../kinds/ids.js';
import { kindByName } from '../../kinds/registry.js';
import { problemsOf, readablePath } from '../validation.js';
import { ScriptSchema, StepCommonSchema } from './script-schema.js';

export interface Script extends ScriptInfo {
  steps: StepDef[];
}

export interface ScriptProblem {
  file: string;
  line?: number;
  field: string;
  message: string;
}

export type ParsedScript = { ok: true; script: Script } | { ok: false; problems: ScriptProblem[] };

export function formatProblem(p: ScriptProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

const COMMON_FIELDS = Object.keys(StepCommonSchema.properties);

/** Line of the deepest YAML node on the path that exists. */
function lineOf(doc: Document, counter: LineCounter, pointer: string): number | undefined {
  const path = pointer
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/**
 * What is wrong with one step of a script (or of a session's agenda, which keeps the
 * steps it started with): the common fields, its kind's fields, no others, and the
 * kind's checks across fields and steps. Pointers are relative to the step.
 */
export function stepProblems(step: StepDef, steps: readonly StepDef[]): { pointer: string; message: string }[] {
  const common = problemsOf(StepCommonSchema, step);
  const kind = kindByName.get(step.kind);
  if (common.length || !kind) return common;
  const problems = problemsOf(kind.stepSchema, step);
  const known = new Set([...COMMON_FIELDS, ...Object.keys((kind.stepSchema as TSchema & { properties: object }).properties)]);
  for (const key of Object.keys(step)) if (!known.has(key)) problems.push({ pointer: `/${key}`, message: `is not a field of a ${step.kind} step`, keyword: 'additionalProperties' });
  if (problems.length) return problems;
  return (kind.checkStep?.(step, steps) ?? []).map(([pointer, message]) => ({ pointer, message }));
}

export function parseScript(text: string, file: string): ParsedScript {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        line: counter.linePos(e.pos[0]).line,
        field: '',
        message: `this is not valid YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  // Text as everywhere else (core/text.ts): a YAML escape such as "\v" makes a control character too.
  const value = cleanStrings(doc.toJS() as unknown);
  const problems: ScriptProblem[] = [];
  const report = (pointer: string, message: string) =>
    problems.push({ file, line: lineOf(doc, counter, pointer), field: readablePath(pointer), message });
  const check = (schema: TSchema, v: unknown, base: string) => {
    for (const p of problemsOf(schema, v)) report(`${base}${p.pointer}`, p.message);
  };

  check(ScriptSchema, value, '');
  if (problems.length) return { ok: false, problems };
  const script = value as Script;
  script.steps.forEach((step, i) => {
    for (const p of stepProblems(step, script.steps)) report(`/steps/${i}${p.pointer}`, p.message);
  });
  for (const [path, message] of duplicateIds(script.steps, '/steps', 'step')) report(path, message);
  if (problems.length) return { ok: false, problems };
  const { id, title, description, language, duration, moderation, steps } = script;
  return { ok: true, script: { id, title, description, language, duration, ...(moderation === undefined ? {} : { moderation }), steps } };
}

/** Every `*.yaml` / `*.yml` in a folder. A script whose id differs from its file name is a problem too. */
export function loadScriptDir(dir: string): { scripts: Map<string, Script>; sources: Map<string, string>; problems: ScriptProblem[] } {
  const scripts = new Map<string, Script>();
  const sources = new Map<string, string>();
  const problems: ScriptProblem[] = [];
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8');
    const parsed = parseScript(text, file);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const expected = basename(name).replace(/\.ya?ml$/, '');
    if (parsed.script.id !== expected)
      problems.push({ file, line: 1, field: 'id', message: `is "${parsed.script.id}", but the file is named "${name}": make them the same` });
    else {
      scripts.set(parsed.script.id, parsed.script);
      sources.set(parsed.script.id, text);
    }
  }
  return { scripts, sources, problems };
}
