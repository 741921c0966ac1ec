/*
 * A sheet's merged ranges: BIFF8 MERGEDCELLS records (MS-XLS 2.4.168), as many as the sheet
 * needs (Excel writes at most 1026 ranges per record), read while the substreams are walked
 * at open (biff_reader.c), so that the grid knows them before any sheet is scanned.
 */
#include "biff_book.h"

/* MS-XLS 2.4.168; BIFF8 only (earlier versions cannot merge cells). */
#define PXL_REC_MERGEDCELLS 0x00E5
/* MERGEDCELLS: cmcs (16 bits), then cmcs Ref8 (rwFirst, rwLast, colFirst, colLast, 16 bits each). */
#define PXL_REF8_SIZE 8

int pxl_biff_merged_record(pxl_buf *ranges, int biff, const pxl_biff_record *rec)
{
    if (rec->type != PXL_REC_MERGEDCELLS || biff < 8 || rec->len < 2)
        return 0;
    size_t count = pxl_u16(rec->data);
    size_t room = (size_t)(rec->len - 2) / PXL_REF8_SIZE;
    /* a count the record cannot hold: the ranges it does hold (a truncated record) */
    if (count > room)
        count = room;
    for (size_t i = 0; i < count; i++) {
        /* hold one more than the grid takes, so that it refuses the sheet by name, and no more */
        if (ranges->len / sizeof(pxl_range) > PXL_GRID_MAX_MERGES)
            return 0;
        const uint8_t *p = rec->data + 2 + i * PXL_REF8_SIZE;
        pxl_range r = { pxl_u16(p), pxl_u16(p + 4), pxl_u16(p + 2), pxl_u16(p + 6) };
        if (pxl_buf_append(ranges, &r, sizeof r) != 0)
            return -1;
    }
    return 0;
}

pxl_sheet_state pxl_biff_sheet_state(uint8_t hs_state)
{
    /* BOUNDSHEET hsState (MS-XLS 2.4.28): its low 2 bits; 3 is no value the spec defines */
    switch (hs_state & 0x03) {
    case 0: return PXL_SHEET_VISIBLE;
    case 1: return PXL_SHEET_HIDDEN;
    case 2: return PXL_SHEET_VERY_HIDDEN;
    default: return PXL_SHEET_STATE_UNKNOWN;
    }
}
