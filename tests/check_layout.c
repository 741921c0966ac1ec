/*
 * The sheet layout `planxl convert` carries (docs/convert.md "Layout"): layout.xls (made by
 * tests/data/layout/make_layout_xls.pl) and corpus files converted through AUTO and BIFF,
 * read back by tests/tools/xlsx_layout.py (python3-xlrd on the .xls against python3-openpyxl
 * on the .xlsx, plus concrete expectations) and opened and saved again by LibreOffice; the
 * patch step's merged ranges and very hidden sheets on workbooks written here with
 * libxlsxwriter (element order after <sheetData>, empty sheets, bad lists).
 */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "test_tmpdir.h"
#include "planxl/convert.h"
#include "write/convert/convert_layout.h"
#include "write/convert/xlsx_patch.h"

#define LAYOUT_XLS PXL_TEST_DATA "/layout/layout.xls"
#define LAYOUT_DIR PXL_TEST_DATA "/layout/"
#define XLSX_LAYOUT PXL_TEST_TOOLS "/xlsx_layout.py"
#define OUTPUT_MAX 65536

static void make_tmp(void)
{
    make_tmp_named("pxl_layout");
}

/* Run @p argv with stdout into @p out (OUTPUT_MAX bytes); the exit status, -1 when killed. */
static int run(const char *const *argv, char *out)
{
    char path[300];
    in_tmp(path, sizeof path, "stdout.txt");
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            _exit(127);
        dup2(fd, 1);
        dup2(fd, 2);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    read_text_file(path, out, OUTPUT_MAX);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void convert(const char *in, const char *out, pxl_reader_kind reader)
{
    pxl_convert_options options = PXL_CONVERT_OPTIONS_INIT;
    options.grid.reader = reader;
    options.overwrite = 1;
    ck_assert_msg(pxl_convert(in, out, &options, NULL) == PXL_OK, "%s: %s", in, pxl_error_message());
}

/* What make_layout_xls.pl wrote, as the .xlsx must show it. */
static const char *const fixture_expectations[] = {
    "Layout:width:B=20.71",     /* set_column('B:B', 20): COLINFO 5302/256 */
    "Layout:hidden-col:D", "Layout:hidden-col:E", "Layout:width:D=12.71",
    "Layout:height:3=30", "Layout:hidden-row:5", "Layout:level-row:7=1", "Layout:level-row:8=1",
    "Layout:merge:A1:C1", "Layout:merge:B10:C12", "Layout:freeze:B2", "Layout:selection=C3",
    "Layout:zoom=85", "Layout:tab=FFFF0000", "Layout:gridlines=0", "Front:gridlines=1",
    "Hidden:state=hidden", "VeryHidden:state=veryHidden", "Front:state=visible",
    "Split:split=2667,855", "Split:merge:B2:D2",
    "Empty:merge:A1:B2", "Empty:merge:D4:D9", "Empty:merge:F1:H1",
    "active=Layout",
    /* print setup (make_layout_xls.pl's Print sheet; Layout prints at 75 %) */
    "Print:orientation=landscape", "Print:paper=9", "Layout:scale=75", "Layout:orientation=portrait",
    "Print:fit=True,1,0", "Print:margins=0.5,0.5,1,1,0.4,0.35", "Print:header=|Plan &P|",
    "Print:footer=||Sida &P av &N", "Print:center=True,True", "Print:print-gridlines=True",
    "Layout:print-gridlines=False", "Print:headings=True", "Print:first-page=2,True",
    "Print:area=$A$1:$D$20", "Print:title-rows=$1:$1", "Print:title-cols=$A:$A",
    /* cell comments */
    "Layout:comment:C3=Kommentar p\u00e5 C3\nandra raden|Ekonomienheten", "Layout:comment:A10=Synlig|",
};

static int layout_check(const char *xls, const char *xlsx, int expectations, int libreoffice, char *out)
{
    const char *argv[120] = {PXL_TEST_PYTHON, XLSX_LAYOUT, xls, xlsx};
    int n = 4;
    size_t count = sizeof fixture_expectations / sizeof fixture_expectations[0];
    for (size_t i = 0; expectations && i < count; i++) {
        argv[n++] = "--expect";
        argv[n++] = fixture_expectations[i];
    }
    char workdir[300];
    if (libreoffice) {
        argv[n++] = "--libreoffice";
        argv[n++] = in_tmp(workdir, sizeof workdir, "lo");
    }
    argv[n] = NULL;
    return run(argv, out);
}

static const pxl_reader_kind readers[] = {PXL_READER_AUTO, PXL_READER_BIFF};

START_TEST(fixture_layout_is_carried)
{
    make_tmp();
    char xlsx[300], out[OUTPUT_MAX];
    convert(LAYOUT_XLS, in_tmp(xlsx, sizeof xlsx, "layout.xlsx"), readers[_i]);
    int status = layout_check(LAYOUT_XLS, xlsx, 1, _i == 0, out);
    ck_assert_msg(status == 0, "xlsx_layout.py: %d\n%s", status, out);
    /* the counts the comparison made: 3 COLINFO columns, 4 rows, 6 merges in all, 1 frozen pane, 2 hidden sheets */
    ck_assert_msg(strstr(out, "planxl: layout: 3 widths, 4 rows, 6 merges, 1 panes, 2 states, 2 comments; 43 expectations"), "%s", out);
    if (_i == 0)
        ck_assert_msg(strstr(out, "libreoffice: layout: 3 widths, 4 rows, 6 merges, 0 panes, 2 states, 2 comments"), "%s", out);
    remove_tmp();
}
END_TEST

/* The comparison is not one that cannot fail: freexl alone reads no layout, and the same
 * check then names what is missing. */
START_TEST(freexl_alone_carries_no_layout)
{
    make_tmp();
    char xlsx[300], out[OUTPUT_MAX];
    convert(LAYOUT_XLS, in_tmp(xlsx, sizeof xlsx, "layout.xlsx"), PXL_READER_FREEXL);
    ck_assert_int_eq(layout_check(LAYOUT_XLS, xlsx, 1, 0, out), 1);
    ck_assert_msg(strstr(out, "Layout: merges: missing ['A1:C1', 'B10:C12']"), "%s", out);
    ck_assert_msg(strstr(out, "Layout: column B: no width"), "%s", out);
    ck_assert_msg(strstr(out, "Layout: row 3: height None, xls 30.0"), "%s", out);
    ck_assert_msg(strstr(out, "Layout:zoom=85: got None"), "%s", out);
    ck_assert_msg(strstr(out, "Print:area=$A$1:$D$20: got"), "%s", out);
    ck_assert_msg(strstr(out, "Print:orientation=landscape: got"), "%s", out);
    ck_assert_msg(strstr(out, "Layout: comments: missing"), "%s", out);
    remove_tmp();
}
END_TEST

/* Corpus files with merges, widths, heights, hidden rows, panes and comments (LICENSES.md
 * there), and what each must show (xlsx_layout.py's counts). */
static const struct {
    const char *file, *shows;
} corpus_files[] = {
    {"poi__47251.xls", " 263 merges, 1 panes"},
    {"poi__51670.xls", " 75 merges, 1 panes"},
    {"calamine__merged_range.xls", " 15 merges"},
    {"poi__comments.xls", " 3 comments"},
};

START_TEST(corpus_layout_is_carried)
{
    make_tmp();
    char xls[300], xlsx[300], out[OUTPUT_MAX];
    snprintf(xls, sizeof xls, "%s%s", LAYOUT_DIR, corpus_files[_i].file);
    for (size_t r = 0; r < sizeof readers / sizeof readers[0]; r++) {
        convert(xls, in_tmp(xlsx, sizeof xlsx, "corpus.xlsx"), readers[r]);
        int status = layout_check(xls, xlsx, 0, r == 0, out);
        ck_assert_msg(status == 0, "%s: xlsx_layout.py: %d\n%s", xls, status, out);
        ck_assert_msg(strstr(out, "planxl: layout: ") && strstr(out, corpus_files[_i].shows), "%s: %s", xls, out);
    }
    remove_tmp();
}
END_TEST

/* The annotated copy (check --annotate) puts its Kontroller sheet first: the patch step's
 * positions count from the first converted sheet, and Kontroller stays the active one. */
START_TEST(annotated_copy_keeps_merges_in_place)
{
    make_tmp();
    char dir[300], out[OUTPUT_MAX];
    in_tmp(dir, sizeof dir, "annotated");
    const char *check[] = {PXL_TEST_BIN, "check", "-q", "--annotate", dir, PXL_TEST_DATA "/merges/merges.xls", NULL};
    run(check, out);
    const char *script =
        "import sys, openpyxl\n"
        "wb = openpyxl.load_workbook(sys.argv[1] + '/merges.xlsx')\n"
        "print(wb.active.title, [(ws.title, ws.sheet_state, len(ws.merged_cells.ranges)) for ws in wb.worksheets])\n";
    const char *argv[] = {PXL_TEST_PYTHON, "-c", script, dir, NULL};
    ck_assert_int_eq(run(argv, out), 0);
    /* merges.xls (tests/data/merges): Äldreomsorg's three merged ranges, Utkast hidden */
    ck_assert_msg(strstr(out, "Kontroller [('Kontroller', 'visible', 0), ('\u00c4ldreomsorg', 'visible', 3), "
                              "('Utkast', 'hidden', 0)]"), "%s", out);
    remove_tmp();
}
END_TEST

START_TEST(col_widths_to_the_pixel)
{
    /* .xls widths (1/256 character) to libxlsxwriter's, worked out by its formula
     * (worksheet.c): pixels = (int)(w * 7 + 0.5) + 5 for w >= 1, (int)(w * 12 + 0.5) below */
    static const struct { unsigned w256; long px; } cases[] = {
        {2340, 64},   /* Excel's default 8.43: 9.140625 */
        {5302, 145},  /* 20.71 */
        {256, 7},     /* 1 character: under libxlsxwriter's 1, so 12 pixels a character */
        {0, 0},
        {65535, 1792},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double w = pxl_convert_col_width(cases[i].w256);
        long px = w >= 1 ? (long)(w * 7 + 0.5) + 5 : (long)(w * 12 + 0.5);
        ck_assert_msg(px == cases[i].px, "%u: %f gives %ld pixels, not %ld", cases[i].w256, w, px, cases[i].px);
    }
}
END_TEST

/* Print areas and titles as the formula decoder writes them; what libxlsxwriter cannot hold is
 * refused (-1), never written as something else. */
static const struct {
    const char *name, *formula;
    int result;
} print_names[] = {
    {"Print_Area", "Data!$A$1:$D$20", 1},
    {"Print_Area", "'My, sheet!'!$B$2:$C$3", 1},
    {"Print_Area", "Data!$1:$5", 1},
    {"Print_Area", "Data!$A:$C", 1},
    {"Print_Area", "Data!$A$1", 1},
    {"Print_Area", "Data!$A$1:$B$2,Data!$D$1:$E$2", -1},  /* two areas */
    {"Print_Area", "Data!#REF!", -1},
    {"Print_Titles", "Data!$1:$2", 1},
    {"Print_Titles", "Data!$A:$B,Data!$1:$1", 1},
    {"Print_Titles", "Data!$A$1:$B$2", -1},               /* not whole rows or columns */
    {"Print_Titles", "Data!$A:$B,Data!$1:$1,Data!$3:$3", -1},
    {"Print_Area", "Data!$A$1:", -1},
    {"_FilterDatabase", "Data!$A$1:$B$9", 1},               /* an autofilter */
    {"_FilterDatabase", "Data!$A$1:$B$2,Data!$D$1:$E$2", -1},
    {"Recorder", "Data!$A$1:$B$9", 0},                      /* not a sheet setting */
};

START_TEST(print_names_written_or_refused)
{
    make_tmp();
    char path[300];
    lxw_workbook *wb = workbook_new(in_tmp(path, sizeof path, "names.xlsx"));
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Data");
    int got = pxl_convert_print_name(ws, print_names[_i].name, print_names[_i].formula);
    ck_assert_msg(got == print_names[_i].result, "%s = %s: %d", print_names[_i].name, print_names[_i].formula, got);
    ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
    remove_tmp();
}
END_TEST

/* A header with a picture (&G, &[Picture]: images are not carried) loses the picture code, not
 * the text; one libxlsxwriter 1.1.4 would refuse (and then free twice on closing: a crash) is
 * left out. */
static const struct {
    const char *header, *written;
} headers[] = {
    {"&CPlan&R&G", "&amp;CPlan&amp;R"},
    {"&L&[Picture]&CBudget", "&amp;L&amp;CBudget"},
    {"&CA &&G B", NULL},     /* a literal "&G": 1.1.4 counts it as a picture */
    {"&G", NULL},            /* nothing left */
};

START_TEST(header_pictures_left_out)
{
    make_tmp();
    char path[300], out[OUTPUT_MAX];
    lxw_workbook_options o = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(in_tmp(path, sizeof path, "header.xlsx"), &o);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Data");
    pxl_sheet_layout layout;
    memset(&layout, 0, sizeof layout);
    snprintf(layout.print.header, sizeof layout.print.header, "%s", headers[_i].header);
    snprintf(layout.print.footer, sizeof layout.print.footer, "%s", headers[_i].header);
    ck_assert_int_eq(pxl_convert_layout_sheet(ws, &layout, 0), LXW_NO_ERROR);
    worksheet_write_number(ws, 0, 0, 1, NULL);
    ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
    const char *argv[] = {"/usr/bin/unzip", "-p", path, "xl/worksheets/sheet1.xml", NULL};
    ck_assert_int_eq(run(argv, out), 0);
    if (headers[_i].written) {
        char want[200];
        snprintf(want, sizeof want, "<oddHeader>%s</oddHeader><oddFooter>%s</oddFooter>", headers[_i].written,
                 headers[_i].written);
        ck_assert_msg(strstr(out, want), "%s", out);
    } else {
        ck_assert_msg(!strstr(out, "headerFooter"), "%s", out);
    }
    remove_tmp();
}
END_TEST

/* A constant-memory workbook with three sheets: Data (cells, print options, a page setup
 * and a header, so that elements follow <sheetData>), Empty (no cells) and Gone (hidden). */
static void write_workbook(const char *path)
{
    lxw_workbook_options o = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    lxw_worksheet *data = workbook_add_worksheet(wb, "Data");
    lxw_worksheet *empty = workbook_add_worksheet(wb, "Empty");
    lxw_worksheet *gone = workbook_add_worksheet(wb, "Gone");
    for (int r = 0; r < 50; r++)
        for (int c = 0; c < 4; c++)
            worksheet_write_number(data, r, c, r * 10 + c, NULL);
    worksheet_write_boolean(data, 60, 0, 1, NULL);
    worksheet_gridlines(data, LXW_SHOW_ALL_GRIDLINES);
    worksheet_set_landscape(data);
    worksheet_set_header(data, "&CMergeCells test");
    worksheet_write_string(gone, 0, 0, "secret", NULL);
    worksheet_hide(gone);
    (void)empty;
    ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
}

static const pxl_xlsx_merge merges[] = {
    {0, {0, 0, 0, 2}}, {0, {10, 1, 20, 3}}, {1, {4, 4, 9, 5}},
};
static const uint32_t very_hidden[] = {2};

START_TEST(patch_places_merges_and_very_hidden)
{
    make_tmp();
    char path[300], out[OUTPUT_MAX];
    write_workbook(in_tmp(path, sizeof path, "patched.xlsx"));
    pxl_xlsx_patch patch = {NULL, 0, merges, 3, very_hidden, 1};
    ck_assert_msg(pxl_xlsx_patch_apply(path, "patched.xlsx", &patch) == PXL_OK, "%s", pxl_error_message());
    /* openpyxl sees them; the children of <worksheet> are in CT_Worksheet's order */
    const char *script =
        "import sys, zipfile, re, openpyxl\n"
        "wb = openpyxl.load_workbook(sys.argv[1])\n"
        "print([sorted(str(r) for r in ws.merged_cells.ranges) for ws in wb.worksheets])\n"
        "print([ws.sheet_state for ws in wb.worksheets])\n"
        "z = zipfile.ZipFile(sys.argv[1])\n"
        "for n in ('xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml'):\n"
        "    x = z.read(n).decode()\n"
        "    body = x[x.index('<worksheet'):]\n"
        "    body = body[body.index('>') + 1:]\n"
        "    depth, tags = 0, []\n"
        "    for m in re.finditer(r'<(/?)([A-Za-z]+)[^>]*?(/?)>', body):\n"
        "        if m.group(1): depth -= 1; continue\n"
        "        if depth == 0: tags.append(m.group(2))\n"
        "        if not m.group(3): depth += 1\n"
        "    print(' '.join(tags))\n";
    const char *argv[] = {PXL_TEST_PYTHON, "-c", script, path, NULL};
    ck_assert_int_eq(run(argv, out), 0);
    ck_assert_msg(strstr(out, "[['A1:C1', 'B11:D21'], ['E5:F10'], []]\n"), "%s", out);
    ck_assert_msg(strstr(out, "['visible', 'visible', 'veryHidden']\n"), "%s", out);
    ck_assert_msg(strstr(out, "dimension sheetViews sheetFormatPr sheetData mergeCells printOptions pageMargins "
                              "pageSetup headerFooter\n"), "%s", out);
    ck_assert_msg(strstr(out, "dimension sheetViews sheetFormatPr sheetData mergeCells pageMargins\n"), "%s", out);
    remove_tmp();
}
END_TEST

static unsigned char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *data = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(data);
    ck_assert_uint_eq(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *size = (size_t)n;
    return data;
}

/* Lists the patch refuses: each an error naming the file, the file as it was. */
static const pxl_xlsx_merge merges_unsorted[] = {{1, {0, 0, 1, 1}}, {0, {0, 0, 1, 1}}};
static const pxl_xlsx_merge merges_no_sheet[] = {{0, {0, 0, 1, 1}}, {7, {0, 0, 1, 1}}};
static const uint32_t visible_sheet[] = {0};
static const uint32_t no_such_sheet[] = {9};
static const uint32_t hidden_twice[] = {2, 2};
static const struct {
    pxl_xlsx_patch patch;
    pxl_error error;
    const char *message;
} bad_patches[] = {
    {{NULL, 0, merges_unsorted, 2, NULL, 0}, PXL_ERR_INVALID_ARGUMENT, "not in order"},
    {{NULL, 0, merges_no_sheet, 2, NULL, 0}, PXL_ERR_WRITE, "has no sheet 8"},
    {{NULL, 0, NULL, 0, visible_sheet, 1}, PXL_ERR_WRITE, "could not make sheet 1 of the .xlsx very hidden"},
    {{NULL, 0, NULL, 0, no_such_sheet, 1}, PXL_ERR_WRITE, "could not make sheet 10 of the .xlsx very hidden"},
    {{NULL, 0, NULL, 0, hidden_twice, 2}, PXL_ERR_INVALID_ARGUMENT, "not in order"},
};

START_TEST(bad_patch_leaves_the_file)
{
    make_tmp();
    char path[300];
    write_workbook(in_tmp(path, sizeof path, "Budget.xlsx"));
    size_t before_size, after_size;
    unsigned char *before = slurp(path, &before_size);
    pxl_error err = pxl_xlsx_patch_apply(path, "Budget.xlsx", &bad_patches[_i].patch);
    ck_assert_int_eq(err, bad_patches[_i].error);
    ck_assert_msg(strstr(pxl_error_message(), "Budget.xlsx") && strstr(pxl_error_message(), bad_patches[_i].message),
                  "%s", pxl_error_message());
    unsigned char *after = slurp(path, &after_size);
    ck_assert_uint_eq(before_size, after_size);
    ck_assert(memcmp(before, after, before_size) == 0);
    free(before);
    free(after);
    char out[OUTPUT_MAX];
    const char *argv[] = {"/bin/sh", "-c", "ls \"$0\" | wc -l", tmp, NULL};
    ck_assert_int_eq(run(argv, out), 0);
    ck_assert_msg(atoi(out) == 2, "temporaries left: %s", out); /* Budget.xlsx and stdout.txt */
    remove_tmp();
}
END_TEST

START_TEST(same_patch_same_bytes)
{
    make_tmp();
    char a[300], b[300];
    /* one workbook copied (libxlsxwriter stamps docProps/core.xml with the time) */
    write_workbook(in_tmp(a, sizeof a, "a.xlsx"));
    size_t n;
    unsigned char *data = slurp(a, &n);
    FILE *f = fopen(in_tmp(b, sizeof b, "b.xlsx"), "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, n, f), n);
    fclose(f);
    free(data);
    pxl_xlsx_patch patch = {NULL, 0, merges, 3, very_hidden, 1};
    ck_assert_int_eq(pxl_xlsx_patch_apply(a, "a.xlsx", &patch), PXL_OK);
    ck_assert_int_eq(pxl_xlsx_patch_apply(b, "b.xlsx", &patch), PXL_OK);
    size_t na, nb;
    unsigned char *da = slurp(a, &na), *db = slurp(b, &nb);
    ck_assert_uint_eq(na, nb);
    ck_assert(memcmp(da, db, na) == 0);
    free(da);
    free(db);
    remove_tmp();
}
END_TEST

Suite *layout_suite(void)
{
    Suite *s = suite_create("layout");
    TCase *t = tcase_create("layout");
    tcase_set_timeout(t, 600);
    tcase_add_loop_test(t, fixture_layout_is_carried, 0, sizeof readers / sizeof readers[0]);
    tcase_add_test(t, freexl_alone_carries_no_layout);
    tcase_add_loop_test(t, corpus_layout_is_carried, 0, sizeof corpus_files / sizeof corpus_files[0]);
    tcase_add_test(t, col_widths_to_the_pixel);
    tcase_add_test(t, annotated_copy_keeps_merges_in_place);
    tcase_add_loop_test(t, header_pictures_left_out, 0, sizeof headers / sizeof headers[0]);
    tcase_add_loop_test(t, print_names_written_or_refused, 0, sizeof print_names / sizeof print_names[0]);
    tcase_add_test(t, patch_places_merges_and_very_hidden);
    tcase_add_loop_test(t, bad_patch_leaves_the_file, 0, sizeof bad_patches / sizeof bad_patches[0]);
    tcase_add_test(t, same_patch_same_bytes);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(layout_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
