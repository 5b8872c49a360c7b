// The network drawing: Cytoscape.js with the model's colour and shape per kind, fCoSE layout.
// It draws the store's graph contents (sync) and moves the camera; it holds no state of its own.
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, EventObject, NodeSingular, StylesheetJson } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { label, relationshipLabel } from './i18n';
import { KINDS, kindStyle } from './kinds';
import type { GraphRelationship } from './api';
import { boxAt, placeAround } from './placement';
import type { Box, Extent, Point } from './placement';
import { edgeKey } from './store';
import type { GraphContents } from './store';

cytoscape.use(fcose);

const LAYOUT_ANIMATION_MS = 450;

/** Node labels are drawn at least this many screen pixels high, whatever the zoom. */
const LABEL_SCREEN_PX = 11;
const LABEL_PX = 13;
/** Labels wrap at this width (model pixels). */
const LABEL_MAX_WIDTH = 120;

export interface GraphHandlers {
  onTap(id: string): void;
  onDoubleTap(id: string): void;
  onEdgeTap(id: string): void;
  /** The pointer is over this node (shown at this point of the drawing), or over none. */
  onHover(hover: { id: string; x: number; y: number } | undefined): void;
}

function stylesheet(): StylesheetJson {
  const perKind = KINDS.map((kind) => {
    const s = kindStyle(kind);
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
        'font-size': 13,
        'font-family': 'system-ui, sans-serif',
        color: '#1b1f24',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': `${LABEL_MAX_WIDTH}px`,
        'text-outline-color': '#ffffff',
        'text-outline-width': 2,
        'border-width': 1.5,
        'min-zoomed-font-size': 5,
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
        label: 'data(label)',
        'font-size': 7,
        color: '#5b6470',
        'text-rotation': 'autorotate',
        'text-outline-color': '#ffffff',
        'text-outline-width': 1.5,
        'min-zoomed-font-size': 8,
      },
    },
    {
      selector: 'edge:selected',
      style: {
        width: 4,
        'line-color': '#1b1f24',
        'target-arrow-color': '#1b1f24',
        'min-zoomed-font-size': 0,
      },
    },
    { selector: '.faded', style: { opacity: 0.18 } },
    { selector: '.hidden', style: { display: 'none' } },
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
    this.cy.on('tap', 'edge', (e: EventObject) => handlers.onEdgeTap(e.target.id() as string));
    this.cy.on('mouseover', 'node', (e: EventObject) => {
      const node = e.target as NodeSingular;
      const p = node.renderedPosition();
      handlers.onHover({ id: node.id(), x: p.x, y: p.y });
    });
    this.cy.on('mouseout', 'node', () => handlers.onHover(undefined));
    // Zoomed out over the whole network, labels grow so that they stay readable.
    this.cy.on('zoom', () => this.scaleLabels());
    this.cy.on('viewport', () => handlers.onHover(undefined));
  }

  has(id: string): boolean {
    return this.cy.getElementById(id).nonempty();
  }

  /**
   * Draws exactly these nodes and edges: removes what is gone, adds what is new. A new node
   * starts beside the node it was drawn from, so an expansion grows from where the user clicked.
   */
  sync(graph: GraphContents): void {
    const nodeIds = new Set(graph.nodes.map((n) => n.id));
    const edgeIds = new Set(graph.edges.map((e) => e.id));
    const centre = { x: this.cy.width() / 2, y: this.cy.height() / 2 };
    this.cy.batch(() => {
      this.cy
        .elements()
        .filter((el) => !(el.isNode() ? nodeIds : edgeIds).has(el.id()))
        .remove();
      const elements: ElementDefinition[] = [];
      for (const node of graph.nodes) {
        if (this.has(node.id)) continue;
        const near = node.near ? this.cy.getElementById(node.near) : undefined;
        const origin = near?.nonempty() ? near.position() : centre;
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
      for (const edge of graph.edges) {
        if (this.has(edge.id)) continue;
        elements.push({
          group: 'edges',
          data: {
            id: edge.id,
            source: edge.from,
            target: edge.to,
            type: edge.type,
            label: relationshipLabel(edge.type),
          },
        });
      }
      this.cy.add(elements);
    });
  }

  private labelPx = LABEL_PX;

  private scaleLabels(): void {
    const px = Math.min(32, Math.max(LABEL_PX, LABEL_SCREEN_PX / this.cy.zoom()));
    if (Math.abs(px - this.labelPx) < 0.5) return;
    this.labelPx = px;
    this.cy.style().selector('node').style('font-size', px).update();
  }

  /** Shows only these nodes and edges of those drawn. */
  show(visible: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> }): void {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        n.toggleClass('hidden', !visible.nodes.has(n.id()));
      });
      this.cy.edges().forEach((e) => {
        e.toggleClass('hidden', !visible.edges.has(e.id()));
      });
    });
  }

  /**
   * Lays the shown graph out, by forces (fCoSE) or in rings by kind (the model's order from
   * the centre); resolves when the layout has stopped.
   */
  layout(options: {
    animate: boolean;
    fit?: boolean;
    randomize?: boolean;
    name?: 'force' | 'concentric';
  }): Promise<void> {
    // Whoever waits for a layout cut short by this one is done waiting.
    this.layoutRun?.stop();
    this.settleLayout?.();
    const common = {
      animate: options.animate,
      animationDuration: LAYOUT_ANIMATION_MS,
      fit: options.fit ?? true,
      padding: 40,
      nodeDimensionsIncludeLabels: true,
    };
    const shown = this.cy.elements().not('.hidden');
    const run =
      options.name === 'concentric'
        ? shown.layout({
            ...common,
            name: 'concentric',
            concentric: (node: NodeSingular) =>
              KINDS.length - KINDS.indexOf(node.data('kind') as (typeof KINDS)[number]),
            levelWidth: () => 1,
            minNodeSpacing: 30,
          } as cytoscape.LayoutOptions)
        : shown.layout({
            ...common,
            name: 'fcose',
            quality: 'default',
            // Most of a large view's layout is repulsion between every two nodes, per
            // iteration: at most 1000 iterations (fCoSE's default is 2500) cut a 300-node first
            // view's by about 0.25 s (bench/README.md, "The explorer").
            numIter: 1000,
            randomize: options.randomize ?? false,
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

  /**
   * Moves these (newly drawn) nodes onto free spots around `around`, animated; every other node
   * keeps its place and no two shown nodes' boxes (labels included) come to overlap. Nodes a
   * filter hides are placed too, as if shown, so that they overlap nothing when shown again.
   */
  placeAround(around: string, ids: readonly string[]): Promise<void> {
    const added = this.cy.collection();
    for (const id of ids) added.merge(this.cy.getElementById(id));
    if (added.empty()) return Promise.resolve();
    const obstacles = this.cy
      .nodes()
      .not(added)
      .not('.hidden')
      .map((n) => n.boundingBox({ includeLabels: true }) as Box);
    const positions = new Map<string, Point>();
    const anchor = this.cy.getElementById(around);
    let centre = anchor.nonempty() ? anchor.position() : undefined;
    if (!centre || added.contains(anchor)) {
      const view = this.cy.extent();
      centre = { x: (view.x1 + view.x2) / 2, y: (view.y1 + view.y2) / 2 };
      if (anchor.nonempty()) {
        // Drawn only now (a search hit): it takes a free spot next to the middle of the view.
        const extent = this.extentOf(anchor);
        centre = placeAround(centre, [extent], obstacles)[0]!;
        positions.set(around, centre);
        obstacles.push(boxAt(centre, extent));
      }
    }
    const rest = added.filter((n) => !positions.has(n.id()));
    const spots = placeAround(
      centre,
      rest.map((n) => this.extentOf(n as NodeSingular)),
      obstacles,
    );
    rest.forEach((n, i) => {
      positions.set(n.id(), spots[i]!);
    });
    const run = added.layout({
      name: 'preset',
      positions: (node: NodeSingular) => positions.get(node.id())!,
      fit: false,
      animate: true,
      animationDuration: LAYOUT_ANIMATION_MS,
    } as cytoscape.LayoutOptions);
    const done = new Promise<void>((resolve) => {
      run.one('layoutstop', () => resolve());
      setTimeout(resolve, LAYOUT_ANIMATION_MS + 2000);
    });
    run.run();
    return done;
  }

  /** How far the node's box (shape and label) reaches from its position. */
  private extentOf(node: NodeSingular): Extent {
    const at = node.position();
    if (node.hasClass('hidden')) {
      // Not drawn, so not measured: its shape, and a label of the widest wrap in two lines.
      const half = node.width() / 2;
      const labelHalf = Math.max(half, LABEL_MAX_WIDTH / 2);
      return { left: labelHalf, right: labelHalf, top: half, bottom: half + 2.6 * this.labelPx };
    }
    const box = node.boundingBox({ includeLabels: true });
    return { left: at.x - box.x1, right: box.x2 - at.x, top: at.y - box.y1, bottom: box.y2 - at.y };
  }

  /** Marks the expanded nodes and the planned meetings. */
  mark(expanded: ReadonlySet<string>, planned: ReadonlySet<string>): void {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        n.toggleClass('expanded', expanded.has(n.id()));
        n.toggleClass('planned', planned.has(n.id()));
      });
    });
  }

  /** Selects this node alone, or none. */
  select(id: string | undefined): void {
    if (this.selectedId() === id) return;
    this.cy.$(':selected').unselect();
    if (id) this.cy.getElementById(id).select();
  }

  selectedId(): string | undefined {
    const selected = this.cy.$('node:selected');
    return selected.nonempty() ? selected.first().id() : undefined;
  }

  /** Centres the node; resolves when the camera has arrived. */
  centre(id: string): Promise<void> {
    const node = this.cy.getElementById(id);
    if (node.empty()) return Promise.resolve();
    // The node itself in the middle (centring its box would count its label too).
    const zoom = Math.max(this.cy.zoom(), 0.9);
    const at = node.position();
    const pan = { x: this.cy.width() / 2 - at.x * zoom, y: this.cy.height() / 2 - at.y * zoom };
    return this.moveCamera({ pan, zoom });
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

  highlightPath(
    nodeIds: readonly string[],
    relationships: readonly Pick<GraphRelationship, 'from' | 'type' | 'to'>[],
  ): void {
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
  fitTo(ids: readonly string[]): Promise<void> {
    const eles = this.cy.collection();
    for (const id of ids) eles.merge(this.cy.getElementById(id));
    return this.moveCamera({ fit: { eles, padding: 60 } });
  }

  /**
   * Centres these nodes if any lies outside the view (else the camera stays). The zoom stays
   * too: labels grow as the view zooms out, and would come to overlap.
   */
  reveal(ids: readonly string[]): Promise<void> {
    const view = this.cy.extent();
    const nodes = this.cy.collection();
    for (const id of ids) nodes.merge(this.cy.getElementById(id));
    const shown = nodes.not('.hidden');
    const outside = shown.some((node) => {
      const box = node.boundingBox({ includeLabels: true });
      return box.x1 < view.x1 || box.y1 < view.y1 || box.x2 > view.x2 || box.y2 > view.y2;
    });
    return outside ? this.moveCamera({ center: { eles: shown } }) : Promise.resolve();
  }

  fit(): Promise<void> {
    return this.moveCamera({ fit: { eles: this.cy.elements().not('.hidden'), padding: 40 } }, 300);
  }

  relabel(): void {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        n.data('label', label({ id: n.id(), name: n.data('name'), nameDe: n.data('nameDe') }));
      });
      this.cy.edges().forEach((e) => {
        e.data('label', relationshipLabel(e.data('type') as string));
      });
    });
  }

  png(): Blob {
    return this.cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' });
  }
}
