/*
 * The shared string table (SST, MS-XLS 2.4.265): every LABELSST cell's text, read
 * once per workbook into one buffer of NUL-terminated UTF-8 strings.
 */
#ifndef PLANXL_BIFF_SST_H
#define PLANXL_BIFF_SST_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "record.h"

typedef struct pxl_sst {
    pxl_buf text;        /* the strings, each NUL-terminated */
    uint32_t *offsets;   /* where string i starts in text */
    size_t count, cap;
} pxl_sst;

/*
 * Read the SST record @p rec and its CONTINUE records. The declared count is a
 * promise the file may break: storage grows with the strings actually present,
 * and a table that ends early keeps the strings read so far.
 * @return PXL_TEXT_OK, PXL_TEXT_TRUNCATED (a string cut off mid-way) or PXL_TEXT_NOMEM.
 */
int pxl_sst_read(pxl_sst *sst, pxl_biff_stream *s, const pxl_biff_record *rec);

/* String @p index, or NULL when the table has no such string. */
const char *pxl_sst_get(const pxl_sst *sst, uint32_t index);

void pxl_sst_free(pxl_sst *sst);

#endif
