/*
 * Merged cells and sheet states in the grid (include/planxl/grid.h), from every reader: the
 * BIFF reader (BOUNDSHEET, MERGEDCELLS), AUTO through its BIFF pass, the .xlsx reader
 * (<sheet state>, <mergeCells>), and freexl alone, which knows neither and says so.
 * Fixtures: tests/data/merges/ (make_merges.pl, make_merges.py); hostile BIFF streams are
 * built here.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "planxl/check.h"
#include "planxl/dump.h"
#include "planxl/grid.h"
#include "planxl/plan.h"
#include "planxl/convert.h"
#include "read/grid_internal.h"
#include "test_tmpdir.h"

#define MDATA PXL_TEST_DATA "/merges/"

static pxl_grid *open_with(const char *path, pxl_reader_kind reader)
{
    pxl_grid_options o = PXL_GRID_OPTIONS_INIT;
    o.reader = reader;
    pxl_grid *g = NULL;
    pxl_error e = pxl_grid_open(&g, path, &o);
    ck_assert_msg(e == PXL_OK, "%s: %s", path, pxl_error_message());
    return g;
}

static size_t sheet_named(const pxl_grid *g, const char *name)
{
    for (size_t i = 0; i < pxl_grid_sheet_count(g); i++)
        if (!strcmp(pxl_grid_sheet_name(g, i), name))
            return i;
    ck_abort_msg("no sheet %s", name);
    return 0;
}

static void assert_range(const pxl_range *r, pxl_index r0, pxl_index c0, pxl_index r1, pxl_index c1)
{
    ck_assert_msg(r->first_row == r0 && r->first_col == c0 && r->last_row == r1 && r->last_col == c1,
                  "range (%u,%u)-(%u,%u), expected (%u,%u)-(%u,%u)", r->first_row, r->first_col, r->last_row,
                  r->last_col, r0, c0, r1, c1);
}

/* Äldreomsorg's three merges (make_merges.pl), in the grid's order. */
static void assert_plan_merges(pxl_grid *g)
{
    const pxl_range *m;
    size_t n;
    ck_assert_int_eq(pxl_grid_reads_merges(g), 1);
    ck_assert_int_eq(pxl_grid_sheet_merges(g, sheet_named(g, "Äldreomsorg"), &m, &n), PXL_OK);
    ck_assert_uint_eq(n, 3);
    assert_range(&m[0], 1, 3, 1, 4);   /* D2:E2 */
    assert_range(&m[1], 3, 0, 13, 0);  /* A4:A14 */
    assert_range(&m[2], 3, 2, 3, 4);   /* C4:E4 */
    ck_assert_int_eq(pxl_grid_sheet_merges(g, sheet_named(g, "Utkast"), &m, &n), PXL_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(pxl_grid_sheet_merges(g, pxl_grid_sheet_count(g), &m, &n), PXL_ERR_INVALID_ARGUMENT);
}

static const pxl_reader_kind xls_readers[] = { PXL_READER_BIFF, PXL_READER_AUTO };

START_TEST(xls_states_and_merges)
{
    pxl_grid *g = open_with(MDATA "merges.xls", xls_readers[_i]);
    ck_assert_uint_eq(pxl_grid_sheet_count(g), 2);
    ck_assert_int_eq(pxl_grid_sheet_state(g, sheet_named(g, "Äldreomsorg")), PXL_SHEET_VISIBLE);
    ck_assert_int_eq(pxl_grid_sheet_state(g, sheet_named(g, "Utkast")), PXL_SHEET_HIDDEN);
    ck_assert_int_eq(pxl_grid_sheet_state(g, 2), PXL_SHEET_STATE_UNKNOWN);
    assert_plan_merges(g);
    pxl_grid_close(g);
}
END_TEST

START_TEST(freexl_knows_neither)
{
    pxl_grid *g = open_with(MDATA "merges.xls", PXL_READER_FREEXL);
    for (size_t i = 0; i < pxl_grid_sheet_count(g); i++)
        ck_assert_int_eq(pxl_grid_sheet_state(g, i), PXL_SHEET_STATE_UNKNOWN);
    ck_assert_int_eq(pxl_grid_reads_merges(g), 0);
    const pxl_range *m = (const pxl_range *)1;
    size_t n = 7;
    ck_assert_int_eq(pxl_grid_sheet_merges(g, 0, &m, &n), PXL_ERR_UNSUPPORTED);
    ck_assert_ptr_null(m);
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "does not read merged cells"));
    pxl_grid_close(g);
}
END_TEST

