/*
 * A worksheet part, streamed: each <c> is delivered to the visitor as soon as it closes, so
 * a sheet is never held in memory. Excel, LibreOffice, openpyxl and XlsxWriter write cells in
 * row-major order, which is the grid's promise; a sheet whose cells are out of that order is
 * refused, naming the cell, rather than buffered whole.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/biff/numfmt.h"
#include "util/error_internal.h"
#include "util/locale.h"
#include "util/serial.h"
#include "shift.h"
#include "xlsx.h"
#include "xml.h"

typedef struct shared_formula {
    uint32_t row, col;
    char *text; /* NULL: no such group (yet) */
} shared_formula;

/* An array formula ({=SIN(B1:B9)} over D2:D9): .xlsx writes its text on the first cell only,
 * .xls on every cell of the range, and the grid gives each covered cell the text, as the
 * BIFF reader does. Kept until the reader passes its last row. */
typedef struct array_formula {
    uint32_t first_row, first_col, last_row, last_col;
    char *text;
} array_formula;

typedef struct buf {
    char *s;
    size_t len, cap;
} buf;

typedef struct sheet_reader {
    pxl_xlsx_book *book;
    const char *part;
    pxl_cell_visitor visit;
    void *ctx;
    /* position */
    uint32_t row;          /* current <row>, 0-based */
    long next_col;         /* column a <c> without r= gets */
    int have_last;
    uint32_t last_row, last_col;
    int have_row;
    /* the open <c> */
    int in_cell, in_value, in_formula, in_inline, in_phonetic;
    uint32_t crow, ccol;
    unsigned style;
    char type[12];
    int has_value, has_formula, has_inline;
    buf value, formula, inline_text;
    char f_type[12];
    long f_si;
    /* shared formulas of this sheet, by si */
    shared_formula *shared;
    size_t shared_cap;
    /* its mergeCells: merges_only reads nothing else */
    int merges_only;
    pxl_range *merges;
    size_t merge_count, merge_cap;
    int merges_bad;         /* a malformed or excess mergeCell: the merges are not kept */
    /* the array formula of the open <f t="array" ref=...>, and those still ahead */
    int f_array;
    uint32_t f_last_row, f_last_col;
    array_formula *arrays;
    size_t array_count, array_cap;
} sheet_reader;

static int buf_set(buf *b, const char *s, size_t n)
{
    if (n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < n + 1)
            cap *= 2;
        char *t = realloc(b->s, cap);
        if (!t)
            return -1;
        b->s = t;
        b->cap = cap;
    }
    memcpy(b->s, s, n);
    b->s[n] = '\0';
    b->len = n;
    return 0;
}

int pxl_xlsx_parse_ref(const char *ref, uint32_t *row, uint32_t *col)
{
    const char *p = ref;
    unsigned long c = 0, r = 0;
    int letters = 0, digits = 0;
    if (*p == '$')
        p++;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        c = c * 26 + (unsigned long)((*p | 0x20) - 'a' + 1);
        if (++letters > 3)
            return 0;
        p++;
    }
    if (*p == '$')
        p++;
    while (*p >= '0' && *p <= '9') {
        r = r * 10 + (unsigned long)(*p - '0');
        if (++digits > 7)
            return 0;
        p++;
    }
    if (*p || !letters || !digits || c > PXL_XLSX_MAX_COLS || r < 1 || r > PXL_XLSX_MAX_ROWS)
        return 0;
    *row = (uint32_t)(r - 1);
    *col = (uint32_t)(c - 1);
    return 1;
}

/* Longest "A1:B2" text taken: two references of at most 3 letters and 7 digits, '$'s, ':'. */
#define PXL_XLSX_RANGE_TEXT 32

