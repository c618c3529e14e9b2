// Percentiles by selection: the value simple-statistics' quantileSorted gives on the sorted column
// (R/NumPy type 7: linear interpolation between the order statistics at floor and ceil of (n - 1)p),
// found without sorting it. Floyd–Rivest selection puts the k-th smallest at index k with nothing
// larger before it and nothing smaller after, in O(n) on average; the order statistics of several
// percentiles are selected in ascending order, each in the part the last one left above it.
//
// "Smallest" is Float64Array.prototype.sort's order, so the order statistics are the sorted array's,
// bit for bit: numeric, -0 before +0, NaN after everything.

/** Float64Array sort's order on numbers that are not NaN: numeric, and -0 before +0. */
function compare(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === 0) {
    const ia = 1 / a;
    const ib = 1 / b;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  }
  return 0;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

// Floyd–Rivest (as in the quickselect package, ISC licence): rearranges a[left..right] so that a[k]
// is the value sorting would put there, everything before it no larger and everything after no smaller.
function select(a: Float64Array, k: number, left: number, right: number): void {
  // At either end of the range the order statistic is its least or greatest value: one scan.
  if (k === left || k === right) {
    let best = k;
    for (let i = left; i <= right; i++) {
      const c = compare(a[i] as number, a[best] as number);
      if (k === left ? c < 0 : c > 0) best = i;
    }
    swap(a, k, best);
    return;
  }
  while (right > left) {
    if (right - left > 600) {
      // Narrow to a sample around where k should fall, then partition on the sample's k-th.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(a, k, newLeft, newRight);
    }
    const t = a[k] as number;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (compare(a[right] as number, t) > 0) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (compare(a[i] as number, t) < 0) i++;
      while (compare(a[j] as number, t) > 0) j--;
    }
    if (compare(a[left] as number, t) === 0) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

// Selects the order statistics ks[from..to] within a[left..right]: the middle one first, then each
// half's in the part on its side, so every element is partitioned about log(count) times, not once per k.
function selectAll(
  a: Float64Array,
  ks: readonly number[],
  from: number,
  to: number,
  left: number,
  right: number,
): void {
  if (from > to) return;
  const mid = (from + to) >> 1;
  const k = ks[mid] as number;
  select(a, k, left, right);
  selectAll(a, ks, from, mid - 1, left, k - 1);
  selectAll(a, ks, mid + 1, to, k + 1, right);
}

/**
 * The quantiles of `values` at each p, equal (Object.is) to simple-statistics'
 * `quantileSorted(sortedValues, p)` on `Float64Array.from(values).sort()`, without a full sort.
 * May reorder `values` in place (as sorting in place would); copy it first to keep its order.
 * Throws as quantileSorted does: on no values, or a p outside [0, 1].
 * @example quantilesSelect(Float64Array.of(5, 1, 4, 2, 3), [0.1, 0.5, 0.9]) // [1.4, 3, 4.6]
 */
export function quantilesSelect(values: Float64Array, ps: readonly number[]): number[] {
  const stats = orderStatistics(values, ps);
  return ps.map((p) => quantileOfStatistics(stats, values.length, p));
}

/**
 * The order statistics (rank → value, in Float64Array sort's order) that the quantiles at `ps` of
 * `values` read. May reorder `values`. Throws as quantileSorted does.
 * @example orderStatistics(Float64Array.of(3, 1, 2), [0.5]).get(1) === 2
 */
export function orderStatistics(values: Float64Array, ps: readonly number[]): Map<number, number> {
  const n = values.length;
  if (n === 0) throw new Error("quantile requires at least one data point.");
  for (const p of ps) if (p < 0 || p > 1) throw new Error("quantiles must be between 0 and 1");
  // NaN sorts last: move every NaN to the end, and select among the rest.
  let last = n - 1;
  for (let i = 0; i <= last; i++) {
    if (Number.isNaN(values[i] as number)) {
      while (last > i && Number.isNaN(values[last] as number)) last--;
      swap(values, i, last);
      last--;
    }
  }
  const numbers = last + 1;
  // The order statistics each p reads (quantileSorted's arithmetic, in quantileOfStatistics).
  const wanted = new Set<number>();
  for (const p of ps) {
    const idx = (n - 1) * p;
    if (p === 1) wanted.add(n - 1);
    else if (p === 0) wanted.add(0);
    else if (idx % 1 !== 0) {
      wanted.add(Math.floor(idx));
      wanted.add(Math.ceil(idx));
    } else wanted.add(idx);
  }
  const ks = [...wanted].filter((k) => k >= 0 && k < numbers).sort((a, b) => a - b);
  const stats = new Map<number, number>();
  if (numbers < BUCKETS_FROM || !bucketSelect(values, ks, numbers, stats)) {
    selectAll(values, ks, 0, ks.length - 1, 0, numbers - 1);
    for (const k of ks) stats.set(k, values[k] as number);
  }
  // A NaN position (or NaN p) needs no selection: the value there already is the answer.
  for (const k of wanted) if (!stats.has(k)) stats.set(k, values[k] as number);
  return stats;
}

/**
 * The quantile at p of n values from their order statistics (type 7, as quantileSorted), each
 * first passed through `map`: for a non-decreasing map, the quantile of the mapped values.
 * @example quantileOfStatistics(orderStatistics(Float64Array.of(1, 2), [0.5]), 2, 0.5) === 1.5
 */
export function quantileOfStatistics(
  stats: ReadonlyMap<number, number>,
  n: number,
  p: number,
  map: (v: number) => number = (v) => v,
): number {
  const at = (i: number) => map(stats.get(i) as number);
  const idx = (n - 1) * p;
  if (p === 1) return at(n - 1);
  if (p === 0) return at(0);
  if (idx % 1 !== 0) {
    const lower = Math.floor(idx);
    const upper = Math.ceil(idx);
    const fraction = idx - lower;
    return at(lower) + fraction * (at(upper) - at(lower));
  }
  return at(idx);
}

// Below this many values selection alone is as quick as counting into buckets first.
const BUCKETS_FROM = 2048;
const BUCKETS = 4096;

// Order statistics by counting: one pass finds the range, one counts the values into equal-width
// buckets, one gathers the few values of the buckets the wanted ranks fall in; selection among
// those gives them exactly. The bucket of a value never decreases as the value grows, so a bucket's
// values are the sorted array's over a contiguous run of ranks. Branch-light passes, where
// partitioning random paths mispredicts about every other comparison (measured: 3–5× faster on
// 10,000 paths). Returns false, leaving the caller to select, when the range is not finite and positive.
// Each pass over the values is its own small function: V8 optimises a hot loop while the rest of
// its function has never run, and then throws the optimised code away on reaching the rest (measured:
// 21 such deoptimisations in one 10,000-path run when the passes were one function).
function bucketSelect(
  values: Float64Array,
  ks: readonly number[],
  numbers: number,
  out: Map<number, number>,
): boolean {
  const min = least(values, numbers);
  const max = greatest(values, numbers);
  if (!(Number.isFinite(min) && Number.isFinite(max) && max > min)) return false;
  const scale = BUCKETS / (max - min);
  const counts = countBuckets(values, numbers, min, scale);
  counts[BUCKETS - 1] = (counts[BUCKETS - 1] as number) + (counts[BUCKETS] as number);
  counts[BUCKETS] = 0;
  // Each wanted rank's bucket and how many values lie below that bucket.
  const wanted = new Uint8Array(BUCKETS + 1);
  const bucketOfRank: number[] = [];
  const belowRank: number[] = [];
  let below = 0;
  let b = 0;
  for (const k of ks) {
    while (below + (counts[b] as number) <= k) below += counts[b++] as number;
    wanted[b] = 1;
    bucketOfRank.push(b);
    belowRank.push(below);
  }
  // The extra bucket is part of the last one.
  wanted[BUCKETS] = wanted[BUCKETS - 1] as number;
  const buckets = [...new Set(bucketOfRank)];
  let gathered = 0;
  for (const c of buckets) gathered += counts[c] as number;
  const few = gather(values, numbers, min, scale, wanted, gathered);
  // A rank's place among the gathered values: its rank less the values of the unwanted buckets below it.
  const local = ks.map((k, i) => {
    let wantedBelow = 0;
    for (const c of buckets) if (c < (bucketOfRank[i] as number)) wantedBelow += counts[c] as number;
    return k - ((belowRank[i] as number) - wantedBelow);
  });
  selectAll(few, local, 0, local.length - 1, 0, gathered - 1);
  ks.forEach((k, i) => out.set(k, few[local[i] as number] as number));
  return true;
}

function least(values: Float64Array, numbers: number): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < numbers; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
  }
  return min;
}

