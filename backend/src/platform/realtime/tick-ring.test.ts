import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLatestPositions, type LivePosition } from './positions.ts';
import { createTickRing } from './tick-ring.ts';

const at = (teamId: string, incidentId: string | undefined, ms: number): LivePosition => ({
  teamId,
  ...(incidentId ? { incidentId } : {}),
  lon: 106.4,
  lat: 29.8,
  reportedAt: new Date(ms).toISOString(),
  reportedAtMs: ms,
  exercise: false,
});

describe('forgetting a closed incident', () => {
  const [I, J] = [randomUUID(), randomUUID()];
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];

  it('takes its positions out of the latest positions, changed or not', () => {
    const store = createLatestPositions(100);
    store.upsert(at(a, I, 1));
    store.upsert(at(b, J, 1));
    store.takeChanged();
    store.upsert(at(c, I, 2));
    expect(
      store
        .removeIncident(I)
        .map((p) => p.teamId)
        .sort(),
    ).toEqual([a, c].sort());
    expect(store.all().map((p) => p.teamId)).toEqual([b]);
    expect(store.takeChanged()).toEqual([]);
    expect(store.removeIncident(I)).toEqual([]);
  });

  it('takes its positions out of every held tick, so no replay carries them', () => {
    const ring = createTickRing(10);
    ring.push({ seq: 1, positions: [at(a, I, 1), at(b, J, 1)] });
    ring.push({ seq: 2, positions: [at(a, J, 2)] });
    ring.push({ seq: 3, positions: [at(c, I, 3), at(b, undefined, 3)] });
    expect(ring.removeIncident(I)).toHaveLength(2);
    const left = ring.since(0, 3)!;
    expect(left.filter((p) => p.incidentId === I)).toEqual([]);
    expect(left.map((p) => p.teamId).sort()).toEqual([a, b].sort());
    // The ticks themselves stay: later seqs still replay.
    expect(ring.since(2, 3)).toEqual([at(b, undefined, 3)]);
  });
});
