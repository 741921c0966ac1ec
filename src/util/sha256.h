/*
 * SHA-256 (FIPS 180-4), for the report's list of sources: a finance officer
 * can confirm which exact file a figure came from with `sha256sum`. Small
 * enough that no crypto library earns its place.
 */
#ifndef PLANXL_SHA256_H
#define PLANXL_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include "planxl/error.h"

#define PXL_SHA256_DIGEST_SIZE 32
/* Lower-case hex digest plus NUL. */
#define PXL_SHA256_HEX_SIZE (PXL_SHA256_DIGEST_SIZE * 2 + 1)

typedef struct pxl_sha256 {
    uint32_t state[8];
    uint64_t length;       /* bytes hashed so far */
    unsigned char block[64];
    size_t used;           /* bytes waiting in block */
} pxl_sha256;

void pxl_sha256_init(pxl_sha256 *ctx);
void pxl_sha256_update(pxl_sha256 *ctx, const void *data, size_t size);
void pxl_sha256_final(pxl_sha256 *ctx, unsigned char digest[PXL_SHA256_DIGEST_SIZE]);
/* Hex digest of @p size bytes at @p data into @p hex. */
void pxl_sha256_hex(char hex[PXL_SHA256_HEX_SIZE], const void *data, size_t size);
/* Hex digest of the file at @p path; PXL_ERR_NOT_FOUND / PXL_ERR_IO naming the file. */
pxl_error pxl_sha256_file(char hex[PXL_SHA256_HEX_SIZE], const char *path);

#endif
