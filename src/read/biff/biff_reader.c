/*
 * planxl's own BIFF reader: the workbook globals (MS-XLS 2.1.7.20.1: BOF ... EOF
 * before the first sheet) and the list of worksheets; biff_sheet.c reads the cells.
 *
 * freexl 1.0.6 cannot open about one .xls in five of the corpus (charts and other
 * nested substreams, strings continued over CONTINUE, cells outside DIMENSIONS) and
 * reads every formula cell as empty; this reader exists for those cases.
 */
#define _POSIX_C_SOURCE 200809L /* strdup, fileno */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "biff_book.h"
#include "biff_reader.h"
#include "util/error_internal.h"
#include "formula.h"
#include "ole.h"

/* BOF dt values (MS-XLS 2.4.21; BIFF2-4 from OpenOffice's "Excel File Format" 5.8). */
#define PXL_BOF_GLOBALS 0x0005
#define PXL_BOF_WORKSHEET 0x0010
#define PXL_BOF_WORKSPACE 0x0100   /* BIFF4W: a BIFF4 workbook of several sheets */
/* BOF vers in BIFF5-8 (MS-XLS 2.4.21): BIFF8 writes 0x0600, BIFF5/7 0x0500. */
#define PXL_BOF_VERS_BIFF8 0x0600
/* BOUNDSHEET dt (MS-XLS 2.4.28): 0 worksheet or dialog, 1 macro, 2 chart, 6 VB module. */
#define PXL_SHEET_TYPE_WORKSHEET 0
/* BIFF4W's BUNDLESHEET record ("Excel File Format" 5.12), the ancestor of BOUNDSHEET. */
#define PXL_REC_BUNDLESHEET4 0x008F
/* SUPBOOK's cch value marking the workbook's own sheets (MS-XLS 2.4.271). */
#define PXL_SUPBOOK_SELF 0x0401
/* ... and the add-in functions' SUPBOOK. */
#define PXL_SUPBOOK_ADDIN 0x3A01
/* itab values of an XTI that name no sheet (MS-XLS 2.5.172). */
#define PXL_ITAB_WORKBOOK 0xFFFE
#define PXL_ITAB_DELETED 0xFFFF
/* EXTERNNAME (MS-XLS 2.4.91): flags, then 4 bytes (ixals and reserved, or reserved), then the name. */
#define PXL_REC_EXTERNNAME 0x0023
#define PXL_EXTERNNAME_NAME_AT 6
/* NAME fBuiltin (MS-XLS 2.4.150). */
#define PXL_NAME_BUILTIN 0x0020

/* Built-in defined names by their one-character code (MS-XLS 2.4.150). */
static const char *const builtin_names[] = {
    "Consolidate_Area", "Auto_Open", "Auto_Close", "Extract", "Database", "Criteria",
    "Print_Area", "Print_Titles", "Recorder", "Data_Form", "Auto_Activate",
    "Auto_Deactivate", "Sheet_Title", "_FilterDatabase"
};

typedef struct xti { uint16_t supbook, first, last; } xti;

/* Parsing state that only lives while the globals are read. */
typedef struct globals {
    pxl_buf xtis;            /* xti[] (BIFF8) */
    /* per worksheet: BOUNDSHEET's lbPlyPos, and its position among all BOUNDSHEETs */
    struct sheet_entry { size_t bof, position; } *entries;
    unsigned codepage;
    unsigned next_format_id; /* BIFF2-4 FORMAT records are numbered by their order */
} globals;

static char *dup_buf(const pxl_buf *b)
{
    char *s = malloc(b->len + 1);
    if (s) {
        if (b->len)
            memcpy(s, b->data, b->len);
        s[b->len] = '\0';
    }
    return s;
}

static void free_strv(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Room for element @p n of an array that grows one element at a time: capacity
 * doubles at each power of two, so a file with a million NAME records costs
 * O(n) copying, not O(n^2). Returns the (maybe moved) array, or NULL. */
static void *grow(void *array, size_t n, size_t size)
{
    if (n & (n - 1))
        return array; /* n is not a power of two: the last doubling left room */
    size_t cap = n ? 2 * n : 1;
    if (cap > SIZE_MAX / size)
        return NULL;
    return realloc(array, cap * size);
}

static int push_str(char ***v, size_t *n, char *s)
{
    char **nv = grow(*v, *n, sizeof *nv);
    if (!nv) {
        free(s);
        return -1;
    }
    nv[(*n)++] = s;
    *v = nv;
    return 0;
}

static void book_free(pxl_biff_book *book)
{
    if (!book)
        return;
    free(book->path);
    pxl_stream_close(&book->s);
    pxl_codepage_close(&book->cp);
    pxl_sst_free(&book->sst);
    pxl_xf_free(&book->xf);
    pxl_biff_styles_free(&book->styles);
    free_strv(book->all_sheets, book->all_count);
    pxl_buf_free(&book->all_types);
    for (size_t i = 0; i < book->sheet_count; i++) {
        free(book->sheets[i].name);
        pxl_buf_free(&book->sheets[i].merges);
    }
    free(book->sheets);
    free_strv(book->sheet_refs, book->ref_count);
    for (size_t i = 0; book->defined && i < book->name_count; i++) {
        free(book->defined[i].tokens);
        free(book->defined[i].formula);
        free(book->defined[i].ref);
    }
    free(book->defined);
    free_strv(book->names, book->name_count);
    free(book->xti_supbook);
    free(book->xti_whole_book);
    free(book->supbook_first);
    free(book->supbook_names);
    pxl_buf_free(&book->supbook_self);
    pxl_buf_free(&book->supbook_other);
    free_strv(book->extnames, book->extname_count);
    pxl_buf_free(&book->cells);
    pxl_buf_free(&book->strings);
    free(book->shared);
    pxl_buf_free(&book->shared_bytes);
    free(book->shared_index);
    pxl_buf_free(&book->shared_alias);
    free(book->align);
    free(book);
}

/* A sheet name as a formula must write it: quoted unless it is a plain identifier
 * that cannot be read as a cell reference (Excel's rule, MS-XLS 2.2.2). */
static int name_needs_quotes(const char *name)
{
    const unsigned char *p = (const unsigned char *)name;
    if (!*p || (*p >= '0' && *p <= '9'))
        return 1;
    for (; *p; p++) {
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '.' || *p >= 0x80))
            return 1;
    }
    /* letters then digits ("A1", "AB12") would read as a cell */
    p = (const unsigned char *)name;
    size_t letters = 0;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        p++;
        letters++;
    }
    if (letters && letters <= 3 && *p >= '0' && *p <= '9') {
        while (*p >= '0' && *p <= '9')
            p++;
        if (!*p)
            return 1;
    }
    return 0;
}

static void append_quoted_body(pxl_buf *b, const char *name)
{
    for (const char *p = name; *p; p++) {
        if (*p == '\'')
            pxl_buf_append(b, "'", 1);
        pxl_buf_append(b, p, 1);
    }
}

static char *sheet_ref_text(const char *first, const char *last)
{
    pxl_buf b = {0};
    int quote = name_needs_quotes(first) || (last && name_needs_quotes(last));
    if (quote)
        pxl_buf_append(&b, "'", 1);
    append_quoted_body(&b, first);
    if (last) {
        pxl_buf_append(&b, ":", 1);
        append_quoted_body(&b, last);
    }
    if (quote)
        pxl_buf_append(&b, "'", 1);
    char *s = b.data ? dup_buf(&b) : NULL;
    pxl_buf_free(&b);
    return s;
}

