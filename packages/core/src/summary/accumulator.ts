import type { PurchaseOccasions } from '../clv/occasions.js';
import { Float64Builder } from '../util/growable.js';
import { forChunks, type Work } from '../util/work.js';
import { utcDayNumber } from './day.js';
import type { CustomerSummary, PurchaseOccasion } from './types.js';

/** Net amounts up to this fraction of the gross amount are rounding noise, not a purchase. */
const ROUNDING = 1e-9;
/** Nominal cost of finishing one customer. */
const FINISH_COST = 6;

/** Per-customer running totals; one `add` per occasion candidate (a day, an order or a row). */
export class Accumulator {
  readonly firstPurchase: Float64Array;
  readonly lastPurchase: Float64Array;
  readonly frequency: Int32Array;
  readonly rows: Int32Array;
  readonly netRevenue: Float64Array;
  readonly grossRevenue: Float64Array;
  readonly returns: Float64Array;
  readonly windowStartDay: number;
  rowsUsed = 0;
  rowsBeforeWindow = 0;
  /** When recording: the day occasions in customer order, as `purchaseOccasions` lays them out. */
  private recorder: OccasionRecorder | undefined;

  /**
   * Also record each purchase occasion (day start, net value) and count the dropped ones: valid when candidates
   * are days, arrive customer by customer in ascending day order, and there is no window (all history).
   */
  recordOccasions(dayMs: number): void {
    const customers = this.frequency.length;
    this.recorder = {
      dayMs,
      counts: new Int32Array(customers),
      time: new Float64Builder(Math.max(1024, customers * 4)),
      value: new Float64Builder(Math.max(1024, customers * 4)),
      dropped: 0,
      lastCustomer: -1,
      lastDay: Number.NEGATIVE_INFINITY,
      inOrder: true,
    };
  }

  /**
   * The recorded occasions (see {@link recordOccasions}), or undefined when none were recorded or the candidates
   * did not arrive in customer and day order.
   */
  occasions(invalidRows: number): PurchaseOccasions | undefined {
    const r = this.recorder;
    if (r === undefined || !r.inOrder) return undefined;
    const customers = r.counts.length;
    const offsets = new Int32Array(customers + 1);
    for (let c = 0; c < customers; c++) offsets[c + 1] = offsets[c]! + r.counts[c]!;
    return {
      customerCount: customers,
      offsets,
      time: r.time.finish(),
      value: r.value.finish(),
      mergeSameDay: true,
      invalidRows,
      droppedGroups: r.dropped,
    };
  }

  constructor(customers: number, windowStartDay: number) {
    this.windowStartDay = windowStartDay;
    this.firstPurchase = new Float64Array(customers).fill(Number.NaN);
    this.lastPurchase = new Float64Array(customers).fill(Number.NaN);
    this.frequency = new Int32Array(customers);
    this.rows = new Int32Array(customers);
    this.netRevenue = new Float64Array(customers);
    this.grossRevenue = new Float64Array(customers);
    this.returns = new Float64Array(customers);
  }

  add(c: number, day: number, time: number, rows: number, net: number, gross: number, ret: number): void {
    // A free purchase (every row exactly 0, e.g. a promotional item) counts; a cancelled one (+x, −x) does not,
    // even when rounding leaves a crumb (0.1 + 0.2 − 0.3 = 5.6e-17).
    const purchase = net > gross * ROUNDING || (gross === 0 && ret === 0);
    const r = this.recorder;
    if (r !== undefined) {
      if (c < r.lastCustomer || (c === r.lastCustomer && day <= r.lastDay)) r.inOrder = false;
      r.lastCustomer = c;
      r.lastDay = day;
      // purchaseOccasions' rule, the same as `purchase`: a day nets to a purchase, or is a refund (dropped).
      if (purchase) {
        r.counts[c]!++;
        r.time.push(day * r.dayMs);
        r.value.push(net);
      } else r.dropped++;
    }
    if (purchase) {
      // NaN compares false, so the first occasion always wins the `!(… <= …)` tests.
      if (!(this.firstPurchase[c]! <= time)) this.firstPurchase[c] = time;
      if (!(this.lastPurchase[c]! >= time)) this.lastPurchase[c] = time;
    }
    if (day < this.windowStartDay) {
      this.rowsBeforeWindow += rows;
      return;
    }
    this.rowsUsed += rows;
    if (purchase) this.frequency[c]!++;
    this.rows[c]! += rows;
    this.netRevenue[c]! += net;
    this.grossRevenue[c]! += gross;
    this.returns[c]! += ret;
  }

