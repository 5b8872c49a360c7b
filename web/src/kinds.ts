// The entity kinds the explorer draws, their order, colours and shapes: all from the one model
// (src/model/entities.ts, plain data that esbuild bundles), so a new kind needs nothing here.
import { ENTITY_KINDS, ENTITY_LABELS, entityKind, entityLabelOf } from '../../src/model/entities';
import type { EntityKind, EntityLabel } from '../../src/model/entities';

export type Kind = EntityLabel;

/** Every kind, in the model's order (legend, node list). */
export const KINDS = ENTITY_LABELS;

/** The kind among a node's labels. */
export const kindOf = entityLabelOf;

export function kindStyle(kind: Kind): EntityKind['style'] {
  return entityKind(kind).style;
}

export function kindTitle(kind: Kind): EntityKind['title'] {
  return entityKind(kind).title;
}

// The page's dots, badges and legend draw each Cytoscape node shape in CSS.
const SHAPE_CSS: Record<EntityKind['style']['shape'], string> = {
  ellipse: 'border-radius: 50%',
  'round-rectangle': 'border-radius: 3px',
  diamond: 'clip-path: polygon(50% 0, 100% 50%, 50% 100%, 0 50%)',
  'round-hexagon': 'clip-path: polygon(25% 5%, 75% 5%, 100% 50%, 75% 95%, 25% 95%, 0 50%)',
  'round-triangle': 'clip-path: polygon(50% 0, 100% 100%, 0 100%)',
  'round-octagon':
    'clip-path: polygon(30% 0, 70% 0, 100% 30%, 100% 70%, 70% 100%, 30% 100%, 0 70%, 0 30%)',
  star: 'clip-path: polygon(50% 0, 61% 35%, 98% 35%, 68% 57%, 79% 91%, 50% 70%, 21% 91%, 32% 57%, 2% 35%, 39% 35%)',
};

/** CSS for each kind: its colour as --kind-<Kind>, and its shape for dots and legend. */
export function kindStyleSheet(): string {
  return ENTITY_KINDS.map(
    ({ label, style }) =>
      `:root { --kind-${label}: ${style.color}; }\n` +
      `.kind-${label} { --shape-colour: ${style.color}; --badge: ${style.color}; }\n` +
      `.legend-shape.kind-${label}, .kind-dot.kind-${label} { ${SHAPE_CSS[style.shape]}; }`,
  ).join('\n');
}