const char *pxl_biff_sheet_ref(void *ctx, int index)
{
    const pxl_biff_book *book = ctx;
    if (book->biff >= 8) {
        if (index < 0 || (size_t)index >= book->ref_count)
            return NULL;
        return book->sheet_refs[index];
    }
    /* BIFF5 ptgRef3d: ixals, 1-based into EXTERNSHEET; negative for the workbook's own sheets. */
    long k = index < 0 ? -(long)index : (long)index;
    if (k < 1 || (size_t)k > book->ref_count)
        return NULL;
    return book->sheet_refs[k - 1];
}

const char *pxl_biff_sheet_name(void *ctx, unsigned tab)
{
    const pxl_biff_book *book = ctx;
    return tab < book->all_count ? book->all_sheets[tab] : NULL;
}

const char *pxl_biff_name(void *ctx, unsigned index)
{
    const pxl_biff_book *book = ctx;
    if (index < 1 || index > book->name_count)
        return NULL;
    const char *ref = book->defined ? book->defined[index - 1].ref : NULL;
    return ref ? ref : book->names[index - 1];
}

static int read_string(pxl_biff_book *book, pxl_biff_cursor *c, int cch_bytes, pxl_buf *out);

const char *pxl_biff_extern_name(void *ctx, int index, unsigned name_index)
{
    const pxl_biff_book *book = ctx;
    size_t sb;
    if (book->biff >= 8) {
        if (index < 0 || (size_t)index >= book->xti_count)
            return NULL;
        sb = book->xti_supbook[index];
    } else {
        /* BIFF5: EXTERNNAMEs follow the EXTERNSHEET entry they belong to */
        long k = index < 0 ? -(long)index : (long)index;
        if (k < 1)
            return NULL;
        sb = (size_t)k - 1;
    }
    /* BIFF8: through the workbook's own SUPBOOK, ptgNameX names one of its NAME records
     * (MS-XLS 2.5.198.76 PtgNameX) */
    if (book->biff >= 8 && sb < book->supbook_self.len && book->supbook_self.data[sb])
        /* through a sheet's XTI it is that sheet's local name, which would need the sheet
         * in front ("Sheet1!Total"): not written, the cell keeps its value */
        return book->xti_whole_book && book->xti_whole_book[index] ? pxl_biff_name(ctx, name_index) : NULL;
    if (sb >= book->supbook_count || name_index < 1 || name_index > book->supbook_names[sb])
        return NULL;
    /* a name defined in another workbook: .xlsx spells it [1]!Name through an external link
     * part libxlsxwriter cannot write, and bare it would mean a name of this workbook */
    if (sb < book->supbook_other.len && book->supbook_other.data[sb])
        return NULL;
    return book->extnames[book->supbook_first[sb] + name_index - 1];
}

/* A new SUPBOOK (BIFF5: EXTERNSHEET entry) that later EXTERNNAMEs belong to. */
static int push_supbook(pxl_biff_book *book)
{
    size_t n = book->supbook_count + 1;
    size_t *first = grow(book->supbook_first, n - 1, sizeof *first);
    if (first)
        book->supbook_first = first;
    size_t *count = grow(book->supbook_names, n - 1, sizeof *count);
    if (count)
        book->supbook_names = count;
    if (!first || !count)
        return -1;
    book->supbook_first[n - 1] = book->extname_count;
    book->supbook_names[n - 1] = 0;
    book->supbook_count = n;
    return 0;
}

static pxl_error read_externname(pxl_biff_book *book, const pxl_biff_record *rec)
{
    if (!book->supbook_count)
        return PXL_OK; /* no SUPBOOK to belong to: nothing can refer to it */
    pxl_biff_cursor c;
    pxl_buf text = {0};
    char *name = NULL;
    pxl_biff_cursor_init(&c, &book->s, rec);
    if (pxl_biff_cursor_skip(&c, PXL_EXTERNNAME_NAME_AT) == 0) {
        int rc = read_string(book, &c, 1, &text);
        if (rc == PXL_TEXT_NOMEM) {
            pxl_buf_free(&text);
            return pxl_fail_nomem();
        }
        if (rc == PXL_TEXT_OK)
            name = dup_buf(&text);
    }
    pxl_buf_free(&text);
    if (push_str(&book->extnames, &book->extname_count, name) != 0)
        return pxl_fail_nomem();
    book->supbook_names[book->supbook_count - 1]++;
    return PXL_OK;
}

/* Read a string whose length and layout depend on the BIFF version:
 * BIFF8 XLUnicodeString (cch of @p cch_bytes bytes, then flags), else 8-bit in the code page. */
static int read_string(pxl_biff_book *book, pxl_biff_cursor *c, int cch_bytes, pxl_buf *out)
{
    size_t cch;
    if (cch_bytes == 1) {
        uint8_t n;
        if (pxl_biff_cursor_u8(c, &n) != 0)
            return PXL_TEXT_TRUNCATED;
        cch = n;
    } else {
        uint16_t n;
        if (pxl_biff_cursor_u16(c, &n) != 0)
            return PXL_TEXT_TRUNCATED;
        cch = n;
    }
    if (book->biff >= 8)
        return pxl_text_read_unicode(c, cch, out);
    return pxl_text_read_8bit(c, cch, &book->cp, out);
}

static pxl_error corrupt(const pxl_biff_book *book, const char *what)
{
    return pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: %s", book->path, what);
}

static pxl_error text_error(const pxl_biff_book *book, int rc, const char *what)
{
    if (rc == PXL_TEXT_NOMEM)
        return pxl_fail_nomem();
    return corrupt(book, what);
}

static pxl_error read_boundsheet(pxl_biff_book *book, globals *g, const pxl_biff_record *rec)
{
    pxl_biff_cursor c;
    pxl_buf name = {0};
    uint32_t offset;
    uint8_t state, type;
    pxl_biff_cursor_init(&c, &book->s, rec);
    if (rec->type == PXL_REC_BUNDLESHEET4) {
        uint16_t options;
        if (pxl_biff_cursor_u32(&c, &offset) != 0 || pxl_biff_cursor_u16(&c, &options) != 0)
            return corrupt(book, "a sheet entry (BUNDLESHEET record) is cut short");
        type = PXL_SHEET_TYPE_WORKSHEET;
        state = 0xFF; /* BIFF4W keeps no hidden state planxl knows how to read */
    } else if (pxl_biff_cursor_u32(&c, &offset) != 0 || pxl_biff_cursor_u8(&c, &state) != 0 ||
               pxl_biff_cursor_u8(&c, &type) != 0) {
        return corrupt(book, "a sheet entry (BOUNDSHEET record) is cut short");
    }
    int rc = read_string(book, &c, 1, &name);
    if (rc != PXL_TEXT_OK) {
        pxl_buf_free(&name);
        return text_error(book, rc, "a sheet name (BOUNDSHEET record) is cut short");
    }
    char *s = dup_buf(&name);
    pxl_buf_free(&name);
    if (!s)
        return pxl_fail_nomem();
    char *copy = NULL;
    if (type == PXL_SHEET_TYPE_WORKSHEET && !(copy = strdup(s))) {
        free(s);
        return pxl_fail_nomem();
    }
    if (pxl_buf_append(&book->all_types, &type, 1) != 0) {
        free(s);
        free(copy);
        return pxl_fail_nomem();
    }
    if (push_str(&book->all_sheets, &book->all_count, s) != 0) {
        free(copy);
        return pxl_fail_nomem();
    }
    if (type != PXL_SHEET_TYPE_WORKSHEET)
        return PXL_OK;
    pxl_biff_sheet *sheets = grow(book->sheets, book->sheet_count, sizeof *sheets);
    struct sheet_entry *entries = grow(g->entries, book->sheet_count, sizeof *entries);
    if (sheets)
        book->sheets = sheets;
    if (entries)
        g->entries = entries;
    if (!sheets || !entries) {
        free(copy);
        return pxl_fail_nomem();
    }
    book->sheets[book->sheet_count] = (pxl_biff_sheet){ copy, SIZE_MAX, 0, {0},
                                                        state == 0xFF ? PXL_SHEET_STATE_UNKNOWN
                                                                      : pxl_biff_sheet_state(state), {0} };
    g->entries[book->sheet_count] = (struct sheet_entry){ offset, book->all_count - 1 };
    book->sheet_count++;
    return PXL_OK;
}

