// The network drawing: Cytoscape.js with colour and shape per kind, fCoSE layout.
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, EventObject, NodeSingular, StylesheetJson } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { KINDS } from './api';
import type { GraphRelationship, Kind, Named } from './api';
import { label } from './i18n';

cytoscape.use(fcose);

export interface KindStyle {
  color: string;
  border: string;
  shape:
    | 'ellipse'
    | 'round-rectangle'
    | 'diamond'
    | 'round-hexagon'
    | 'round-triangle'
    | 'round-octagon';
  size: number;
}

// Okabe–Ito colours (distinguishable with common colour-vision deficiencies), and a
// different shape per kind so colour is never the only cue.
export const KIND_STYLES: Record<Kind, KindStyle> = {
  City: { color: '#0072B2', border: '#004c77', shape: 'ellipse', size: 46 },
  Institution: { color: '#009E73', border: '#006b4e', shape: 'round-rectangle', size: 30 },
  Meeting: { color: '#E69F00', border: '#9c6b00', shape: 'diamond', size: 36 },
  Action: { color: '#CC79A7', border: '#8f4f73', shape: 'round-hexagon', size: 32 },
  FieldOfAction: { color: '#56B4E9', border: '#2a7fb0', shape: 'round-triangle', size: 34 },
  Country: { color: '#D55E00', border: '#8f3f00', shape: 'round-octagon', size: 38 },
};

const LAYOUT_ANIMATION_MS = 450;

export interface DrawableNode extends Named {
  kind: Kind;
}

export interface GraphHandlers {
  onTap(id: string): void;
  onDoubleTap(id: string): void;
}

export function kindOf(labels: readonly string[]): Kind | undefined {
  return KINDS.find((k) => labels.includes(k));
}

/** One drawn edge per (from, type, to): the API may name the same relationship twice. */
export function edgeKey(r: Pick<GraphRelationship, 'from' | 'type' | 'to'>): string {
  return `${r.from}>${r.type}>${r.to}`;
}

function stylesheet(): StylesheetJson {
  const perKind = KINDS.map((kind) => {
    const s = KIND_STYLES[kind];
    return {
      selector: `node[kind = "${kind}"]`,
      style: {
        'background-color': s.color,
        'border-color': s.border,
        shape: s.shape,
        width: s.size,
        height: s.size,
      },
    };
  });
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 11,
        'font-family': 'system-ui, sans-serif',
        color: '#1b1f24',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '120px',
        'text-outline-color': '#ffffff',
        'text-outline-width': 2,
        'border-width': 1.5,
        'min-zoomed-font-size': 6,
      },
    },
    ...perKind,
    { selector: 'node.expanded', style: { 'border-width': 4, 'border-style': 'double' } },
    {
      selector: 'node.planned',
      style: { 'border-style': 'dashed', 'border-width': 3, 'background-opacity': 0.55 },
    },
    {
      selector: 'node:selected',
      style: {
        'underlay-color': '#1b1f24',
        'underlay-padding': 7,
        'underlay-opacity': 0.25,
        'underlay-shape': 'ellipse',
        'font-weight': 'bold',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'curve-style': 'bezier',
        'line-color': '#aab1bb',
        'target-arrow-color': '#aab1bb',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        label: 'data(type)',
        'font-size': 7,
        color: '#5b6470',
        'text-rotation': 'autorotate',
        'text-outline-color': '#ffffff',
        'text-outline-width': 1.5,
        'min-zoomed-font-size': 8,
      },
    },
    { selector: '.faded', style: { opacity: 0.18 } },
    {
      selector: 'node.path',
      style: {
        'underlay-color': '#ffcc00',
        'underlay-padding': 9,
        'underlay-opacity': 0.9,
        'underlay-shape': 'ellipse',
        'font-weight': 'bold',
        'z-index': 10,
      },
    },
    {
      selector: 'edge.path',
      style: {
        width: 5,
        'line-color': '#c2185b',
        'target-arrow-color': '#c2185b',
        'font-size': 10,
        color: '#8a0f3f',
        'z-index': 10,
        'min-zoomed-font-size': 0,
      },
    },
  ] as StylesheetJson;
}

export class GraphView {
  readonly cy: Core;
  private layoutRun: cytoscape.Layouts | undefined;
  private settleLayout: (() => void) | undefined;
  private cameraMove: cytoscape.AnimationManipulation | undefined;

