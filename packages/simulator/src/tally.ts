/** Counters of a few named happenings, in total and per user and tenant (`/__sim/counters`). */

/** Whom a happening is counted for, when known. */
export interface Who {
  username: string;
  tenant: string;
}

type Counts<K extends string> = Record<K, number>;

export class Tally<K extends string> {
  private totals: Counts<K>;
  private readonly byUser = new Map<string, Counts<K>>();
  private readonly byTenant = new Map<string, Counts<K>>();

  constructor(private readonly names: readonly K[]) {
    this.totals = this.zero();
  }

  /** Counts one `name`; for `who` too when given (happenings of unknown callers only in total). */
  add(name: K, who?: Who): void {
    this.totals[name] += 1;
    if (!who) return;
    for (const [map, key] of [
      [this.byUser, who.username],
      [this.byTenant, who.tenant],
    ] as const) {
      const counts = map.get(key) ?? this.zero();
      counts[name] += 1;
      map.set(key, counts);
    }
  }

  get(name: K): number {
    return this.totals[name];
  }

  reset(): void {
    this.totals = this.zero();
    this.byUser.clear();
    this.byTenant.clear();
  }

  /** `{<name>: total, ..., byUser: {<username>: {...}}, byTenant: {<host>: {...}}}`. */
  toJSON(): Counts<K> & { byUser: Record<string, Counts<K>>; byTenant: Record<string, Counts<K>> } {
    return {
      ...this.totals,
      byUser: Object.fromEntries(this.byUser),
      byTenant: Object.fromEntries(this.byTenant),
    };
  }

  private zero(): Counts<K> {
    return Object.fromEntries(this.names.map((n) => [n, 0])) as Counts<K>;
  }
}