static pxl_error read_format(pxl_biff_book *book, globals *g, const pxl_biff_record *rec)
{
    pxl_biff_cursor c;
    pxl_buf text = {0};
    unsigned id;
    int rc;
    pxl_biff_cursor_init(&c, &book->s, rec);
    if (book->biff >= 5) {
        uint16_t ifmt;
        if (pxl_biff_cursor_u16(&c, &ifmt) != 0)
            return PXL_OK;
        id = ifmt;
        rc = read_string(book, &c, book->biff >= 8 ? 2 : 1, &text);
    } else {
        /* BIFF2-4: numbered by order; BIFF4 has two unused bytes first */
        if (book->biff == 4 && pxl_biff_cursor_skip(&c, 2) != 0)
            return PXL_OK;
        id = g->next_format_id++;
        rc = read_string(book, &c, 1, &text);
    }
    if (rc == PXL_TEXT_OK && pxl_buf_append(&text, "", 1) != 0)
        rc = PXL_TEXT_NOMEM;
    if (rc == PXL_TEXT_OK && pxl_xf_add_format(&book->xf, id, text.data) != 0)
        rc = PXL_TEXT_NOMEM;
    if (rc == PXL_TEXT_OK && !book->supplement && pxl_biff_styles_format(&book->styles, id, text.data) != 0)
        rc = PXL_TEXT_NOMEM;
    pxl_buf_free(&text);
    /* A cut-off format string (seen in real files, e.g. POI's govdocs1 626534) costs only
     * date recognition for the cells that use it: the workbook is still read. */
    return rc == PXL_TEXT_NOMEM ? pxl_fail_nomem() : PXL_OK;
}

static pxl_error read_xf(pxl_biff_book *book, const pxl_biff_record *rec)
{
    unsigned fmt;
    /* XF's format index: BIFF5/8 ifmt at offset 2 (MS-XLS 2.4.353); BIFF3/4 a byte at offset 1;
     * BIFF2 the low 6 bits of the byte at offset 2 ("Excel File Format" 6.115). */
    if (book->biff >= 5) {
        if (rec->len < 4)
            return corrupt(book, "a cell format (XF record) is cut short");
        fmt = pxl_u16(rec->data + 2);
    } else if (book->biff >= 3) {
        if (rec->len < 2)
            return corrupt(book, "a cell format (XF record) is cut short");
        fmt = rec->data[1];
    } else {
        if (rec->len < 3)
            return corrupt(book, "a cell format (XF record) is cut short");
        fmt = rec->data[2] & 0x3F;
    }
    if (pxl_xf_add_xf(&book->xf, fmt) != 0 || (!book->supplement && pxl_biff_styles_xf(&book->styles, rec) != 0))
        return pxl_fail_nomem();
    return PXL_OK;
}

static pxl_error read_externsheet(pxl_biff_book *book, globals *g, const pxl_biff_record *rec)
{
    pxl_biff_cursor c;
    pxl_biff_cursor_init(&c, &book->s, rec);
    if (book->biff >= 8) {
        uint16_t n;
        if (pxl_biff_cursor_u16(&c, &n) != 0)
            return corrupt(book, "the sheet reference table (EXTERNSHEET record) is cut short");
        for (unsigned i = 0; i < n; i++) {
            xti x;
            if (pxl_biff_cursor_u16(&c, &x.supbook) != 0 || pxl_biff_cursor_u16(&c, &x.first) != 0 ||
                pxl_biff_cursor_u16(&c, &x.last) != 0)
                return corrupt(book, "the sheet reference table (EXTERNSHEET record) is cut short");
            if (pxl_buf_append(&g->xtis, &x, sizeof x) != 0)
                return pxl_fail_nomem();
        }
        return PXL_OK;
    }
    /* BIFF5: one record per entry, an encoded sheet name ("Excel File Format" 3.10):
     * cch, then 0x02 or 0x03 and cch bytes of a sheet of this workbook; a single
     * 0x04 (this sheet) or ':' (add-ins), or an encoded URL (0x01), name no sheet here. */
    pxl_buf text = {0};
    char *ref = NULL;
    if (rec->len >= 2 && (rec->data[1] == 0x02 || rec->data[1] == 0x03)) {
        size_t cch = rec->data[0];
        if (cch > (size_t)rec->len - 2)
            cch = (size_t)rec->len - 2;
        int rc = pxl_text_append_8bit(&text, &book->cp, rec->data + 2, cch);
        if (rc == PXL_TEXT_OK && pxl_buf_append(&text, "", 1) == 0)
            ref = sheet_ref_text(text.data, NULL);
        else
            rc = PXL_TEXT_NOMEM;
        pxl_buf_free(&text);
        if (rc != PXL_TEXT_OK || !ref)
            return pxl_fail_nomem();
    }
    (void)c;
    uint8_t other = rec->len >= 2 && rec->data[1] == 0x01; /* an encoded URL: another workbook */
    if (push_str(&book->sheet_refs, &book->ref_count, ref) != 0 ||
        pxl_buf_append(&book->supbook_other, &other, 1) != 0 || push_supbook(book) != 0)
        return pxl_fail_nomem();
    return PXL_OK;
}

static pxl_error read_supbook(pxl_biff_book *book, const pxl_biff_record *rec)
{
    uint16_t cch = rec->len >= 4 ? pxl_u16(rec->data + 2) : 0;
    uint8_t self = cch == PXL_SUPBOOK_SELF, other = rec->len >= 4 && !self && cch != PXL_SUPBOOK_ADDIN;
    if (pxl_buf_append(&book->supbook_self, &self, 1) != 0 || pxl_buf_append(&book->supbook_other, &other, 1) != 0 ||
        push_supbook(book) != 0)
        return pxl_fail_nomem();
    return PXL_OK;
}

