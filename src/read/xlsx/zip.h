/*
 * The parts of an .xlsx package (a zip file, ECMA-376 Part 2), read through minizip with
 * the limits that keep a hostile file from being followed: a zip bomb is refused from its
 * directory when it says what it holds, and while it is inflated when it lies.
 */
#ifndef PLANXL_XLSX_ZIP_H
#define PLANXL_XLSX_ZIP_H

#include <stddef.h>
#include <stdint.h>
#include "planxl/error.h"

/* Everything the directory says the package holds, uncompressed: no workbook planxl is
 * meant for comes near (the 65 000 x 40 benchmark sheet is about 150 MB of XML), while a
 * "42.zip"-style bomb claims gigabytes. */
#define PXL_XLSX_MAX_TOTAL_SIZE ((uint64_t)4 << 30)
/* One part, uncompressed: the XML parts are streamed, so this bounds time, not memory. */
#define PXL_XLSX_MAX_PART_SIZE ((uint64_t)2 << 30)
/* Uncompressed / compressed size of one part. Deflate cannot exceed about 1032:1; a bomb
 * sits near that maximum, while real parts stay far below: the highest in the 714 corpus
 * .xlsx files is 97:1, and 18:1 for a part over 1 MB (docs/xlsx-reader.md). */
#define PXL_XLSX_MAX_RATIO 500
/* Parts below this size are never refused for their ratio: they cannot do harm. */
#define PXL_XLSX_RATIO_FLOOR ((uint64_t)1 << 20)
/* Entries in the zip directory: a workbook has tens; millions of empty entries are an attack
 * on the directory walk. */
#define PXL_XLSX_MAX_ENTRIES 100000

typedef struct pxl_zip pxl_zip;

/* Open @p path as a zip package and check its directory against the limits above. Fails
 * with PXL_ERR_NOT_XLS when it is no zip at all, PXL_ERR_CORRUPT when it is damaged. */
pxl_error pxl_zip_open(pxl_zip **out, const char *path);
/* The same over @p len bytes at @p data (kept by the caller while the zip is open); @p name for messages. */
pxl_error pxl_zip_open_memory(pxl_zip **out, const char *name, const void *data, size_t len);
void pxl_zip_close(pxl_zip *z);
const char *pxl_zip_path(const pxl_zip *z);

/* 1 when the package holds part @p name (part names compare case-insensitively, ECMA-376 Part 2 §9.1.1.3). */
int pxl_zip_has(pxl_zip *z, const char *name);

/* Receives a part's bytes in order. Return 0 to go on; non-zero to stop, with *err the error
 * already recorded with pxl_fail() (or PXL_OK to stop quietly). */
typedef int (*pxl_zip_sink)(void *ctx, const char *data, size_t len, pxl_error *err);

/* Inflate part @p name into @p sink, refusing it (with a message naming file, part and limit)
 * when it breaks a limit, is encrypted, uses a compression method other than stored or
 * deflate, or is damaged. PXL_ERR_CORRUPT names the part when it is missing. */
pxl_error pxl_zip_read(pxl_zip *z, const char *name, pxl_zip_sink sink, void *ctx);

#endif
