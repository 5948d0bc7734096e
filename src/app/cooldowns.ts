/**
 * Per-user pauses between uses of a command, so one person cannot flood a channel or the engine. Behind an
 * interface so that replicas sharing a database share the pause too.
 */
export interface Cooldowns {
  /** 0 when the use may go ahead (and is recorded), otherwise the milliseconds left to wait. */
  take(key: string, milliseconds: number): Promise<number>;
}

/** One process's cooldowns. */
export class MemoryCooldowns implements Cooldowns {
  private readonly lastUse = new Map<string, { at: number; milliseconds: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, milliseconds: number): Promise<number> {
    const now = this.now();
    const last = this.lastUse.get(key);
    if (last !== undefined && now - last.at < milliseconds) return milliseconds - (now - last.at);
    this.lastUse.set(key, { at: now, milliseconds });
    if (this.lastUse.size > 10_000) {
      for (const [id, use] of this.lastUse) if (now - use.at >= use.milliseconds) this.lastUse.delete(id);
    }
    return 0;
  }
}

/** For the console: the person at the terminal runs the bot and is never made to wait. */
export const NO_COOLDOWNS: Cooldowns = { take: async () => 0 };

/**
 * Shared cooldowns that fall back to this process's own while the shared store is out of reach: questions keep
 * being answered, each replica pausing its own askers, until the database is back.
 */
export class FallbackCooldowns implements Cooldowns {
  private readonly local = new MemoryCooldowns();

  constructor(
    private readonly shared: Cooldowns,
    private readonly onFallback: (error: unknown) => void,
  ) {}

  async take(key: string, milliseconds: number): Promise<number> {
    try {
      return await this.shared.take(key, milliseconds);
    } catch (error) {
      this.onFallback(error);
      return this.local.take(key, milliseconds);
    }
  }
}
