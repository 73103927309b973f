/* The fused correlation: every tap of the kernel applied while a tile of outputs sits in
 * registers, so that memory sees the input read once and the output written once.
 *
 * convlib/fused.py compiles this file on the reader's machine (cc -O3 -march=native
 * -fopenmp), once with real = float and once with real = double, and calls it with ctypes.
 * Arrays are row-major and contiguous; sizes are in elements.
 */
#ifdef _OPENMP
#include <omp.h>
#endif

#ifndef real
#define real float
#endif

#ifdef __AVX512F__
#define VECTOR_BYTES 64   /* one AVX-512 register */
#else
#define VECTOR_BYTES 32   /* one AVX2 register */
#endif

/* Outputs summed at once: eight vector registers' worth, which the compiler keeps in eight
 * registers (enough independent sums to keep both multiply-add units of a core busy). */
#define TILE (8 * VECTOR_BYTES / (long)sizeof(real))
#define VECTOR (VECTOR_BYTES / (long)sizeof(real))   /* numbers in one vector register */

/* Below this many multiply-adds, a second thread costs more than it saves. */
#define PARALLEL_WORK (1L << 17)

/* One tile: outputs j0 ... j0 + n - 1 of row i, n <= TILE. Called with n = TILE, a constant
 * the compiler turns into vector instructions, except on an image narrower than a tile. */
static inline __attribute__((always_inline)) void
tile(const real *X, long W, const real *K, long kh, long kw, long dh, long dw,
     real *Y, long ow, long i, long j0, long n)
{
    real acc[TILE] = {0};                               /* the tile, in registers */
    for (long a = 0; a < kh; a++) {
        const real *row = X + (i + a * dh) * W + j0;
        for (long b = 0; b < kw; b++) {
            const real w = K[a * kw + b];
            const real *x = row + b * dw;
            for (long t = 0; t < n; t++) acc[t] += w * x[t];   /* one multiply-add each */
        }
    }
    for (long t = 0; t < n; t++) Y[i * ow + j0 + t] = acc[t];   /* written once */
}

/* Y (oh, ow) = sum over taps (a, b) of K[a][b] times X shifted by (a dh, b dw).
 * X has rows of W elements and at least (oh - 1) + dh (kh - 1) + 1 of them. */
void correlate(const real *X, long W, const real *K, long kh, long kw, long dh, long dw,
               real *Y, long oh, long ow, int threads)
{
    #pragma omp parallel for num_threads(threads) schedule(static) \
        if (threads > 1 && oh * ow * kh * kw > PARALLEL_WORK)
    for (long i = 0; i < oh; i++) {
        if (ow < TILE) {                                  /* a narrow image: one short tile */
            tile(X, W, K, kh, kw, dh, dw, Y, ow, i, 0, ow);
            continue;
        }
        for (long j0 = 0; j0 < ow; j0 += TILE)            /* the last tile ends at the row's */
            tile(X, W, K, kh, kw, dh, dw, Y, ow, i,       /* end, redoing a few outputs */
                 j0 + TILE <= ow ? j0 : ow - TILE, TILE);
    }
}

/* The kernel's gradient: dK[a][b] = sum over i, j of G[i][j] X[i + a dh][j + b dw], for
 * G (oh, ow) the gradient of the output. Rows are taken in bands of a few, so that a band of
 * G and of X stays in cache while every tap's dot product runs over it; each thread adds
 * its bands into its own row of parts (threads, kh kw), summed by the caller. */
#define BAND 8

void correlate_weight(const real *X, long W, const real *G, long oh, long ow, long kh,
                      long kw, long dh, long dw, double *parts, int threads)
{
    long bands = (oh + BAND - 1) / BAND;
    #pragma omp parallel num_threads(threads) \
        if (threads > 1 && oh * ow * kh * kw > PARALLEL_WORK)
    {
        int me = 0;
#ifdef _OPENMP
        me = omp_get_thread_num();
#endif
        double *mine = parts + me * kh * kw;
        #pragma omp for schedule(static)
        for (long band = 0; band < bands; band++) {
            long i1 = (band + 1) * BAND < oh ? (band + 1) * BAND : oh;
            for (long a = 0; a < kh; a++) {
                for (long b = 0; b < kw; b++) {
                    real acc[TILE] = {0}, rest[VECTOR] = {0};
                    double tail = 0;
                    for (long i = band * BAND; i < i1; i++) {
                        const real *g = G + i * ow;
                        const real *x = X + (i + a * dh) * W + b * dw;
                        long j = 0;
                        for (; j + TILE <= ow; j += TILE)
                            for (long t = 0; t < TILE; t++) acc[t] += g[j + t] * x[j + t];
                        for (; j + VECTOR <= ow; j += VECTOR)      /* one vector at a time */
                            for (long t = 0; t < VECTOR; t++) rest[t] += g[j + t] * x[j + t];
                        for (; j < ow; j++) tail += g[j] * x[j];
                    }
                    double sum = tail;
                    for (long t = 0; t < TILE; t++) sum += acc[t];
                    for (long t = 0; t < VECTOR; t++) sum += rest[t];
                    mine[a * kw + b] += sum;
                }
            }
        }
    }
}