static int count_cells(void *ctx, const pxl_cell *c)
{
    (void)c;
    ++*(size_t *)ctx;
    return 0;
}

static int stop_at_once(void *ctx, const pxl_cell *c)
{
    (void)ctx;
    (void)c;
    return 1;
}

/* _i: 0 asks before any scan (the part read for its merges alone), 1 after a whole scan,
 * 2 after a scan the visitor stopped (the merges were never reached). */
START_TEST(xlsx_states_and_merges)
{
    pxl_grid *g = open_with(MDATA "merges.xlsx", PXL_READER_AUTO);
    ck_assert_int_eq(pxl_grid_reader(g), PXL_READER_XLSX);
    ck_assert_uint_eq(pxl_grid_sheet_count(g), 3);
    ck_assert_int_eq(pxl_grid_sheet_state(g, 0), PXL_SHEET_VISIBLE);
    ck_assert_int_eq(pxl_grid_sheet_state(g, 1), PXL_SHEET_HIDDEN);
    ck_assert_int_eq(pxl_grid_sheet_state(g, 2), PXL_SHEET_VERY_HIDDEN);
    ck_assert_str_eq(pxl_sheet_state_name(pxl_grid_sheet_state(g, 2)), "very-hidden");
    size_t cells = 0;
    if (_i == 1)
        ck_assert_int_eq(pxl_grid_sheet_scan(g, 0, count_cells, &cells), PXL_OK);
    if (_i == 2)
        ck_assert_int_eq(pxl_grid_sheet_scan(g, 0, stop_at_once, NULL), PXL_ERR_CANCELLED);
    assert_plan_merges(g);
    /* asked again: the same */
    const pxl_range *m;
    size_t n;
    ck_assert_int_eq(pxl_grid_sheet_merges(g, 0, &m, &n), PXL_OK);
    ck_assert_uint_eq(n, 3);
    pxl_grid_close(g);
}
END_TEST

START_TEST(xlsx_bad_merge_named)
{
    pxl_grid *g = open_with(MDATA "merges-bad.xlsx", PXL_READER_XLSX);
    /* the cells are no less right for a bad merge */
    size_t cells = 0;
    ck_assert_int_eq(pxl_grid_sheet_scan(g, 0, count_cells, &cells), PXL_OK);
    ck_assert_uint_gt(cells, 10);
    const pxl_range *m;
    size_t n;
    ck_assert_int_eq(pxl_grid_sheet_merges(g, 0, &m, &n), PXL_ERR_CORRUPT);
    const char *msg = pxl_error_message();
    ck_assert_msg(strstr(msg, "merges-bad.xlsx") && strstr(msg, "xl/worksheets/sheet1.xml") &&
                  strstr(msg, "D2:QQQQ1"), "%s", msg);
    pxl_grid_close(g);
}
END_TEST

/* ---- hostile BIFF8 streams, written as bare workbook streams ---- */

typedef struct bytes {
    unsigned char b[1 << 20];
    size_t n;
} bytes;

static void put16(bytes *s, unsigned v)
{
    s->b[s->n++] = (unsigned char)(v & 0xFF);
    s->b[s->n++] = (unsigned char)(v >> 8);
}

static void put32(bytes *s, unsigned long v)
{
    put16(s, (unsigned)(v & 0xFFFF));
    put16(s, (unsigned)(v >> 16));
}

static void bof(bytes *s, unsigned dt)
{
    put16(s, 0x0809);
    put16(s, 16);
    put16(s, 0x0600);
    put16(s, dt);
    put32(s, 0);
    put32(s, 0);
    put32(s, 0);
}

static void eof(bytes *s)
{
    put16(s, 0x000A);
    put16(s, 0);
}

/* One MERGEDCELLS record of @p count ranges (r0, r1, c0, c1 as the record orders them). */
static void mergedcells(bytes *s, const unsigned (*refs)[4], unsigned count, unsigned claimed)
{
    put16(s, 0x00E5);
    put16(s, 2 + 8 * count);
    put16(s, claimed);
    for (unsigned i = 0; i < count; i++)
        for (int k = 0; k < 4; k++)
            put16(s, refs[i][k]);
}

