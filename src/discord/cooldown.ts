/** A per-user pause between questions, so one person cannot flood a channel or the engine. */
export class Cooldown {
  private readonly lastUse = new Map<string, number>();

  constructor(
    private readonly milliseconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when the user may go ahead (and the use is recorded), otherwise the milliseconds left to wait. */
  take(userId: string): number {
    const now = this.now();
    const last = this.lastUse.get(userId);
    if (last !== undefined && now - last < this.milliseconds) return this.milliseconds - (now - last);
    this.lastUse.set(userId, now);
    if (this.lastUse.size > 10_000) {
      for (const [id, at] of this.lastUse) if (now - at >= this.milliseconds) this.lastUse.delete(id);
    }
    return 0;
  }
}
