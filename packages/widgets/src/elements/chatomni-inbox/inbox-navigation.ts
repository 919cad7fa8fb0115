/** Where the page-wide shortcuts move in the list: pure index arithmetic, no DOM. */

/**
 * The row `delta` rows from the selected one, kept inside the list (J / K); the first row when
 * nothing is selected; -1 for an empty list.
 */
export function stepIndex(
  rows: readonly { id: string }[],
  selectedId: string | null,
  delta: number,
): number {
  if (!rows.length) return -1;
  const i = rows.findIndex((c) => c.id === selectedId);
  return i < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, i + delta));
}

/**
 * The next row with unread messages after the selected one, wrapping to the top (U); -1 when
 * no other row has any.
 */
export function nextUnreadIndex(
  rows: readonly { id: string; unreadCount: number }[],
  selectedId: string | null,
): number {
  const i = rows.findIndex((c) => c.id === selectedId);
  for (let k = 1; k <= rows.length; k++) {
    const at = (i + k) % rows.length;
    if (at !== i && rows[at]!.unreadCount > 0) return at;
  }
  return -1;
}