/* "A1:B3" (or "A1", one cell) -> its corners; 0 when either is no cell of Excel's grid. */
static int parse_range(const char *ref, pxl_range *r)
{
    char first[PXL_XLSX_RANGE_TEXT], last[PXL_XLSX_RANGE_TEXT];
    const char *colon = strchr(ref, ':');
    snprintf(first, sizeof first, "%.*s", colon ? (int)(colon - ref) : (int)strlen(ref), ref);
    snprintf(last, sizeof last, "%s", colon ? colon + 1 : ref);
    return pxl_xlsx_parse_ref(first, &r->first_row, &r->first_col) && pxl_xlsx_parse_ref(last, &r->last_row, &r->last_col);
}

static void fail_cell(pxl_xml *x, sheet_reader *s, const char *what)
{
    char name[16];
    pxl_cell_name(name, sizeof name, s->crow, s->ccol);
    pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: cell %s (line %lu): %s", x->path, s->part, name,
                             pxl_xml_line(x), what));
}

static void start_cell(pxl_xml *x, sheet_reader *s, const char **attrs)
{
    const char *r = pxl_xml_attr(attrs, "r"), *t = pxl_xml_attr(attrs, "t"), *st = pxl_xml_attr(attrs, "s");
    if (r) {
        uint32_t row, col;
        if (!pxl_xlsx_parse_ref(r, &row, &col)) {
            pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: line %lu: cell reference \"%.20s\" is not a cell "
                                     "of Excel's grid (A1 to XFD1048576)", x->path, s->part, pxl_xml_line(x), r));
            return;
        }
        if (s->have_row && row != s->row) {
            pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: line %lu: cell %s is not in its row %lu", x->path,
                                     s->part, pxl_xml_line(x), r, (unsigned long)s->row + 1));
            return;
        }
        s->crow = row;
        s->ccol = col;
    } else {
        if (s->next_col >= (long)PXL_XLSX_MAX_COLS) {
            pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: line %lu: row %lu has more cells than Excel's %u "
                                     "columns", x->path, s->part, pxl_xml_line(x), (unsigned long)s->row + 1,
                                     PXL_XLSX_MAX_COLS));
            return;
        }
        s->crow = s->row;
        s->ccol = (uint32_t)s->next_col;
    }
    s->next_col = (long)s->ccol + 1;
    s->in_cell = 1;
    s->style = st ? (unsigned)strtoul(st, NULL, 10) : 0;
    snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
    s->has_value = s->has_formula = s->has_inline = 0;
    s->f_type[0] = '\0';
    s->f_si = -1;
}

static void start_formula(pxl_xml *x, sheet_reader *s, const char **attrs)
{
    const char *t = pxl_xml_attr(attrs, "t"), *si = pxl_xml_attr(attrs, "si");
    snprintf(s->f_type, sizeof s->f_type, "%s", t ? t : "normal");
    s->f_si = -1;
    if (!strcmp(s->f_type, "shared") && si) {
        char *end;
        long v = strtol(si, &end, 10);
        if (*end || v < 0 || v >= (long)PXL_XLSX_MAX_SHARED) {
            fail_cell(x, s, "a shared formula's group number (si) is out of range");
            return;
        }
        s->f_si = v;
    }
    s->f_array = 0;
    if (!strcmp(s->f_type, "array")) {
        const char *ref = pxl_xml_attr(attrs, "ref");
        char last[24];
        const char *colon = ref ? strchr(ref, ':') : NULL;
        if (colon && strlen(colon + 1) < sizeof last) {
            memcpy(last, colon + 1, strlen(colon + 1) + 1);
            s->f_array = pxl_xlsx_parse_ref(last, &s->f_last_row, &s->f_last_col) && s->f_last_row >= s->crow &&
                         s->f_last_col >= s->ccol;
        } /* no ref, or one cell: nothing to carry */
    }
    s->in_formula = 1;
    s->has_formula = 1;
    pxl_xml_keep_text(x);
}