/* A workbook of one worksheet "S" (state @p hs) whose substream gets @p body's records. */
static char *write_book(unsigned hs, void (*body)(bytes *))
{
    static bytes s;
    s.n = 0;
    bof(&s, 0x0005);
    size_t at = s.n;
    put16(&s, 0x0085);
    put16(&s, 4 + 2 + 2 + 1);
    put32(&s, 0); /* lbPlyPos, patched below */
    s.b[s.n++] = (unsigned char)hs;
    s.b[s.n++] = 0; /* worksheet */
    s.b[s.n++] = 1; /* cch */
    s.b[s.n++] = 0; /* 8-bit */
    s.b[s.n++] = 'S';
    eof(&s);
    size_t sheet = s.n;
    s.b[at + 4] = (unsigned char)(sheet & 0xFF);
    s.b[at + 5] = (unsigned char)((sheet >> 8) & 0xFF);
    s.b[at + 6] = (unsigned char)((sheet >> 16) & 0xFF);
    bof(&s, 0x0010);
    body(&s);
    eof(&s);
    char *path = strdup("/tmp/planxl-merges-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, s.b, s.n), (ssize_t)s.n);
    close(fd);
    return path;
}

static void broken_ranges(bytes *s)
{
    /* rwFirst, rwLast, colFirst, colLast */
    static const unsigned a[][4] = { {5, 5, 1, 1},     /* one cell: merges nothing */
                                     {9, 7, 3, 2},     /* reversed corners: C8:D10 */
                                     {0, 1, 0, 1} };   /* A1:B2 */
    static const unsigned b[][4] = { {0, 1, 0, 1},     /* A1:B2 again */
                                     {1, 2, 1, 2} };   /* B2:C3, overlapping A1:B2 */
    mergedcells(s, a, 3, 3);
    mergedcells(s, b, 2, 40); /* claims more than it holds: the ranges it holds */
}

START_TEST(biff_broken_ranges)
{
    char *path = write_book(2, broken_ranges);
    for (size_t k = 0; k < 2; k++) {
        pxl_grid *g = open_with(path, xls_readers[k]);
        ck_assert_int_eq(pxl_grid_sheet_state(g, 0), PXL_SHEET_VERY_HIDDEN);
        const pxl_range *m;
        size_t n;
        ck_assert_int_eq(pxl_grid_sheet_merges(g, 0, &m, &n), PXL_OK);
        ck_assert_uint_eq(n, 3);
        assert_range(&m[0], 0, 0, 1, 1);
        assert_range(&m[1], 1, 1, 2, 2);
        assert_range(&m[2], 7, 2, 9, 3);
        pxl_grid_close(g);
    }
    unlink(path);
    free(path);
}
END_TEST

static void too_many(bytes *s)
{
    static unsigned refs[1000][4];
    for (unsigned i = 0; i < 1000; i++) {
        refs[i][0] = refs[i][1] = 0;
        refs[i][2] = i % 200;
        refs[i][3] = i % 200 + 1;
    }
    for (unsigned k = 0; k <= PXL_GRID_MAX_MERGES / 1000; k++) {
        for (unsigned i = 0; i < 1000; i++)
            refs[i][0] = refs[i][1] = k % 60000;
        mergedcells(s, (const unsigned (*)[4])refs, 1000, 1000);
    }
}

START_TEST(biff_too_many_refused)
{
    char *path = write_book(0, too_many);
    pxl_grid_options o = PXL_GRID_OPTIONS_INIT;
    o.reader = PXL_READER_BIFF;
    pxl_grid *g = NULL;
    ck_assert_int_eq(pxl_grid_open(&g, path, &o), PXL_ERR_CORRUPT);
    ck_assert_ptr_null(g);
    ck_assert_msg(strstr(pxl_error_message(), "sheet \"S\"") && strstr(pxl_error_message(), "merged ranges"), "%s",
                  pxl_error_message());
    unlink(path);
    free(path);
}
END_TEST

/* ---- the recogniser's use of them (issue 12) ---- */

static pxl_plan *read_plan(const char *path, pxl_reader_kind reader, unsigned version, int include_hidden)
{
    pxl_plan *plan;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    pxl_read_options o = PXL_READ_OPTIONS_INIT;
    o.version = version;
    o.grid.reader = reader;
    o.include_hidden = include_hidden;
    pxl_error e = pxl_plan_read(plan, path, &o);
    ck_assert_msg(e == PXL_OK, "%s: %s", path, pxl_error_message());
    return plan;
}

static size_t count_code(const pxl_findings *f, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < pxl_findings_count(f); i++)
        n += !strcmp(pxl_findings_get(f, i)->code, code);
    return n;
}

