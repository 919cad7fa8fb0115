/**
 * True while the page is hidden (background tab, minimized window); false outside a browser.
 * Polling pauses, opening a conversation does not mark it seen, and notifications sound only
 * then.
 */
export function pageHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}

/**
 * Calls `back` on the browser's `online` event and when the page is shown again: the moments
 * a connection that waits to retry may try at once (realtime/reconnect.ts). Returns the
 * function that stops listening.
 */
export function onPageBack(back: (kind: 'online' | 'visible') => void): () => void {
  const online = () => back('online');
  const visible = () => void (pageHidden() || back('visible'));
  if (typeof window !== 'undefined') window.addEventListener('online', online);
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', visible);
  return () => {
    if (typeof window !== 'undefined') window.removeEventListener('online', online);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', visible);
  };
}