/* Keep the array formula of the cell just read for the other cells of its range. */
static void keep_array(pxl_xml *x, sheet_reader *s)
{
    if (s->array_count >= PXL_XLSX_MAX_ARRAYS) {
        fail_cell(x, s, "more array formulas are open at once than planxl keeps (" PXL_XLSX_MAX_ARRAYS_TEXT ")");
        return;
    }
    if (s->array_count == s->array_cap) {
        size_t cap = s->array_cap ? s->array_cap * 2 : 8;
        array_formula *n = realloc(s->arrays, cap * sizeof *n);
        if (!n) {
            pxl_xml_stop(x, pxl_fail_nomem());
            return;
        }
        s->arrays = n;
        s->array_cap = cap;
    }
    char *text = strdup(s->formula.s);
    if (!text) {
        pxl_xml_stop(x, pxl_fail_nomem());
        return;
    }
    s->arrays[s->array_count++] = (array_formula){ s->crow, s->ccol, s->f_last_row, s->f_last_col, text };
}

/* The text of the array formula that covers the current cell, or NULL; drops arrays the
 * reader has passed (cells come in row-major order). */
static const char *covering_array(sheet_reader *s)
{
    const char *found = NULL;
    for (size_t i = 0; i < s->array_count;) {
        array_formula *a = &s->arrays[i];
        if (a->last_row < s->crow) {
            free(a->text);
            *a = s->arrays[--s->array_count];
            continue;
        }
        if (!found && s->crow >= a->first_row && s->ccol >= a->first_col && s->ccol <= a->last_col)
            found = a->text;
        i++;
    }
    return found;
}

/* A mergeCell's ref ("A1:B3"; "A1" is one cell); a malformed one stops a merges-only read
 * with a message naming the part and line, and in a scan only marks the merges bad: the
 * cells are no less right for it. */
static void merge_cell(pxl_xml *x, sheet_reader *s, const char **attrs)
{
    const char *ref = pxl_xml_attr(attrs, "ref");
    pxl_range r;
    int ok = ref && strlen(ref) < PXL_XLSX_RANGE_TEXT && parse_range(ref, &r);
    if (ok && s->merge_count >= PXL_GRID_MAX_MERGES) {
        s->merges_bad = 1;
        if (s->merges_only)
            pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: line %lu: the sheet has more than %u merged ranges: "
                                     "refused", x->path, s->part, pxl_xml_line(x), (unsigned)PXL_GRID_MAX_MERGES));
        return;
    }
    if (!ok) {
        s->merges_bad = 1;
        if (s->merges_only)
            pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: line %lu: merged range \"%.40s\" is no range of "
                                     "Excel's grid (A1 to XFD1048576)", x->path, s->part, pxl_xml_line(x),
                                     ref ? ref : "(no ref)"));
        return;
    }
    if (s->merge_count == s->merge_cap) {
        size_t cap = s->merge_cap ? s->merge_cap * 2 : 16;
        pxl_range *n = realloc(s->merges, cap * sizeof *n);
        if (!n) {
            pxl_xml_stop(x, pxl_fail_nomem());
            return;
        }
        s->merges = n;
        s->merge_cap = cap;
    }
    s->merges[s->merge_count++] = r;
}

