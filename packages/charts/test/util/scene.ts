// Reading a headless view's scenegraph: the items of a named mark, wherever it is nested.
import type { View } from 'vega';

/** A scenegraph item, with the properties the tests read. */
export interface SceneItem {
  datum: Record<string, unknown>;
  x?: number;
  y?: number;
  x2?: number;
  y2?: number;
  width?: number;
  height?: number;
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  fillOpacity?: number;
  text?: string | string[];
  limit?: number;
  tooltip?: unknown;
  bounds: { x1: number; y1: number; x2: number; y2: number };
  items?: SceneNode[];
}

export interface SceneNode {
  marktype: string;
  name?: string;
  items: SceneItem[];
}

function collect(node: SceneNode, name: string, out: SceneItem[]): void {
  if (node.name === name) out.push(...node.items);
  for (const item of node.items) for (const child of item.items ?? []) collect(child, name, out);
}

/** All items of the mark called `name` (for faceted marks, those of every facet, in facet order). */
export function markItems(view: View, name: string): SceneItem[] {
  const out: SceneItem[] = [];
  collect((view.scenegraph() as unknown as { root: SceneNode }).root, name, out);
  return out;
}

function collectNodes(node: SceneNode, name: string, out: SceneNode[]): void {
  if (node.name === name) out.push(node);
  for (const item of node.items) for (const child of item.items ?? []) collectNodes(child, name, out);
}

/** The mark nodes called `name`: one per facet for a faceted mark (e.g. one area per pyramid band). */
export function markNodes(view: View, name: string): SceneNode[] {
  const out: SceneNode[] = [];
  collectNodes((view.scenegraph() as unknown as { root: SceneNode }).root, name, out);
  return out;
}

/** A scale of the view, as a function. */
export function scale(view: View, name: string): (value: unknown) => number {
  return view.scale(name) as (value: unknown) => number;
}
