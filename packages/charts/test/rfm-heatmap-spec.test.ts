import { describe, expect, it } from 'vitest';
import {
  defaultChartTheme,
  parseColor,
  RFM_HEATMAP_DATASETS,
  type RfmCellRow,
  rfmHeatmapVegaSpec,
} from '../src/index.js';
import { renderView } from './util/render.js';
import { RFM_SEGMENTS, rfmCells } from './util/sample-data.js';
import { markItems, type SceneItem } from './util/scene.js';

const CELLS = 'layer_0_marks';
const CELL_TEXT = 'layer_1_marks';
const SEGMENTS = 'layer_2_layer_0_marks';
const SEGMENT_NAMES = 'layer_2_layer_2_marks';

/** Relative luminance-ish brightness of a fill, for ordering. */
function brightness(fill: string | undefined): number {
  const rgb = parseColor(fill ?? '');
  if (!rgb) throw new Error(`unexpected fill ${fill}`);
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

const render = (cells: RfmCellRow[]) =>
  renderView(rfmHeatmapVegaSpec, {
    [RFM_HEATMAP_DATASETS.cells]: cells,
    [RFM_HEATMAP_DATASETS.segments]: RFM_SEGMENTS,
  });

/** The cell rect at scores (r, f). */
const cellAt = (items: SceneItem[], r: number, f: number) => {
  const item = items.find((i) => i.datum.r === r && i.datum.f === f);
  if (!item) throw new Error(`no cell ${r},${f}`);
  return item;
};

describe('RFM heatmap (compiled)', () => {
  it('draws one rect per cell on a grid: R left → right, F bottom → top', async () => {
    const { view, messages } = await render(rfmCells());
    expect(messages).toEqual([]);
    const cells = markItems(view, CELLS);
    expect(cells).toHaveLength(25);
    expect(cellAt(cells, 2, 1).x).toBeGreaterThan(cellAt(cells, 1, 1).x ?? 0);
    expect(cellAt(cells, 1, 2).y).toBeLessThan(cellAt(cells, 1, 1).y ?? 0);
    // Neighbours share an edge: cell r spans r − ½ … r + ½.
    expect(cellAt(cells, 2, 1).x).toBeCloseTo(cellAt(cells, 1, 1).x2 ?? 0, 6);
  });

  it('fills cells along the ramp in value order (light → dark for the default theme)', async () => {
    const { view } = await render(rfmCells());
    const byValue = markItems(view, CELLS).sort((a, b) => Number(a.datum.value) - Number(b.datum.value));
    const levels = byValue.map((c) => brightness(c.fill));
    for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeLessThan(levels[i - 1]!);
    expect(byValue[0]?.fill).toBe('rgb(219, 234, 254)'); // ramp[0] = #dbeafe
    expect(byValue.at(-1)?.fill).toBe('rgb(30, 58, 138)'); // ramp[4] = #1e3a8a
  });

  it('serves any measure: the fill follows whatever the element put in `value`', async () => {
    // Reverse the measure: now the (1,1) cell has the largest value and must be darkest.
    const reversed = rfmCells().map((c) => ({
      ...c,
      value: 100 - c.value,
      valueText: String(100 - c.value),
    }));
    const { view } = await render(reversed);
    const cells = markItems(view, CELLS);
    expect(brightness(cellAt(cells, 1, 1).fill)).toBeLessThan(brightness(cellAt(cells, 5, 5).fill));
  });

  it('writes each cell value in a colour readable on its fill', async () => {
    const { view } = await render(rfmCells());
    const texts = markItems(view, CELL_TEXT);
    expect(texts).toHaveLength(25);
    const low = texts.find((t) => t.datum.r === 1 && t.datum.f === 1);
    const high = texts.find((t) => t.datum.r === 5 && t.datum.f === 5);
    expect(low?.text).toBe('11');
    expect(low?.fill).toBe(defaultChartTheme.text);
    expect(high?.fill).toBe(defaultChartTheme.background);
  });

  it('leaves empty cells (value NaN) blank instead of colouring them', async () => {
    const cells = rfmCells().map((c) =>
      c.r === 3 && c.f === 3 ? { ...c, value: Number.NaN, valueText: '' } : c,
    );
    const { view, messages } = await render(cells);
    expect(messages).toEqual([]);
    expect(markItems(view, CELLS)).toHaveLength(24);
    expect(markItems(view, CELL_TEXT)).toHaveLength(24);
  });

  it('outlines each segment exactly over its cells and names it', async () => {
    const { view } = await render(rfmCells());
    const cells = markItems(view, CELLS);
    const segments = markItems(view, SEGMENTS);
    const champions = segments.find((s) => s.datum.name === 'Champions');
    expect(champions?.x).toBeCloseTo(cellAt(cells, 4, 4).x ?? Number.NaN, 6);
    expect((champions?.x ?? 0) + (champions?.width ?? 0)).toBeCloseTo(
      cellAt(cells, 5, 5).x2 ?? Number.NaN,
      6,
    );
    expect(champions?.y).toBeCloseTo(cellAt(cells, 5, 5).y ?? Number.NaN, 6);
    expect((champions?.y ?? 0) + (champions?.height ?? 0)).toBeCloseTo(
      cellAt(cells, 4, 4).y2 ?? Number.NaN,
      6,
    );
    expect(champions?.fill).toBeFalsy(); // unfilled: the cells below keep their hover and clicks
    expect(markItems(view, SEGMENT_NAMES).map((t) => t.text)).toEqual(['Champions', 'Hibernating']);
  });

  it("cuts a segment's name at its outline, so side-by-side names never overlap", async () => {
    const { view } = await render(rfmCells());
    const segments = markItems(view, SEGMENTS);
    const names = markItems(view, SEGMENT_NAMES);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const outline = segments.find((s) => s.datum.name === name.datum.name);
      // The text may use the segment's width less the inset on both sides, and no more.
      expect(name.limit).toBeCloseTo((outline?.width ?? Number.NaN) - 8, 6);
    }
  });

  it('ends a name where the next name on its row starts, when segments overlap', async () => {
    const { view } = await renderView(rfmHeatmapVegaSpec, {
      [RFM_HEATMAP_DATASETS.cells]: rfmCells(),
      [RFM_HEATMAP_DATASETS.segments]: [
        { name: "Can't Lose Them", rMin: 1, rMax: 2, fMin: 4, fMax: 5 },
        { name: 'Loyal Customers', rMin: 2, rMax: 5, fMin: 3, fMax: 5 },
        { name: 'About To Sleep', rMin: 2, rMax: 3, fMin: 1, fMax: 2 },
        { name: '', rMin: 3, rMax: 3, fMin: 2, fMax: 2 }, // the selected cell's outline: no name, no room taken
      ],
    });
    const cells = markItems(view, CELLS);
    const cellWidth = (cellAt(cells, 2, 2).x2 ?? Number.NaN) - (cellAt(cells, 2, 2).x ?? Number.NaN);
    const limit = (name: string) => markItems(view, SEGMENT_NAMES).find((t) => t.text === name)?.limit;
    expect(limit("Can't Lose Them")).toBeCloseTo(cellWidth - 8, 6); // up to where Loyal Customers starts
    expect(limit('Loyal Customers')).toBeCloseTo(4 * cellWidth - 8, 6);
    expect(limit('About To Sleep')).toBeCloseTo(2 * cellWidth - 8, 6);
  });
});
