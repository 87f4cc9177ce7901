/**
 * Shrinks content to fit its box without scrolling: the projected wall grows as
 * notes arrive, and the back row must still see all of it. Sets `--fit` (a scale
 * from `min` to 1) on the node; its CSS multiplies font sizes by it. The node
 * needs a fixed size and `overflow: hidden`.
 */
export interface FitOptions {
  min?: number;
  /** Told the scale after every fit, e.g. to give the content more room when it gets small. */
  onscale?: (scale: number) => void;
}

export function fit(node: HTMLElement, options: FitOptions = {}) {
  let { min = 0.3, onscale } = options;
  let frame = 0;

  const overflows = () => node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;
  const set = (scale: number) => node.style.setProperty('--fit', scale.toFixed(3));

  function measure() {
    frame = 0;
    set(1);
    if (!overflows()) return onscale?.(1);
    // Seven halvings get within 1% of the largest scale that fits.
    let fits = min;
    let tooBig = 1;
    for (let i = 0; i < 7; i++) {
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
  const resize = new ResizeObserver(schedule);
  resize.observe(node);
  const mutations = new MutationObserver(schedule);
  mutations.observe(node, { childList: true, subtree: true, characterData: true });
  schedule();

  return {
    update(next: FitOptions = {}) {
      ({ min = 0.3, onscale } = next);
      schedule();
    },
    destroy() {
      resize.disconnect();
      mutations.disconnect();
      cancelAnimationFrame(frame);
    },
  };
}
