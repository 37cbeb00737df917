/** How a dot is drawn; one sprite per style, drawn once and stamped for every dot. */
export interface DotStyle {
  key: string;
  radius: number;
  fill: string;
  fillOpacity: number;
  stroke: string;
  weight: number;
  dashed?: boolean;
}

export interface Sprite {
  canvas: HTMLCanvasElement;
  /** Half its side in CSS pixels: the dot's reach from its centre. */
  half: number;
}

const sprites = new Map<DotStyle, Sprite>();

/** The pre-drawn image of a dot style, at the screen's pixel ratio (crisp on high-DPI screens). */
export function dotSprite(style: DotStyle): Sprite {
  let s = sprites.get(style);
  if (s) return s;
  const half = Math.ceil(style.radius + style.weight) + 1;
  const ratio = devicePixelRatio;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = Math.ceil(half * 2 * ratio);
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.scale(ratio, ratio);
    ctx.beginPath();
    ctx.arc(half, half, style.radius, 0, Math.PI * 2);
    ctx.globalAlpha = style.fillOpacity;
    ctx.fillStyle = style.fill;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.setLineDash(style.dashed ? [4, 3] : []);
    ctx.lineWidth = style.weight;
    ctx.strokeStyle = style.stroke;
    ctx.stroke();
  }
  s = { canvas, half };
  sprites.set(style, s);
  return s;
}
