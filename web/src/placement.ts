// Where nodes added by an expansion go: around the node they were drawn from, each on the
// nearest free spot, so that nothing drawn before moves and no two nodes (with their labels)
// overlap. Plain geometry, apart from Cytoscape, so that it is tested on its own.

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** How far a node's box (its shape and label) reaches from its position on each side. */
export interface Extent {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function boxAt(p: Point, e: Extent): Box {
  return { x1: p.x - e.left, y1: p.y - e.top, x2: p.x + e.right, y2: p.y + e.bottom };
}

/** Do the boxes overlap, or come closer than `gap`? */
export function boxesMeet(a: Box, b: Box, gap = 0): boolean {
  return a.x1 < b.x2 + gap && b.x1 < a.x2 + gap && a.y1 < b.y2 + gap && b.y1 < a.y2 + gap;
}

/** Rings searched before giving up on a free spot (never reached with a graph this size). */
const MAX_RINGS = 200;

/**
 * Positions for new nodes of these extents around `centre`, none of whose boxes meets an
 * obstacle's or another new one's (with `gap` between): ring after ring outwards, each ring's
 * spots as far apart as the largest new box is wide, every other ring turned by half a spot.
 */
export function placeAround(
  centre: Point,
  extents: readonly Extent[],
  obstacles: readonly Box[],
  gap = 10,
): Point[] {
  const taken: Box[] = [...obstacles];
  const spacing =
    Math.max(0, ...extents.map((e) => Math.max(e.left + e.right, e.top + e.bottom))) + gap;
  return extents.map((extent) => {
    for (let ring = 1; ring <= MAX_RINGS; ring++) {
      const radius = ring * spacing;
      const spots = Math.max(6, Math.floor((2 * Math.PI * radius) / spacing));
      const turn = ring % 2 ? 0 : Math.PI / spots;
      for (let k = 0; k < spots; k++) {
        const angle = turn + (2 * Math.PI * k) / spots;
        const spot = {
          x: centre.x + radius * Math.cos(angle),
          y: centre.y + radius * Math.sin(angle),
        };
        const box = boxAt(spot, extent);
        if (taken.some((other) => boxesMeet(box, other, gap))) continue;
        taken.push(box);
        return spot;
      }
    }
    throw new Error(`no free spot within ${MAX_RINGS} rings`);
  });
}