static void sheet_start(pxl_xml *x, const char *name, const char **attrs)
{
    sheet_reader *s = x->ctx;
    if (!s->in_cell && !strcmp(name, "mergeCell")) {
        merge_cell(x, s, attrs);
        return;
    }
    if (s->merges_only)
        return;
    if (s->in_cell) {
        if (!strcmp(name, "v")) {
            s->in_value = 1;
            pxl_xml_keep_text(x);
        } else if (!strcmp(name, "f")) {
            start_formula(x, s, attrs);
        } else if (!strcmp(name, "is")) {
            s->in_inline = 1;
            s->has_inline = 1;
            pxl_xml_keep_text(x);
            pxl_xml_stop_text(x);
        } else if (s->in_inline && !strcmp(name, "rPh")) {
            s->in_phonetic = 1;
        } else if (s->in_inline && !s->in_phonetic && !strcmp(name, "t")) {
            pxl_xml_resume_text(x);
        }
        return;
    }
    if (!strcmp(name, "c")) {
        start_cell(x, s, attrs);
    } else if (!strcmp(name, "row")) {
        const char *r = pxl_xml_attr(attrs, "r");
        unsigned long row = s->have_row ? (unsigned long)s->row + 2 : 1;
        if (r) {
            char *end;
            row = strtoul(r, &end, 10);
            if (*end || row < 1 || row > PXL_XLSX_MAX_ROWS) {
                pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: line %lu: row number \"%.20s\" is outside "
                                         "Excel's grid (1 to %u)", x->path, s->part, pxl_xml_line(x), r,
                                         PXL_XLSX_MAX_ROWS));
                return;
            }
        } else if (row > PXL_XLSX_MAX_ROWS) {
            pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: line %lu: more rows than Excel's %u", x->path,
                                     s->part, pxl_xml_line(x), PXL_XLSX_MAX_ROWS));
            return;
        }
        s->row = (uint32_t)(row - 1);
        s->have_row = 1;
        s->next_col = 0;
    } else if (!strcmp(name, "dimension")) {
        /* What the sheet claims to span: nothing is allocated for it, but a claim beyond
         * Excel's grid is no file Excel wrote. */
        const char *ref = pxl_xml_attr(attrs, "ref");
        pxl_range claimed;
        if (ref && strlen(ref) < PXL_XLSX_RANGE_TEXT) {
            if (!parse_range(ref, &claimed))
                pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: the sheet claims the range %s, outside Excel's "
                                         "grid (A1:XFD1048576): refused", x->path, s->part, ref));
        } else if (ref) {
            pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: the sheet's dimension \"%.40s\" is no cell range",
                                     x->path, s->part, ref));
        }
    }
}

static shared_formula *shared_slot(pxl_xml *x, sheet_reader *s, long si)
{
    if ((size_t)si >= s->shared_cap) {
        size_t cap = s->shared_cap ? s->shared_cap : 16;
        while (cap <= (size_t)si)
            cap *= 2;
        shared_formula *n = realloc(s->shared, cap * sizeof *n);
        if (!n) {
            pxl_xml_stop(x, pxl_fail_nomem());
            return NULL;
        }
        memset(n + s->shared_cap, 0, (cap - s->shared_cap) * sizeof *n);
        s->shared = n;
        s->shared_cap = cap;
    }
    return &s->shared[si];
}

static void end_formula(pxl_xml *x, sheet_reader *s)
{
    pxl_xml_stop_text(x);
    s->in_formula = 0;
    const char *text = x->text ? x->text : "";
    size_t len = x->text_len;
    if (s->f_si >= 0) {
        shared_formula *g = shared_slot(x, s, s->f_si);
        if (!g)
            return;
        if (len) { /* the group's first cell: its text is the group's */
            char *copy = strdup(text);
            if (!copy) {
                pxl_xml_stop(x, pxl_fail_nomem());
                return;
            }
            free(g->text);
            *g = (shared_formula){ s->crow, s->ccol, copy };
        } else if (g->text) {
            char *moved = pxl_xlsx_shift_formula(g->text, (long)s->crow - (long)g->row, (long)s->ccol - (long)g->col);
            if (!moved) {
                pxl_xml_stop(x, pxl_fail_nomem());
                return;
            }
            int e = buf_set(&s->formula, moved, strlen(moved));
            free(moved);
            if (e)
                pxl_xml_stop(x, pxl_fail_nomem());
            return;
        } else {
            fail_cell(x, s, "a shared formula refers to a group (si) no earlier cell defines");
            return;
        }
    }
    if (buf_set(&s->formula, text, len))
        pxl_xml_stop(x, pxl_fail_nomem());
}

/* Numbers in the XML are C-locale text, whatever the host's locale. */
static double parse_number(const char *text, int *ok)
{
    char *end;
    double v = pxl_c_strtod(text, &end);
    *ok = end != text && *end == '\0';
    return v;
}

