/*
 * W. J. Cody's rational Chebyshev approximations (Math. Comp. 1969; SPECFUN, ACM TOMS 715, 1993) in the
 * arrangement of R's pnorm_both, with the exp(−x²/2) split that keeps full relative accuracy in the
 * lower tail. The published coefficients are written as the doubles they round to.
 */
const A = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356];
const A4 = 0.06568233791820745;
const B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
const C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978,
];
const C8 = 1.0765576773720192e-8;
const D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
];
const P = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 2.9112874951168793e-5,
];
const P5 = 0.023073441764940174;
const Q = [
  1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 0.00007297515550839662,
];
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;
const SQRT_32 = 5.656854249492381;
/** Beyond this |x| the lower tail underflows to 0 (and the upper rounds to 1). */
const UNDERFLOW = 38.5;

/**
 * The standard normal cdf Φ(x) = P(Z ≤ x), accurate to about 1e-15 relative, including deep in the
 * lower tail (Φ(−37) ≈ 5.7e-300); for the upper tail use `normalCdf(−x)`, which is as accurate.
 *
 * @param x a z-score (dimensionless).
 * @example normalCdf(1.959963984540054) // 0.975
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= 0.66291) {
    const xsq = x * x;
    let num = A4 * xsq;
    let den = xsq;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]!) * xsq;
      den = (den + B[i]!) * xsq;
    }
    return 0.5 + (x * (num + A[3]!)) / (den + B[3]!);
  }
  if (y >= UNDERFLOW) return x > 0 ? 1 : 0;
  let tail: number;
  if (y <= SQRT_32) {
    let num = C8 * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    tail = (num + C[7]!) / (den + D[7]!);
  } else {
    const xsq = 1 / (x * x);
    let num = P5 * xsq;
    let den = xsq;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]!) * xsq;
      den = (den + Q[i]!) * xsq;
    }
    tail = (ONE_OVER_SQRT_TWO_PI - (xsq * (num + P[4]!)) / (den + Q[4]!)) / y;
  }
  // exp(−y²/2) as exp(−s²/2)·exp(−(y − s)(y + s)/2) with s = y rounded down to 1/16: s² is exact.
  const s = Math.floor(y * 16) / 16;
  const upperTail = Math.exp(-s * s * 0.5) * Math.exp(-(y - s) * (y + s) * 0.5) * tail;
  return x > 0 ? 1 - upperTail : upperTail;
}
