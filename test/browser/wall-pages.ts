/**
 * The projected wall measured as the back row would judge it: which notes are shown,
 * whether any is cut off (outside the viewport, or outside a box that clips it), the
 * smallest note text in pixels, and how many notes the wall says it leaves out.
 */
import type { Page } from 'playwright-core';
import { settled } from './pages.js';

/** Notes as a room writes them: short and long, some with a long Dutch compound. */
const SAYINGS = [
  'Lange wachtlijsten voor respijtzorg',
  'Niemand weet wie de mantelzorger is',
  'Mantelzorgwaardering komt te laat en is te weinig',
  'Het buurtteam kent de mensen bij naam',
  'Formulieren die niemand begrijpt, en dan nog drie keer dezelfde vragen beantwoorden',
  'Jongeren worden pas laat gezien',
  'Vervoer naar de dagbesteding is geregeld',
  'Ondersteuningsmogelijkheden zijn onvindbaar',
  'Een vaste contactpersoon bij de gemeente',
  'School weet niet wat er thuis speelt',
  'Respijtzorg',
  'Huisarts vraagt door',
];

export const wallTexts = (count: number) => Array.from({ length: count }, (_, i) => `${SAYINGS[i % SAYINGS.length]} (${i + 1})`);

export interface WallFigures {
  /** Notes on the wall, whole or not. */
  shown: number;
  /** Notes the wall says it leaves out ("en nog 12 briefjes"). */
  more: number;
  /** Texts of shown notes that are cut off. */
  cut: string[];
  /** The smallest note text, in CSS pixels. */
  smallest: number;
  /** How far the page scrolls. */
  pageOverflow: number;
  fit: string;
}

function figures(): WallFigures {
  const inside = (r: DOMRect, box: { left: number; top: number; right: number; bottom: number }) =>
    r.left >= box.left - 1 && r.top >= box.top - 1 && r.right <= box.right + 1 && r.bottom <= box.bottom + 1;
  const viewport = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
  const shown = [...document.querySelectorAll<HTMLElement>('.wall .note')].filter((n) => n.getClientRects().length > 0);
  const cut = shown.filter((note) => {
    const r = note.getBoundingClientRect();
    if (!inside(r, viewport)) return true;
    for (let a = note.parentElement; a; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') if (!inside(r, a.getBoundingClientRect())) return true;
    }
    return false;
  });
  return {
    shown: shown.length,
    more: [...document.querySelectorAll<HTMLElement>('.wall [data-more]')].reduce((sum, e) => sum + Number(e.dataset.more), 0),
    cut: cut.map((n) => n.textContent ?? ''),
    smallest: Math.min(...shown.map((n) => parseFloat(getComputedStyle(n).fontSize))),
    pageOverflow: Math.max(document.documentElement.scrollHeight - window.innerHeight, document.documentElement.scrollWidth - window.innerWidth, 0),
    fit: document.querySelector<HTMLElement>('.stage')?.style.getPropertyValue('--fit') ?? '',
  };
}

/** The wall's figures once its fit has settled (the same twice, a few frames apart) with every note arrived. */
export const measureWall = (page: Page, total: number): Promise<WallFigures> => settled(page, figures, (now) => now.shown + now.more >= total);