/* An ISO 8601 date-time (t="d", ECMA-376 Part 1 §18.17.4) as a 1900-system serial. */
static int parse_iso_date(const char *t, double *serial, pxl_cell_type *type)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, n = 0;
    double sec = 0;
    if (sscanf(t, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3) {
        *type = PXL_CELL_DATE;
        if (t[n] == 'T') {
            if (sscanf(t + n, "T%2d:%2d:%lf", &h, &mi, &sec) < 2)
                return 0;
            *type = PXL_CELL_DATETIME;
        }
    } else if (sscanf(t, "%2d:%2d:%lf", &h, &mi, &sec) >= 2) {
        *serial = (h * 3600.0 + mi * 60.0 + sec) / 86400.0;
        *type = PXL_CELL_TIME;
        return 1;
    } else {
        return 0;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return 0;
    *serial = pxl_serial_from_civil(y, mo, d, h, mi, sec);
    return 1;
}

static void end_cell(pxl_xml *x, sheet_reader *s)
{
    s->in_cell = 0;
    if (s->have_last && (s->crow < s->last_row || (s->crow == s->last_row && s->ccol <= s->last_col))) {
        char prev[16];
        pxl_cell_name(prev, sizeof prev, s->last_row, s->last_col);
        char msg[96];
        snprintf(msg, sizeof msg, "comes after cell %s: the cells are not in row-major order, which planxl needs",
                 prev);
        fail_cell(x, s, msg);
        return;
    }
    pxl_xlsx_book *b = s->book;
    pxl_cell cell = { .row = s->crow, .col = s->ccol, .type = PXL_CELL_EMPTY };
    /* An empty <f/> that names no shared group is no formula: LibreOffice writes one on
     * every error constant (<c t="e"><f aca="false"></f><v>#NULL!</v></c>). */
    cell.is_formula = s->has_formula && strcmp(s->f_type, "dataTable") != 0 && (s->formula.len || s->f_si >= 0);
    cell.formula = cell.is_formula && s->formula.len ? s->formula.s : NULL;
    if (cell.is_formula && s->f_array && s->formula.len) {
        keep_array(x, s);
        if (x->stopped)
            return;
    } else if (!s->has_formula && s->array_count) {
        cell.formula = covering_array(s);
        cell.is_formula = cell.formula != NULL;
    }
    const char *t = s->type;
    /* <v></v> is no value (openpyxl writes it for a formula it never computed), except
     * for a formula string, whose result may be "" */
    const char *v = s->has_value && (s->value.len || !strcmp(t, "str")) ? s->value.s : NULL;
    int ok = 1;
    if (!strcmp(t, "inlineStr")) {
        if (s->has_inline) {
            cell.type = PXL_CELL_TEXT;
            cell.text = s->inline_text.s ? s->inline_text.s : "";
        } else if (v) {
            cell.type = PXL_CELL_TEXT;
            cell.text = v;
        }
    } else if (v && !strcmp(t, "s")) {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (*end || end == v || i >= b->sst_count) {
            fail_cell(x, s, "refers to a shared string the workbook does not have");
            return;
        }
        cell.type = PXL_CELL_TEXT;
        cell.text = b->sst + b->sst_offsets[i];
    } else if (v && !strcmp(t, "str")) {
        s->value.len = pxl_xml_unescape(s->value.s, s->value.len);
        cell.type = PXL_CELL_TEXT;
        cell.text = v;
    } else if (v && !strcmp(t, "b")) {
        cell.type = PXL_CELL_BOOLEAN;
        cell.number = parse_number(v, &ok) != 0;
    } else if (v && !strcmp(t, "e")) {
        cell.type = PXL_CELL_ERROR;
        cell.text = v;
    } else if (v && !strcmp(t, "d")) {
        ok = parse_iso_date(v, &cell.number, &cell.type);
    } else if (v && !strcmp(t, "n")) {
        cell.number = parse_number(v, &ok);
        pxl_numfmt_kind kind = s->style < b->xf_count ? (pxl_numfmt_kind)b->xf_kind[s->style] : PXL_NUMFMT_NUMBER;
        cell.type = pxl_numfmt_cell(kind, b->date1904, &cell.number);
    } else if (v) {
        char msg[64];
        snprintf(msg, sizeof msg, "has the unknown cell type t=\"%s\"", t);
        fail_cell(x, s, msg);
        return;
    }
    if (!ok) {
        fail_cell(x, s, "its value is not a number");
        return;
    }
    /* an empty string result is still a value: "" */
    if (cell.type == PXL_CELL_EMPTY && !cell.is_formula)
        return; /* a formatted empty cell */
    s->have_last = 1;
    s->last_row = s->crow;
    s->last_col = s->ccol;
    if (s->visit(s->ctx, &cell))
        pxl_xml_stop(x, PXL_OK);
}

static void sheet_end(pxl_xml *x, const char *name)
{
    sheet_reader *s = x->ctx;
    if (!s->in_cell || s->merges_only)
        return;
    if (s->in_value && !strcmp(name, "v")) {
        pxl_xml_stop_text(x);
        s->in_value = 0;
        s->has_value = 1;
        if (buf_set(&s->value, x->text ? x->text : "", x->text_len))
            pxl_xml_stop(x, pxl_fail_nomem());
    } else if (s->in_formula && !strcmp(name, "f")) {
        end_formula(x, s);
    } else if (s->in_inline && !strcmp(name, "t")) {
        pxl_xml_stop_text(x);
    } else if (s->in_inline && !strcmp(name, "rPh")) {
        s->in_phonetic = 0;
    } else if (s->in_inline && !strcmp(name, "is")) {
        s->in_inline = 0;
        pxl_xml_stop_text(x);
        if (buf_set(&s->inline_text, x->text ? x->text : "", x->text ? pxl_xml_unescape(x->text, x->text_len) : 0))
            pxl_xml_stop(x, pxl_fail_nomem());
    } else if (!strcmp(name, "c")) {
        if (!s->has_formula)
            s->formula.len = 0;
        end_cell(x, s);
        s->formula.len = 0;
    }
}

/* Read sheet @p index's part: its cells to @p visit, or with merges_only its merged ranges alone. */
static pxl_error read_sheet(pxl_xlsx_book *b, size_t index, sheet_reader *s)
{
    pxl_xml x = { .start = sheet_start, .end = sheet_end, .ctx = s };
    pxl_error e = pxl_xml_parse(b->zip, s->part, &x);
    /* the whole part read (not stopped by the visitor, no error): its merges are known */
    int whole = e == PXL_OK && !x.stopped;
    pxl_xml_free(&x);
    for (size_t i = 0; i < s->shared_cap; i++)
        free(s->shared[i].text);
    free(s->shared);
    for (size_t i = 0; i < s->array_count; i++)
        free(s->arrays[i].text);
    free(s->arrays);
    free(s->value.s);
    free(s->formula.s);
    free(s->inline_text.s);
    pxl_xlsx_sheet *sh = &b->sheets[index];
    if (whole && !s->merges_bad) {
        free(sh->merges);
        sh->merges = s->merges;
        sh->merge_count = s->merge_count;
        sh->merges_read = 1;
    } else {
        free(s->merges);
    }
    return e;
}

pxl_error pxl_xlsx_scan(void *impl, size_t index, pxl_cell_visitor visit, void *ctx)
{
    pxl_xlsx_book *b = impl;
    if (index >= b->sheet_count)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: there is no sheet %zu", b->path, index + 1);
    sheet_reader s = { .book = b, .part = b->sheets[index].part, .visit = visit, .ctx = ctx };
    return read_sheet(b, index, &s);
}

pxl_error pxl_xlsx_merges(void *impl, size_t index, pxl_range **ranges, size_t *count)
{
    pxl_xlsx_book *b = impl;
    *ranges = NULL;
    *count = 0;
    if (index >= b->sheet_count)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: there is no sheet %zu", b->path, index + 1);
    pxl_xlsx_sheet *sh = &b->sheets[index];
    if (!sh->merges_read) {
        sheet_reader s = { .book = b, .part = sh->part, .merges_only = 1 };
        pxl_error e = read_sheet(b, index, &s);
        if (e)
            return e;
    }
    /* the grid takes them over */
    *ranges = sh->merges;
    *count = sh->merge_count;
    sh->merges = NULL;
    sh->merge_count = 0;
    sh->merges_read = 0;
    return PXL_OK;
}
