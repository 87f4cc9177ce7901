/**
 * Fits content to its box without scrolling: the projected wall grows as notes
 * arrive, and the back row must still see all of it; while there are only a few,
 * they may grow (up to `max`) to be read from further away. Sets `--fit` (a scale
 * from `min` to `max`) on the node; its CSS multiplies font sizes by it. The node
 * needs a fixed size and `overflow: hidden`.
 */
export interface FitOptions {
  min?: number;
  /** Above 1 lets sparse content grow; the default 1 only shrinks. */
  max?: number;
  /** Told the scale after every fit, e.g. to give the content more room when it gets small. */
  onscale?: (scale: number) => void;
}

export function fit(node: HTMLElement, options: FitOptions = {}) {
  let { min = 0.3, max = 1, onscale } = options;
  let frame = 0;

  const overflows = () => node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;
  const set = (scale: number) => node.style.setProperty('--fit', scale.toFixed(3));

  function measure() {
    frame = 0;
    set(max);
    if (!overflows()) return onscale?.(max);
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
    onscale?.(fits);
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
    for (const child of node.children) resize.observe(child);
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