static const pxl_area *only_area(const pxl_plan *plan)
{
    ck_assert_uint_eq(pxl_plan_area_count(plan), 1);
    const pxl_area *a = pxl_plan_area(plan, 0);
    ck_assert_str_eq(pxl_area_name(a), "Äldreomsorg");
    return a;
}

/* The plan files and readers that know merges and states: .xls through BIFF and AUTO, .xlsx. */
static const struct {
    const char *path;
    pxl_reader_kind reader;
    size_t hidden; /* hidden and very hidden sheets */
} knowing[] = {
    { MDATA "merges.xls", PXL_READER_AUTO, 1 },
    { MDATA "merges.xls", PXL_READER_BIFF, 1 },
    { MDATA "merges.xlsx", PXL_READER_AUTO, 2 },
};

START_TEST(merged_area_reaches_every_measure)
{
    pxl_plan *plan = read_plan(knowing[_i].path, knowing[_i].reader, PXL_READ_OPTIONS_VERSION, 0);
    const pxl_area *a = only_area(plan);
    static const char *const titles[] = { "Färre besök", "Nattpatrull", "Digitala inköp" };
    static const char *const descriptions[] = { "Samordnade besök i hemtjänsten.", "En nattpatrull i stället för två.",
                                                "Inköp beställs digitalt." };
    /* three measures, not six: the hidden draft is not read */
    ck_assert_uint_eq(pxl_area_measure_count(a), 3);
    for (size_t i = 0; i < 3; i++) {
        const pxl_measure *m = pxl_area_measure(a, i);
        ck_assert_str_eq(pxl_measure_section(m), "Hemtjänst"); /* A4:A14 merged */
        ck_assert_str_eq(pxl_measure_title(m), titles[i]);
        /* C4:E4: one description, nothing of it in the amount columns' effect rows */
        ck_assert_str_eq(pxl_measure_description(m), descriptions[i]);
        ck_assert_uint_eq(pxl_measure_effect_count(m), 1);
    }
    pxl_findings *f;
    ck_assert_int_eq(pxl_check_run(&f, plan, NULL), PXL_OK);
    ck_assert_uint_eq(pxl_findings_count_severity(f, PXL_SEVERITY_ERROR), 0);
    ck_assert_uint_eq(pxl_findings_count_severity(f, PXL_SEVERITY_WARNING), 0);
    ck_assert_uint_eq(count_code(f, "duplicate-measure"), 0);
    ck_assert_uint_eq(count_code(f, "sheet-skipped"), knowing[_i].hidden);
    const pxl_finding *x = NULL;
    for (size_t i = 0; i < pxl_findings_count(f); i++)
        if (!strcmp(pxl_findings_get(f, i)->code, "sheet-skipped") && !strcmp(pxl_findings_get(f, i)->cell.sheet, "Utkast"))
            x = pxl_findings_get(f, i);
    ck_assert_ptr_nonnull(x);
    ck_assert_int_eq(x->severity, PXL_SEVERITY_INFO);
    ck_assert_ptr_nonnull(strstr(x->message, "\"Utkast\" is hidden"));
    ck_assert_ptr_nonnull(strstr(x->message, "--include-hidden"));
    pxl_findings_free(f);
    pxl_plan_free(plan);
}
END_TEST

START_TEST(include_hidden_reads_the_draft)
{
    pxl_plan *plan = read_plan(knowing[_i].path, knowing[_i].reader, PXL_READ_OPTIONS_VERSION, 1);
    const pxl_area *a = only_area(plan);
    ck_assert_uint_eq(pxl_area_measure_count(a), 3 * (1 + knowing[_i].hidden));
    pxl_findings *f;
    ck_assert_int_eq(pxl_check_run(&f, plan, NULL), PXL_OK);
    ck_assert_uint_eq(count_code(f, "duplicate-measure"), 3 * knowing[_i].hidden);
    ck_assert_uint_eq(count_code(f, "sheet-skipped"), 0);
    pxl_findings_free(f);
    pxl_plan_free(plan);
}
END_TEST

/* A caller built against version 1 of the options (no include_hidden) reads as before,
 * hidden sheets skipped. */
