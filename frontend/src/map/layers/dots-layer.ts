import L from 'leaflet';
import { dotSprite, type DotStyle } from './dot-sprite.ts';
import { createDotGrid, type GridDot } from './dot-grid.ts';

export type { DotStyle } from './dot-sprite.ts';

interface Dot extends GridDot {
  /** What the dot was drawn from: an unchanged source is not placed again. */
  source: object;
  latlng: L.LatLng;
  style: DotStyle;
  pass: number;
  /** Where it was last painted (canvas pixels), to clear it from there. */
  painted: { x: number; y: number; half: number } | undefined;
}

/** Milliseconds of a frame spent on moved dots at most; the rest waits for the next frame. */
const FRAME_BUDGET_MS = 5;

/**
 * Thousands of dots on a canvas of their own. Leaflet's canvas renderer redraws every path under
 * the union of what changed — with updates all over the map, all 10,000 of them, hundreds of
 * milliseconds a frame without a GPU. Here a dot is a pre-drawn sprite; a pan or zoom redraws all
 * once, and a moved dot repaints only the two small squares it left and entered (with the dots a
 * grid finds there), a few milliseconds of it per frame, so a burst of positions is spread over
 * frames instead of stalling one. Clicks and hovers find the dot under the pointer in the grid.
 */
export class DotsLayer extends L.Layer {
  private readonly dots = new Map<string, Dot>();
  private readonly grid = createDotGrid<Dot>();
  private readonly moved = new Set<Dot>();
  private readonly gone: { x: number; y: number; half: number }[] = [];
  private canvas: HTMLCanvasElement | undefined;
  private origin = L.point(0, 0);
  private frame: number | undefined;
  private full = true;
  private hover: L.Tooltip | undefined;
  private hovered: string | undefined;
  private pass = 0;

  constructor(
    private readonly o: {
      pane?: string;
      onClick?: (id: string) => void;
      tooltip?: (id: string) => string;
    } = {},
  ) {
    super();
  }

  /** Starts a pass over every dot (see `end`). */
  begin(): void {
    this.pass += 1;
  }

  /** States a dot in this pass; an unchanged `source` and style cost nothing. */
  set(id: string, source: object, at: () => L.LatLng, style: DotStyle): void {
    const held = this.dots.get(id);
    if (held?.source === source && held.style === style) {
      held.pass = this.pass;
      return;
    }
    const dot: Dot = held ?? {
      id,
      source,
      latlng: at(),
      style,
      pass: 0,
      x: 0,
      y: 0,
      painted: undefined,
    };
    dot.source = source;
    dot.latlng = held ? at() : dot.latlng;
    dot.style = style;
    dot.pass = this.pass;
    this.dots.set(id, dot);
    this.moved.add(dot);
    this.schedule();
  }

  has(id: string): boolean {
    return this.dots.has(id);
  }

  /** Ends a pass: dots not stated in it are removed. */
  end(): void {
    for (const [id, d] of this.dots) {
      if (d.pass === this.pass) continue;
      this.dots.delete(id);
      this.moved.delete(d);
      this.grid.remove(d);
      if (d.painted) this.gone.push(d.painted);
      this.schedule();
    }
  }

  override onAdd(map: L.Map): this {
    this.canvas = L.DomUtil.create(
      'canvas',
      'leaflet-zoom-hide dots-layer',
      map.getPane(this.o.pane ?? 'overlayPane'),
    );
    map.on('moveend zoomend resize viewreset', this.redrawAll);
    map.on('click', this.onClick);
    map.on('mousemove', this.onMove);
    this.redrawAll();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend zoomend resize viewreset', this.redrawAll);
    map.off('click', this.onClick);
    map.off('mousemove', this.onMove);
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.canvas?.remove();
    this.canvas = undefined;
    this.hover?.remove();
    return this;
  }

  private readonly redrawAll = (): void => {
    this.full = true;
    this.schedule();
  };

