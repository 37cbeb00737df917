/** A dot as the grid knows it: where it is on the canvas (CSS pixels). */
export interface GridDot {
  id: string;
  x: number;
  y: number;
  style: { radius: number };
}

export interface DotGrid<D extends GridDot> {
  /** Files the dot under the cell of its current place (moving it from its old cell). */
  put(d: D): void;
  remove(d: D): void;
  /** Dots within `reach` pixels of a point, give or take a cell. */
  near(x: number, y: number, reach: number): Iterable<D>;
  clear(): void;
}

/** Cell side in CSS pixels: a little more than the widest dot, so a square spans few cells. */
const CELL = 32;

/** Dots bucketed by screen cell: what a repainted square overlaps, and what is under the pointer. */
export function createDotGrid<D extends GridDot>(): DotGrid<D> {
  const cells = new Map<number, Set<D>>();
  const cellOf = new Map<D, number>();
  const key = (cx: number, cy: number) => (cx + 32_768) * 65_536 + (cy + 32_768);
  return {
    put(d) {
      const k = key(Math.floor(d.x / CELL), Math.floor(d.y / CELL));
      const was = cellOf.get(d);
      if (was === k) return;
      if (was !== undefined) cells.get(was)?.delete(d);
      let c = cells.get(k);
      if (!c) cells.set(k, (c = new Set()));
      c.add(d);
      cellOf.set(d, k);
    },
    remove(d) {
      const was = cellOf.get(d);
      if (was !== undefined) cells.get(was)?.delete(d);
      cellOf.delete(d);
    },
    *near(x, y, reach) {
      const [x0, x1] = [Math.floor((x - reach) / CELL), Math.floor((x + reach) / CELL)];
      const [y0, y1] = [Math.floor((y - reach) / CELL), Math.floor((y + reach) / CELL)];
      for (let cx = x0; cx <= x1; cx++)
        for (let cy = y0; cy <= y1; cy++) {
          const c = cells.get(key(cx, cy));
          if (c) yield* c;
        }
    },
    clear() {
      cells.clear();
      cellOf.clear();
    },
  };
}