START_TEST(version_1_options_skip_hidden)
{
    pxl_plan *plan = read_plan(MDATA "merges.xls", PXL_READER_AUTO, 1, 1 /* not read: not in v1 */);
    ck_assert_uint_eq(pxl_area_measure_count(only_area(plan)), 3);
    pxl_plan_free(plan);
    pxl_plan *p;
    ck_assert_int_eq(pxl_plan_new(&p), PXL_OK);
    pxl_read_options o = PXL_READ_OPTIONS_INIT;
    o.version = PXL_READ_OPTIONS_VERSION + 1;
    ck_assert_int_eq(pxl_plan_read(p, MDATA "merges.xls", &o), PXL_ERR_INVALID_ARGUMENT);
    pxl_plan_free(p);
}
END_TEST

/* freexl alone knows neither: every sheet read (the draft's duplicates come back), and one
 * note says why; the Område reaches only the first measure. */
START_TEST(freexl_says_it_cannot_tell)
{
    pxl_plan *plan = read_plan(MDATA "merges.xls", PXL_READER_FREEXL, PXL_READ_OPTIONS_VERSION, 0);
    ck_assert_uint_eq(pxl_area_measure_count(only_area(plan)), 6);
    pxl_findings *f;
    ck_assert_int_eq(pxl_check_run(&f, plan, NULL), PXL_OK);
    ck_assert_uint_eq(count_code(f, "duplicate-measure"), 3);
    ck_assert_uint_eq(count_code(f, "sheet-state-unknown"), 1);
    const pxl_finding *x = pxl_findings_get(f, 0);
    ck_assert_str_eq(x->code, "sheet-state-unknown");
    ck_assert_int_eq(x->severity, PXL_SEVERITY_INFO);
    ck_assert_int_eq(x->has_cell, 0);
    ck_assert_ptr_nonnull(strstr(x->message, "every sheet was read as visible (2 in all)"));
    pxl_findings_free(f);
    ck_assert_uint_eq(pxl_plan_sheet_count(plan), 2);
    ck_assert_int_eq(pxl_plan_sheet(plan, 1)->state, PXL_SHEET_STATE_UNKNOWN);
    ck_assert_int_eq(pxl_plan_sheet(plan, 1)->merges_known, 0);
    pxl_plan_free(plan);
}
END_TEST

static char *dump_json(const pxl_plan *plan)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(pxl_plan_write_json(plan, out, "memory"), PXL_OK);
    fclose(out);
    return text;
}

START_TEST(dump_lists_sheets)
{
    pxl_plan *plan = read_plan(MDATA "merges.xlsx", PXL_READER_AUTO, PXL_READ_OPTIONS_VERSION, 0);
    ck_assert_uint_eq(pxl_plan_sheet_count(plan), 3);
    const pxl_sheet_info *s = pxl_plan_sheet(plan, 0);
    ck_assert_str_eq(s->name, "Äldreomsorg");
    ck_assert_int_eq(s->read, 1);
    ck_assert_uint_eq(s->merge_count, 3);
    ck_assert_int_eq(pxl_plan_sheet(plan, 2)->state, PXL_SHEET_VERY_HIDDEN);
    ck_assert_int_eq(pxl_plan_sheet(plan, 2)->read, 0);
    char *json = dump_json(plan);
    const char *sheets = strstr(json, "\"sheets\": [");
    ck_assert_msg(sheets != NULL, "%s", json);
    ck_assert_ptr_nonnull(strstr(sheets, "\"name\": \"Utkast\",\n      \"state\": \"hidden\",\n      \"read\": false"));
    ck_assert_ptr_nonnull(strstr(sheets, "\"state\": \"very-hidden\""));
    ck_assert_ptr_nonnull(strstr(sheets, "\"D2:E2\",\n        \"A4:A14\",\n        \"C4:E4\""));
    free(json);
    pxl_plan_free(plan);
    /* freexl: merges null (not known), state unknown */
    plan = read_plan(MDATA "merges.xls", PXL_READER_FREEXL, PXL_READ_OPTIONS_VERSION, 0);
    json = dump_json(plan);
    ck_assert_ptr_nonnull(strstr(json, "\"state\": \"unknown\",\n      \"read\": true,\n      \"merges\": null"));
    free(json);
    pxl_plan_free(plan);
}
END_TEST

/* A chart sheet is no worksheet: not among the grid's sheets, but named beside them, in every
 * reader that sees it (freexl alone does not: it lists worksheets only). */
static const char *const any_sheets[] = { MDATA "calamine__any_sheets.xls", MDATA "calamine__any_sheets.xls",
                                          MDATA "calamine__any_sheets.xlsx" };