static pxl_error read_name(pxl_biff_book *book, const pxl_biff_record *rec)
{
    /* NAME (MS-XLS 2.4.150; BIFF5 the same up to rgce): grbit, chKey, cch, cce, ixals,
     * itab, four menu/help lengths, the name, then rgce (cce bytes). */
    pxl_biff_cursor c;
    pxl_buf text = {0};
    char *name = NULL;
    pxl_biff_defined d = { .why = "its record cannot be read" };
    pxl_biff_cursor_init(&c, &book->s, rec);
    uint16_t grbit, cce, ixals, itab;
    uint8_t key, cch;
    if (pxl_biff_cursor_u16(&c, &grbit) == 0 && pxl_biff_cursor_u8(&c, &key) == 0 &&
        pxl_biff_cursor_u8(&c, &cch) == 0 && pxl_biff_cursor_u16(&c, &cce) == 0 &&
        pxl_biff_cursor_u16(&c, &ixals) == 0 && pxl_biff_cursor_u16(&c, &itab) == 0 &&
        pxl_biff_cursor_skip(&c, 4) == 0) {
        int rc = book->biff >= 8 ? pxl_text_read_unicode(&c, cch, &text)
                                 : pxl_text_read_8bit(&c, cch, &book->cp, &text);
        if (rc == PXL_TEXT_NOMEM) {
            pxl_buf_free(&text);
            return pxl_fail_nomem();
        }
        if (rc == PXL_TEXT_OK) {
            if ((grbit & PXL_NAME_BUILTIN) && text.len >= 1 &&
                (unsigned char)text.data[0] < sizeof builtin_names / sizeof *builtin_names)
                name = strdup(builtin_names[(unsigned char)text.data[0]]);
            else
                name = dup_buf(&text);
            d.grbit = grbit;
            d.tab = itab;
            d.why = cce ? "its formula is cut short" : "it stands for nothing (no formula)";
            /* rgce, then rgcb (array constants) to the end of the record: the four
             * menu/help strings after it are empty in practice, and the decoder reads
             * only as much of rgcb as the ptgArray tokens need */
            size_t extra = c.left >= cce ? c.left - cce : 0;
            if (cce && (d.tokens = malloc(cce + extra)) != NULL && pxl_biff_cursor_read(&c, d.tokens, cce) == 0 &&
                pxl_biff_cursor_read(&c, d.tokens + cce, extra) == 0) {
                d.tokens_len = cce;
                d.extra_len = extra;
            } else if (cce && !d.tokens) {
                rc = PXL_TEXT_NOMEM;
            }
            if (!d.tokens_len) {
                free(d.tokens);
                d.tokens = NULL;
            }
        }
        if (rc == PXL_TEXT_NOMEM || (rc == PXL_TEXT_OK && !name)) {
            pxl_buf_free(&text);
            free(name);
            return pxl_fail_nomem();
        }
    }
    pxl_buf_free(&text);
    pxl_biff_defined *defined = grow(book->defined, book->name_count, sizeof *defined);
    if (!defined) {
        free(d.tokens);
        free(name);
        return pxl_fail_nomem();
    }
    book->defined = defined;
    defined[book->name_count] = d;
    /* an unreadable name stays NULL: formulas using it keep their cached value */
    if (push_str(&book->names, &book->name_count, name) != 0) {
        free(d.tokens);
        return pxl_fail_nomem();
    }
    return PXL_OK;
}

/* Each defined name's formula as A1 text, once EXTERNSHEET and SUPBOOK (which may come
 * after the NAME records) are known. Names with relative references are left without
 * one (formula.h: absolute_only). */
static pxl_error decode_defined_names(pxl_biff_book *book)
{
    /* A sheet's own name is written with its sheet ("Sheet1!Total") wherever a formula
     * uses it: valid on its own sheet too, and never taken for another sheet's name. */
    for (size_t i = 0; i < book->name_count; i++) {
        pxl_biff_defined *d = &book->defined[i];
        if (!book->names[i] || !d->tab || d->tab > book->all_count)
            continue;
        char *sheet = sheet_ref_text(book->all_sheets[d->tab - 1], NULL);
        size_t n = sheet ? strlen(sheet) + 1 + strlen(book->names[i]) + 1 : 0;
        if (!sheet || !(d->ref = malloc(n))) {
            free(sheet);
            return pxl_fail_nomem();
        }
        snprintf(d->ref, n, "%s!%s", sheet, book->names[i]);
        free(sheet);
    }
    for (size_t i = 0; i < book->name_count; i++) {
        pxl_biff_defined *d = &book->defined[i];
        if (!d->tokens)
            continue;
        pxl_formula_context ctx = { book->biff, 0, 0, pxl_biff_sheet_ref, pxl_biff_name, book,
                                    0, pxl_biff_extern_name, pxl_biff_sheet_name, 1 };
        char out[PXL_FORMULA_TEXT_MAX];
        const char *reason = NULL;
        if (pxl_formula_decode(d->tokens, d->tokens_len, d->tokens + d->tokens_len, d->extra_len, &ctx, out, sizeof out,
                               &reason) == PXL_FORMULA_OK) {
            if (!(d->formula = strdup(out)))
                return pxl_fail_nomem();
        } else {
            d->why = reason ? reason : "planxl cannot decode its formula";
        }
        free(d->tokens);
        d->tokens = NULL;
    }
    return PXL_OK;
}

static pxl_error resolve_sheet_refs(pxl_biff_book *book, globals *g)
{
    if (book->biff < 8)
        return PXL_OK;
    size_t n = g->xtis.len / sizeof(xti);
    if (!n)
        return PXL_OK;
    book->sheet_refs = calloc(n, sizeof *book->sheet_refs);
    book->xti_supbook = malloc(n * sizeof *book->xti_supbook);
    book->xti_whole_book = calloc(n, 1);
    if (!book->sheet_refs || !book->xti_supbook || !book->xti_whole_book)
        return pxl_fail_nomem();
    book->ref_count = n;
    book->xti_count = n;
    for (size_t i = 0; i < n; i++) {
        xti x;
        memcpy(&x, g->xtis.data + i * sizeof x, sizeof x);
        book->xti_supbook[i] = x.supbook;
        book->xti_whole_book[i] = x.first == PXL_ITAB_WORKBOOK;
        if (x.supbook >= book->supbook_self.len || !book->supbook_self.data[x.supbook])
            continue; /* another workbook, or an add-in */
        if (x.first == PXL_ITAB_DELETED) {
            /* a deleted sheet: the reference is written as the error #REF! */
            if (!(book->sheet_refs[i] = strdup(PXL_FORMULA_DELETED_SHEET)))
                return pxl_fail_nomem();
            continue;
        }
        if (x.first == PXL_ITAB_WORKBOOK || x.first >= book->all_count || x.last >= book->all_count)
            continue;
        const char *first = book->all_sheets[x.first];
        const char *last = x.last != x.first ? book->all_sheets[x.last] : NULL;
        if (!(book->sheet_refs[i] = sheet_ref_text(first, last)))
            return pxl_fail_nomem();
    }
    return PXL_OK;
}

/* A cell record's row and last column, for the extent of a sheet without DIMENSIONS: every
 * record that starts with rw and col (MS-XLS 2.4.x; BIFF2 the same), the MUL* records
 * ending with their last column. More kinds than freexl counts: an estimate on the high side. */
static int cell_position(int biff, const pxl_biff_record *rec, uint32_t *row, uint32_t *col)
{
    if (rec->len < 4)
        return 0;
    switch (rec->type) {
    case PXL_REC_BLANK2:
    case PXL_REC_INTEGER2:
    case PXL_REC_NUMBER2:
    case PXL_REC_LABEL2:
    case PXL_REC_BOOLERR2:
        if (biff != 2)
            return 0;
        break;
    case PXL_REC_FORMULA:
    case PXL_REC_FORMULA3:
    case PXL_REC_FORMULA4:
        if (!pxl_biff_is_formula(biff, rec->type))
            return 0;
        break;
    case PXL_REC_BLANK:
    case PXL_REC_NUMBER:
    case PXL_REC_LABEL:
    case PXL_REC_BOOLERR:
    case PXL_REC_RK:
    case PXL_REC_RSTRING:
    case PXL_REC_LABELSST:
        break;
    case PXL_REC_MULRK:
    case PXL_REC_MULBLANK:
        if (rec->len < 6)
            return 0;
        *row = pxl_u16(rec->data);
        *col = pxl_u16(rec->data + rec->len - 2); /* colLast */
        return 1;
    default:
        return 0;
    }
    *row = pxl_u16(rec->data);
    *col = pxl_u16(rec->data + 2);
    return 1;
}

