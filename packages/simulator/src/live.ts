/** Live mode: customers keep writing, now and then an order is made. */
import type { SimContext } from './context.js';
import { emit, type EmitInput } from './emit.js';
import { imageAttachments } from './data/factory.js';

export class Live {
  private timer: NodeJS.Timeout | null = null;
  private range = { minMs: 2000, maxMs: 6000 };

  constructor(private readonly ctx: SimContext) {}

  get running(): boolean {
    return this.timer !== null;
  }

  get interval(): { minMs: number; maxMs: number } {
    return { ...this.range };
  }

  /** Starts (or retunes) live mode: one event per tenant every `minMs`–`maxMs`. */
  start(range: { minMs: number; maxMs: number } = this.range): void {
    this.stop();
    this.range = { minMs: range.minMs, maxMs: Math.max(range.minMs, range.maxMs) };
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    const { rng } = this.ctx.store;
    this.timer = setTimeout(
      () => {
        this.tick();
        this.schedule();
      },
      rng.int(this.range.minMs, this.range.maxMs),
    );
  }

  private tick(): void {
    const { rng } = this.ctx.store;
    for (const tenant of this.ctx.store.tenants.values()) {
      const roll = rng.next();
      const input: EmitInput = { tenant: tenant.host, newConversation: rng.chance(0.15) };
      if (roll < 0.05) input.kind = 'order';
      else if (roll < 0.3) input.kind = 'comment';
      else {
        input.kind = 'message';
        if (rng.chance(0.12)) input.attachments = imageAttachments(rng);
      }
      if (input.kind === 'order') input.newConversation = false;
      try {
        const result = emit(this.ctx, input);
        this.ctx.opts.log(`[live] ${tenant.host} ${input.kind} ${result.Id ?? ''}`);
      } catch (err) {
        this.ctx.opts.log(`[live] ${tenant.host} failed: ${String(err)}`);
      }
    }
  }
}
