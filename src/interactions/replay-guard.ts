/**
 * A signed request is only good once and only briefly: its timestamp must be within the window, and a signature
 * already seen in the window is a replay. Signatures are remembered only as long as the window lasts.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowSeconds: number,
    private readonly maxRemembered = 100_000,
    private readonly nowSeconds: () => number = () => Date.now() / 1000,
  ) {}

  /** null when fresh, otherwise why not. Records the signature when it is accepted. */
  admit(signature: string, timestamp: string): string | null {
    if (!/^\d{1,12}$/.test(timestamp)) return 'the timestamp is not a number of seconds';
    const now = this.nowSeconds();
    const age = now - Number(timestamp);
    if (Math.abs(age) > this.windowSeconds) return `the timestamp is ${Math.round(Math.abs(age))} s ${age > 0 ? 'old' : 'ahead'}`;
    const key = signature.toLowerCase();
    if (this.seen.has(key)) return 'this request was already received';
    this.forgetExpired(now);
    this.seen.set(key, now + this.windowSeconds);
    return null;
  }

  private forgetExpired(now: number): void {
    for (const [signature, expires] of this.seen) {
      // Map iteration is insertion order, and every entry lives the same window: the first unexpired ends it.
      if (expires > now && this.seen.size < this.maxRemembered) break;
      this.seen.delete(signature);
    }
  }
}
