/**
 * The seller's choice to mute the new-message beep, kept in localStorage (not a secret, shared by
 * the origin's tabs). Apart from NotifyController so that the inbox shows the bell on first paint
 * while the notifications themselves load later.
 */

/** The localStorage key of the choice. */
export const MUTE_KEY = 'chatomni:sound-muted';

/** The seller muted the beep. */
export function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

/** Keeps the choice; when storage is refused (private mode, quota) it lasts for this page. */
export function storeMuted(muted: boolean): void {
  try {
    if (muted) localStorage.setItem(MUTE_KEY, '1');
    else localStorage.removeItem(MUTE_KEY);
  } catch {
    // The controller still holds the choice.
  }
}
