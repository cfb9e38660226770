// Small numeric helpers for the benchmark.

/**
 * The q-quantile (0..1) of sorted values, nearest rank; null when there are none.
 * @param {readonly number[]} sorted ascending
 * @param {number} q
 */
export function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

/** @param {readonly number[]} values */
export function median(values) {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * Least-squares line y = a + b·x.
 * @param {readonly (readonly [number, number])[]} points
 */
export function linearFit(points) {
  const n = points.length;
  if (n < 2) return { a: n ? points[0][1] : 0, b: 0 };
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of points) {
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const b = (n * sxy - sx * sy) / (n * sxx - sx * sx || 1);
  return { a: (sy - b * sx) / n, b };
}

/**
 * The promise's value, or 'timeout' after `ms` milliseconds.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T | 'timeout'>}
 */
export async function withTimeout(promise, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const expired = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return /** @type {T | 'timeout'} */ (await Promise.race([promise, expired]));
  } finally {
    clearTimeout(timer);
  }
}
