/**
 * A set of sequences in compressed-row form: sequence `s` has the events `eventStart[s] … eventStart[s + 1] − 1`,
 * event `e` has the items `item[itemStart[e]] … item[itemStart[e + 1] − 1]`. Within a sequence, events are in
 * strictly increasing `eventTime`; within an event, item codes are strictly increasing (a set, sorted).
 *
 * A sequence is one customer's history; an event is one order (or one day of orders); an item code indexes
 * `items`. This is the data of the SPADE paper and of arulesSequences' `read_baskets` (`sequenceID eventID SIZE
 * item…`), with `eventTime` playing the part of the eventID.
 */
export interface SequenceDatabase {
  /** Number of sequences: the denominator of every support. */
  readonly sequences: number;
  /** Label of each sequence (customer id, or the sequenceID of the text format). */
  readonly ids: readonly string[];
  /** Label of each item code. */
  readonly items: readonly string[];
  /** Offsets of each sequence's events: length `sequences + 1`. */
  readonly eventStart: Int32Array;
  /** Time of each event (the eventID): strictly increasing within a sequence; `maxGap` is measured in it. */
  readonly eventTime: Float64Array;
  /** Offsets of each event's items: length `events + 1`. */
  readonly itemStart: Int32Array;
  /** Item codes, strictly increasing within each event. */
  readonly item: Int32Array;
}

/** A frequent sequence: its elements (item codes, ascending within each element), support and maximality. */
export interface SequencePattern {
  /** The elements in order; each is a set of item codes, ascending. `[[0, 1], [2]]` is <{0,1},{2}>. */
  readonly elements: readonly (readonly number[])[];
  /** Fraction of the sequences that contain the pattern: `count / sequences`. */
  readonly support: number;
  /** Number of sequences that contain the pattern. */
  readonly count: number;
  /** True when no other pattern of the result contains this one. */
  readonly maximal: boolean;
}

/** Options of {@link mineSequences}. */
export interface MineSequencesOptions {
  /** Minimum support, a fraction of the sequences in (0, 1]: a pattern is frequent when `count / n ≥ minSupport`. */
  readonly minSupport: number;
  /**
   * Maximum time between consecutive elements of an occurrence, in `eventTime` units (arulesSequences' `maxgap`):
   * an occurrence matches element j + 1 at an event at most `maxGap` after the event of element j. Default: none.
   */
  readonly maxGap?: number;
  /** Maximum number of elements of a pattern (arulesSequences' `maxlen`). Default: no limit. */
  readonly maxLength?: number;
  /** Maximum number of items in one element (arulesSequences' `maxsize`). Default: no limit. */
  readonly maxSize?: number;
  /**
   * Stop with a `RangeError` when more than this many patterns are frequent (raise `minSupport`, or lower
   * `maxLength`). Default 100,000.
   */
  readonly maxPatterns?: number;
}

/** What {@link mineSequences} found. */
export interface SequenceMining {
  /** The frequent patterns by support (descending), then items, then elements (ascending), then item codes. */
  readonly patterns: readonly SequencePattern[];
  /** Number of sequences (the support denominator). */
  readonly sequences: number;
  /** The smallest count that is frequent: the least `c` with `c / sequences ≥ minSupport`. */
  readonly minCount: number;
  /** Item labels, for {@link sequenceLabel}. */
  readonly items: readonly string[];
  readonly minSupport: number;
  readonly maxGap: number | undefined;
  readonly maxLength: number | undefined;
  readonly maxSize: number | undefined;
}

/** A sequence rule: a frequent sequence split into everything but its last element ⇒ its last element. */
export interface SequenceRule {
  /** All elements of the sequence but the last. */
  readonly lhs: readonly (readonly number[])[];
  /** The last element, as a sequence of one element. */
  readonly rhs: readonly (readonly number[])[];
  /** Support of the whole sequence (lhs followed by rhs). */
  readonly support: number;
  /** Sequences containing the whole sequence. */
  readonly count: number;
  /** support(sequence) / support(lhs). */
  readonly confidence: number;
  /** confidence / support(rhs). */
  readonly lift: number;
}
