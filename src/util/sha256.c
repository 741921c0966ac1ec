/* SHA-256 as specified in FIPS 180-4, sections 4.1.2, 4.2.2, 5.1.1 and 6.2. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "error_internal.h"
#include "sha256.h"

/* FIPS 180-4 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

static void compress(pxl_sha256 *ctx, const unsigned char *p)
{
    uint32_t w[64];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 | (uint32_t)p[4 * t + 2] << 8 |
               (uint32_t)p[4 * t + 3];
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = ctx->state[0], b = ctx->state[1], c = ctx->state[2], d = ctx->state[3];
    uint32_t e = ctx->state[4], f = ctx->state[5], g = ctx->state[6], h = ctx->state[7];
    for (int t = 0; t < 64; t++) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    ctx->state[0] += a;
    ctx->state[1] += b;
    ctx->state[2] += c;
    ctx->state[3] += d;
    ctx->state[4] += e;
    ctx->state[5] += f;
    ctx->state[6] += g;
    ctx->state[7] += h;
}

void pxl_sha256_init(pxl_sha256 *ctx)
{
    /* FIPS 180-4 5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
    static const uint32_t H0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(ctx->state, H0, sizeof H0);
    ctx->length = 0;
    ctx->used = 0;
}

void pxl_sha256_update(pxl_sha256 *ctx, const void *data, size_t size)
{
    const unsigned char *p = data;
    ctx->length += size;
    while (size > 0) {
        size_t n = sizeof ctx->block - ctx->used;
        if (n > size)
            n = size;
        memcpy(ctx->block + ctx->used, p, n);
        ctx->used += n;
        p += n;
        size -= n;
        if (ctx->used == sizeof ctx->block) {
            compress(ctx, ctx->block);
            ctx->used = 0;
        }
    }
}

void pxl_sha256_final(pxl_sha256 *ctx, unsigned char digest[PXL_SHA256_DIGEST_SIZE])
{
    /* FIPS 180-4 5.1.1: a 1 bit, zeros, then the message length in bits as a 64-bit big-endian number. */
    uint64_t bits = ctx->length * 8;
    unsigned char pad = 0x80;
    pxl_sha256_update(ctx, &pad, 1);
    pad = 0;
    while (ctx->used != 56)
        pxl_sha256_update(ctx, &pad, 1);
    unsigned char len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)(bits >> (56 - 8 * i));
    pxl_sha256_update(ctx, len, 8);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++)
            digest[4 * i + j] = (unsigned char)(ctx->state[i] >> (24 - 8 * j));
}

static void to_hex(char hex[PXL_SHA256_HEX_SIZE], const unsigned char digest[PXL_SHA256_DIGEST_SIZE])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < PXL_SHA256_DIGEST_SIZE; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[2 * PXL_SHA256_DIGEST_SIZE] = '\0';
}

void pxl_sha256_hex(char hex[PXL_SHA256_HEX_SIZE], const void *data, size_t size)
{
    pxl_sha256 ctx;
    unsigned char digest[PXL_SHA256_DIGEST_SIZE];
    pxl_sha256_init(&ctx);
    pxl_sha256_update(&ctx, data, size);
    pxl_sha256_final(&ctx, digest);
    to_hex(hex, digest);
}

pxl_error pxl_sha256_file(char hex[PXL_SHA256_HEX_SIZE], const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return pxl_fail(errno == ENOENT ? PXL_ERR_NOT_FOUND : PXL_ERR_IO, "%s: cannot open the file: %s",
                        path, strerror(errno));
    pxl_sha256 ctx;
    unsigned char buf[65536];
    size_t n;
    pxl_sha256_init(&ctx);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        pxl_sha256_update(&ctx, buf, n);
    int failed = ferror(f);
    fclose(f);
    if (failed)
        return pxl_fail(PXL_ERR_IO, "%s: cannot read the file", path);
    unsigned char digest[PXL_SHA256_DIGEST_SIZE];
    pxl_sha256_final(&ctx, digest);
    to_hex(hex, digest);
    return PXL_OK;
}
