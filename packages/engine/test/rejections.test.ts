import { describe, expect, it } from 'vitest';
import { InlineEngine, LOAD_REPORT_REJECTIONS } from '../src/index.js';

describe('rejected rows of a load', () => {
  it('sends the first rejected rows with the load and pages through the rest', async () => {
    const lines = ['customerId,date,amount'];
    for (let i = 0; i < 1000; i++) lines.push(i % 2 ? `c${i},2024-01-01,${i}` : `,2024-01-01,${i}`);
    const engine = new InlineEngine();
    const { handle, report, rejectionsKept } = await engine.load({
      kind: 'bytes',
      bytes: new TextEncoder().encode(lines.join('\n')),
      options: { now: Date.UTC(2025, 0, 1) },
    });
    expect(report).toMatchObject({ total: 1000, accepted: 500, rejected: 500 });
    expect(report?.rejections).toHaveLength(LOAD_REPORT_REJECTIONS);
    expect(rejectionsKept).toBe(500);
    const page = await engine.rejections(handle, 490, 20);
    expect(page.total).toBe(500);
    expect(page.rows.map((r) => r.row)).toEqual([981, 983, 985, 987, 989, 991, 993, 995, 997, 999]);
    expect(page.rows[0]).toMatchObject({ field: 'customerId', code: 'missing-value' });
    await expect(engine.rejections(handle, -1, 5)).rejects.toMatchObject({ code: 'invalid-request' });
    await engine.dispose();
  });
});
