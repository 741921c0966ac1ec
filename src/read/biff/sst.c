/* The shared string table, read across CONTINUE records. */
#include <stdlib.h>

#include "sst.h"
#include "text.h"

/* SST header: cstTotal (4 bytes), cstUnique (4 bytes) (MS-XLS 2.4.265). */
#define PXL_SST_HEADER 8

static int add_offset(pxl_sst *sst, size_t offset)
{
    if (offset > UINT32_MAX)
        return PXL_TEXT_NOMEM;
    if (sst->count == sst->cap) {
        size_t cap = sst->cap ? sst->cap * 2 : 1024;
        uint32_t *o = realloc(sst->offsets, cap * sizeof *o);
        if (!o)
            return PXL_TEXT_NOMEM;
        sst->offsets = o;
        sst->cap = cap;
    }
    sst->offsets[sst->count++] = (uint32_t)offset;
    return PXL_TEXT_OK;
}

int pxl_sst_read(pxl_sst *sst, pxl_biff_stream *s, const pxl_biff_record *rec)
{
    pxl_biff_cursor c;
    uint32_t total, unique;
    pxl_sst_free(sst);
    pxl_biff_cursor_init(&c, s, rec);
    if (pxl_biff_cursor_u32(&c, &total) != 0 || pxl_biff_cursor_u32(&c, &unique) != 0)
        return PXL_TEXT_TRUNCATED;
    for (uint32_t i = 0; i < unique; i++) {
        uint16_t cch;
        if (c.left == 0 && !pxl_biff_cursor_continue(&c))
            break; /* fewer strings than declared: keep what there is */
        if (pxl_biff_cursor_u16(&c, &cch) != 0)
            return PXL_TEXT_TRUNCATED;
        int rc = add_offset(sst, sst->text.len);
        if (rc == PXL_TEXT_OK)
            rc = pxl_text_read_unicode(&c, cch, &sst->text);
        if (rc == PXL_TEXT_OK)
            rc = pxl_buf_append(&sst->text, "", 1) == 0 ? PXL_TEXT_OK : PXL_TEXT_NOMEM;
        if (rc != PXL_TEXT_OK)
            return rc;
    }
    return PXL_TEXT_OK;
}

const char *pxl_sst_get(const pxl_sst *sst, uint32_t index)
{
    if (index >= sst->count)
        return NULL;
    return sst->text.data + sst->offsets[index];
}

void pxl_sst_free(pxl_sst *sst)
{
    pxl_buf_free(&sst->text);
    free(sst->offsets);
    sst->offsets = NULL;
    sst->count = sst->cap = 0;
}
