/**
 * An axe-core scan of a page in the browser tests, evaluated from node_modules (no CDN).
 * WCAG 2.x A and AA rules everywhere; the screen adds AAA contrast (`color-contrast-enhanced`:
 * 7:1, 4.5:1 for large text), since it is read from the back of a room.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// Evaluated rather than added as a <script>: the pages' CSP (script-src 'self') rightly refuses inline scripts.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeProblem {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Serious and critical violations on the page as it is now, each with the first few elements it concerns. */
export async function axeProblems(page: Page, { aaa = false } = {}): Promise<AxeProblem[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  // A note fading in is briefly pale: judge the page as it settles, not mid-animation.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const violations = await page.evaluate(async (aaa) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: any[] }> } }).axe;
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice', ...(aaa ? ['wcag2aaa'] : [])];
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      rules: aaa ? { 'color-contrast-enhanced': { enabled: true } } : {},
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id as string,
      impact: String(v.impact),
      help: v.help as string,
      nodes: (v.nodes as { target: string[]; failureSummary?: string }[]).slice(0, 4).map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`),
    }));
  }, aaa);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Every scan's problems as lines, named by view, for one `expect(found).toEqual([])` at the end of a test. */
export function axeFindings() {
  const found: string[] = [];
  const scan = async (view: string, page: Page, aaa = false) => {
    for (const p of await axeProblems(page, { aaa })) found.push(`${view}: ${p.id} (${p.impact}) ${p.help}\n    ${p.nodes.join('\n    ')}`);
  };
  return { found, scan };
}
