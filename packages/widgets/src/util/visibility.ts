/**
 * True while the page is hidden (background tab, minimized window); false outside a browser.
 * Polling pauses, opening a conversation does not mark it seen, and notifications sound only
 * then.
 */
export function pageHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}