void pxl_biff_extent_record(pxl_biff_extent *x, int biff, const pxl_biff_record *rec)
{
    uint32_t rows, cols;
    if (rec->type == PXL_REC_DIMENSIONS && biff >= 8 && rec->len >= 12) {
        /* rwMic, rwMac (32 bits), colMic, colMac */
        rows = pxl_u32(rec->data + 4);
        cols = pxl_u16(rec->data + 10);
    } else if (((rec->type == PXL_REC_DIMENSIONS && biff >= 3) || (rec->type == PXL_REC_DIMENSIONS2 && biff == 2)) &&
               rec->len >= 8) {
        /* the same in 16 bits */
        rows = pxl_u16(rec->data + 2);
        cols = pxl_u16(rec->data + 6);
    } else {
        uint32_t row, col;
        if (cell_position(biff, rec, &row, &col)) {
            if (!x->has_cells || row > x->max_row)
                x->max_row = row;
            if (!x->has_cells || col > x->max_col)
                x->max_col = col;
            x->has_cells = 1;
        }
        return;
    }
    x->rows = rows;
    x->cols = cols;
    x->dimensions_cells += (uint64_t)rows * cols;
    x->has_dimensions = 1;
}

uint64_t pxl_biff_extent_cells(const pxl_biff_extent *x)
{
    if (x->has_dimensions)
        return x->dimensions_cells;
    return x->has_cells ? ((uint64_t)x->max_row + 1) * ((uint64_t)x->max_col + 1) : 0;
}

/*
 * Walk the substreams after the globals (headers only): where each BOF is, and
 * whether it holds formulas. BOUNDSHEET offsets that do not point at a BOF are
 * replaced by the substream in the same position (some writers get them wrong).
 */
typedef struct sub_entry {
    size_t bof;              /* its BOF's stream offset */
    int formulas;            /* it holds records the supplement pass delivers */
    pxl_biff_extent extent;  /* its declared size */
    pxl_buf merges;          /* its merged ranges (pxl_range[]) */
} sub_entry;

/* Give worksheet @p sheet substream @p sub's facts (a copy of its merged ranges: two
 * BOUNDSHEETs of a broken file may point at one substream). */
static int take_substream(pxl_biff_sheet *sheet, const sub_entry *sub)
{
    sheet->bof = sub->bof;
    sheet->has_supplement = sub->formulas;
    sheet->extent = sub->extent;
    return sub->merges.len ? pxl_buf_append(&sheet->merges, sub->merges.data, sub->merges.len) : 0;
}

static void free_substreams(pxl_buf *subs)
{
    sub_entry *sub = (sub_entry *)subs->data;
    for (size_t k = 0; k < subs->len / sizeof *sub; k++)
        pxl_buf_free(&sub[k].merges);
    pxl_buf_free(subs);
}

static pxl_error locate_sheets(pxl_biff_book *book, globals *g, size_t pos)
{
    size_t found = 0;
    pxl_biff_record rec;
    /* substream k (in file order) -> sub_entry */
    pxl_buf subs = {0};
    while (pxl_biff_record_at(&book->s, pos, &rec) == 1) {
        if (!pxl_biff_is_bof(book->biff, rec.type)) {
            pos = rec.next;
            continue;
        }
        sub_entry entry = { rec.offset, 0, {0}, {0} };
        int depth = 0;
        while (pxl_biff_record_at(&book->s, pos, &rec) == 1) {
            pos = rec.next;
            if (pxl_biff_is_bof(book->biff, rec.type)) {
                depth++;
            } else if (rec.type == PXL_REC_EOF && --depth == 0) {
                break;
            } else if (depth == 1) {
                pxl_biff_extent_record(&entry.extent, book->biff, &rec);
                if (pxl_biff_merged_record(&entry.merges, book->biff, &rec) != 0) {
                    pxl_buf_free(&entry.merges);
                    free_substreams(&subs);
                    return pxl_fail_nomem();
                }
                if (book->supplement && !entry.formulas && pxl_biff_supplement_record(book, &rec))
                    entry.formulas = 1;
            }
        }
        book->declared_cells += pxl_biff_extent_cells(&entry.extent);
        if (pxl_buf_append(&subs, &entry, sizeof entry) != 0) {
            pxl_buf_free(&entry.merges);
            free_substreams(&subs);
            return pxl_fail_nomem();
        }
        found++;
    }
    const sub_entry *sub = (const sub_entry *)subs.data;
    for (size_t i = 0; i < book->sheet_count; i++) {
        size_t all_pos = g->entries[i].position;
        size_t want = g->entries[i].bof;
        int matched = 0;
        /* substreams were found in stream order: binary search by offset */
        size_t lo = 0, hi = found;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (sub[mid].bof < want)
                lo = mid + 1;
            else
                hi = mid;
        }
        int failed = 0;
        if (lo < found && sub[lo].bof == want) {
            failed = take_substream(&book->sheets[i], &sub[lo]);
            matched = 1;
        }
        if (!matched) {
            if (all_pos < found)
                failed = take_substream(&book->sheets[i], &sub[all_pos]);
            else
                book->sheets[i].bof = SIZE_MAX; /* no cells to find: reported when the sheet is read */
        }
        if (failed) {
            free_substreams(&subs);
            return pxl_fail_nomem();
        }
    }
    free_substreams(&subs);
    return PXL_OK;
}

