/**
 * What a button press needs from the command that showed the button (the pages of /claims, a change waiting for
 * Confirm), kept for a few minutes. Behind an interface so that replicas sharing a database share it: a press may
 * reach any replica, not only the one that showed the button.
 */
export interface InteractionState {
  put(key: string, value: unknown, ttlMs: number): Promise<void>;
  get<T>(key: string): Promise<T | null>;
  /** Reads and removes in one step: of two presses at once, only one gets the value. */
  take<T>(key: string): Promise<T | null>;
}

/** One process's state, bounded: the oldest entries go first when it is full. */
export class MemoryInteractionState implements InteractionState {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  async put(key: string, value: unknown, ttlMs: number): Promise<void> {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  async get<T>(key: string): Promise<T | null> {
    return this.read<T>(key);
  }

  async take<T>(key: string): Promise<T | null> {
    // Read and removed with no await in between, so a second press cannot read it too.
    const value = this.read<T>(key);
    this.entries.delete(key);
    return value;
  }

  private read<T>(key: string): T | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value as T;
  }
}
