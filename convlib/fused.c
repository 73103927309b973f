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

/* Outputs summed at once in a tile: eight vector registers' worth, which the compiler keeps
 * in eight registers (enough independent sums to keep both multiply-add units of a core busy). */
#define TILE (8 * VECTOR_BYTES / (long)sizeof(real))
#define VECTOR (VECTOR_BYTES / (long)sizeof(real))   /* numbers in one vector register */

/* A tile pair is two rows of VECTORS registers: 12 registers of sums, 2 of weights and 1 of input,
 * 15 of AVX2's 16. */
#define VECTORS 6
#define PAIR (VECTORS * VECTOR)                       /* outputs per row of a tile pair */

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

/* For tile pairs: VECTOR numbers in one register, loaded from and stored to any address. */
typedef real vec __attribute__((vector_size(VECTOR_BYTES)));

static inline __attribute__((always_inline)) vec load(const real *x)
{
    vec v;
    __builtin_memcpy(&v, x, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) void store(real *y, vec v)
{
    __builtin_memcpy(y, &v, sizeof v);
}

/* One row of a tile pair: acc += w x, for VECTORS registers of x. */
static inline __attribute__((always_inline)) void
add_row(vec *acc, const real *x, real w)
{
    for (int c = 0; c < VECTORS; c++) acc[c] += w * load(x + c * VECTOR);
}

/* Both rows of a tile pair from one load of x: top += w_top x, bottom += w_bottom x. */
static inline __attribute__((always_inline)) void
add_rows(vec *top, vec *bottom, const real *x, real w_top, real w_bottom)
{
    for (int c = 0; c < VECTORS; c++) {
        vec v = load(x + c * VECTOR);
#ifdef __x86_64__
        __asm__("" : "+x"(v));   /* keep v in a register: else GCC loads it once per row */
#endif
        top[c] += w_top * v;
        bottom[c] += w_bottom * v;
    }
}

/* One tile pair: outputs j0 ... j0 + PAIR - 1 of rows i and i + 1, dilation 1 down the rows.
 * Input row i + s feeds row i through kernel row s and row i + 1 through kernel row s - 1,
 * so a vector of each input row but the first and the last is loaded once for two outputs:
 * kh + 1 rows of loads, where two tiles make 2 kh. */
static inline __attribute__((always_inline)) void
tile_pair(const real *X, long W, const real *K, long kh, long kw, long dw,
          real *Y, long ow, long i, long j0)
{
    vec top[VECTORS] = {0}, bottom[VECTORS] = {0};   /* the pair, in registers */
    for (long s = 0; s <= kh; s++) {                  /* input row i + s */
        const real *row = X + (i + s) * W + j0;
        const real *k_top = K + s * kw;                   /* kernel row s (past the end: s = kh) */
        if (s == 0) {                                     /* feeds the top row only */
            for (long b = 0; b < kw; b++) add_row(top, row + b * dw, k_top[b]);
            continue;
        }
        const real *k_bottom = k_top - kw;                /* kernel row s - 1 */
        if (s == kh)                                      /* feeds the bottom row only */
            for (long b = 0; b < kw; b++) add_row(bottom, row + b * dw, k_bottom[b]);
        else                                              /* feeds both */
            for (long b = 0; b < kw; b++)
                add_rows(top, bottom, row + b * dw, k_top[b], k_bottom[b]);
    }
    for (int c = 0; c < VECTORS; c++) {                  /* written once */
        store(Y + i * ow + j0 + c * VECTOR, top[c]);
        store(Y + (i + 1) * ow + j0 + c * VECTOR, bottom[c]);
    }
}

/* Y (oh, ow) = sum over taps (a, b) of K[a][b] times X shifted by (a dh, b dw).
 * X has rows of W elements and at least (oh - 1) + dh (kh - 1) + 1 of them.
 * Rows go in pairs, as tile pairs, when they are at least PAIR wide and the dilation down the
 * rows is 1; the rest (a last odd row, narrow images, dilated rows) go row by row, in tiles. */
void correlate(const real *X, long W, const real *K, long kh, long kw, long dh, long dw,
               real *Y, long oh, long ow, int threads)
{
    long pairs = (dh == 1 && ow >= PAIR) ? oh / 2 : 0;
    #pragma omp parallel num_threads(threads) \
        if (threads > 1 && oh * ow * kh * kw > PARALLEL_WORK)
    {
        #pragma omp for schedule(static) nowait
        for (long p = 0; p < pairs; p++)
            for (long j0 = 0; j0 < ow; j0 += PAIR)        /* the last pair ends at the row's */
                tile_pair(X, W, K, kh, kw, dw, Y, ow, 2 * p,  /* end, redoing a few outputs */
                          j0 + PAIR <= ow ? j0 : ow - PAIR);
        #pragma omp for schedule(static)
        for (long i = 2 * pairs; i < oh; i++) {
            if (ow < TILE) {                              /* a narrow image: one short tile */
                tile(X, W, K, kh, kw, dh, dw, Y, ow, i, 0, ow);
                continue;
            }
            for (long j0 = 0; j0 < ow; j0 += TILE)        /* as for pairs */
                tile(X, W, K, kh, kw, dh, dw, Y, ow, i, j0 + TILE <= ow ? j0 : ow - TILE, TILE);
        }
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