static pxl_error read_globals(pxl_biff_book *book)
{
    pxl_biff_record rec;
    globals g = { .codepage = 0 };
    pxl_error e = PXL_OK;
    if (pxl_biff_record_at(&book->s, 0, &rec) != 1 || rec.len < 4)
        return corrupt(book, "the workbook stream is empty or cut short");
    unsigned dt = pxl_u16(rec.data + 2);
    switch (rec.type) {
    case PXL_REC_BOF2: book->biff = 2; break;
    case PXL_REC_BOF3: book->biff = 3; break;
    case PXL_REC_BOF4: book->biff = 4; break;
    case PXL_REC_BOF:
        book->biff = pxl_u16(rec.data) >= PXL_BOF_VERS_BIFF8 ? 8 : 5;
        dt = pxl_u16(rec.data + 2);
        break;
    default:
        return pxl_fail(PXL_ERR_NOT_XLS, "%s: not an Excel 97-2003 (.xls) workbook: its workbook stream does not start with a BOF record",
                        book->path);
    }
    if (book->biff == 2)
        dt = PXL_BOF_WORKSHEET; /* BIFF2 BOF's second field is the type too, but only worksheets matter */
    int single_sheet = book->biff <= 4 && dt == PXL_BOF_WORKSHEET;
    size_t pos = rec.next;
    int ended = 0;
    while (!ended && e == PXL_OK) {
        int r = pxl_biff_record_at(&book->s, pos, &rec);
        if (r == 0)
            break;
        if (r < 0) {
            e = corrupt(book, "the workbook stream is cut short");
            break;
        }
        pos = rec.next;
        switch (rec.type) {
        case PXL_REC_EOF:
            ended = 1;
            break;
        case PXL_REC_FILEPASS:
            e = pxl_fail(PXL_ERR_ENCRYPTED, "%s: the workbook is password-protected (encrypted); planxl cannot read it",
                         book->path);
            break;
        case PXL_REC_CODEPAGE:
            if (rec.len >= 2)
                g.codepage = pxl_u16(rec.data);
            /* 8-bit text that follows (sheet names, formats) needs it at once */
            pxl_codepage_close(&book->cp);
            pxl_codepage_init(&book->cp, g.codepage);
            break;
        case PXL_REC_DATEMODE:
            book->date1904 = rec.len >= 2 && pxl_u16(rec.data) == 1;
            break;
        case PXL_REC_BOUNDSHEET:
        case PXL_REC_BUNDLESHEET4:
            if (!single_sheet && (rec.type == PXL_REC_BOUNDSHEET || book->biff == 4))
                e = read_boundsheet(book, &g, &rec);
            break;
        case PXL_REC_SST:
            /* the supplement pass delivers no LABELSST cell: freexl reads those right */
            if (book->biff >= 8 && !book->supplement) {
                int rc = pxl_sst_read(&book->sst, &book->s, &rec);
                if (rc != PXL_TEXT_OK)
                    e = text_error(book, rc, "the shared string table (SST record) is cut short");
            }
            break;
        case PXL_REC_FORMAT2:
        case PXL_REC_FORMAT4:
            e = read_format(book, &g, &rec);
            break;
        case PXL_REC_XF:
        case PXL_REC_XF2:
        case PXL_REC_XF3:
        case PXL_REC_XF4:
            if ((rec.type == PXL_REC_XF) == (book->biff >= 5))
                e = read_xf(book, &rec);
            break;
        case PXL_REC_FONT:
        case PXL_REC_FONT34:
        case PXL_REC_PALETTE:
            if (!book->supplement && pxl_biff_styles_record(&book->styles, book->biff, &book->cp, &rec) != 0)
                e = pxl_fail_nomem();
            break;
        case PXL_REC_EXTERNSHEET:
            if (book->biff >= 5)
                e = read_externsheet(book, &g, &rec);
            break;
        case PXL_REC_SUPBOOK:
            if (book->biff >= 8)
                e = read_supbook(book, &rec);
            break;
        case PXL_REC_NAME:
            if (book->biff >= 5)
                e = read_name(book, &rec);
            break;
        case PXL_REC_EXTERNNAME:
            if (book->biff >= 5)
                e = read_externname(book, &rec);
            break;
        default:
            break;
        }
    }
    if (e == PXL_OK && !ended && !single_sheet)
        e = corrupt(book, "the workbook stream ends before its sheet list does");
    book->xf.biff58 = book->biff >= 5;
    if (e == PXL_OK && pxl_xf_resolve(&book->xf) != 0)
        e = pxl_fail_nomem();
    if (e == PXL_OK && !book->supplement && pxl_biff_styles_resolve(&book->styles, book->biff, &book->xf) != 0)
        e = pxl_fail_nomem();
    if (e == PXL_OK)
        e = resolve_sheet_refs(book, &g);
    if (e == PXL_OK)
        e = decode_defined_names(book);
    if (e == PXL_OK && single_sheet) {
        /* a bare BIFF2-4 worksheet: the stream is the sheet, and has no name of its own;
         * python3-xlrd calls it "Sheet 1", and so does planxl */
        char *name = strdup("Sheet 1");
        book->sheets = malloc(sizeof *book->sheets);
        if (!name || !book->sheets) {
            free(name);
            e = pxl_fail_nomem();
        } else {
            book->sheets[0] = (pxl_biff_sheet){ name, 0, 0, {0}, PXL_SHEET_VISIBLE, {0} };
            book->sheet_count = 1;
            pxl_biff_record r0;
            for (size_t p = 0; pxl_biff_record_at(&book->s, p, &r0) == 1; p = r0.next) {
                if (book->supplement && pxl_biff_supplement_record(book, &r0))
                    book->sheets[0].has_supplement = 1;
                pxl_biff_extent_record(&book->sheets[0].extent, book->biff, &r0);
            }
            book->declared_cells = pxl_biff_extent_cells(&book->sheets[0].extent);
        }
    } else if (e == PXL_OK) {
        e = locate_sheets(book, &g, pos);
    }
    pxl_buf_free(&g.xtis);
    free(g.entries);
    return e;
}

/* Open the workbook whose stream is @p stream; the book takes it over, and closes it on
 * failure too. */
static pxl_error book_open(pxl_biff_book **out, const char *name, pxl_biff_stream *stream, int supplement)
{
    *out = NULL;
    pxl_biff_book *book = calloc(1, sizeof *book);
    if (!book || !(book->path = strdup(name))) {
        free(book);
        pxl_stream_close(stream);
        return pxl_fail_nomem();
    }
    book->supplement = supplement;
    book->loaded = SIZE_MAX;
    pxl_codepage_init(&book->cp, PXL_DEFAULT_CODEPAGE);
    book->s = *stream;
    pxl_error e = pxl_stream_error(&book->s, book->path, read_globals(book));
    if (e != PXL_OK) {
        book_free(book);
        return e;
    }
    *out = book;
    return PXL_OK;
}

/* The same from the file @p path: its workbook stream is read as it is needed. */
static pxl_error book_open_file(pxl_biff_book **out, const char *path, int supplement)
{
    pxl_biff_stream stream;
    *out = NULL;
    pxl_error e = pxl_ole_workbook_open(path, &stream);
    return e != PXL_OK ? e : book_open(out, path, &stream, supplement);
}

static pxl_error biff_scan(void *impl, size_t index, pxl_cell_visitor visit, void *ctx)
{
    pxl_biff_book *book = impl;
    size_t count;
    pxl_error e;
    if (!book->supplement && !book->align && index < book->sheet_count) {
        /* Most files write their cells in order: stream those, so that no sheet-sized
         * buffer is needed (issue 5: 12.8 MB of cells on a 400 000-cell sheet). */
        int streamed;
        e = pxl_biff_stream_sheet(book, index, visit, ctx, &streamed);
        if (streamed) {
            book->streamed_scans++;
            return pxl_stream_error(&book->s, book->path, e);
        }
        book->buffered_scans++;
    }
    e = pxl_biff_sheet_load(book, index, &count);
    if (e != PXL_OK)
        return e;
    for (size_t i = 0; i < count; i++) {
        pxl_cell cell;
        pxl_biff_cell_view(book, i, &cell);
        if (visit(ctx, &cell))
            break;
    }
    return PXL_OK;
}

static void biff_close(void *impl)
{
    book_free(impl);
}

static void biff_keep_blanks(void *impl)
{
    pxl_biff_book *book = impl;
    book->blanks = !book->supplement;
}

const pxl_reader_ops pxl_biff_ops = { "biff", biff_scan, biff_close, NULL, biff_keep_blanks };

/* Is @p own the only sheet the supplement pass has cells for? */
static int only_sheet_needing(const pxl_biff_book *book, size_t own)
{
    for (size_t i = 0; i < book->sheet_count; i++)
        if (i != own && book->sheets[i].has_supplement)
            return 0;
    return 1;
}

/* Sheet @p index of the caller's numbering (pxl_biff_align_sheets) as the book's own:
 * 0 when the caller's sheet has no counterpart here (it then has no cells). */
static int own_sheet(const pxl_biff_book *book, size_t index, size_t *own)
{
    *own = index;
    if (!book->align)
        return 1;
    if (index >= book->align_count || book->align[index] == SIZE_MAX)
        return 0;
    *own = book->align[index];
    return 1;
}

pxl_error pxl_biff_sheet_load(void *impl, size_t index, size_t *count)
{
    pxl_biff_book *book = impl;
    *count = 0;
    size_t own;
    if (!own_sheet(book, index, &own))
        return PXL_OK;
    if (own >= book->sheet_count)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: there is no sheet number %zu", book->path, index + 1);
    if (book->supplement && !book->sheets[own].has_supplement)
        return PXL_OK;
    if (book->loaded != own) {
        pxl_error e = pxl_biff_collect(book, own);
        if (e != PXL_OK)
            return pxl_stream_error(&book->s, book->path, e);
        if (book->supplement && only_sheet_needing(book, own)) {
            /* The supplement's cells and texts are copies: with the one sheet that needs the
             * pass loaded for good, the file and the stream's window can go. */
            pxl_stream_close(&book->s);
        }
    }
    *count = book->cell_count;
    return PXL_OK;
}

