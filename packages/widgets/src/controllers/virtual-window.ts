/** Pure helpers for the virtualized list: which rows to render, and how to keep them in place. */

/** A half-open range of row indexes `[start, end)`. */
export interface RowRange {
  start: number;
  end: number;
}

/**
 * The rows to render for a scroll position: the visible ones plus `overscan` above and below,
 * never more than `max` in all.
 */
export function visibleRange(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan = 6,
  max = 40,
): RowRange {
  const first = Math.min(Math.max(0, Math.floor(scrollTop / rowHeight)), Math.max(0, count - 1));
  const visible = Math.ceil(viewport / rowHeight) + 1;
  const before = Math.min(overscan, first);
  const start = first - before;
  const end = Math.min(count, start + Math.min(max, before + visible + overscan));
  return { start, end };
}

/**
 * How many rows the seller's view moved when the list changed from `before` to `after`: for
 * each row visible before (`[first, last)`), the change of its index; the most common change
 * wins, so a visible row that itself jumped to the top does not drag the view along.
 * Looks only `reach` rows around each old index (new activity inserts a few rows at a time).
 */
export function anchorShift<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  first: number,
  last: number,
  reach = 64,
): number {
  const votes = new Map<number, number>();
  for (let i = first; i < Math.min(last, before.length); i++) {
    const id = before[i]!.id;
    const from = Math.max(0, i - reach);
    const to = Math.min(after.length, i + reach + 1);
    for (let j = from; j < to; j++) {
      if (after[j]!.id === id) {
        votes.set(j - i, (votes.get(j - i) ?? 0) + 1);
        break;
      }
    }
  }
  let best = 0;
  let bestVotes = 0;
  for (const [shift, n] of votes) {
    if (n > bestVotes || (n === bestVotes && Math.abs(shift) < Math.abs(best))) {
      best = shift;
      bestVotes = n;
    }
  }
  return best;
}