  /** The summary, once every candidate is added; reports its work per chunk of customers. */
  *finishSteps(
    ids: readonly string[],
    asOf: number,
    asOfDay: number,
    windowDays: number | undefined,
    occasion: PurchaseOccasion,
    rows: number,
    rowsInvalid: number,
    rowsAfterAsOf: number,
  ): Work<CustomerSummary> {
    const customers = ids.length;
    const recencyDays = new Float64Array(customers);
    const hasPurchase = new Uint8Array(customers);
    const state: Recency = {
      lastPurchase: this.lastPurchase,
      frequency: this.frequency,
      asOfDay,
      recencyDays,
      hasPurchase,
      customersWithoutPurchase: 0,
      customersWithoutPurchaseInWindow: 0,
    };
    yield* forChunks(customers, FINISH_COST, recencyOf, state);
    const { customersWithoutPurchase, customersWithoutPurchaseInWindow } = state;
    return {
      ids,
      length: customers,
      asOf,
      asOfDay,
      windowDays,
      windowStartDay: this.windowStartDay,
      occasion,
      firstPurchase: this.firstPurchase,
      lastPurchase: this.lastPurchase,
      recencyDays,
      frequency: this.frequency,
      rows: this.rows,
      netRevenue: this.netRevenue,
      grossRevenue: this.grossRevenue,
      returns: this.returns,
      hasPurchase,
      stats: {
        rows,
        rowsUsed: this.rowsUsed,
        rowsAfterAsOf,
        rowsBeforeWindow: this.rowsBeforeWindow,
        rowsInvalid,
        customersWithoutPurchase,
        customersWithoutPurchaseInWindow,
      },
    };
  }
}

/** Inputs, outputs and counts of {@link recencyOf}. */
interface Recency {
  readonly lastPurchase: Float64Array;
  readonly frequency: Int32Array;
  readonly asOfDay: number;
  readonly recencyDays: Float64Array;
  readonly hasPurchase: Uint8Array;
  customersWithoutPurchase: number;
  customersWithoutPurchaseInWindow: number;
}

/** State of {@link Accumulator.recordOccasions}. */
interface OccasionRecorder {
  readonly dayMs: number;
  readonly counts: Int32Array;
  readonly time: Float64Builder;
  readonly value: Float64Builder;
  dropped: number;
  lastCustomer: number;
  lastDay: number;
  inOrder: boolean;
}

/** Recency and purchase flags of customers `from … to − 1`. */
function recencyOf(s: Recency, from: number, to: number): void {
  const { lastPurchase, frequency, asOfDay, recencyDays, hasPurchase } = s;
  let without = s.customersWithoutPurchase;
  let withoutInWindow = s.customersWithoutPurchaseInWindow;
  for (let c = from; c < to; c++) {
    const last = lastPurchase[c]!;
    if (Number.isNaN(last)) {
      recencyDays[c] = Number.NaN;
      without++;
      continue;
    }
    hasPurchase[c] = 1;
    recencyDays[c] = asOfDay - utcDayNumber(last);
    if (frequency[c] === 0) withoutInWindow++;
  }
  s.customersWithoutPurchase = without;
  s.customersWithoutPurchaseInWindow = withoutInWindow;
}