  private schedule(): void {
    if (this.frame !== undefined || !this.canvas) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      // Many moved at once (a snapshot, a first load): one full redraw is cheaper than squares.
      if (this.full || this.moved.size > this.dots.size / 10 + 200) this.drawAll();
      else this.drawMoved();
      if (this.full || this.moved.size > 0 || this.gone.length > 0) this.schedule();
    });
  }

  private context(): CanvasRenderingContext2D | undefined {
    const ctx = this.canvas?.getContext('2d') ?? undefined;
    ctx?.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
    return ctx;
  }

  private place(d: Dot, map: L.Map): void {
    const p = map.latLngToLayerPoint(d.latlng);
    d.x = p.x - this.origin.x;
    d.y = p.y - this.origin.y;
    this.grid.put(d);
  }

  private paint(ctx: CanvasRenderingContext2D, d: Dot): void {
    const s = dotSprite(d.style);
    ctx.drawImage(s.canvas, d.x - s.half, d.y - s.half, s.half * 2, s.half * 2);
    d.painted = { x: d.x, y: d.y, half: s.half };
  }

  private drawAll(): void {
    const map = this._map as L.Map | undefined;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    this.full = false;
    const size = map.getSize();
    const ratio = devicePixelRatio;
    if (canvas.width !== size.x * ratio || canvas.height !== size.y * ratio) {
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.style.width = `${size.x}px`;
      canvas.style.height = `${size.y}px`;
    }
    this.origin = map.containerPointToLayerPoint([0, 0]);
    L.DomUtil.setPosition(canvas, this.origin);
    const ctx = this.context();
    if (!ctx) return;
    ctx.clearRect(0, 0, size.x, size.y);
    this.grid.clear();
    this.moved.clear();
    this.gone.length = 0;
    for (const d of this.dots.values()) {
      this.place(d, map);
      d.painted = undefined;
      if (d.x > -20 && d.y > -20 && d.x < size.x + 20 && d.y < size.y + 20) this.paint(ctx, d);
    }
    // For the first-render figure (P6): when every dot held was drawn; one mark kept at a time.
    performance.clearMarks('muster:dots-drawn');
    performance.mark('muster:dots-drawn', { detail: { dots: this.dots.size } });
  }

  /** Repaints the squares moved dots left and entered, within the frame's budget. */
  private drawMoved(): void {
    const map = this._map as L.Map | undefined;
    const ctx = this.context();
    if (!map || !ctx) return;
    const start = performance.now();
    for (const q of this.gone.splice(0)) this.repaint(ctx, q);
    for (const d of this.moved) {
      if (performance.now() - start > FRAME_BUDGET_MS) break;
      this.moved.delete(d);
      const left = d.painted;
      this.place(d, map);
      if (left) this.repaint(ctx, left);
      this.repaint(ctx, { x: d.x, y: d.y, half: dotSprite(d.style).half });
    }
  }

  /** Clears a square and paints again the dots whose image reaches into it. */
  private repaint(ctx: CanvasRenderingContext2D, q: { x: number; y: number; half: number }): void {
    ctx.save();
    ctx.beginPath();
    ctx.rect(q.x - q.half, q.y - q.half, q.half * 2, q.half * 2);
    ctx.clip();
    ctx.clearRect(q.x - q.half, q.y - q.half, q.half * 2, q.half * 2);
    for (const d of this.grid.near(q.x, q.y, q.half + 16)) {
      const reach = q.half + dotSprite(d.style).half;
      if (Math.abs(d.x - q.x) < reach && Math.abs(d.y - q.y) < reach) this.paint(ctx, d);
    }
    ctx.restore();
  }

  private nearest(point: L.Point): Dot | undefined {
    let best: Dot | undefined;
    let bestD = Number.POSITIVE_INFINITY;
    const map = this._map as L.Map | undefined;
    if (!map) return undefined;
    const layerPoint = map.containerPointToLayerPoint(point);
    const x = layerPoint.x - this.origin.x;
    const y = layerPoint.y - this.origin.y;
    for (const d of this.grid.near(x, y, 16)) {
      const dist = Math.hypot(d.x - x, d.y - y);
      if (dist <= d.style.radius + 4 && dist < bestD) {
        best = d;
        bestD = dist;
      }
    }
    return best;
  }

  private readonly onClick = (e: L.LeafletMouseEvent): void => {
    const d = this.nearest(e.containerPoint);
    if (d) this.o.onClick?.(d.id);
  };

  private readonly onMove = (e: L.LeafletMouseEvent): void => {
    const map = this._map as L.Map | undefined;
    if (!this.o.tooltip || !map) return;
    const d = this.nearest(e.containerPoint);
    map.getContainer().style.cursor = d ? 'pointer' : '';
    if (!d) {
      this.hover?.remove();
      this.hovered = undefined;
      return;
    }
    if (this.hovered === d.id && this.hover) return;
    this.hovered = d.id;
    this.hover ??= L.tooltip({ direction: 'top', offset: [0, -6] });
    this.hover.setLatLng(d.latlng).setContent(this.o.tooltip(d.id)).addTo(map);
  };
}
