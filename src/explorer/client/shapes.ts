/**
 * Node shapes as SVG pictograms (data: URLs). Sigma draws them with @sigma/node-image in "color"
 * mode, so the image only gives the shape and the node colour fills it. The legend reuses the paths.
 */
import type { ShapeName } from './ontology.ts';

function polygon(sides: number, rotate = -90, radius = 46, cy = 50): string {
  const pts: string[] = [];
  for (let i = 0; i < sides; i++) {
    const a = ((rotate + (360 / sides) * i) * Math.PI) / 180;
    pts.push(`${(50 + radius * Math.cos(a)).toFixed(1)},${(cy + radius * Math.sin(a)).toFixed(1)}`);
  }
  return `M${pts.join('L')}Z`;
}

function star(points: number, outer = 48, inner = 21): string {
  const pts: string[] = [];
  for (let i = 0; i < points * 2; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = ((-90 + (180 / points) * i) * Math.PI) / 180;
    pts.push(`${(50 + r * Math.cos(a)).toFixed(1)},${(50 + r * Math.sin(a)).toFixed(1)}`);
  }
  return `M${pts.join('L')}Z`;
}

/** SVG path data in a 100×100 box. */
export const SHAPE_PATHS: Record<ShapeName, string> = {
  circle: 'M50,4A46,46 0 1 1 49.99,4Z',
  triangle: polygon(3, -90, 54, 60),
  square: 'M10,10H90V90H10Z',
  hexagon: polygon(6, 0, 48),
  diamond: 'M50,2L98,50L50,98L2,50Z',
  star: star(5),
  pentagon: polygon(5, -90, 48),
};

export function shapeSvg(shape: ShapeName, fill = '#000', stroke?: string): string {
  const strokeAttr = stroke ? ` stroke="${stroke}" stroke-width="6"` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="128" height="128"><path d="${SHAPE_PATHS[shape]}" fill="${fill}"${strokeAttr}/></svg>`;
}

const urls = new Map<ShapeName, string>();

/** The pictogram for a shape, as a data: URL (cached). */
export function shapeImageUrl(shape: ShapeName): string {
  let url = urls.get(shape);
  if (!url) {
    url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(shapeSvg(shape))}`;
    urls.set(shape, url);
  }
  return url;
}
