const VN_OFFSET_MS = 7 * 3600 * 1000;

/** REST time: UTC with milliseconds, `2025-12-19T14:22:35.887Z`. */
export function utc(ms: number): string {
  return new Date(ms).toISOString();
}

/** Event time: Vietnam time with milliseconds, `2025-12-19T21:22:35.873+07:00`. */
export function vnMs(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().replace('Z', '+07:00');
}

/** Facebook `created_time`: Vietnam time without milliseconds, `2025-12-19T21:22:31+07:00`. */
export function vnSeconds(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

/** `.issued` / `.expires` of the token answer (RFC 1123). */
export function rfc1123(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Milliseconds strictly increasing across calls, so stored activity never ties. */
export class Clock {
  private last = 0;

  now(): number {
    this.last = Math.max(Date.now(), this.last + 1);
    return this.last;
  }
}