pxl_error pxl_biff_stream_supplement(void *impl, size_t index, pxl_cell_visitor visit, void *ctx, int *streamed)
{
    pxl_biff_book *book = impl;
    size_t own;
    *streamed = 1;
    if (!own_sheet(book, index, &own) || own >= book->sheet_count || !book->sheets[own].has_supplement)
        return PXL_OK; /* no cells for this sheet */
    if (book->loaded == own) {
        /* Held from an earlier scan (a sheet out of order, merged from the buffer), and its
         * stream perhaps closed since (pxl_biff_sheet_load): the buffer serves again. Streaming
         * here would drop it and read a closed stream, so a second scan lost cells. */
        *streamed = 0;
        return PXL_OK;
    }
    book->loaded = SIZE_MAX; /* streaming uses the cell buffer */
    pxl_error e = pxl_biff_stream_sheet(book, own, visit, ctx, streamed);
    if (*streamed)
        book->streamed_scans++;
    return pxl_stream_error(&book->s, book->path, e);
}

void pxl_biff_sheet_cell(void *impl, size_t i, pxl_cell *cell)
{
    pxl_biff_cell_view(impl, i, cell);
}

void pxl_biff_scan_paths(const void *impl, unsigned long *streamed, unsigned long *buffered)
{
    const pxl_biff_book *book = impl;
    *streamed = book ? book->streamed_scans : 0;
    *buffered = book ? book->buffered_scans : 0;
}

void pxl_biff_formula_counts(const void *impl, unsigned long *formulas, unsigned long *undecoded)
{
    const pxl_biff_book *book = impl;
    *formulas = book ? book->formulas : 0;
    *undecoded = book ? book->undecoded : 0;
}

/* NAME grbit flags (MS-XLS 2.4.150). */
#define PXL_NAME_HIDDEN 0x0001
#define PXL_NAME_FUNC 0x0002
#define PXL_NAME_VB 0x0004
#define PXL_NAME_PROC 0x0008

static char *dup_or_null(const char *s, int *failed)
{
    char *d = s ? strdup(s) : NULL;
    if (s && !d)
        *failed = 1;
    return d;
}

pxl_error pxl_biff_defined_names(const void *impl, pxl_grid *grid)
{
    const pxl_biff_book *book = impl;
    size_t n = 0;
    for (size_t i = 0; i < book->name_count; i++)
        n += book->names[i] != NULL;
    if (!n)
        return PXL_OK;
    pxl_defined_name *out = calloc(n, sizeof *out);
    if (!out)
        return pxl_fail_nomem();
    int failed = 0;
    size_t k = 0;
    for (size_t i = 0; i < book->name_count; i++) {
        const pxl_biff_defined *d = &book->defined[i];
        if (!book->names[i])
            continue;
        pxl_defined_name *o = &out[k++];
        const char *sheet = NULL, *why = d->formula ? NULL : d->why;
        if (d->tab && d->tab <= book->all_count) {
            sheet = book->all_sheets[d->tab - 1];
        } else if (d->tab) {
            why = "it belongs to a sheet the workbook does not have";
        }
        o->name = dup_or_null(book->names[i], &failed);
        o->sheet = dup_or_null(sheet, &failed);
        o->formula = why ? NULL : dup_or_null(d->formula, &failed);
        o->why = why;
        o->builtin = (d->grbit & PXL_NAME_BUILTIN) != 0;
        o->hidden = (d->grbit & PXL_NAME_HIDDEN) != 0;
        o->macro = (d->grbit & (PXL_NAME_FUNC | PXL_NAME_VB | PXL_NAME_PROC)) != 0;
    }
    grid->defined = out;
    grid->defined_count = k;
    if (failed) {
        pxl_grid_free_defined(grid);
        return pxl_fail_nomem();
    }
    return PXL_OK;
}

/* Worksheet @p own's merged ranges, a malloc'd copy for pxl_grid_set_merges(). */
static pxl_error copy_merges(const pxl_biff_book *book, size_t own, pxl_range **ranges, size_t *count)
{
    const pxl_buf *m = &book->sheets[own].merges;
    *ranges = NULL;
    *count = m->len / sizeof(pxl_range);
    if (!*count)
        return PXL_OK;
    if (!(*ranges = malloc(m->len)))
        return pxl_fail_nomem();
    memcpy(*ranges, m->data, m->len);
    return PXL_OK;
}

/* BOUNDSHEET dt (MS-XLS 2.4.28) of a sheet that is no worksheet. */
static pxl_other_sheet other_kind(uint8_t dt)
{
    switch (dt) {
    case 1: return PXL_OTHER_MACRO;
    case 2: return PXL_OTHER_CHART;
    case 6: return PXL_OTHER_MODULE;
    default: return PXL_OTHER_UNKNOWN;
    }
}

pxl_error pxl_biff_sheet_facts(const void *impl, pxl_grid *grid)
{
    const pxl_biff_book *book = impl;
    int listed = grid->other_count != 0; /* AUTO may ask twice (after a fallback) */
    for (size_t k = 0; !listed && k < book->all_count && k < book->all_types.len; k++) {
        uint8_t dt = ((const uint8_t *)book->all_types.data)[k];
        if (dt == PXL_SHEET_TYPE_WORKSHEET)
            continue;
        pxl_error e = pxl_grid_add_other_sheet(grid, book->all_sheets[k], other_kind(dt));
        if (e != PXL_OK)
            return e;
    }
    for (size_t i = 0; i < grid->sheet_count; i++) {
        size_t own = i;
        if (grid->ops != &pxl_biff_ops || grid->impl != impl) {
            /* another reader's sheet: this book's by name, else by position (pxl_biff_align_sheets) */
            own = SIZE_MAX;
            for (size_t k = 0; k < book->sheet_count && own == SIZE_MAX; k++)
                if (grid->sheet_names[i] && !strcmp(grid->sheet_names[i], book->sheets[k].name))
                    own = k;
            if (own == SIZE_MAX && grid->sheet_count == book->sheet_count)
                own = i;
            if (own == SIZE_MAX) {
                /* a sheet the BIFF pass does not see: nothing is known of it, and so not of the workbook */
                pxl_grid_free_sheet_facts(grid);
                return PXL_OK;
            }
        }
        pxl_range *ranges;
        size_t count;
        pxl_error e = pxl_grid_set_sheet_state(grid, i, book->sheets[own].state);
        if (e == PXL_OK)
            e = copy_merges(book, own, &ranges, &count);
        if (e == PXL_OK)
            e = pxl_grid_set_merges(grid, i, ranges, count);
        if (e != PXL_OK)
            return e;
    }
    return PXL_OK;
}

