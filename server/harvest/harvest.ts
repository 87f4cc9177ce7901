/**
 * The harvest (oogst) of a session: a projection of its log, rebuilt on every
 * download so it always matches what happened. Hidden contributions are left
 * out and authors stay anonymous: each kind's harvest section sees to that.
 */
import type { SessionState } from '../../core/state.js';
import { kindByName } from '../../kinds/registry.js';

export interface SessionHarvest {
  session: {
    id: string;
    title: string;
    arena: { id: string; title: string };
    script: { id: string; title: string };
    date: string;
    participants: number;
  };
  steps: { id: string; title: string; kind: string; prompt?: string; output: unknown }[];
}

interface Built {
  harvest: SessionHarvest;
  markdownSections: string[];
}

function build(state: SessionState): Built {
  const markdownSections: string[] = [];
  const steps = state.steps.map((step) => {
    const section = kindByName.get(step.kind)!.harvest(state.stepStates[step.id]!.data, step, state);
    markdownSections.push(section.markdown);
    return { id: step.id, title: step.title, kind: step.kind, ...(step.prompt ? { prompt: step.prompt } : {}), output: section.data };
  });
  return {
    harvest: {
      session: {
        id: state.id,
        title: state.title,
        arena: state.arena,
        script: { id: state.script.id, title: state.script.title },
        date: new Date(state.createdAt).toISOString(),
        participants: state.participantCount,
      },
      steps,
    },
    markdownSections,
  };
}

export const harvestJson = (state: SessionState): SessionHarvest => build(state).harvest;

const dateFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

export function harvestMarkdown(state: SessionState): string {
  const { harvest, markdownSections } = build(state);
  const { session, steps } = harvest;
  const out = [
    `# ${session.title}`,
    '',
    `**Arena:** ${session.arena.title}  `,
    `**Datum:** ${dateFormat.format(new Date(session.date))}  `,
    `**Werkvorm:** ${session.script.title}  `,
    `**Deelnemers:** ${session.participants}`,
    '',
    '## Agenda',
    '',
    ...steps.map((s, i) => `${i + 1}. ${s.title}`),
    '',
  ];
  steps.forEach((step, i) => {
    out.push(`## ${i + 1}. ${step.title}`, '');
    if (step.prompt) out.push(`> ${step.prompt.replace(/\n/g, '\n> ')}`, '');
    if (markdownSections[i]) out.push(markdownSections[i]!.trimEnd(), '');
  });
  out.push('---', '', `_Oogst van ${session.title}, gemaakt met Oogst._`, '');
  return out.join('\n');
}
