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

/**
 * The quantiles of `values` at each p, equal (Object.is) to simple-statistics'
 * `quantileSorted(sortedValues, p)` on `Float64Array.from(values).sort()`, without a full sort.
 * Reorders `values` in place (as sorting in place would); copy it first to keep its order.
 * Throws as quantileSorted does: on no values, or a p outside [0, 1].
 * @example quantilesSelect(Float64Array.of(5, 1, 4, 2, 3), [0.1, 0.5, 0.9]) // [1.4, 3, 4.6]
 */
export function quantilesSelect(values: Float64Array, ps: readonly number[]): number[] {
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
  // The order statistics each p reads (quantileSorted's arithmetic, below), selected in ascending order.
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
  let from = 0;
  for (const k of [...wanted].sort((a, b) => a - b)) {
    if (!(k >= 0 && k < numbers)) continue; // a NaN position (or NaN p): the value there already is the answer
    select(values, k, from, numbers - 1);
    from = k + 1;
  }
  return ps.map((p) => {
    const idx = (n - 1) * p;
    if (p === 1) return values[n - 1] as number;
    if (p === 0) return values[0] as number;
    if (idx % 1 !== 0) {
      const lower = Math.floor(idx);
      const upper = Math.ceil(idx);
      const fraction = idx - lower;
      return (values[lower] as number) + fraction * ((values[upper] as number) - (values[lower] as number));
    }
    return values[idx] as number;
  });
}

/**
 * One quantile of `values` by selection: `quantilesSelect(values, [p])[0]`. Reorders `values`.
 * @example quantileSelect(Float64Array.of(3, 1, 2), 0.5) === 2
 */
export function quantileSelect(values: Float64Array, p: number): number {
  return quantilesSelect(values, [p])[0] as number;
}