/* Give the grid the worksheet names (grid.h: malloc'd array of malloc'd strings). */
static pxl_error fill_grid(pxl_grid *grid, pxl_biff_book *book)
{
    /* an empty grid would convert to an empty workbook and read as "no plan": say what it is */
    if (!book->sheet_count)
        return book->all_count
                   ? pxl_fail(PXL_ERR_UNSUPPORTED, "%s: holds no worksheet, only %zu chart, macro or module sheet(s), "
                              "which planxl does not read", book->path, book->all_count)
                   : pxl_fail(PXL_ERR_UNSUPPORTED, "%s: holds no worksheet: its workbook stream lists no sheet "
                              "(an embedded chart or other object saved as .xls?)", book->path);
    pxl_error e = pxl_biff_defined_names(book, grid);
    char **names = e ? NULL : calloc(book->sheet_count ? book->sheet_count : 1, sizeof *names);
    if (!names) {
        pxl_grid_free_defined(grid);
        return e ? e : pxl_fail_nomem();
    }
    for (size_t i = 0; i < book->sheet_count; i++) {
        if (!(names[i] = strdup(book->sheets[i].name))) {
            free_strv(names, i);
            pxl_grid_free_defined(grid);
            return pxl_fail_nomem();
        }
    }
    grid->sheet_names = names;
    grid->sheet_count = book->sheet_count;
    grid->date1904 = book->date1904;
    grid->biff_version = book->biff;
    grid->ops = &pxl_biff_ops;
    grid->impl = book;
    grid->styles = book->styles.table;
    grid->style_count = book->styles.count;
    if ((e = pxl_biff_sheet_facts(book, grid)) != PXL_OK) {
        grid->styles = NULL;
        grid->style_count = 0;
        /* the caller frees the book; the grid is left as it came (the fuzzers hold it on the stack) */
        grid->ops = NULL;
        grid->impl = NULL;
        pxl_grid_free_sheet_facts(grid);
        free_strv(grid->sheet_names, grid->sheet_count);
        grid->sheet_names = NULL;
        grid->sheet_count = 0;
        pxl_grid_free_defined(grid);
    }
    return e;
}

static pxl_error open_grid(pxl_grid *grid, pxl_error e, pxl_biff_book *book)
{
    if (e == PXL_OK && (e = fill_grid(grid, book)) != PXL_OK)
        book_free(book);
    if (e == PXL_OK)
        grid->reader = PXL_READER_BIFF;
    return e;
}

pxl_error pxl_biff_open_memory(pxl_grid *grid, const char *name, const uint8_t *data, size_t len)
{
    uint8_t *stream;
    size_t stream_len;
    pxl_biff_book *book = NULL;
    pxl_error e = pxl_ole_workbook_stream(name, data, len, &stream, &stream_len);
    if (e == PXL_OK) {
        pxl_biff_stream s;
        pxl_stream_init_memory(&s, stream, stream_len);
        e = book_open(&book, name, &s, 0);
    }
    return open_grid(grid, e, book);
}

pxl_error pxl_biff_open(pxl_grid *grid, const char *path)
{
    pxl_biff_book *book = NULL;
    pxl_error e = book_open_file(&book, path, 0);
    return open_grid(grid, e, book);
}

pxl_error pxl_biff_open_supplement(const char *path, void **impl)
{
    pxl_biff_book *book;
    *impl = NULL;
    pxl_error e = book_open_file(&book, path, 1);
    if (e != PXL_OK)
        return e;
    *impl = book;
    return PXL_OK;
}

void pxl_biff_release_stream(void *impl)
{
    pxl_biff_book *book = impl;
    pxl_stream_close(&book->s);
    for (size_t i = 0; i < book->sheet_count; i++)
        book->sheets[i].has_supplement = 0; /* nothing left to read */
}

uint64_t pxl_biff_declared_cells(const void *impl)
{
    return ((const pxl_biff_book *)impl)->declared_cells;
}

pxl_error pxl_biff_declared_walk(const char *path, uint64_t *cells)
{
    pxl_biff_stream s;
    pxl_biff_record rec;
    *cells = 0;
    pxl_error e = pxl_ole_workbook_open(path, &s);
    if (e != PXL_OK)
        return e;
    int biff = 0;
    if (pxl_biff_record_at(&s, 0, &rec) == 1 && rec.len >= 2) {
        switch (rec.type) {
        case PXL_REC_BOF2: biff = 2; break;
        case PXL_REC_BOF3: biff = 3; break;
        case PXL_REC_BOF4: biff = 4; break;
        case PXL_REC_BOF: biff = pxl_u16(rec.data) >= PXL_BOF_VERS_BIFF8 ? 8 : 5; break;
        default: break;
        }
    }
    if (!biff) {
        pxl_stream_close(&s);
        return pxl_fail(PXL_ERR_NOT_XLS, "%s: not an Excel 97-2003 (.xls) workbook", path);
    }
    /* every substream at the top level, the globals too (they hold no cells; more is only
     * an estimate on the high side), as far as the stream goes */
    pxl_biff_extent x = {0};
    int depth = 0;
    for (size_t pos = 0; pxl_biff_record_at(&s, pos, &rec) == 1; pos = rec.next) {
        if (pxl_biff_is_bof(biff, rec.type)) {
            if (depth++ == 0)
                x = (pxl_biff_extent){0};
        } else if (rec.type == PXL_REC_EOF && depth > 0) {
            if (--depth == 0)
                *cells += pxl_biff_extent_cells(&x);
        } else if (depth == 1) {
            pxl_biff_extent_record(&x, biff, &rec);
        }
    }
    if (depth > 0)
        *cells += pxl_biff_extent_cells(&x); /* cut short in a substream */
    pxl_stream_close(&s);
    return PXL_OK;
}

const char *pxl_biff_largest_declared(const void *impl, uint64_t *cells, uint32_t *rows, uint32_t *cols)
{
    const pxl_biff_book *book = impl;
    const pxl_biff_sheet *largest = NULL;
    *cells = 0;
    for (size_t i = 0; i < book->sheet_count; i++) {
        uint64_t n = pxl_biff_extent_cells(&book->sheets[i].extent);
        if (n > *cells) {
            *cells = n;
            largest = &book->sheets[i];
        }
    }
    if (!largest) {
        *rows = *cols = 0;
        return NULL;
    }
    const pxl_biff_extent *x = &largest->extent;
    *rows = x->has_dimensions ? x->rows : x->max_row + 1;
    *cols = x->has_dimensions ? x->cols : x->max_col + 1;
    return largest->name;
}

int pxl_biff_supplement_needed(const void *impl)
{
    const pxl_biff_book *book = impl;
    for (size_t i = 0; i < book->sheet_count; i++)
        if (book->sheets[i].has_supplement)
            return 1;
    return 0;
}

int pxl_biff_is_worksheet(const void *impl, const char *name, size_t position, size_t count)
{
    const pxl_biff_book *book = impl;
    for (size_t k = 0; k < book->sheet_count; k++)
        if (name && !strcmp(name, book->sheets[k].name))
            return 1;
    for (size_t k = 0; k < book->all_count; k++)
        if (name && !strcmp(name, book->all_sheets[k]))
            return 0; /* a BOUNDSHEET, but not a worksheet: chart, macro or VB module sheet */
    /* names spelt differently (another decoding): by position among all BOUNDSHEETs */
    if (count == book->all_count && position < book->all_count) {
        for (size_t k = 0; k < book->sheet_count; k++)
            if (!strcmp(book->all_sheets[position], book->sheets[k].name))
                return 1;
        return 0;
    }
    return 1; /* cannot tell: keep it */
}

pxl_error pxl_biff_align_sheets(void *impl, char *const *names, size_t count)
{
    pxl_biff_book *book = impl;
    free(book->align);
    book->align = malloc((count ? count : 1) * sizeof *book->align);
    if (!book->align)
        return pxl_fail_nomem();
    book->align_count = count;
    for (size_t i = 0; i < count; i++) {
        book->align[i] = SIZE_MAX;
        for (size_t k = 0; k < book->sheet_count && names[i]; k++) {
            if (!strcmp(names[i], book->sheets[k].name)) {
                book->align[i] = k;
                break;
            }
        }
        if (book->align[i] == SIZE_MAX && count == book->sheet_count)
            book->align[i] = i; /* same number of sheets, names spelt differently: by position */
    }
    return PXL_OK;
}
