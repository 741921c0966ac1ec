/*
 * The styles part: which cell formats (cellXfs) show numbers as dates. A number is a date
 * only by its format, as in BIFF; the classification is the BIFF reader's (biff/numfmt.c):
 * built-in ids by pxl_numfmt_builtin(), format strings by pxl_numfmt_classify().
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "read/biff/numfmt.h"
#include "util/error_internal.h"
#include "xlsx.h"
#include "xml.h"

typedef struct custom_format {
    unsigned id;
    uint8_t kind;
} custom_format;

typedef struct styles_reader {
    pxl_xlsx_book *book;
    custom_format *formats;
    size_t format_count, format_cap;
    unsigned *xf_format;
    size_t xf_count, xf_cap;
    int in_cell_xfs;
} styles_reader;

static unsigned parse_id(const char *v)
{
    if (!v)
        return 0;
    unsigned long id = strtoul(v, NULL, 10);
    return id > 0xFFFFu ? 0 : (unsigned)id;
}

static void styles_start(pxl_xml *x, const char *name, const char **attrs)
{
    styles_reader *s = x->ctx;
    if (!strcmp(name, "cellXfs")) {
        s->in_cell_xfs = 1;
    } else if (!strcmp(name, "numFmt")) {
        const char *code = pxl_xml_attr(attrs, "formatCode");
        if (!code)
            return;
        if (s->format_count >= PXL_XLSX_MAX_XFS) {
            pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: more than %u number formats: refused", x->path,
                                     x->part, PXL_XLSX_MAX_XFS));
            return;
        }
        if (s->format_count == s->format_cap) {
            size_t cap = s->format_cap ? s->format_cap * 2 : 32;
            custom_format *f = realloc(s->formats, cap * sizeof *f);
            if (!f) {
                pxl_xml_stop(x, pxl_fail_nomem());
                return;
            }
            s->formats = f;
            s->format_cap = cap;
        }
        s->formats[s->format_count++] = (custom_format){ parse_id(pxl_xml_attr(attrs, "numFmtId")),
                                                         (uint8_t)pxl_numfmt_classify(code) };
    } else if (s->in_cell_xfs && !strcmp(name, "xf")) {
        if (s->xf_count >= PXL_XLSX_MAX_XFS) {
            pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: more than %u cell formats: refused", x->path,
                                     x->part, PXL_XLSX_MAX_XFS));
            return;
        }
        if (s->xf_count == s->xf_cap) {
            size_t cap = s->xf_cap ? s->xf_cap * 2 : 64;
            unsigned *f = realloc(s->xf_format, cap * sizeof *f);
            if (!f) {
                pxl_xml_stop(x, pxl_fail_nomem());
                return;
            }
            s->xf_format = f;
            s->xf_cap = cap;
        }
        s->xf_format[s->xf_count++] = parse_id(pxl_xml_attr(attrs, "numFmtId"));
    }
}

static void styles_end(pxl_xml *x, const char *name)
{
    styles_reader *s = x->ctx;
    if (!strcmp(name, "cellXfs"))
        s->in_cell_xfs = 0;
}

pxl_error pxl_xlsx_read_styles(pxl_xlsx_book *book)
{
    if (!book->styles_part)
        return PXL_OK; /* no styles: every number is a number */
    styles_reader s = { .book = book };
    pxl_xml x = { .start = styles_start, .end = styles_end, .ctx = &s };
    pxl_error e = pxl_xml_parse(book->zip, book->styles_part, &x);
    pxl_xml_free(&x);
    if (e == PXL_OK && s.xf_count && !(book->xf_kind = malloc(s.xf_count)))
        e = pxl_fail_nomem();
    for (size_t i = 0; e == PXL_OK && i < s.xf_count; i++) {
        /* A custom format may also redefine a built-in id: the file's own definition wins. */
        pxl_numfmt_kind kind = pxl_numfmt_builtin(s.xf_format[i]);
        for (size_t f = 0; f < s.format_count; f++)
            if (s.formats[f].id == s.xf_format[i])
                kind = (pxl_numfmt_kind)s.formats[f].kind;
        book->xf_kind[i] = (uint8_t)kind;
    }
    if (e == PXL_OK)
        book->xf_count = s.xf_count;
    free(s.formats);
    free(s.xf_format);
    return e;
}
