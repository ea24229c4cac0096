// Draws a neighbourhood (GET /organisations/{id}/neighbourhood) with Cytoscape.js
// and the fcose layout, both loaded on first use (a chunk of their own). Cytoscape
// would add a <style> element to the page, which the server's Content-Security-Policy
// (style-src 'self') refuses: a placeholder with the id it looks for is put in the
// page first, and the one rule it wanted lives in styles.css. Colours and shapes are
// drawn on the canvas; the legend of the page repeats them in HTML. A crowded graph
// (the COG's EPCI memberships bring every commune of an intercommunalité) names only
// the organisation and its neighbours through recorded relations; the others, drawn
// smaller, show their name under the pointer, and the list below the drawing names all.
import type { Core, ElementDefinition } from 'cytoscape';
import type { Neighbourhood } from './api';

/** The id Cytoscape gives the stylesheet it would add to <head>. */
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';

/** The colour family of a node, by organisation kind; the legend uses the same names. */
export function nodeFamily(kind: string): 'collectivite' | 'association' | 'reseau' | 'autre' {
  if (kind === 'collectivite' || kind === 'collectivite_etrangere') return 'collectivite';
  if (kind === 'association' || kind === 'osim') return 'association';
  if (kind === 'reseau') return 'reseau';
  return 'autre';
}

const FAMILY_COLOURS = { collectivite: '#1f5f99', association: '#a3461b', reseau: '#2e6b34', autre: '#5b4d8a' };

/** Above this many organisations, only the centre and its recorded neighbours are named at rest. */
export const CROWDED_NODES = 15;

export function isCrowded(graph: Neighbourhood): boolean {
  return graph.nodes.length > CROWDED_NODES;
}

/** The ids of the organisations reached only through the COG's relations (an EPCI's other communes). */
function referenceOnly(graph: Neighbourhood): Set<number> {
  const recorded = new Set<number>();
  for (const edge of graph.edges) {
    if (edge.reference) continue;
    recorded.add(edge.from_id);
    recorded.add(edge.to_id);
  }
  return new Set(graph.nodes.filter((n) => n.depth > 0 && !recorded.has(n.id)).map((n) => n.id));
}

function elements(graph: Neighbourhood): ElementDefinition[] {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const reference = referenceOnly(graph);
  const crowded = isCrowded(graph);
  const nodes: ElementDefinition[] = graph.nodes.map((node) => {
    const named = !crowded || node.depth === 0 || (node.depth === 1 && !reference.has(node.id));
    return {
      group: 'nodes',
      data: {
        id: `n${node.id}`,
        organisation: node.id,
        label: node.acronym || node.name,
        colour: FAMILY_COLOURS[nodeFamily(node.kind)],
        depth: node.depth,
        reference: reference.has(node.id),
      },
      classes: named ? [] : ['quiet'],
    };
  });
  const edges: ElementDefinition[] = graph.edges
    .filter((edge) => ids.has(edge.from_id) && ids.has(edge.to_id))
    .map((edge) => ({
      group: 'edges',
      data: {
        id: `e${edge.id}`,
        source: `n${edge.from_id}`,
        target: `n${edge.to_id}`,
        kind: edge.kind,
        reference: edge.reference,
      },
    }));
  return [...nodes, ...edges];
}

/**
 * fcose's forces: more room between organisations as the graph grows, longer recorded relations
 * than the COG's, so that an EPCI's communes gather around it away from the recorded neighbours.
 */
function layoutOptions(graph: Neighbourhood, animate: boolean): Record<string, unknown> {
  const crowded = isCrowded(graph);
  return {
    name: 'fcose',
    animate,
    randomize: true,
    quality: crowded ? 'default' : 'proof',
    nodeSeparation: crowded ? 110 : 90,
    nodeRepulsion: () => (crowded ? 15000 : 8000),
    idealEdgeLength: (edge: { data(name: string): unknown }) => (edge.data('reference') ? 70 : crowded ? 130 : 100),
    edgeElasticity: () => 0.3,
    gravity: crowded ? 0.4 : 0.25,
    padding: 20,
  };
}