static const pxl_reader_kind any_readers[] = { PXL_READER_BIFF, PXL_READER_AUTO, PXL_READER_AUTO };

START_TEST(other_sheets_named)
{
    pxl_grid *g = open_with(any_sheets[_i], any_readers[_i]);
    ck_assert_uint_eq(pxl_grid_sheet_count(g), 3);
    ck_assert_uint_eq(pxl_grid_other_sheet_count(g), 1);
    pxl_other_sheet kind = PXL_OTHER_UNKNOWN;
    ck_assert_str_eq(pxl_grid_other_sheet(g, 0, &kind), "Chart");
    ck_assert_int_eq(kind, PXL_OTHER_CHART);
    ck_assert_ptr_null(pxl_grid_other_sheet(g, 1, &kind));
    pxl_grid_close(g);
}
END_TEST

static void collect_warning(void *ctx, const char *message)
{
    char **all = ctx;
    size_t n = *all ? strlen(*all) : 0;
    *all = realloc(*all, n + strlen(message) + 2);
    ck_assert_ptr_nonnull(*all);
    sprintf(*all + n, "%s\n", message);
}

/* convert says which sheet it leaves out, and why. */
START_TEST(convert_names_the_chart_sheet)
{
    char out[300];
    make_tmp_named("merges");
    in_tmp(out, sizeof out, "any.xlsx");
    char *warnings = NULL;
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.warning = collect_warning;
    o.warning_ctx = &warnings;
    pxl_convert_stats st;
    ck_assert_int_eq(pxl_convert(MDATA "calamine__any_sheets.xls", out, &o, &st), PXL_OK);
    ck_assert_uint_eq(st.sheets, 3);
    ck_assert_msg(warnings && strstr(warnings, "sheet \"Chart\" is not carried: it is a chart sheet"), "%s",
                  warnings ? warnings : "(no warning)");
    free(warnings);
    remove_tmp();
}
END_TEST

/* A workbook stream that lists no worksheet (a Microsoft Graph chart object) is refused by
 * name, in every reader that opens it and by convert, which writes nothing. */
START_TEST(no_worksheet_refused)
{
    static const pxl_reader_kind readers[] = { PXL_READER_BIFF, PXL_READER_AUTO };
    for (size_t i = 0; i < 2; i++) {
        pxl_grid_options o = PXL_GRID_OPTIONS_INIT;
        o.reader = readers[i];
        pxl_grid *g = NULL;
        ck_assert_int_eq(pxl_grid_open(&g, MDATA "poi__64130.xls", &o), PXL_ERR_UNSUPPORTED);
        ck_assert_ptr_nonnull(strstr(pxl_error_message(), "poi__64130.xls: holds no worksheet"));
    }
    char out[300];
    make_tmp_named("merges");
    in_tmp(out, sizeof out, "graph.xlsx");
    pxl_convert_stats st;
    ck_assert_int_eq(pxl_convert(MDATA "poi__64130.xls", out, NULL, &st), PXL_ERR_UNSUPPORTED);
    ck_assert_int_ne(access(out, F_OK), 0);
    remove_tmp();
}
END_TEST

static Suite *merges_suite(void)
{
    Suite *s = suite_create("merges");
    TCase *t = tcase_create("grid");
    tcase_add_loop_test(t, xls_states_and_merges, 0, 2);
    tcase_add_test(t, freexl_knows_neither);
    tcase_add_loop_test(t, xlsx_states_and_merges, 0, 3);
    tcase_add_test(t, xlsx_bad_merge_named);
    tcase_add_test(t, biff_broken_ranges);
    tcase_add_test(t, biff_too_many_refused);
    tcase_add_loop_test(t, other_sheets_named, 0, 3);
    tcase_add_test(t, convert_names_the_chart_sheet);
    tcase_add_test(t, no_worksheet_refused);
    suite_add_tcase(s, t);
    TCase *r = tcase_create("recognise");
    tcase_add_loop_test(r, merged_area_reaches_every_measure, 0, 3);
    tcase_add_loop_test(r, include_hidden_reads_the_draft, 0, 3);
    tcase_add_test(r, version_1_options_skip_hidden);
    tcase_add_test(r, freexl_says_it_cannot_tell);
    tcase_add_test(r, dump_lists_sheets);
    suite_add_tcase(s, r);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(merges_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
