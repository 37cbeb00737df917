import { describe, expect, it } from 'vitest';
import type { TAreaGeometry } from '@muster/contracts';
import { centroidOf } from './centroid.ts';

const square = (x: number, y: number, size: number): [number, number][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('centroidOf', () => {
  it('finds the centre of a square in either winding order', () => {
    const ring = square(106, 29, 2);
    expect(centroidOf({ type: 'Polygon', coordinates: [ring] })).toEqual([107, 30]);
    expect(centroidOf({ type: 'Polygon', coordinates: [[...ring].reverse()] })).toEqual([107, 30]);
  });

  it('subtracts holes and weights the parts of a multipolygon by area', () => {
    const withHole: TAreaGeometry = {
      type: 'Polygon',
      coordinates: [square(0, 0, 4), square(0, 0, 2)],
    };
    const [x, y] = centroidOf(withHole)!;
    // An L of three unit-2 squares: centroid at (7/3, 7/3).
    expect(x).toBeCloseTo(7 / 3, 10);
    expect(y).toBeCloseTo(7 / 3, 10);
    const two: TAreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 1)], [square(10, 0, 1)]],
    };
    expect(centroidOf(two)).toEqual([5.5, 0.5]);
  });

  it('returns undefined for a degenerate outline', () => {
    const line: [number, number][] = [
      [0, 0],
      [1, 1],
      [2, 2],
      [0, 0],
    ];
    expect(centroidOf({ type: 'Polygon', coordinates: [line] })).toBeUndefined();
  });
});
