/*
 * BIFF records (MS-XLS 2.1.4): a 2-byte type, a 2-byte length, then the body,
 * back to back through the workbook stream. A body longer than the record limit
 * goes on in CONTINUE records; a cursor reads across them.
 */
#ifndef PLANXL_BIFF_RECORD_H
#define PLANXL_BIFF_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "stream.h"

/* Record types used by the reader (MS-XLS 2.3; BIFF2-4 ids from OpenOffice's "Excel File Format" 5.x). */
enum {
    PXL_REC_DIMENSIONS2 = 0x0000, /* BIFF2 */
    PXL_REC_BLANK2 = 0x0001,
    PXL_REC_INTEGER2 = 0x0002,
    PXL_REC_NUMBER2 = 0x0003,
    PXL_REC_LABEL2 = 0x0004,
    PXL_REC_BOOLERR2 = 0x0005,
    PXL_REC_FORMULA = 0x0006,     /* BIFF2, BIFF5, BIFF8 */
    PXL_REC_STRING2 = 0x0007,
    PXL_REC_BOF2 = 0x0009,
    PXL_REC_EOF = 0x000A,
    PXL_REC_EXTERNSHEET = 0x0017,
    PXL_REC_NAME = 0x0018,
    PXL_REC_FORMAT2 = 0x001E,     /* BIFF2-3, BIFF5, BIFF8 */
    PXL_REC_DATEMODE = 0x0022,
    PXL_REC_FILEPASS = 0x002F,
    PXL_REC_CONTINUE = 0x003C,
    PXL_REC_CODEPAGE = 0x0042,
    PXL_REC_XF2 = 0x0043,
    PXL_REC_BOUNDSHEET = 0x0085,
    PXL_REC_MULRK = 0x00BD,
    PXL_REC_MULBLANK = 0x00BE,
    PXL_REC_RSTRING = 0x00D6,
    PXL_REC_XF = 0x00E0,          /* BIFF5, BIFF8 */
    PXL_REC_SST = 0x00FC,
    PXL_REC_LABELSST = 0x00FD,
    PXL_REC_SUPBOOK = 0x01AE,
    PXL_REC_DIMENSIONS = 0x0200,  /* BIFF3-8 */
    PXL_REC_BLANK = 0x0201,
    PXL_REC_NUMBER = 0x0203,
    PXL_REC_LABEL = 0x0204,
    PXL_REC_BOOLERR = 0x0205,
    PXL_REC_FORMULA3 = 0x0206,    /* BIFF3 */
    PXL_REC_STRING = 0x0207,
    PXL_REC_BOF3 = 0x0209,
    PXL_REC_ARRAY = 0x0221,
    PXL_REC_XF3 = 0x0243,
    PXL_REC_RK = 0x027E,
    PXL_REC_FORMULA4 = 0x0406,    /* BIFF4 */
    PXL_REC_BOF4 = 0x0409,
    PXL_REC_FORMAT4 = 0x041E,
    PXL_REC_XF4 = 0x0443,
    PXL_REC_SHRFMLA = 0x04BC,
    PXL_REC_BOF = 0x0809          /* BIFF5, BIFF8 */
};

/* The largest body a BIFF8 record may have (MS-XLS 2.1.4: 8224 bytes); BIFF5 allows 2080.
 * The reader accepts any 16-bit length and only checks it against the stream. */
#define PXL_BIFF8_MAX_RECORD 8224


typedef struct pxl_biff_record {
    uint16_t type;
    uint16_t len;
    const uint8_t *data;   /* the body, len bytes, in the stream's window: valid until the next
                            * pxl_biff_record_at() on the stream (a cursor may read on) */
    size_t offset;         /* stream offset of the record header */
    size_t next;           /* stream offset of the record after this one */
} pxl_biff_record;

/* Read the record at @p pos. 1: read; 0: end of stream; -1: the header or body runs past the
 * end, or the file could not be read (s->io_error). */
int pxl_biff_record_at(pxl_biff_stream *s, size_t pos, pxl_biff_record *rec);

/*
 * A read position in a record body that goes on into the CONTINUE records after it.
 * Reads fail (return -1) rather than run past the last CONTINUE. Reading on never moves
 * the stream's window: the record it started in stays valid. One cursor at a time per
 * stream reads past the window.
 */
typedef struct pxl_biff_cursor {
    pxl_biff_stream *s;
    const uint8_t *p;      /* next byte */
    size_t left;           /* bytes left in the current record body */
    size_t next;           /* stream offset of the record after the current one */
} pxl_biff_cursor;

void pxl_biff_cursor_init(pxl_biff_cursor *c, pxl_biff_stream *s, const pxl_biff_record *rec);
/* Step into the next record when it is a CONTINUE; 1 on success, 0 when there is none. */
int pxl_biff_cursor_continue(pxl_biff_cursor *c);
/* Copy @p n bytes, crossing CONTINUE boundaries; 0 or -1. */
int pxl_biff_cursor_read(pxl_biff_cursor *c, void *dst, size_t n);
int pxl_biff_cursor_skip(pxl_biff_cursor *c, size_t n);
int pxl_biff_cursor_u8(pxl_biff_cursor *c, uint8_t *v);
int pxl_biff_cursor_u16(pxl_biff_cursor *c, uint16_t *v);
int pxl_biff_cursor_u32(pxl_biff_cursor *c, uint32_t *v);

static inline uint16_t pxl_u16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t pxl_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
double pxl_f64(const uint8_t *p);
/* An RK number (MS-XLS 2.5.217): a 30-bit integer or the top of a double, maybe divided by 100. */
double pxl_rk_value(uint32_t rk);

#endif
