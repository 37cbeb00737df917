/** Entries kept at most; a reader further behind does a full pass instead. */
const MAX_ENTRIES = 50_000;

export interface ChangeJournal {
  /** Notes that a key changed. */
  note(key: string): void;
  /** The position after the last entry: where a reader that has seen everything stands. */
  head(): number;
  /** Keys noted since `from` (possibly repeated), or undefined when they are no longer held. */
  since(from: number): readonly string[] | undefined;
  /** Forgets every entry (after a snapshot, readers do a full pass anyway). */
  reset(): void;
}

/**
 * Which keys changed, in order, so a layer drawing 10,000 teams touches only the few that moved
 * since its last pass rather than all of them every frame.
 */
export function createChangeJournal(): ChangeJournal {
  let entries: string[] = [];
  let base = 0;
  return {
    note(key) {
      entries.push(key);
      if (entries.length > MAX_ENTRIES * 2) {
        const drop = entries.length - MAX_ENTRIES;
        entries = entries.slice(drop);
        base += drop;
      }
    },
    head: () => base + entries.length,
    since(from) {
      if (from < base) return undefined;
      return entries.slice(from - base);
    },
    reset() {
      base += entries.length;
      entries = [];
    },
  };
}
