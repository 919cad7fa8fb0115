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

let afterQueue: (() => void)[] = [];
let afterChannel: MessageChannel | undefined;

/**
 * Runs `callback` in the first task after the current one. Called from an animation-frame
 * callback, that is after the frame's rendering (style, layout, paint): tasks never run
 * between a frame's callbacks and its rendering. One shared MessageChannel (not a timer:
 * timers are clamped and throttled).
 */
export function afterTask(callback: () => void): void {
  if (!afterChannel) {
    afterChannel = new MessageChannel();
    afterChannel.port1.onmessage = () => {
      const run = afterQueue;
      afterQueue = [];
      for (const fn of run) fn();
    };
  }
  if (afterQueue.push(callback) === 1) afterChannel.port2.postMessage(null);
}
