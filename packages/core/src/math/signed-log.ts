/** A real number stored as sign · e^logAbs, so values far outside the double range can be carried and combined. */
export interface SignedLog {
  readonly logAbs: number;
  /** −1, 0 or +1 (0 with logAbs = −Infinity for an exact zero; NaN when undefined). */
  readonly sign: number;
}
