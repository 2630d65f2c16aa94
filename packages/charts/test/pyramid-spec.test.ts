import { describe, expect, it } from 'vitest';
import { PYRAMID_DATASET, type PyramidRow, pyramidVegaSpec, TIERS } from '../src/index.js';
import { renderView } from './util/render.js';
import { pyramidRows } from './util/sample-data.js';
import { markItems, markNodes, type SceneNode } from './util/scene.js';

// Mark names in the compiled spec (vega-lite names layer marks by position).
const BANDS = 'layer_0_marks';
const LABELS = 'layer_1_marks';
const DETAILS = 'layer_2_marks';

/** One band: its tier and the corners of its trapezoid. */
function band(node: SceneNode) {
  const [top, bottom] = [...node.items].sort((a, b) => (a.y ?? 0) - (b.y ?? 0));
  if (!top || !bottom) throw new Error('a band has two edges');
  return {
    tier: top.datum.tier,
    top: { y: top.y ?? 0, left: top.x ?? 0, right: top.x2 ?? 0 },
    bottom: { y: bottom.y ?? 0, left: bottom.x ?? 0, right: bottom.x2 ?? 0 },
    item: top,
  };
}

async function bands(rows: PyramidRow[]) {
  const { view, messages } = await renderView(pyramidVegaSpec, { [PYRAMID_DATASET]: rows });
  const drawn = markNodes(view, BANDS)
    .map(band)
    .sort((a, b) => a.top.y - b.top.y);
  return { view, messages, drawn };
}

describe('pyramid (compiled)', () => {
  it('draws four bands, Platinum on top … Lead at the base, whatever the row order', async () => {
    const { drawn, messages } = await bands(pyramidRows());
    expect(messages).toEqual([]);
    expect(drawn.map((b) => b.tier)).toEqual([...TIERS]);
    for (let i = 1; i < drawn.length; i++) {
      expect(drawn[i]!.top.y).toBeGreaterThan(drawn[i - 1]!.bottom.y); // a gap between bands
    }
  });

  it('is a pyramid: centred bands that widen downwards, each bottom edge wider than its top', async () => {
    const { drawn } = await bands(pyramidRows());
    const centre = (edge: { left: number; right: number }) => (edge.left + edge.right) / 2;
    const width = (edge: { left: number; right: number }) => edge.right - edge.left;
    const c = centre(drawn[0]!.top);
    for (const b of drawn) {
      expect(centre(b.top)).toBeCloseTo(c, 6);
      expect(centre(b.bottom)).toBeCloseTo(c, 6);
      expect(width(b.bottom)).toBeGreaterThan(width(b.top));
    }
    for (let i = 1; i < drawn.length; i++) {
      expect(width(drawn[i]!.top)).toBeGreaterThan(width(drawn[i - 1]!.bottom));
    }
  });

  it('sizes bands by rank, never by count', async () => {
    const skewed = pyramidRows().map((row) => ({ ...row, customers: row.tier === 'platinum' ? 10_000 : 1 }));
    const [a, b] = await Promise.all([bands(pyramidRows()), bands(skewed)]);
    expect(b.drawn.map((x) => [x.top, x.bottom])).toEqual(a.drawn.map((x) => [x.top, x.bottom]));
  });

  it('outlines the selected band and dims the others', async () => {
    const { drawn } = await bands(pyramidRows('gold'));
    expect(drawn.map((b) => b.item.strokeWidth)).toEqual([0, 2.5, 0, 0]);
    expect(drawn.map((b) => b.item.fillOpacity)).toEqual([0.45, 1, 0.45, 0.45]);
    const none = await bands(pyramidRows());
    expect(none.drawn.map((b) => b.item.fillOpacity)).toEqual([1, 1, 1, 1]);
  });

  it('labels each band with its name, count and share, and every mark carries the tier', async () => {
    const { view } = await bands(pyramidRows());
    const labels = markItems(view, LABELS).sort((a, b) => (a.y ?? 0) - (b.y ?? 0));
    expect(labels.map((l) => l.text)).toEqual(['Platinum', 'Gold', 'Iron', 'Lead']);
    const details = markItems(view, DETAILS).sort((a, b) => (a.y ?? 0) - (b.y ?? 0));
    expect(details.map((d) => d.text)).toEqual([
      ['40 customers', '45% of value'],
      ['150 customers', '32% of value'],
      ['200 customers', '15% of value'],
      ['610 customers', '8% of value'],
    ]);
    for (const item of [...labels, ...details, ...markNodes(view, BANDS).flatMap((n) => n.items)]) {
      expect(TIERS).toContain(item.datum.tier);
    }
  });

  it('passes the tooltip text through, and ignores rows with an unknown tier', async () => {
    const rows = [...pyramidRows(), { ...pyramidRows()[0]!, tier: 'bronze' as never, label: 'Bronze' }];
    const { drawn, view } = await bands(rows);
    expect(drawn).toHaveLength(4);
    expect(drawn[0]!.item.tooltip).toBe('Platinum: 40 customers');
    expect(markItems(view, LABELS).map((l) => l.text)).not.toContain('Bronze');
  });

  it('updates in place when the data changes', async () => {
    const { view } = await bands(pyramidRows());
    await view.data(PYRAMID_DATASET, pyramidRows('lead')).runAsync();
    const strokes = markNodes(view, BANDS)
      .map(band)
      .sort((a, b) => a.top.y - b.top.y)
      .map((b) => b.item.strokeWidth);
    expect(strokes).toEqual([0, 0, 0, 2.5]);
    view.finalize();
  });
});
