/**
 * A signed request is only good once and only briefly: its timestamp must be within the window, and a signature
 * already seen in the window is a replay. Where replicas share PostgreSQL, signatures are remembered there, so a
 * request replayed to another replica is refused too.
 */

export interface SeenSignatures {
  /** True the first time a signature is offered within its lifetime; false for a replay. */
  firstSighting(signature: string, expiresAtSeconds: number): Promise<boolean>;
}

/** One process's memory of signatures, each kept only as long as the window lasts. */
export class MemorySignatures implements SeenSignatures {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly maxRemembered = 100_000,
    private readonly nowSeconds: () => number = () => Date.now() / 1000,
  ) {}

  async firstSighting(signature: string, expiresAtSeconds: number): Promise<boolean> {
    if (this.seen.has(signature)) return false;
    const now = this.nowSeconds();
    for (const [known, expires] of this.seen) {
      // Insertion order is expiry order (every entry lives one window): the first unexpired one ends the sweep.
      if (expires > now && this.seen.size < this.maxRemembered) break;
      this.seen.delete(known);
    }
    this.seen.set(signature, expiresAtSeconds);
    return true;
  }
}

export class ReplayGuard {
  constructor(
    private readonly windowSeconds: number,
    private readonly signatures: () => SeenSignatures,
    private readonly nowSeconds: () => number = () => Date.now() / 1000,
  ) {}

  /** null when fresh, otherwise why not. Records the signature when it is accepted. */
  async admit(signature: string, timestamp: string): Promise<string | null> {
    if (!/^\d{1,12}$/.test(timestamp)) return 'the timestamp is not a number of seconds';
    const age = this.nowSeconds() - Number(timestamp);
    if (Math.abs(age) > this.windowSeconds) return `the timestamp is ${Math.round(Math.abs(age))} s ${age > 0 ? 'old' : 'ahead'}`;
    const fresh = await this.signatures().firstSighting(signature.toLowerCase(), Number(timestamp) + this.windowSeconds);
    return fresh ? null : 'this request was already received';
  }
}