function greatest(values: Float64Array, numbers: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < numbers; i++) {
    const v = values[i] as number;
    if (v > max) max = v;
  }
  return max;
}

// (v − min) · scale lies in [0, BUCKETS], BUCKETS for the maximum only (the caller folds it into the
// last): truncation is floor.
function countBuckets(values: Float64Array, numbers: number, min: number, scale: number): Int32Array {
  const counts = new Int32Array(BUCKETS + 1);
  for (let i = 0; i < numbers; i++) {
    const c = (((values[i] as number) - min) * scale) | 0;
    counts[c] = (counts[c] as number) + 1;
  }
  return counts;
}

function gather(
  values: Float64Array,
  numbers: number,
  min: number,
  scale: number,
  wanted: Uint8Array,
  gathered: number,
): Float64Array {
  const few = new Float64Array(gathered);
  let j = 0;
  for (let i = 0; i < numbers; i++) {
    const v = values[i] as number;
    if (wanted[((v - min) * scale) | 0]) few[j++] = v;
  }
  return few;
}

/**
 * One quantile of `values` by selection: `quantilesSelect(values, [p])[0]`. Reorders `values`.
 * @example quantileSelect(Float64Array.of(3, 1, 2), 0.5) === 2
 */
export function quantileSelect(values: Float64Array, p: number): number {
  return quantilesSelect(values, [p])[0] as number;
}
