/*
 * BIFF text to UTF-8: 8-bit strings in the workbook's code page (BIFF2-5, the
 * CODEPAGE record), BIFF8's "compressed" strings (the low bytes of UTF-16, i.e.
 * Latin-1) and UTF-16LE; and the string layouts that run on through CONTINUE.
 */
#ifndef PLANXL_BIFF_TEXT_H
#define PLANXL_BIFF_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "record.h"

/* The code page Excel assumes when a BIFF2-5 workbook has no CODEPAGE record. */
#define PXL_DEFAULT_CODEPAGE 1252

typedef struct pxl_codepage {
    unsigned id;
    /* Single-byte code pages: each byte's UTF-8 (1-3 bytes) and its length. */
    char utf8[256][3];
    uint8_t utf8_len[256];
    /* Double-byte code pages (932, 936, 949, 950): converted whole with iconv. */
    void *iconv;            /* iconv_t, or NULL */
} pxl_codepage;

/* Set up conversion from @p codepage (CODEPAGE's cv); unknown code pages read as 1252. */
void pxl_codepage_init(pxl_codepage *cp, unsigned codepage);
void pxl_codepage_close(pxl_codepage *cp);

/* Append 8-bit text in the code page, as UTF-8. -1 when out of memory. */
int pxl_text_append_8bit(pxl_buf *out, const pxl_codepage *cp, const uint8_t *s, size_t n);
/* Append BIFF8 compressed text (bytes U+0000..U+00FF). */
int pxl_text_append_latin1(pxl_buf *out, const uint8_t *s, size_t n);
/* Append @p nchars UTF-16LE code units; unpaired surrogates become U+FFFD. */
int pxl_text_append_utf16(pxl_buf *out, const uint8_t *s, size_t nchars);

/* Results of the string readers. */
enum { PXL_TEXT_OK = 0, PXL_TEXT_TRUNCATED = -1, PXL_TEXT_NOMEM = -2 };

/*
 * Read a BIFF8 XLUnicodeString / XLUnicodeRichExtendedString body whose character
 * count @p cch the caller has read: the flags byte, rich-text and phonetic sizes,
 * the characters (a CONTINUE inside them starts with a fresh flags byte: MS-XLS
 * 2.5.293), then the rich-text runs and phonetic block, which are skipped.
 * Appends UTF-8 to @p out (no NUL).
 */
int pxl_text_read_unicode(pxl_biff_cursor *c, size_t cch, pxl_buf *out);

/* Read @p cch 8-bit characters in the code page (BIFF2-5), across CONTINUE. */
int pxl_text_read_8bit(pxl_biff_cursor *c, size_t cch, const pxl_codepage *cp, pxl_buf *out);

#endif
