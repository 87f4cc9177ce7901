/**
 * The Fullscreen API, with the `webkit` prefix Safari before 16.4 still needs. Where
 * neither exists (an iPhone, a locked-down kiosk browser) `supported` is false and the
 * screen tells the facilitator the browser's own key instead.
 */
type Prefixed = Document & { webkitFullscreenEnabled?: boolean; webkitFullscreenElement?: Element | null; webkitExitFullscreen?: () => Promise<void> };
type PrefixedElement = HTMLElement & { webkitRequestFullscreen?: () => Promise<void> };

const doc = () => document as Prefixed;

export function fullscreenSupported(): boolean {
  return !!(doc().fullscreenEnabled ?? doc().webkitFullscreenEnabled);
}

export function isFullscreen(): boolean {
  return !!(doc().fullscreenElement ?? doc().webkitFullscreenElement);
}

/** Enters or leaves full screen; false when the browser refused or cannot. */
export async function toggleFullscreen(): Promise<boolean> {
  try {
    if (isFullscreen()) await (document.exitFullscreen ?? doc().webkitExitFullscreen)?.call(document);
    else {
      const root = document.documentElement as PrefixedElement;
      const request = root.requestFullscreen ?? root.webkitRequestFullscreen;
      if (!request) return false;
      await request.call(root);
    }
    return true;
  } catch {
    return false;
  }
}

/** Calls `listener` whenever full screen starts or ends (also by Esc); returns the unsubscribe. */
export function onFullscreenChange(listener: () => void): () => void {
  document.addEventListener('fullscreenchange', listener);
  document.addEventListener('webkitfullscreenchange', listener);
  return () => {
    document.removeEventListener('fullscreenchange', listener);
    document.removeEventListener('webkitfullscreenchange', listener);
  };
}