/**
 * Draws `graph` in `container` and calls `open` with the organisation id of a tapped
 * node; the drawing is fitted again when the container changes width. Resolves with
 * the Cytoscape instance, to destroy() when the drawing goes.
 */
export async function drawNeighbourhood(
  container: HTMLElement,
  graph: Neighbourhood,
  open: (organisationId: number) => void,
): Promise<Core> {
  if (!document.getElementById(CYTOSCAPE_STYLESHEET_ID)) {
    const placeholder = document.createElement('meta');
    placeholder.id = CYTOSCAPE_STYLESHEET_ID;
    placeholder.name = 'cytoscape-stylesheet';
    placeholder.content = 'styles.css';
    document.head.prepend(placeholder);
  }
  const [{ default: cytoscape }, { default: fcose }] = await Promise.all([import('cytoscape'), import('cytoscape-fcose')]);
  cytoscape.use(fcose);
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const cy = cytoscape({
    container,
    elements: elements(graph),
    minZoom: 0.2,
    // A graph of two or three organisations is fitted without growing into giant labels.
    maxZoom: 1.5,
    // wheelSensitivity is left to Cytoscape: a custom one makes it warn in the console.
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(colour)',
          label: 'data(label)',
          color: '#1a1a1a',
          'font-size': 11,
          'text-valign': 'bottom',
          'text-margin-y': 4,
          'text-wrap': 'ellipsis',
          'text-max-width': '120px',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.85,
          'text-background-padding': '1px',
          width: 18,
          height: 18,
        },
      },
      { selector: 'node[depth = 0]', style: { width: 30, height: 30, 'font-weight': 'bold', 'border-width': 3, 'border-color': '#1a1a1a' } },
      { selector: 'node[depth = 2]', style: { width: 14, height: 14 } },
      { selector: 'node[?reference]', style: { width: 11, height: 11, 'font-size': 9, opacity: 0.8 } },
      { selector: 'node.quiet', style: { 'text-opacity': 0, 'text-background-opacity': 0 } },
      {
        selector: 'node.quiet.pointed',
        style: { 'text-opacity': 1, 'text-background-opacity': 0.85, 'z-index': 10, 'font-size': 11, opacity: 1 },
      },
      {
        selector: 'edge',
        style: {
          width: 2,
          'line-color': '#6b6b6b',
          'target-arrow-color': '#6b6b6b',
          'target-arrow-shape': 'triangle',
          'curve-style': 'bezier',
        },
      },
      { selector: 'edge[kind = "board_seat"]', style: { width: 3.5, 'line-color': '#a3461b', 'target-arrow-color': '#a3461b' } },
      { selector: 'edge[kind = "partnership"]', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none' } },
      {
        selector: 'edge[?reference]',
        style: { width: 1, 'line-color': '#a6a6a6', 'target-arrow-color': '#a6a6a6', 'arrow-scale': 0.6 },
      },
    ],
    layout: layoutOptions(graph, !reducedMotion) as never,
  });
  // The drawing follows its box (a phone turned, a window narrowed): fitted again to its new size.
  let width = container.clientWidth;
  const resized = new ResizeObserver(() => {
    if (container.clientWidth === width) return;
    width = container.clientWidth;
    cy.resize();
    cy.fit(undefined, 20);
  });
  resized.observe(container);
  cy.on('destroy', () => resized.disconnect());
  cy.on('tap', 'node', (event) => open(Number(event.target.data('organisation'))));
  cy.on('mouseover', 'node', (event) => {
    container.classList.add('graph-pointer');
    event.target.addClass('pointed');
  });
  cy.on('mouseout', 'node', (event) => {
    container.classList.remove('graph-pointer');
    event.target.removeClass('pointed');
  });
  return cy;
}
