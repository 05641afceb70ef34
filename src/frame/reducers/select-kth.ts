/**
 * The k-th smallest of `a[0..n)` (0-based) by Hoare's quickselect with a
 * median-of-three pivot, rearranging `a` in place so that `a[0..k)` <= a[k] <= `a[k+1..n)`.
 * Average O(n); no allocation. Values must not be NaN.
 *
 * @example
 * selectKth(Float64Array.of(5, 1, 4, 2, 3), 5, 2); // 3
 */
export function selectKth(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // Median-of-three guards against sorted input, which light curves often are.
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
