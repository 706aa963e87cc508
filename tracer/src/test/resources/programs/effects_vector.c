/* SSE and AVX stores, compiled with -O1 -mavx2 so the intrinsics become memory-destination
 * instructions: movaps/movups/movdqa/movdqu, movq/movd/movss/movsd, vmov* of 32-byte ymm,
 * non-temporal stores, pextr*, extractps, maskmovdqu and vmaskmov. */
#include <immintrin.h>
#include <stdio.h>

static float f4[8] __attribute__((aligned(32)));
static double d2[4] __attribute__((aligned(32)));
static int i8[16] __attribute__((aligned(32)));
static char bytes[64] __attribute__((aligned(32)));
static long long q[4] __attribute__((aligned(32)));

__attribute__((noinline)) void sse_stores(float x) {
    __m128 v = _mm_set_ps(x, x + 1, x + 2, x + 3);
    _mm_store_ps(f4, v);
    _mm_storeu_ps(f4 + 1, v);
    _mm_store_ss(f4 + 5, v);
    __m128d d = _mm_set_pd(x * 2, x * 3);
    _mm_store_pd(d2, d);
    _mm_store_sd(d2 + 2, d);
    _mm_storeh_pd(d2 + 3, d);
    __m128i i = _mm_set_epi32(1, 2, 3, (int) x);
    _mm_store_si128((__m128i *) i8, i);
    _mm_storeu_si128((__m128i *) (i8 + 5), i);
    _mm_storel_epi64((__m128i *) q, i);
    _mm_stream_si128((__m128i *) (i8 + 8), i);
    _mm_stream_si32(i8 + 12, (int) x);
    _mm_stream_ps(f4 + 4, v);
    _mm_maskmoveu_si128(i, _mm_set_epi8(-1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0), bytes);
    *(int *) (bytes + 20) = _mm_extract_epi32(i, 2);
    *(char *) (bytes + 24) = (char) _mm_extract_epi8(i, 4);
    *(short *) (bytes + 26) = (short) _mm_extract_epi16(i, 3);
    *(long long *) (bytes + 32) = _mm_extract_epi64(i, 1);
    int e = _mm_extract_ps(v, 2);
    *(int *) (bytes + 40) = e;
    _mm_storeu_si32(bytes + 44, i);
}

__attribute__((noinline)) void avx_stores(float x) {
    __m256 v = _mm256_set1_ps(x);
    _mm256_store_ps(f4, v);
    _mm256_storeu_ps(f4, _mm256_add_ps(v, v));
    __m256i i = _mm256_set1_epi32((int) x * 7);
    _mm256_storeu_si256((__m256i *) (i8 + 1), i);
    _mm256_store_si256((__m256i *) i8, i);
    _mm256_stream_si256((__m256i *) (i8 + 8), i);
    _mm256_maskstore_ps(f4, _mm256_set_epi32(-1, 0, -1, 0, 0, -1, 0, -1), _mm256_set1_ps(x + 9));
    _mm256_maskstore_epi32(i8, _mm256_set_epi32(0, -1, 0, -1, -1, 0, -1, 0), i);
    _mm_storeu_ps(f4 + 2, _mm256_extractf128_ps(v, 1));
    _mm_storeu_si128((__m128i *) (i8 + 3), _mm256_extracti128_si256(i, 1));
    _mm256_storeu_pd(d2, _mm256_set1_pd(x / 3));
    _mm256_zeroupper();
}

int main(void) {
    sse_stores(3.5f);
    avx_stores(4.25f);
    printf("%f %f %d %d %lld\n", f4[0], d2[1], i8[3], bytes[20], q[0]);
    return 0;
}
