/*
 * The shared strings: each <si> is one string, the text of its <t>, or of its rich-text
 * runs' <t> joined (<r><t>); phonetic runs (<rPh>) are a reading aid, not text, and are left out.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "util/error_internal.h"
#include "xlsx.h"
#include "xml.h"

typedef struct sst_reader {
    pxl_xlsx_book *book;
    int in_si, in_phonetic;
} sst_reader;

static int add_string(pxl_xml *x, pxl_xlsx_book *b, const char *s, size_t len)
{
    if (b->sst_count >= PXL_XLSX_MAX_STRINGS) {
        pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: more than %u shared strings: refused", x->path, x->part,
                                 PXL_XLSX_MAX_STRINGS));
        return -1;
    }
    if (b->sst_len + len + 1 > PXL_XLSX_MAX_STRING_BYTES) {
        pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: the shared strings hold more than %zu MB of text, more "
                                 "than planxl reads: refused", x->path, x->part, PXL_XLSX_MAX_STRING_BYTES >> 20));
        return -1;
    }
    if (b->sst_count == b->sst_offsets_cap) {
        size_t cap = b->sst_offsets_cap ? b->sst_offsets_cap * 2 : 256;
        size_t *o = realloc(b->sst_offsets, cap * sizeof *o);
        if (!o)
            goto nomem;
        b->sst_offsets = o;
        b->sst_offsets_cap = cap;
    }
    if (b->sst_len + len + 1 > b->sst_cap) {
        size_t cap = b->sst_cap ? b->sst_cap : 4096;
        while (cap < b->sst_len + len + 1)
            cap *= 2;
        char *t = realloc(b->sst, cap);
        if (!t)
            goto nomem;
        b->sst = t;
        b->sst_cap = cap;
    }
    b->sst_offsets[b->sst_count++] = b->sst_len;
    memcpy(b->sst + b->sst_len, s, len);
    b->sst_len += len;
    b->sst[b->sst_len++] = '\0';
    return 0;
nomem:
    pxl_xml_stop(x, pxl_fail_nomem());
    return -1;
}

static void sst_start(pxl_xml *x, const char *name, const char **attrs)
{
    sst_reader *r = x->ctx;
    if (!strcmp(name, "sst")) {
        const char *unique = pxl_xml_attr(attrs, "uniqueCount");
        /* A claim is refused before anything is allocated for it. */
        if (unique && strtoull(unique, NULL, 10) > PXL_XLSX_MAX_STRINGS)
            pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: claims %s shared strings, more than planxl reads "
                                     "(%u): refused", x->path, x->part, unique, PXL_XLSX_MAX_STRINGS));
    } else if (!strcmp(name, "si")) {
        r->in_si = 1;
        pxl_xml_keep_text(x);
        pxl_xml_stop_text(x);
    } else if (r->in_si && !strcmp(name, "rPh")) {
        r->in_phonetic = 1;
    } else if (r->in_si && !r->in_phonetic && !strcmp(name, "t")) {
        pxl_xml_resume_text(x);
    }
}

static void sst_end(pxl_xml *x, const char *name)
{
    sst_reader *r = x->ctx;
    if (!strcmp(name, "t")) {
        pxl_xml_stop_text(x);
    } else if (!strcmp(name, "rPh")) {
        r->in_phonetic = 0;
    } else if (!strcmp(name, "si") && r->in_si) {
        r->in_si = 0;
        add_string(x, r->book, x->text ? x->text : "", x->text ? pxl_xml_unescape(x->text, x->text_len) : 0);
    }
}

pxl_error pxl_xlsx_read_strings(pxl_xlsx_book *book)
{
    if (!book->strings_part)
        return PXL_OK;
    sst_reader r = { .book = book };
    pxl_xml x = { .start = sst_start, .end = sst_end, .ctx = &r };
    pxl_error e = pxl_xml_parse(book->zip, book->strings_part, &x);
    pxl_xml_free(&x);
    return e;
}
