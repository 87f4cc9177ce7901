/**
 * The strings of the facilitator's pages (home, console, screen): their own, and every
 * kind's Dutch at once. These pages draw every kind (the console's agenda and views,
 * the screen's views, the script cards' kind names) before any step of it is on, so
 * they take the kinds' strings up front; the phone, which never imports this file,
 * takes one kind's when it needs it (client/lib/kind-strings.ts). English follows when chosen.
 */
import type { KindStrings } from '../kind-strings.js';
import { nlFacilitator } from './facilitator.nl.js';
import { addStrings } from './index.svelte.js';
import { nlLogbook } from './logbook.nl.js';

const kinds = Object.values(import.meta.glob<KindStrings>('../../../kinds/*/strings.ts', { eager: true }));

export function addFacilitatorStrings(): void {
  void addStrings(nlFacilitator, () => import('./facilitator.en.js').then((m) => m.enFacilitator));
  void addStrings(nlLogbook, () => import('./logbook.en.js').then((m) => m.enLogbook));
  for (const strings of kinds) void addStrings(strings.nl, strings.en);
}