  constructor(container: HTMLElement, handlers: GraphHandlers) {
    this.cy = cytoscape({
      container,
      style: stylesheet(),
      minZoom: 0.15,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node', (e: EventObject) => handlers.onTap((e.target as NodeSingular).id()));
    this.cy.on('dbltap', 'node', (e: EventObject) =>
      handlers.onDoubleTap((e.target as NodeSingular).id()),
    );
  }

  has(id: string): boolean {
    return this.cy.getElementById(id).nonempty();
  }

  /**
   * Adds what is not drawn yet; new nodes start beside the anchor so an expansion
   * grows from where the user clicked. Returns the ids of the nodes added.
   */
  merge(nodes: DrawableNode[], relationships: GraphRelationship[], anchorId?: string): string[] {
    const anchor = anchorId ? this.cy.getElementById(anchorId) : undefined;
    const origin =
      anchor && anchor.nonempty()
        ? anchor.position()
        : { x: this.cy.width() / 2, y: this.cy.height() / 2 };
    const added: string[] = [];
    const elements: ElementDefinition[] = [];
    for (const node of nodes) {
      if (this.has(node.id)) continue;
      added.push(node.id);
      const angle = Math.random() * 2 * Math.PI;
      elements.push({
        group: 'nodes',
        data: {
          id: node.id,
          kind: node.kind,
          name: node.name,
          nameDe: node.nameDe ?? null,
          label: label(node),
        },
        position: { x: origin.x + 60 * Math.cos(angle), y: origin.y + 60 * Math.sin(angle) },
      });
    }
    const present = (id: string) => this.has(id) || added.includes(id);
    for (const r of relationships) {
      const id = edgeKey(r);
      if (this.has(id) || !present(r.from) || !present(r.to)) continue;
      elements.push({
        group: 'edges',
        data: { id, source: r.from, target: r.to, type: r.type, role: r.role ?? null },
      });
    }
    this.cy.add(elements);
    return added;
  }

  /** Lays the graph out; resolves when the layout has stopped. */
  layout(options: { animate: boolean; fit?: boolean; randomize?: boolean }): Promise<void> {
    // Whoever waits for a layout cut short by this one is done waiting.
    this.layoutRun?.stop();
    this.settleLayout?.();
    const run = this.cy.layout({
      name: 'fcose',
      quality: 'default',
      randomize: options.randomize ?? false,
      animate: options.animate,
      animationDuration: LAYOUT_ANIMATION_MS,
      fit: options.fit ?? true,
      padding: 40,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 140,
      nodeRepulsion: () => 40000,
      packComponents: true,
    } as cytoscape.LayoutOptions);
    this.layoutRun = run;
    const done = new Promise<void>((resolve) => {
      this.settleLayout = resolve;
      run.one('layoutstop', () => resolve());
      // Should anything stop the layout's animations, its end is never announced.
      if (options.animate) setTimeout(resolve, LAYOUT_ANIMATION_MS + 2000);
    });
    run.run();
    return done;
  }

  setExpanded(id: string, expanded: boolean): void {
    this.cy.getElementById(id).toggleClass('expanded', expanded);
  }

  markPlanned(ids: Iterable<string>): void {
    for (const id of ids) this.cy.getElementById(id).addClass('planned');
  }

  select(id: string): void {
    this.cy.$(':selected').unselect();
    this.cy.getElementById(id).select();
  }

  selectedId(): string | undefined {
    const selected = this.cy.$('node:selected');
    return selected.nonempty() ? selected.first().id() : undefined;
  }

  /** Centres the node; resolves when the camera has arrived. */
  centre(id: string): Promise<void> {
    const node = this.cy.getElementById(id);
    if (node.empty()) return Promise.resolve();
    return this.moveCamera({ center: { eles: node }, zoom: Math.max(this.cy.zoom(), 0.9) });
  }

  /**
   * Animates the viewport, cutting short the previous move of ours (only ours: a running
   * layout's own fit must go on, or it never reports its end). Resolves when this move
   * ends or is cut short.
   */
  private moveCamera(to: cytoscape.AnimateOptions, duration = 350): Promise<void> {
    this.cameraMove?.stop();
    const move = this.cy.animation({ ...to, duration } as cytoscape.AnimationOptions);
    this.cameraMove = move;
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, duration + 150);
      void move
        .play()
        .promise('completed')
        .then(() => {
          clearTimeout(timer);
          resolve();
        });
    });
  }

  highlightPath(nodeIds: string[], relationships: GraphRelationship[]): void {
    this.clearPath();
    const path = this.cy.collection();
    for (const id of nodeIds) path.merge(this.cy.getElementById(id));
    for (const r of relationships) {
      path.merge(this.cy.getElementById(edgeKey(r)));
      path.merge(this.cy.getElementById(edgeKey({ from: r.to, type: r.type, to: r.from })));
    }
    this.cy.elements().not(path).addClass('faded');
    path.addClass('path');
  }

  clearPath(): void {
    this.cy.elements().removeClass('path faded');
  }

  /** Fits the view to these nodes; resolves when the camera has arrived. */
  fitTo(ids: string[]): Promise<void> {
    const eles = this.cy.collection();
    for (const id of ids) eles.merge(this.cy.getElementById(id));
    return this.moveCamera({ fit: { eles, padding: 60 } });
  }

  fit(): Promise<void> {
    return this.moveCamera({ fit: { eles: this.cy.elements(), padding: 40 } }, 300);
  }

  relabel(): void {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        n.data('label', label({ id: n.id(), name: n.data('name'), nameDe: n.data('nameDe') }));
      });
    });
  }

  clear(): void {
    this.layoutRun?.stop();
    this.cy.elements().remove();
  }

  nodes(): DrawableNode[] {
    return this.cy.nodes().map((n) => ({
      id: n.id(),
      kind: n.data('kind') as Kind,
      name: n.data('name') as string,
      nameDe: n.data('nameDe') as string | null,
    }));
  }

  png(): Blob {
    return this.cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' });
  }

  subgraph(): { nodes: DrawableNode[]; relationships: GraphRelationship[] } {
    return {
      nodes: this.nodes(),
      relationships: this.cy.edges().map((e) => ({
        id: e.id(),
        type: e.data('type') as string,
        from: e.source().id(),
        to: e.target().id(),
        role: (e.data('role') as string | null) ?? null,
      })),
    };
  }
}
