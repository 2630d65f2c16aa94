// Published results on the CDNOW 1/10 sample (2,357 customers, weeks), with their sources.

/** /work/shared/data/README.md: Fader, Hardie & Lee (2005) / BTYD walkthrough. */
export const BG_NBD = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262, logLik: -9582.43 } as const;
/** /work/shared/data/README.md: Fader, Hardie & Lee (2005), "RFM and CLV"; BTYD walkthrough. */
export const PARETO_NBD = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, logLik: -9594.98 } as const;
/** /work/shared/data/README.md: Fader & Hardie (2013), note 025 — 946 repeat buyers. */
export const GAMMA_GAMMA = { p: 6.25, q: 3.74, gamma: 15.44, logLik: -4055.92, n: 946 } as const;

/**
 * BTYD 2.4.3 walkthrough (cran/BTYD inst/doc/BTYD-walkthrough.pdf, section 4). The predictions are printed after
 * re-running the estimation twice, so they use the third row of its parameter table, printed to 7 significant
 * digits: r = 0.2425967, α = 4.413659, a = 0.7929869, b = 2.426164.
 */
export const BTYD_BG_NBD = {
  params: { r: 0.2425967, alpha: 4.413659, a: 0.7929869, b: 2.426164 },
  /** Printing precision of the parameters (half a unit of the 7th significant digit). */
  paramHalfWidth: { r: 5e-8, alpha: 5e-7, a: 5e-8, b: 5e-7 },
  /** bgnbd.Expectation(params, t = 52) */
  expectation52: 1.444004,
  /** customer "1516": x = 26, t.x = 30.85714, T.cal = 31; T.star = 52 */
  customer1516: { x: 26, tx: 30.857143, T: 31, expected52: 25.75659, pAlive: 0.9688523 },
  /** "increasing frequency paradox": t.x = 20, T.cal = 39, T.star = 52, x = 10, 15, 20, 25 */
  paradox: [
    { x: 10, expected: 0.3474606 },
    { x: 15, expected: 0.04283391 },
    { x: 20, expected: 0.004158973 },
    { x: 25, expected: 0.0003583685 },
  ],
  /** bgnbd.PlotFreqVsConditionalExpectedFrequency(params, T.star = 39, cal.cbs, x.star, censor = 7) */
  holdout: {
    actual: [0.2367116, 0.6970387, 1.392523, 1.56, 2.532258, 2.947368, 3.862069, 6.359375],
    expected: [0.2250893, 0.5231364, 1.044126, 1.520256, 2.163824, 2.653789, 3.503957, 6.157036],
    customers: [1411, 439, 214, 100, 62, 38, 29, 64],
  },
  /** bgnbd.PlotTrackingCum, weeks 20 … 25 of 78 (origin 1997-01-01). */
  cumulative: {
    weeks: [20, 21, 22, 23, 24, 25],
    actual: [1359, 1414, 1484, 1517, 1573, 1672],
    expected: [1312.458, 1387.346, 1460.392, 1531.713, 1601.418, 1669.6],
  },
} as const;

/**
 * BTYD 2.4.3 walkthrough, section 3 (Pareto/NBD). Parameters are printed rounded to 3 decimals
 * (0.553, 10.580, 0.606, 11.658 after the re-estimation loop).
 */
export const BTYD_PARETO_NBD = {
  params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.658 },
  paramHalfWidth: { r: 5e-4, alpha: 5e-4, s: 5e-4, beta: 5e-4 },
  expectation52: 1.473434,
  customer1516: { x: 26, tx: 30.857143, T: 31, expected52: 25.45647, pAlive: 0.997874 },
  paradox: [
    { x: 10, expected: 0.7062289 },
    { x: 15, expected: 0.1442396 },
    { x: 20, expected: 0.02250658 },
    { x: 25, expected: 0.00309267 },
  ],
} as const;

/**
 * lifetimes README (CamDavidsonPilon/lifetimes): Gamma-Gamma fitted on cdnow_customers_summary_with_transactions
 * (946 repeat buyers), `conditional_expected_average_profit(...).head()` printed to 6 decimals.
 */
export const LIFETIMES_GAMMA_GAMMA_SPEND = [
  { id: '1', value: 24.658616 },
  { id: '2', value: 18.91148 },
  { id: '3', value: 35.171003 },
  { id: '6', value: 71.462851 },
  { id: '9', value: 27.282408 },
] as const;
