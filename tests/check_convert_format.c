/*
 * Cell formats through convert (issue 13 item 1): tests/data/convert_format/formats.xls (made
 * by make_formats_xls.pl) and corpus files converted by the default reader, read back with
 * python3-openpyxl (tests/tools/xlsx_formats.py) at named cells, and compared with
 * LibreOffice's own conversion of the same files (tests/tools/formats_vs_lo.py).
 */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_tmpdir.h"
#include "planxl/convert.h"

#define FORMATS PXL_TEST_DATA "/convert_format/formats.xls"
#define CORPUS PXL_TEST_DATA "/corpus/"
#define XLSX_FORMATS PXL_TEST_TOOLS "/xlsx_formats.py"
#define FORMATS_VS_LO PXL_TEST_TOOLS "/formats_vs_lo.py"
#define FIDELITY PXL_TEST_TOOLS "/fidelity.py"
#define OUTPUT_MAX 65536

static void make_tmp(void)
{
    make_tmp_named("pxl_convert_format");
}

/* Run @p argv; its standard output into @p out (OUTPUT_MAX bytes); the exit status. */
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
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    read_text_file(path, out, OUTPUT_MAX);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The line xlsx_formats.py prints for @p cell ("B2 font=... num=0.0%"), in @p line. */
static const char *line_of(const char *report, const char *cell, char *line, size_t size)
{
    char key[32];
    snprintf(key, sizeof key, "%s ", cell);
    const char *p = report;
    line[0] = '\0';
    while (p && *p) {
        if (!strncmp(p, key, strlen(key))) {
            const char *end = strchr(p, '\n');
            size_t n = end ? (size_t)(end - p) : strlen(p);
            if (n >= size)
                n = size - 1;
            memcpy(line, p, n);
            line[n] = '\0';
            return line;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return line;
}

typedef struct warnings {
    char text[4096];
} warnings;

static void keep_warning(void *ctx, const char *message)
{
    warnings *w = ctx;
    size_t len = strlen(w->text);
    snprintf(w->text + len, sizeof w->text - len, "%s\n", message);
}

/* What openpyxl must read at each cell: every part listed (separated by |) in its line. */
static const struct {
    const char *cell;
    const char *parts;
} expected[] = {
    /* fonts */
    {"A1", "font=Arial/14/b|num=General"},
    {"A2", "font=Arial/10/i|color=FFFF0000"},
    {"A3", "font=Arial/10/u=single"},
    {"A4", "font=Arial/10/u=double"},
    {"A5", "font=Arial/10/strike"},
    {"A6", "font=Times New Roman/12"},
    {"A7", "font=Arial/10/superscript"},
    {"A8", "font=Arial/10|num=General"},
    /* number formats: custom strings as the file has them, built-in ids by id */
    {"B1", "num=#,##0.00"},
    {"B2", "num=0.0%"},
    {"B3", "num=0.000"},
    {"B4", "num=[Red]#,##0;[Blue]-#,##0"},
    {"B5", "num=d mmmm yyyy"},  /* a date keeps its own date format */
    {"B6", "num=mm-dd-yy"},     /* built-in 14, the locale's short date (openpyxl's name for it) */
    {"B7", "num=0.00%"},        /* built-in 10 */
    {"B8", "num=\"kr \"#,##0"},
    {"B9", "num=hh:mm"},        /* a time keeps its own format */
    /* fills, colours through the palette (C3: a PALETTE record's custom colour) */
    {"C1", "fill=solid/FFFFFF00/-"},
    {"C2", "fill=mediumGray/FFFF0000/FF008000"},
    {"C3", "fill=solid/FF123456/-"},
    /* borders: left, right, top, bottom */
    {"D1", "border=thin:-,thin:-,thin:-,thin:-"},
    {"D2", "border=medium:FFFF0000,dotted:-,dashed:-,double:-"},
    {"D3", "diag=up+down/thin:FF0000FF"},
    /* alignment */
    {"E1", "align=center/-"},
    {"E2", "align=right/top"},
    {"E3", "wrap"},
    {"E4", "indent=2"},
    {"E5", "rot=45"},
    {"E6", "rot=120"},          /* 30 degrees down: ECMA-376's 90 + 30 */
    {"E7", "shrink"},
    {"E8", "align=-/center"},
    {"E9", "rot=255"},          /* letters stacked */
    {"E10", "unlocked"},
    {"E11", "align=center/-"}, /* Excel ignores a centred cell's indent; libxlsxwriter would left-align it */
    /* a formula cell keeps its format like the others */
    {"F3", "font=Arial/10/b|num=#,##0.00|border=-,-,thin:-,-"},
    /* a number format libxlsxwriter cannot write: General, the rest of the format kept */
    {"G1", "font=Arial/10/i|num=General"},
    /* empty cells with a format of their own: a BLANK record each */
    {"H1", "fill=solid/FFC0C0C0/-|border=thin:-,thin:-,thin:-,thin:-"},
    {"J2", "fill=solid/FFC0C0C0/-|border=thin:-,thin:-,thin:-,thin:-"},
};

START_TEST(formats_at_named_cells)
{
    char out[300], report[OUTPUT_MAX], line[512];
    in_tmp(out, sizeof out, "formats.xlsx");
    warnings w = {""};
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.warning = keep_warning;
    o.warning_ctx = &w;
    ck_assert_msg(pxl_convert(FORMATS, out, &o, NULL) == PXL_OK, "%s", pxl_error_message());
    const char *argv[] = {PXL_TEST_PYTHON, XLSX_FORMATS, out, NULL};
    ck_assert_int_eq(run(argv, report), 0);
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        line_of(report, expected[i].cell, line, sizeof line);
        ck_assert_msg(line[0], "%s: no cell in the output:\n%s", expected[i].cell, report);
        ck_assert_msg(strcmp(expected[i].cell, "E11") || !strstr(line, "indent"), "E11: %s", line);
        /* each part must be in the line as a whole word */
        char parts[256];
        snprintf(parts, sizeof parts, "%s", expected[i].parts);
        char padded[520];
        snprintf(padded, sizeof padded, "%s ", line);
        for (char *save, *p = strtok_r(parts, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
            char want[260];
            snprintf(want, sizeof want, " %s ", p);
            ck_assert_msg(strstr(padded, want) != NULL, "%s: wanted \"%s\", openpyxl reads: %s", expected[i].cell, p,
                          line);
        }
    }
    /* the too-long number format: a warning naming the file, sheet and cell */
    ck_assert_msg(strstr(w.text, "formats.xls:Format!G1: number format \"0\" xxx") != NULL, "%s", w.text);
    ck_assert_msg(strstr(w.text, "longer than libxlsxwriter 1.1.4 can write") != NULL, "%s", w.text);
    /* one .xlsx format per cell format used, not one per cell: 38 cells with values, F1:F3
     * sharing one, E11 the same as E1 once its indent is left out (libxlsxwriter merges equal
     * formats), 4 blanks sharing another, plus the workbook's default format */
    ck_assert_msg(strstr(report, "\nxfs 37\n") != NULL, "%s", report);
}
END_TEST

/* Values stay as they were (fidelity.py: python3-xlrd against openpyxl), formats or not. */
START_TEST(formats_keep_the_values)
{
    char out[300], report[OUTPUT_MAX];
    in_tmp(out, sizeof out, "formats.xlsx");
    ck_assert_msg(pxl_convert(FORMATS, out, NULL, NULL) == PXL_OK, "%s", pxl_error_message());
    const char *argv[] = {PXL_TEST_PYTHON, FIDELITY, FORMATS, out, NULL};
    int status = run(argv, report);
    ck_assert_msg(status == 0, "fidelity.py says:\n%s", report);
}
END_TEST

/* Only the BIFF reader gives formats: through --reader auto the cells are plain (dates still
 * get convert's date formats). */
START_TEST(auto_reader_gives_no_formats)
{
    char out[300], report[OUTPUT_MAX], line[512];
    in_tmp(out, sizeof out, "auto.xlsx");
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.grid.reader = PXL_READER_AUTO;
    ck_assert_msg(pxl_convert(FORMATS, out, &o, NULL) == PXL_OK, "%s", pxl_error_message());
    const char *argv[] = {PXL_TEST_PYTHON, XLSX_FORMATS, out, NULL};
    ck_assert_int_eq(run(argv, report), 0);
    ck_assert_str_eq(line_of(report, "A1", line, sizeof line), "A1 font=Calibri/11 num=General");
    ck_assert_str_eq(line_of(report, "B2", line, sizeof line), "B2 font=Calibri/11 num=General");
    ck_assert_str_eq(line_of(report, "B5", line, sizeof line), "B5 font=Calibri/11 num=yyyy-mm-dd");
}
END_TEST

/* LibreOffice's conversion of the same file looks the same: fonts, colours, borders, fills,
 * alignment at every cell. formats.xls without fills: LibreOffice turns the 50% grey pattern of
 * C2 into a solid blend of its two colours, where planxl keeps the pattern (checked above). */
static const struct {
    const char *path;
    const char *parts;
} lo_files[] = {
    {FORMATS, "font,color,border,align"},
    {CORPUS "phpspreadsheet__30templatebiff5.xls", "font,color,border,fill,align"}, /* BIFF5 */
    {CORPUS "freexl__oocalc_simple95.xls", "font,color,border,fill,align"},         /* BIFF5 */
    {CORPUS "xlrd__Formate.xls", "font,color,border,fill,align"},                   /* BIFF8 */
};

START_TEST(libreoffice_agrees)
{
    char out[300], report[OUTPUT_MAX];
    in_tmp(out, sizeof out, "ours.xlsx");
    ck_assert_msg(pxl_convert(lo_files[_i].path, out, NULL, NULL) == PXL_OK, "%s", pxl_error_message());
    const char *argv[] = {PXL_TEST_PYTHON, FORMATS_VS_LO, lo_files[_i].path, out, tmp, lo_files[_i].parts, NULL};
    int status = run(argv, report);
    ck_assert_msg(status == 0, "%s: formats_vs_lo.py says:\n%s", lo_files[_i].path, report);
}
END_TEST

/* A damaged file the default reader refuses names --reader auto, which may read what freexl
 * makes of it (two fuzzed corpus files convert that way); nothing is written. */
START_TEST(damaged_file_points_to_auto)
{
    char cut[300], out[300], buf[3000];
    in_tmp(cut, sizeof cut, "cut.xls");
    in_tmp(out, sizeof out, "cut.xlsx");
    FILE *in = fopen(FORMATS, "rb"), *f = fopen(cut, "wb");
    ck_assert(in && f);
    size_t n = fread(buf, 1, sizeof buf, in); /* the OLE2 header and the start of its tables */
    ck_assert_uint_eq(fwrite(buf, 1, n, f), n);
    fclose(in);
    fclose(f);
    ck_assert_int_eq(pxl_convert(cut, out, NULL, NULL), PXL_ERR_CORRUPT);
    ck_assert_msg(strstr(pxl_error_message(), "cut.xls: the file is damaged") != NULL, "%s", pxl_error_message());
    ck_assert_msg(strstr(pxl_error_message(), "(--reader auto may convert what freexl reads of it, without cell "
                                              "formats)") != NULL, "%s", pxl_error_message());
    ck_assert_int_eq(access(out, F_OK), -1);
}
END_TEST

static Suite *convert_format_suite(void)
{
    Suite *s = suite_create("convert_format");
    TCase *t = tcase_create("formats");
    tcase_add_checked_fixture(t, make_tmp, remove_tmp);
    tcase_set_timeout(t, 300);
    tcase_add_test(t, formats_at_named_cells);
    tcase_add_test(t, formats_keep_the_values);
    tcase_add_test(t, auto_reader_gives_no_formats);
    tcase_add_test(t, damaged_file_points_to_auto);
    tcase_add_loop_test(t, libreoffice_agrees, 0, (int)(sizeof lo_files / sizeof lo_files[0]));
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(convert_format_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
