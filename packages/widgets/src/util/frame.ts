/**
 * Coalesces many `schedule()` calls into one callback per animation frame. Hidden pages get
 * no animation frames, so a timer (default 100 ms) fires the callback there instead.
 */
export function frameScheduler(
  callback: () => void,
  fallbackMs = 100,
): {
  schedule(): void;
  cancel(): void;
} {
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    cancel();
    callback();
  };
  function cancel(): void {
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = undefined;
    timer = undefined;
  }
  return {
    schedule() {
      if (frame !== undefined || timer !== undefined) return;
      if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(run);
      timer = setTimeout(run, fallbackMs);
    },
    cancel,
  };
}
