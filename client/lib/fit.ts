/**
 * Fits content to its box without scrolling: the projected wall grows as notes
 * arrive, and the back row must still see all of it; while there are only a few,
 * they may grow (up to `max`) to be read from further away. Sets `--fit` (a scale
 * from `min` to `max`) on the node; its CSS multiplies font sizes by it. The node
 * needs a fixed size and `overflow: hidden`.
 *
 * Below `min` text is no longer readable from the back, so content that still does
 * not fit there is left out rather than cut off or shrunk further: inside each
 * `[data-fit-box]` (a box of fixed size that clips, e.g. a column of the wall) the
 * `[data-fit-item]`s of its `[data-fit-group]`s are hidden one by one, always from
 * the group that shows the most, until the box fits. A group marked
 * `data-fit-group="oldest"` loses its first items (the newest stay in sight), any
 * other its last; a group's heading stays. A `[data-fit-more]` line (rendered
 * `hidden`) is shown only while items are left out, before they are chosen, so the
 * room's "12 more" takes its own room; it gets `data-more`: the items left out of
 * its nearest `[data-fit-part]` (else its box), and is hidden again at 0. Each box
 * then gets a `fitmore` event, for its view to put that number into words. Every fit
 * starts from everything shown and no line, so the same content always fits the
 * same way.
 */
export interface FitOptions {
  min?: number;
  /** Above 1 lets sparse content grow; the default 1 only shrinks. */
  max?: number;
  /** Told the scale after every fit, e.g. to give the content more room when it gets small. */
  onscale?: (scale: number) => void;
}

const HIDDEN = 'data-fit-hidden';
const spills = (e: Element) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1;

/** Hides items of `box` until it fits; returns how many it hid. */
function leaveOut(box: HTMLElement): number {
  const groups = [...box.querySelectorAll<HTMLElement>('[data-fit-group]')].map((group) => ({
    group,
    oldest: group.dataset.fitGroup === 'oldest',
    shown: [...group.querySelectorAll<HTMLElement>('[data-fit-item]')],
  }));
  const hide = (e: HTMLElement) => {
    // Shown again later (a note more fits, a bigger window) it must not play its arrival again.
    e.style.animation = 'none';
    e.hidden = true;
    e.setAttribute(HIDDEN, '');
  };
  const order: HTMLElement[] = [];
  // Each round hides as many items as lie outside the box (at least one): a few rounds, not one layout per note.
  for (let round = 0; round < 100 && spills(box); round++) {
    const edge = box.getBoundingClientRect();
    let outside = 0;
    for (const { shown } of groups)
      for (const item of shown) {
        const r = item.getBoundingClientRect();
        if (r.right > edge.right + 1 || r.bottom > edge.bottom + 1) outside++;
      }
    for (let i = 0; i < Math.max(1, outside); i++) {
      const fullest = groups.reduce<(typeof groups)[number] | undefined>((best, g) => (g.shown.length && (!best || g.shown.length >= best.shown.length) ? g : best), undefined);
      if (!fullest) {
        // Only headings left, and still too many: the last groups go too (their items are counted already).
        const last = [...groups].reverse().find((g) => !g.group.hidden);
        if (!last) return order.length;
        hide(last.group);
        break;
      }
      const item = (fullest.oldest ? fullest.shown.shift() : fullest.shown.pop())!;
      hide(item);
      order.push(item);
    }
  }
  // A round may hide more than needed (notes differ in height): give back the last ones while they fit.
  while (order.length) {
    const item = order.pop()!;
    item.hidden = false;
    if (spills(box)) {
      item.hidden = true;
      order.push(item);
      break;
    }
    item.removeAttribute(HIDDEN);
  }
  return order.length;
}

export function fit(node: HTMLElement, options: FitOptions = {}) {
  let { min = 0.3, max = 1, onscale } = options;
  let frame = 0;

  const boxes = () => [...node.querySelectorAll<HTMLElement>('[data-fit-box]')];
  const overflows = () => spills(node) || boxes().some(spills);
  const set = (scale: number) => node.style.setProperty('--fit', scale.toFixed(3));

  function measure() {
    frame = 0;
    for (const e of node.querySelectorAll<HTMLElement>(`[${HIDDEN}]`)) {
      e.hidden = false;
      e.removeAttribute(HIDDEN);
    }
    for (const line of node.querySelectorAll<HTMLElement>('[data-fit-more]')) {
      line.hidden = true;
      line.dataset.more = '0';
    }
    set(max);
    if (!overflows()) return done(max);
    // Eight halvings get within 1% of the largest scale that fits.
    let fits = min;
    let tooBig = max;
    for (let i = 0; i < 8; i++) {
      const mid = (fits + tooBig) / 2;
      set(mid);
      if (overflows()) tooBig = mid;
      else fits = mid;
    }
    set(fits);
    if (fits === min) for (const box of boxes()) if (spills(box)) leaveOutOf(box);
    done(fits);
  }

  function leaveOutOf(box: HTMLElement) {
    const lines = [...box.querySelectorAll<HTMLElement>('[data-fit-more]')];
    for (const line of lines) line.hidden = false;
    leaveOut(box);
    for (const line of lines) {
      const n = (line.closest<HTMLElement>('[data-fit-part]') ?? box).querySelectorAll(`[data-fit-item][${HIDDEN}]`).length;
      line.dataset.more = String(n);
      line.hidden = n === 0;
    }
  }

  function done(scale: number) {
    for (const box of boxes()) box.dispatchEvent(new CustomEvent('fitmore', { bubbles: true }));
    onscale?.(scale);
  }

  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(measure);
  };
  // The box's size, and its content's: a step's stylesheet or a font that arrives after the
  // content changes the content's size without a DOM change, and a fit made before it (too
  // small, at `min`) must be made again.
  const resize = new ResizeObserver(schedule);
  const observe = () => {
    resize.observe(node);
    // Two levels down: a view that fills the box (the wall) changes size only inside.
    for (const child of node.children) {
      resize.observe(child);
      for (const grandchild of child.children) resize.observe(grandchild);
    }
  };
  const mutations = new MutationObserver(() => {
    observe();
    schedule();
  });
  mutations.observe(node, { childList: true, subtree: true, characterData: true });
  observe();
  void document.fonts?.ready.then(schedule);
  schedule();

  return {
    update(next: FitOptions = {}) {
      ({ min = 0.3, max = 1, onscale } = next);
      schedule();
    },
    destroy() {
      resize.disconnect();
      mutations.disconnect();
      cancelAnimationFrame(frame);
    },
  };
}

/**
 * Tells `told` how many items the fit left out of `box` (its `[data-fit-more]` line), after
 * every fit; returns the function that stops. For a screen view's "+12 niet in beeld".
 */
export function onLeftOut(box: HTMLElement, told: (n: number) => void): () => void {
  const counted = () => told(Number(box.querySelector<HTMLElement>('[data-fit-more]')?.dataset.more ?? 0));
  box.addEventListener('fitmore', counted);
  return () => box.removeEventListener('fitmore', counted);
}
