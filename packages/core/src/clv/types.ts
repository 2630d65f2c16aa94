/**
 * Per-customer sufficient statistics of the BTYD models, columnar, in model time units:
 * x = repeat purchase occasions in the calibration period, tx = time of the last purchase since the first (0 when
 * x = 0), T = time from the first purchase to the end of calibration.
 */
export interface RfmArrays {
  readonly x: ArrayLike<number>;
  readonly tx: ArrayLike<number>;
  readonly T: ArrayLike<number>;
}

/** {@link RfmArrays} with optional integer weights (number of customers sharing the row). */
export interface RfmInput extends RfmArrays {
  readonly weight?: ArrayLike<number>;
}

/** BG/NBD parameters (Fader, Hardie & Lee 2005): λ ~ Gamma(r, α) (rate α), dropout p ~ Beta(a, b). */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** Pareto/NBD parameters: λ ~ Gamma(r, α), dropout rate μ ~ Gamma(s, β) (rates α, β). */
export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

/**
 * Gamma-Gamma spend parameters (Fader & Hardie 2013, note 025): each purchase's value ~ Gamma(p, ν), the
 * customer's ν ~ Gamma(q, γ) (rate γ). Mean spend per purchase across customers = p γ / (q − 1).
 */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/** Result of a maximum-likelihood fit. */
export interface FitResult<P> {
  readonly params: P;
  /** Maximised log-likelihood (sum over customers, all constants included — comparable with BTYD / lifetimes). */
  readonly logLik: number;
  /**
   * True when the optimiser met its gradient criterion (max |∂ mean log-lik / ∂ log θ| ≤ gradientTolerance) — not
   * merely because it stopped.
   */
  readonly converged: boolean;
  readonly iterations: number;
  /** Standard errors on the natural scale (delta method from the log-parameter Hessian); NaN if not defined. */
  readonly standardErrors: P;
  /**
   * Covariance of the log-parameters ln(params), row-major k × k in the order of `params`' keys (the order the
   * likelihood takes them): the inverse Hessian of the total negative log-likelihood in log space. NaN-filled when
   * not defined (Hessian not positive definite, or standard errors not computed).
   */
  readonly covariance: Float64Array;
  /** Number of customers (sum of weights) the fit used. */
  readonly n: number;
  /** Number of distinct rows after collapsing identical inputs (Gamma-Gamma does not collapse: the rows it used). */
  readonly rows: number;
  /** Max |gradient| of the mean log-likelihood with respect to the log-parameters at the returned point. */
  readonly gradientNorm: number;
  /** Number of starting points run (runs stop once two converge to the same optimum); the best is returned. */
  readonly starts: number;
  readonly message: string;
}

/** Options shared by the fitters. */
export interface FitOptions<P> {
  /** Starting points (natural scale); default: a few deterministic, data-scaled starts. */
  readonly starts?: readonly P[];
  /** Convergence criterion on the mean log-likelihood gradient w.r.t. log-parameters. Default 1e-7. */
  readonly gradientTolerance?: number;
  readonly maxIterations?: number;
  /** Compute standard errors (a numerical Hessian at the optimum). Default true. */
  readonly standardErrors?: boolean;
}
