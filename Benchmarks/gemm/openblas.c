// GFLOP/s of OpenBLAS's sgemm on one row-major product (rows columns depth from the command line),
// with OpenBLAS's own threads set to 1 and to 2 (best of 5), and whether the two give the same bytes.
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s ROWS COLUMNS DEPTH\n", argv[0]); return 2; }
    int m = atoi(argv[1]), n = atoi(argv[2]), k = atoi(argv[3]);
    float *a = malloc(sizeof(float) * m * k), *b = malloc(sizeof(float) * k * n);
    float *c[2] = {malloc(sizeof(float) * m * n), malloc(sizeof(float) * m * n)};
    srand(1);
    for (long i = 0; i < (long)m * k; i++) a[i] = rand() / (float)RAND_MAX - 0.5f;
    for (long i = 0; i < (long)k * n; i++) b[i] = rand() / (float)RAND_MAX - 0.5f;
    printf("OpenBLAS %s, %d×%d×%d\n", openblas_get_corename(), m, n, k);
    for (int threads = 1; threads <= 2; threads++) {
        openblas_set_num_threads(threads);
        double best = 1e9;
        for (int run = 0; run < 5; run++) {
            double start = now();
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c[threads - 1], n);
            double elapsed = now() - start;
            if (elapsed < best) best = elapsed;
        }
        printf("  %d thread(s): %.1f GFLOP/s\n", threads, 2.0 * m * n * k / best / 1e9);
    }
    printf("  same bytes on 1 and 2 threads: %s\n", memcmp(c[0], c[1], sizeof(float) * m * n) ? "no" : "yes");
    return 0;
}
