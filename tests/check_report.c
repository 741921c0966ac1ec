/*
 * The committee workbook (issue 4): written from plans built in the test, read back with an
 * independent reader (openpyxl, tests/tools/report_xlsx.py) and recalculated by LibreOffice
 * (tests/tools/lo_recalc.sh).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <check.h>
#include <dirent.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan_fixture.h"
#include "planxl/planxl.h"
#include "write/report/report_internal.h"
#include "write/report/row_height.h"
#include "util/sha256.h"

/* ---- helpers ------------------------------------------------------------------------------- */

static char workdir[512];

static void make_workdir(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(workdir, sizeof workdir, "%s/planxl-report-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(workdir));
}

static void remove_workdir(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", workdir);
    if (workdir[0] && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", workdir);
}

static char *path_in(const char *name)
{
    static char buf[4][640];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, sizeof buf[0], "%s/%s", workdir, name);
    return p;
}

/* Run a shell command; its exit status. */
static int run(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#define TOOL PXL_TEST_PYTHON " " PXL_TEST_TOOLS "/report_xlsx.py"

static size_t dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    if (!d)
        return 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

static char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *size = (size_t)n;
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

void pxl_test_kpi_value(pxl_plan *plan, pxl_value *value, const char *text)
{
    memset(value, 0, sizeof *value);
    value->kind = pxl_parse_text(text, PXL_PARSE_KPI, &value->number, &value->direction);
    value->text = pxl_plan_strdup(plan, text);
    value->stored_as_text = 1;
}

void pxl_test_amount(pxl_plan *plan, pxl_value *value, double number, const char *text)
{
    memset(value, 0, sizeof *value);
    value->kind = PXL_VALUE_NUMBER;
    value->number = number;
    value->text = pxl_plan_strdup(plan, text);
}

/* An amount cell as the recogniser gives it for @p text typed into a text cell. */
static void text_amount(pxl_plan *plan, pxl_value *value, const char *text)
{
    memset(value, 0, sizeof *value);
    value->kind = pxl_parse_text(text, PXL_PARSE_AMOUNT, &value->number, NULL);
    value->text = pxl_plan_strdup(plan, text);
    value->stored_as_text = 1;
}

/* The example plan, recorded as read from a copy of the fixture in the work directory. */
static pxl_plan *example_plan(void)
{
    pxl_plan *plan;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    ck_assert_int_eq(run("cp '%s/plan-2024-08.xls' '%s'", PXL_TEST_DATA, path_in("plan-2024-08.xls")), 0);
    pxl_test_build_example(plan, path_in("plan-2024-08.xls"));
    return plan;
}

static pxl_measure *add_measure(pxl_plan *plan, const char *area, const char *title, uint32_t row)
{
    pxl_area *a = pxl_plan_area_get(plan, area);
    ck_assert_ptr_nonnull(a);
    pxl_measure *m = pxl_area_add_measure(plan, a);
    ck_assert_ptr_nonnull(m);
    m->title = pxl_plan_strdup(plan, title);
    m->section = pxl_plan_strdup(plan, "Sektion");
    m->description = pxl_plan_strdup(plan, "Beskrivning.");
    m->current_year = 2024;
    m->cell = (pxl_cellref){plan->file_count ? plan->files[0] : NULL, pxl_plan_strdup(plan, area), row, 0};
    m->title_cell = m->cell;
    m->title_cell.col = 1;
    return m;
}

static void add_effect(pxl_plan *plan, pxl_measure *m, const char *year, const char *full)
{
    pxl_effect *e = pxl_measure_add_effect(plan, m);
    ck_assert_ptr_nonnull(e);
    e->description = pxl_plan_strdup(plan, "Effekt");
    text_amount(plan, &e->current_year, year);
    text_amount(plan, &e->full_year, full);
}

static pxl_error write_report(const pxl_plan *plan, const char *out, int overwrite)
{
    pxl_report_options o = PXL_REPORT_OPTIONS_INIT;
    o.overwrite = overwrite;
    o.created = 1725000000; /* 2024-08-30 06:40:00 UTC */
    return pxl_report_write(plan, NULL, out, &o);
}

/* ---- SHA-256 and row heights ----------------------------------------------------------------- */

static const struct {
    const char *text;
    const char *hex;
} sha_cases[] = {
    /* FIPS 180-4 examples (NIST CSRC "Examples with intermediate values", SHA-256) */
    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
};

START_TEST(sha256_vectors)
{
    char hex[PXL_SHA256_HEX_SIZE];
    pxl_sha256_hex(hex, sha_cases[_i].text, strlen(sha_cases[_i].text));
    ck_assert_str_eq(hex, sha_cases[_i].hex);
}
END_TEST

START_TEST(sha256_million_a)
{
    /* FIPS 180-4's long example, fed in uneven pieces to exercise the block buffer. */
    pxl_sha256 ctx;
    unsigned char digest[PXL_SHA256_DIGEST_SIZE];
    char a[1000];
    memset(a, 'a', sizeof a);
    pxl_sha256_init(&ctx);
    for (size_t done = 0, step = 1; done < 1000000; done += step, step = step % 997 + 1) {
        if (done + step > 1000000)
            step = 1000000 - done;
        pxl_sha256_update(&ctx, a, step);
    }
    pxl_sha256_final(&ctx, digest);
    ck_assert_int_eq(digest[0], 0xcd);
    ck_assert_int_eq(digest[1], 0xc7);
    ck_assert_int_eq(digest[31], 0xd0);
}
END_TEST

START_TEST(sha256_file_matches_python)
{
    make_workdir();
    char hex[PXL_SHA256_HEX_SIZE];
    ck_assert_int_eq(pxl_sha256_file(hex, PXL_TEST_DATA "/plan-2024-08.xls"), PXL_OK);
    ck_assert_int_eq(run(PXL_TEST_PYTHON " -c 'import hashlib,sys; sys.exit(hashlib.sha256(open(\"%s\",\"rb\").read())"
                         ".hexdigest() != \"%s\")'",
                         PXL_TEST_DATA "/plan-2024-08.xls", hex),
                     0);
    ck_assert_int_eq(pxl_sha256_file(hex, path_in("missing.xls")), PXL_ERR_NOT_FOUND);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "missing.xls"));
    remove_workdir();
}
END_TEST

static const struct {
    const char *text;
    double width;
    unsigned lines;
} line_cases[] = {
    {"", 10, 1},
    {"abc", 10, 1},
    {"a\nb", 10, 2},
    {"a\n\nb", 10, 3},
    {"aaaa bbbb cccc", 10, 2},          /* 9 characters fit: "aaaa bbbb" / "cccc" */
    {"aaaa bbbb", 10, 1},
    {"aaaaaaaaaaaaaaaaaaaaaaaaa", 10, 3}, /* a 25-character word is broken: 9 + 9 + 7 */
    {"\xc3\xa5\xc3\xa5\xc3\xa5 \xc3\xa5\xc3\xa5\xc3\xa5", 8, 1}, /* "ååå ååå": characters, not bytes */
    {"ord ord ord ord ord ord ord ord ord ord", 12, 4},
};

START_TEST(text_lines)
{
    ck_assert_uint_eq(pxl_text_lines(line_cases[_i].text, line_cases[_i].width), line_cases[_i].lines);
}
END_TEST

/* Bold letters are wider (issue 14: a measure's bold Område was cut where the estimate took it for
 * regular text). */
static const struct {
    const char *text;
    double width;
    unsigned regular, bold;
} weight_cases[] = {
    {"Daglig verksamhet enligt LSS", 16, 2, 3},                       /* the Område that was cut */
    {"\xc3\x96versyn av verksamheten inom Glad\xc3\xb6 stall", 22, 2, 3}, /* and its Åtgärd */
    {"Hemtj\xc3\xa4nst", 14, 1, 1},
    {"", 10, 1, 1},
};

START_TEST(text_lines_bold)
{
    ck_assert_uint_eq(pxl_text_lines_in(weight_cases[_i].text, weight_cases[_i].width, PXL_TEXT_REGULAR),
                      weight_cases[_i].regular);
    ck_assert_uint_eq(pxl_text_lines(weight_cases[_i].text, weight_cases[_i].width), weight_cases[_i].regular);
    ck_assert_uint_eq(pxl_text_lines_in(weight_cases[_i].text, weight_cases[_i].width, PXL_TEXT_BOLD),
                      weight_cases[_i].bold);
}
END_TEST

static const struct {
    const char *text;
    double width;
    unsigned max_lines;
    size_t fit;
} fit_cases[] = {
    {"short", 10, 1, 5},                          /* all of it */
    {"aaaa bbbb cccc", 10, 1, 9},                 /* after the last whole word that fits */
    {"aa\nbb\ncc", 10, 2, 6},                     /* after a line break */
    {"p1 long para\nxx yy zz ww vv", 10, 2, 13},   /* the break that ends the last line */
    {"a\nbbbb cccc dddd eeee", 10, 2, 11},         /* a break this early leaves too much empty */
    {"aaaaaaaaaaaaaaaaaaaaaaaaa", 10, 2, 20},     /* one huge word: cut at a character */
    {"\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5", 10, 1, 20}, /* 10 å, not 10 bytes */
};

START_TEST(text_fit)
{
    ck_assert_uint_eq(pxl_text_fit(fit_cases[_i].text, fit_cases[_i].width, fit_cases[_i].max_lines),
                      fit_cases[_i].fit);
}
END_TEST

START_TEST(row_height_capped)
{
    ck_assert_double_eq_tol(pxl_row_height_points(1), PXL_ROW_LINE_POINTS, 1e-9);
    ck_assert(pxl_row_height_points(3) >= 3 * PXL_ROW_LINE_POINTS);
    ck_assert_double_eq_tol(pxl_row_height_points(1000), PXL_ROW_MAX_POINTS, 1e-9);
    ck_assert(pxl_row_height_points(PXL_ROW_MAX_LINES) <= PXL_ROW_MAX_POINTS);
    ck_assert(pxl_row_height_points(PXL_ROW_MAX_LINES + 1) > PXL_ROW_MAX_LINES * PXL_ROW_LINE_POINTS);
}
END_TEST

/* ---- the example plan ------------------------------------------------------------------------ */

START_TEST(example_contents)
{
    make_workdir();
    pxl_plan *plan = example_plan();
    const char *out = path_in("rapport.xlsx");
    ck_assert_msg(write_report(plan, out, 0) == PXL_OK, "%s", pxl_error_message());
    /* Every measure, KPI and effect row, the Summa formulas, the summary's totals against the
     * source document's figures (recorded in the fixture's JSON), as openpyxl reads them. */
    ck_assert_int_eq(run(TOOL " example '%s/plan-2024-08.json' '%s'", PXL_TEST_DATA, out), 0);
    /* The figures, once more by cell: Helårseffekt 17 170 / 6 533 / 23 703 tkr and
     * Effekt 2024 5 473 / 1 136 / 6 609 tkr. */
    ck_assert_int_eq(run(TOOL " cells '%s' Sammanställning!A5=Äldreomsorg Sammanställning!A6=Funktionsstöd "
                         "Sammanställning!A7=Totalt",
                         out),
                     0);
    ck_assert_int_eq(run(PXL_TEST_PYTHON " -c 'import openpyxl,sys; ws=openpyxl.load_workbook(\"%s\",data_only=True)"
                         "[\"Sammanställning\"]; got=[ws[c].value for c in (\"E5\",\"E6\",\"E7\",\"F5\",\"F6\",\"F7\")];"
                         " print(got); sys.exit(got != [5473,1136,6609,17170,6533,23703])'",
                         out),
                     0);
    /* Every formula's cached value against this test's own evaluation of it. */
    ck_assert_int_eq(run(TOOL " formulas '%s'", out), 0);
    ck_assert_int_eq(run(TOOL " created '%s' 2024-08-30T06:40:00Z", out), 0);
    ck_assert_int_eq(run(TOOL " layout '%s'", out), 0);
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

START_TEST(example_recalculated_by_libreoffice)
{
    make_workdir();
    pxl_plan *plan = example_plan();
    const char *out = path_in("rapport.xlsx");
    ck_assert_msg(write_report(plan, out, 0) == PXL_OK, "%s", pxl_error_message());
    ck_assert_int_eq(run(PXL_TEST_TOOLS "/lo_recalc.sh '%s' '%s'", out, path_in("lo")), 0);
    ck_assert_int_eq(run(TOOL " recalc '%s' '%s/rapport.xlsx'", out, path_in("lo")), 0);
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

START_TEST(byte_identical)
{
    make_workdir();
    pxl_plan *plan = example_plan();
    ck_assert_int_eq(write_report(plan, path_in("a.xlsx"), 0), PXL_OK);
    sleep(2); /* a zip entry's time has a 2-second resolution: a clock in the file would show */
    ck_assert_int_eq(write_report(plan, path_in("b.xlsx"), 0), PXL_OK);
    size_t na, nb;
    char *a = slurp(path_in("a.xlsx"), &na), *b = slurp(path_in("b.xlsx"), &nb);
    ck_assert_uint_eq(na, nb);
    ck_assert_msg(memcmp(a, b, na) == 0, "two runs differ");
    free(a);
    free(b);
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

START_TEST(created_from_source_date_epoch)
{
    make_workdir();
    pxl_plan *plan = example_plan();
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1); /* 2023-11-14 22:13:20 UTC */
    ck_assert_int_eq(pxl_report_write(plan, NULL, path_in("e.xlsx"), NULL), PXL_OK);
    unsetenv("SOURCE_DATE_EPOCH");
    ck_assert_int_eq(run(TOOL " created '%s' 2023-11-14T22:13:20Z", path_in("e.xlsx")), 0);
    /* Without it: the input's modification time. */
    ck_assert_int_eq(run("touch -d '2024-09-02 10:00:00 UTC' '%s'", path_in("plan-2024-08.xls")), 0);
    ck_assert_int_eq(pxl_report_write(plan, NULL, path_in("m.xlsx"), NULL), PXL_OK);
    ck_assert_int_eq(run(TOOL " created '%s' 2024-09-02T10:00:00Z", path_in("m.xlsx")), 0);
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

/* ---- amounts that are not numbers, declared totals ------------------------------------------ */

static pxl_plan *messy_plan(void)
{
    pxl_plan *plan;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    write_file(path_in("messy.xls"), "not really a workbook; only its name and hash are used");
    ck_assert_int_eq(pxl_plan_add_file(plan, path_in("messy.xls"), NULL), PXL_OK);
    pxl_measure *m = add_measure(plan, "Individ och familj", "Färre placeringar", 5);
    add_effect(plan, m, "1 650", "2 000");   /* numbers stored as text: written as numbers */
    add_effect(plan, m, "1 65O", "-1 600");  /* capital O: stays text, left out of the SUM */
    add_effect(plan, m, "", "ca 500");       /* missing, and words */
    add_effect(plan, m, "-40,5", "0");
    /* The input's own Summa says 9 500: shown beside the computed one. */
    pxl_total *t = pxl_measure_add_total(plan, m);
    t->label = pxl_plan_strdup(plan, "Summa");
    text_amount(plan, &t->current_year, "1 609,5");
    text_amount(plan, &t->full_year, "9 500");
    t->cell = (pxl_cellref){plan->files[0], "Individ och familj", 10, 0};
    return plan;
}

START_TEST(unreadable_amounts_left_out_of_sums)
{
    make_workdir();
    pxl_plan *plan = messy_plan();
    const char *out = path_in("messy.xlsx");
    ck_assert_msg(write_report(plan, out, 0) == PXL_OK, "%s", pxl_error_message());
    /* Row 3 the header, 4 the measure, 5–8 the effects, 9 Summa, 10 the declared total that differs. */
    ck_assert_int_eq(run(TOOL " cells '%s' 'Individ och familj!G5=1650' 'Individ och familj!H5=2000' "
                         "'Individ och familj!G6=1 65O' 'Individ och familj!H6=-1600' 'Individ och familj!H7=ca 500' "
                         "'Individ och familj!G8=-40.5' 'Individ och familj!C9=Summa' "
                         "'Individ och familj!G9==SUM(G5:G8)' 'Individ och familj!H9==SUM(H5:H8)' "
                         "'Individ och familj!C10=Angiven summa' 'Individ och familj!G10=1609.5' "
                         "'Individ och familj!H10=9500'",
                         out),
                     0);
    ck_assert_int_eq(run(TOOL " formulas '%s'", out), 0);
    ck_assert_int_eq(run(PXL_TEST_PYTHON " -c 'import openpyxl,sys; ws=openpyxl.load_workbook(\"%s\",data_only=True)"
                         "[\"Individ och familj\"]; got=[ws[c].value for c in (\"G9\",\"H9\")]; print(got);"
                         " sys.exit(got != [1609.5, 400])'",
                         out),
                     0);
    ck_assert_int_eq(run(PXL_TEST_TOOLS "/lo_recalc.sh '%s' '%s'", out, path_in("lo")), 0);
    ck_assert_int_eq(run(TOOL " recalc '%s' '%s/messy.xlsx'", out, path_in("lo")), 0);
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

/* A row's extra fields (Ansvarig, Status: columns with no header word, issue 12) are not dropped: an
 * effect's follow its Kommentar, a measure's end its Beskrivning. */
START_TEST(extra_fields_in_kommentar)
{
    make_workdir();
    pxl_plan *plan;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    write_file(path_in("fields.xls"), "not really a workbook; only its name and hash are used");
    ck_assert_int_eq(pxl_plan_add_file(plan, path_in("fields.xls"), NULL), PXL_OK);
    pxl_measure *m = add_measure(plan, "Äldreomsorg", "Färre placeringar", 3);
    pxl_cellref at = {plan->files[0], "Äldreomsorg", 3, 6};
    ck_assert_int_eq(pxl_fields_add(plan, &m->fields, "Ansvarig", "Anna Berg", at), PXL_OK);
    add_effect(plan, m, "100", "200");
    ck_assert_int_eq(pxl_fields_add(plan, &m->effects[0]->fields, "Status", "Pågår", at), PXL_OK);
    add_effect(plan, m, "0", "50");
    m->effects[1]->comment = "Uppskattat.";
    ck_assert_int_eq(pxl_fields_add(plan, &m->effects[1]->fields, "Status", "Klar", at), PXL_OK);
    ck_assert_int_eq(pxl_fields_add(plan, &m->effects[1]->fields, "Klart datum", "december", at), PXL_OK);
    const char *out = path_in("fields.xlsx");
    ck_assert_msg(write_report(plan, out, 0) == PXL_OK, "%s", pxl_error_message());
    /* row 4 the measure (its Beskrivning in D), 5 and 6 the effects (Kommentar in I) */
    ck_assert_int_eq(run(PXL_TEST_PYTHON " -c 'import openpyxl,sys; ws=openpyxl.load_workbook(\"%s\")[\"Äldreomsorg\"];"
                         " got=[ws[c].value for c in (\"D4\",\"I5\",\"I6\")]; print(got);"
                         " sys.exit(got != [\"Beskrivning.\\n\\nAnsvarig: Anna Berg\", \"Status: Pågår\","
                         " \"Uppskattat.\\nStatus: Klar\\nKlart datum: december\"])'",
                         out),
                     0);
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

/* ---- sheet names ----------------------------------------------------------------------------- */

START_TEST(sheet_names_excel_accepts)
{
    make_workdir();
    pxl_plan *plan;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    const char *areas[] = {"Budget/Prognos [2024]", "budget/prognos [2024]", "Kontroller", "O'Brien område",
                           "Ett mycket långt verksamhetsområde som inte får plats", "Barn och unga'"};
    for (size_t i = 0; i < sizeof areas / sizeof areas[0]; i++) {
        pxl_measure *m = add_measure(plan, areas[i], "Åtgärd", (uint32_t)i);
        char amount[16];
        snprintf(amount, sizeof amount, "%zu", (i + 1) * 100);
        add_effect(plan, m, amount, amount);
    }
    const char *out = path_in("names.xlsx");
    ck_assert_msg(write_report(plan, out, 0) == PXL_OK, "%s", pxl_error_message());
    ck_assert_int_eq(run(TOOL " sheets '%s' Sammanställning 'Budget_Prognos _2024_' 'budget_prognos _2024_ (2)' "
                         "'Kontroller (2)' \"O'Brien område\" 'Ett mycket långt verksamhetsomr' 'Barn och unga_'",
                         out),
                     0);
    /* The cross-sheet formulas quote the names (O'Brien's apostrophe doubled) and add up. */
    ck_assert_int_eq(run(TOOL " cells '%s' \"Sammanställning!E8=='O''Brien område'!G8\"", out), 0);
    ck_assert_int_eq(run(TOOL " values '%s' Sammanställning!E8=400 Sammanställning!E11=2100", out), 0);
    ck_assert_int_eq(run(TOOL " formulas '%s'", out), 0);
    ck_assert_int_eq(run(PXL_TEST_TOOLS "/lo_recalc.sh '%s' '%s'", out, path_in("lo")), 0);
    ck_assert_int_eq(run(TOOL " recalc '%s' '%s/names.xlsx'", out, path_in("lo")), 0);
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

/* ---- errors and output safety ----------------------------------------------------------------- */

START_TEST(duplicate_measure_refused)
{
    make_workdir();
    pxl_plan *plan;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    ck_assert_int_eq(pxl_plan_add_file(plan, "a.xls", NULL), PXL_OK);
    add_measure(plan, "Äldreomsorg", "Flytt av verksamhet", 10);
    add_measure(plan, "Äldreomsorg", "Annat", 20);
    add_measure(plan, "Funktionsstöd", "Flytt av verksamhet", 5);  /* another area: fine */
    add_measure(plan, "Äldreomsorg", " Flytt av  verksamhet", 30);  /* the same, spaced differently */
    const char *out = path_in("dup.xlsx");
    ck_assert_int_eq(write_report(plan, out, 0), PXL_ERR_DUPLICATE);
    const char *msg = pxl_error_message();
    ck_assert_msg(strstr(msg, "a.xls:Äldreomsorg!B31") && strstr(msg, "a.xls:Äldreomsorg!B11") &&
                      strstr(msg, "Flytt av"),
                  "message: %s", msg);
    ck_assert_uint_eq(dir_entries(workdir), 0);
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

START_TEST(existing_output_needs_overwrite)
{
    make_workdir();
    pxl_plan *plan = example_plan();
    const char *out = path_in("r.xlsx");
    write_file(out, "old");
    ck_assert_int_eq(write_report(plan, out, 0), PXL_ERR_EXISTS);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "r.xlsx"));
    size_t n;
    char *old = slurp(out, &n);
    ck_assert_uint_eq(n, 3);
    free(old);
    ck_assert_int_eq(write_report(plan, out, 1), PXL_OK);
    ck_assert_int_eq(run(TOOL " sheets '%s' Sammanställning Äldreomsorg Funktionsstöd", out), 0);
    ck_assert_uint_eq(dir_entries(workdir), 2); /* the input and the report: no temporary file */
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

START_TEST(input_never_overwritten)
{
    make_workdir();
    pxl_plan *plan = example_plan();
    ck_assert_int_eq(run("ln -s plan-2024-08.xls '%s'", path_in("alias.xlsx")), 0);
    size_t before, after;
    free(slurp(path_in("plan-2024-08.xls"), &before));
    ck_assert_int_eq(write_report(plan, path_in("plan-2024-08.xls"), 1), PXL_ERR_SAME_FILE);
    ck_assert_int_eq(write_report(plan, path_in("alias.xlsx"), 1), PXL_ERR_SAME_FILE);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "alias.xlsx"));
    free(slurp(path_in("plan-2024-08.xls"), &after));
    ck_assert_uint_eq(before, after);
    ck_assert_int_eq(run("cmp -s '%s/plan-2024-08.xls' '%s'", PXL_TEST_DATA, path_in("plan-2024-08.xls")), 0);
    ck_assert_uint_eq(dir_entries(workdir), 2);
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

START_TEST(failed_write_leaves_nothing)
{
    make_workdir();
    pxl_plan *plan = example_plan();
    /* The disk fills up while the zip is written (a file-size limit stands in for a full disk):
     * the write fails late, in workbook_close(). Check runs each test in its own process. */
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit old, small;
    ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
    small = old;
    small.rlim_cur = 4096;
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &small), 0);
    pxl_error err = write_report(plan, path_in("r.xlsx"), 0);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
    ck_assert_int_eq(err, PXL_ERR_WRITE);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "r.xlsx"));
    /* The system's reason, not libxlsxwriter's "Zip generic error ZIP_ERRNO" (issue 16, item 3). */
    ck_assert_msg(strstr(pxl_error_message(), strerror(EFBIG)) != NULL, "%s", pxl_error_message());
    ck_assert_ptr_null(strstr(pxl_error_message(), "ZIP_ERRNO"));
    ck_assert_uint_eq(dir_entries(workdir), 1); /* only the input */
    /* A directory that does not exist. */
    ck_assert_int_eq(write_report(plan, path_in("no-such-dir/r.xlsx"), 0), PXL_ERR_IO);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "no-such-dir/r.xlsx"));
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

/* ---- locale -------------------------------------------------------------------------------- */

START_TEST(swedish_locale_numbers_in_xml)
{
    /* The finance office's machines run sv_SE: libxlsxwriter 1.1.4 would write 34,8 into the XML. */
    ck_assert_msg(setlocale(LC_ALL, "sv_SE.UTF-8") != NULL,
                  "the sv_SE.UTF-8 locale is not installed (locale-gen; tools/setup.sh does it)");
    ck_assert_str_eq(localeconv()->decimal_point, ",");
    make_workdir();
    pxl_plan *plan = messy_plan(); /* -40,5 and 1 609,5: decimals in cells */
    pxl_test_build_example(plan, path_in("messy.xls")); /* 73,9 %, 34,8: decimals in KPIs */
    const char *out = path_in("sv.xlsx");
    ck_assert_msg(write_report(plan, out, 0) == PXL_OK, "%s", pxl_error_message());
    ck_assert_str_eq(localeconv()->decimal_point, ","); /* the caller's locale is back */
    setlocale(LC_ALL, "C");
    ck_assert_int_eq(run(TOOL " xmlnumbers '%s'", out), 0);
    ck_assert_int_eq(run(TOOL " cells '%s' 'Individ och familj!G8=-40.5' 'Äldreomsorg!F5=0.739' 'Äldreomsorg!F6=34.8'", out), 0);
    ck_assert_int_eq(run(TOOL " formulas '%s'", out), 0);
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

/* ---- edge cases ------------------------------------------------------------------------------ */

START_TEST(printed_page_fits_width)
{
    /* Done when a printed page fits its width with readable text: LibreOffice prints the example's
     * report to PDF and poppler measures it (tests/tools/pdf_layout.py). */
    make_workdir();
    pxl_plan *plan = example_plan();
    const char *out = path_in("rapport.xlsx");
    ck_assert_msg(write_report(plan, out, 0) == PXL_OK, "%s", pxl_error_message());
    ck_assert_int_eq(run(PXL_TEST_TOOLS "/lo_recalc.sh '%s' '%s' pdf", out, path_in("pdf")), 0);
    ck_assert_int_eq(run(PXL_TEST_PYTHON " " PXL_TEST_TOOLS "/pdf_layout.py '%s/rapport.pdf'", path_in("pdf")), 0);
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

/* Issue 14: a report a member can read on paper. The example plan's report, through the real
 * reader, printed by LibreOffice: no Område, Åtgärd or Beskrivning word missing or cut by its row,
 * no text below 8 pt, the period and "Sida N av M" on every page, amounts with Swedish thousands
 * spacing (tests/tools/pdf_print.py). */
START_TEST(cli_printed_report_readable)
{
    make_workdir();
    char out[640]; /* path_in() reuses its buffers */
    snprintf(out, sizeof out, "%s", path_in("rapport.xlsx"));
    ck_assert_int_eq(run(PXL_TEST_BIN " report " PXL_TEST_DATA "/plan-2024-08.xls -o '%s' >/dev/null", out), 0);
    ck_assert_int_eq(run(PXL_TEST_BIN " dump --format json " PXL_TEST_DATA "/plan-2024-08.xls -o '%s'", path_in("plan.json")), 0);
    /* Printed as a Swedish member's LibreOffice prints it: the amounts' number format renders
     * "17 170" there. */
    ck_assert_int_eq(run("PLANXL_LO_LOCALE=sv-SE " PXL_TEST_TOOLS "/lo_recalc.sh '%s' '%s' pdf", out, path_in("pdf")), 0);
    ck_assert_int_eq(run(PXL_TEST_PYTHON " " PXL_TEST_TOOLS "/pdf_print.py '%s/rapport.pdf' '%s' --swedish-amounts",
                         path_in("pdf"), path_in("plan.json")),
                     0);
    ck_assert_int_eq(run(PXL_TEST_PYTHON " " PXL_TEST_TOOLS "/pdf_layout.py '%s/rapport.pdf'", path_in("pdf")), 0);

    /* The check can fail: the same report with Funktionsstöd's first measure row one line tall (as
     * the Beskrivning alone would have it; its Område then takes three lines) and a description
     * column so wide that fitting the page shrinks the text below 8 pt. */
    ck_assert_int_eq(run(PXL_TEST_PYTHON " -c 'import openpyxl; wb=openpyxl.load_workbook(\"%s\"); ws=wb[\"Funktionsstöd\"];"
                         " r=[c.row for c in ws[\"A\"] if c.value==\"Daglig verksamhet enligt LSS\"][0];"
                         " ws.row_dimensions[r].height=15; wb[\"Äldreomsorg\"].column_dimensions[\"D\"].width=120;"
                         " wb.save(\"%s\")'",
                         out, path_in("kapad.xlsx")),
                     0);
    ck_assert_int_eq(run(PXL_TEST_TOOLS "/lo_recalc.sh '%s' '%s' pdf", path_in("kapad.xlsx"), path_in("pdf")), 0);
    ck_assert_int_eq(run(PXL_TEST_PYTHON " " PXL_TEST_TOOLS "/pdf_print.py '%s/kapad.pdf' '%s' >'%s'", path_in("pdf"),
                         path_in("plan.json"), path_in("kapad.txt")),
                     1);
    ck_assert_int_eq(run("grep -q 'FAIL: page .*the line \"[^\"]*\" is below its row.s border.* (after \"Daglig\")' '%s'"
                         " && grep -q 'FAIL: text printed at [0-7][.]' '%s'",
                         path_in("kapad.txt"), path_in("kapad.txt")),
                     0);
    remove_workdir();
}
END_TEST

START_TEST(edge_cases_recalculated)
{
    make_workdir();
    pxl_plan *plan;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    ck_assert_int_eq(pxl_plan_add_file(plan, path_in("edge.xls"), NULL), PXL_OK);
    /* An area without measures: its total is a SUMIF over nothing, 0. */
    ck_assert_ptr_nonnull(pxl_plan_area_get(plan, "Tom"));
    /* 300 measures with effects: more than a SUM may take arguments; one of them only KPIs. */
    double want = 0;
    for (int i = 0; i < 300; i++) {
        char title[32], amount[32];
        snprintf(title, sizeof title, "Åtgärd %d", i);
        pxl_measure *m = add_measure(plan, "Stor", title, (uint32_t)i);
        snprintf(amount, sizeof amount, "%d", i % 7 == 0 ? -i : i);
        add_effect(plan, m, amount, "1");
        want += i % 7 == 0 ? -i : i;
    }
    pxl_measure *m = add_measure(plan, "Stor", "Bara nyckeltal", 400);
    pxl_kpi *k = pxl_measure_add_kpi(plan, m);
    k->name = pxl_plan_strdup(plan, "Nyckeltal");
    pxl_test_kpi_value(plan, &k->target, "Öka");
    pxl_test_kpi_value(plan, &k->current, "");
    /* A description far taller than Excel's tallest row, and a KPI comment longer than a cell
     * holds (32 767 characters). */
    char *longtext = malloc(40001);
    for (int i = 0; i < 40000; i++)
        longtext[i] = i % 11 == 10 ? (i % 1000 == 340 ? '\n' : ' ') : (char)('a' + i % 26);
    longtext[40000] = '\0';
    m->description = pxl_plan_strdup(plan, longtext);
    k->comment = pxl_plan_strdup(plan, longtext);
    free(longtext);

    const char *out = path_in("edge.xlsx");
    ck_assert_msg(write_report(plan, out, 0) == PXL_OK, "%s", pxl_error_message());
    ck_assert_int_eq(run(TOOL " sheets '%s' Sammanställning Tom Stor", out), 0);
    char spec[128];
    snprintf(spec, sizeof spec, "Sammanställning!E7=%.0f", want);
    ck_assert_int_eq(run(TOOL " values '%s' Sammanställning!E5=0 Sammanställning!F6=300 '%s'", out, spec), 0);
    /* The description goes on over several rows, none taller than 409 pt, nothing lost; the
     * comment is cut at Excel's limit. */
    ck_assert_int_eq(run(PXL_TEST_PYTHON " -c 'import openpyxl,sys; ws=openpyxl.load_workbook(\"%s\")[\"Stor\"];"
                         " text=\"\".join(\"\\n\" if i%%11==10 and i%%1000==340 else \" \" if i%%11==10 else chr(97+i%%26) for i in range(40000));"
                         " rows=list(ws.iter_rows());"
                         " i=[k for k,r in enumerate(rows) if r[1].value==\"Bara nyckeltal\"][0];"
                         " parts=[rows[i][3].value]; j=i+1;\n"
                         "while rows[j][2].value is None and rows[j][3].value: parts.append(rows[j][3].value); j+=1\n"
                         "same=\" \".join(\" \".join(parts).split())==\" \".join(text.split());"
                         " tall=max(ws.row_dimensions[r].height or 15 for r in range(1,ws.max_row+1));"
                         " n=max(len(c.value) for r in rows for c in r if isinstance(c.value,str));"
                         " print(len(parts), same, tall, n); sys.exit(not (len(parts)>5 and same and tall<=409 and n==32767))'",
                         out),
                     0);
    ck_assert_int_eq(run(TOOL " formulas '%s'", out), 0);
    ck_assert_int_eq(run(PXL_TEST_TOOLS "/lo_recalc.sh '%s' '%s'", out, path_in("lo")), 0);
    ck_assert_int_eq(run(TOOL " recalc '%s' '%s/edge.xlsx'", out, path_in("lo")), 0);
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

START_TEST(empty_plan)
{
    make_workdir();
    pxl_plan *plan;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    const char *out = path_in("empty.xlsx");
    ck_assert_msg(write_report(plan, out, 0) == PXL_OK, "%s", pxl_error_message());
    ck_assert_int_eq(run(TOOL " sheets '%s' Sammanställning", out), 0);
    ck_assert_int_eq(run(TOOL " values '%s' Sammanställning!A5=Totalt Sammanställning!E5=0 Sammanställning!F5=0", out), 0);
    ck_assert_int_eq(run(TOOL " formulas '%s'", out), 0);
    ck_assert_int_eq(pxl_report_write(NULL, NULL, out, NULL), PXL_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(pxl_report_write(plan, NULL, NULL, NULL), PXL_ERR_INVALID_ARGUMENT);
    pxl_plan_free(plan);
    remove_workdir();
}
END_TEST

/* The Kontroller sheet's hook for `check --annotate` (issue 14 item 2, built later): a finding's
 * cell is its address as text, and a link to the same cell of the file's annotated copy when one
 * is given (libxlsxwriter writes its '/' as '\', as Excel on Windows wants); no cell, or a link
 * Excel would refuse, leaves the text. */
START_TEST(finding_cell_links_to_annotated_copy)
{
    make_workdir();
    char out[640];
    snprintf(out, sizeof out, "%s", path_in("links.xlsx"));
    pxl_report r;
    memset(&r, 0, sizeof r);
    ck_assert_ptr_nonnull(r.wb = workbook_new(out));
    pxl_report_formats_init(&r);
    lxw_worksheet *ws = workbook_add_worksheet(r.wb, "Kontroller");
    pxl_finding f;
    memset(&f, 0, sizeof f);
    f.code = "total-mismatch";
    f.has_cell = 1;
    f.cell.sheet = "Äldreomsorg";
    f.cell.row = 43;
    f.cell.col = 4;
    char long_path[2200];
    memset(long_path, 'a', sizeof long_path - 1);
    long_path[sizeof long_path - 1] = '\0';
    pxl_report_write_finding_cell(&r, ws, 0, 0, &f, NULL);
    pxl_report_write_finding_cell(&r, ws, 1, 0, &f, "granskat/plan-2024-08-wrong-total.xlsx");
    pxl_report_write_finding_cell(&r, ws, 2, 0, &f, long_path);
    f.has_cell = 0;
    pxl_report_write_finding_cell(&r, ws, 3, 0, &f, "granskat/plan-2024-08-wrong-total.xlsx");
    ck_assert_int_eq(r.error, LXW_NO_ERROR);
    ck_assert_int_eq(workbook_close(r.wb), LXW_NO_ERROR);
    ck_assert_int_eq(run(PXL_TEST_PYTHON " -c 'import openpyxl,sys; ws=openpyxl.load_workbook(\"%s\")[\"Kontroller\"];"
                         " got=[(c.value, c.hyperlink and (c.hyperlink.target, c.hyperlink.location)) for c in ws[\"A\"]];"
                         " print(got); sys.exit(got != [(\"E44\", None),"
                         " (\"E44\", (\"granskat\\\\plan-2024-08-wrong-total.xlsx\", \"\\x27Äldreomsorg\\x27!E44\")),"
                         " (\"E44\", None), (None, None)])'",
                         out),
                     0);
    /* Today no annotated copies are written: every finding's cell is text. */
    ck_assert_ptr_null(pxl_report_annotated_copy(&r, "plan.xls"));
    remove_workdir();
}
END_TEST

/* ---- the command line ------------------------------------------------------------------------ */

#define PXL PXL_TEST_BIN
#define PLAN PXL_TEST_DATA "/plan-2024-08.xls"
#define WRONG PXL_TEST_DATA "/plan-2024-08-wrong-total.xls"

START_TEST(cli_example_recalculated)
{
    /* The README's command, through the real reader: the same checks as on the fixture model, and
     * LibreOffice's recalculation of every formula. */
    make_workdir();
    const char *out = path_in("r.xlsx");
    ck_assert_int_eq(run("SOURCE_DATE_EPOCH=1700000000 " PXL " report " PLAN " -o '%s' >/dev/null", out), 0);
    ck_assert_int_eq(run(TOOL " example '%s/plan-2024-08.json' '%s'", PXL_TEST_DATA, out), 0);
    ck_assert_int_eq(run(TOOL " formulas '%s'", out), 0);
    ck_assert_int_eq(run(TOOL " created '%s' 2023-11-14T22:13:20Z", out), 0);
    ck_assert_int_eq(run(PXL_TEST_TOOLS "/lo_recalc.sh '%s' '%s'", out, path_in("lo")), 0);
    ck_assert_int_eq(run(TOOL " recalc '%s' '%s/r.xlsx'", out, path_in("lo")), 0);
    remove_workdir();
}
END_TEST

/* An area's declared total ("Summa Hemtjänst", issue 12) beside the area's formula where they differ. */
START_TEST(cli_area_declared_totals)
{
    make_workdir();
    const char *out = path_in("r.xlsx");
    ck_assert_int_eq(run(PXL " report '" PXL_TEST_DATA "/layouts/area_totals.xls' -o '%s' >/dev/null", out), 0);
    /* Hemtjänst: the formula at row 12 sums 160 / 540; the input's 600 is shown under it, as a number */
    ck_assert_int_eq(run(TOOL " cells '%s' 'Hemtjänst!C12=Totalt' 'Hemtjänst!C13=Angiven summa' "
                         "'Hemtjänst!D13=Summa Hemtjänst enligt underlaget' 'Hemtjänst!G13=160' 'Hemtjänst!H13=600' "
                         "'Hemtjänst!I13=Underlagets Summa Hemtjänst (Omsorg!A13) anger helårseffekt 600 tkr; "
                         "raderna summerar till 540 tkr.' 'Stöd!C9=Angiven summa' 'Stöd!H9=12'",
                         out),
                     0);
    /* Funktionsstöd's total agrees: no row under its formula */
    ck_assert_int_eq(run(PXL_TEST_PYTHON " -c 'import openpyxl,sys; ws=openpyxl.load_workbook(\"%s\")"
                         "[\"Funktionsstöd\"]; sys.exit(ws[\"C8\"].value != \"Totalt\" or ws[\"C9\"].value is not None)'",
                         out),
                     0);
    ck_assert_int_eq(run(TOOL " formulas '%s'", out), 0);
    remove_workdir();
}
END_TEST

START_TEST(cli_findings_sheet)
{
    make_workdir();
    const char *out = path_in("w.xlsx");
    /* The committee reads Swedish whatever the locale the report is made in (issue 14). */
    ck_assert_int_eq(run("env -u LANGUAGE LC_ALL=C LANG=C " PXL " report " WRONG " -o '%s' >/dev/null", out), 0);
    ck_assert_int_eq(run(TOOL " sheets '%s' Sammanställning Äldreomsorg Funktionsstöd Kontroller", out), 0);
    ck_assert_int_eq(run(PXL_TEST_PYTHON " -c 'import openpyxl,sys; ws=openpyxl.load_workbook(\"%s\")[\"Kontroller\"];"
                         " m={(r[0],r[1],r[2]):r[5] for r in ws.iter_rows(min_row=4, values_only=True)}; print(m);"
                         " sys.exit(m.get((\"plan-2024-08-wrong-total.xls\",\"Äldreomsorg\",\"E44\")) !="
                         " \"Summa anges till 9\\u00a0500 tkr men raderna summerar till 9\\u00a0000 tkr\""
                         " or len(m) != 5 or any(\" is \" in v or \" states \" in v for v in m.values()))'",
                         out),
                     0);
    /* The Swedish headers, and every finding with its file, sheet and cell of the submitted workbook
     * (as text: no annotated copy was written), its severity in Swedish and a Swedish message. */
    ck_assert_int_eq(run(PXL_TEST_PYTHON " -c 'import openpyxl,sys; ws=openpyxl.load_workbook(\"%s\")[\"Kontroller\"];"
                         " head=[c.value for c in ws[3]]; rows=list(ws.iter_rows(min_row=4));"
                         " got=sorted((r[0].value,r[1].value,r[2].value,r[3].value,r[4].value) for r in rows); print(head, got);"
                         " sv={\"unparsable-number\": \"är inte ett tal\", \"amount-stored-as-text\": \"är lagrat som text\","
                         " \"total-mismatch\": \"raderna summerar till\"};"
                         " sys.exit(head != [\"Fil\",\"Blad\",\"Cell\",\"Allvarlighet\",\"Kod\",\"Meddelande\"]"
                         " or got != sorted([(\"plan-2024-08-wrong-total.xls\",s,c,v,k) for s,c,v,k in ["
                         "(\"Äldreomsorg\",\"E7\",\"Fel\",\"unparsable-number\"), (\"Äldreomsorg\",\"E30\",\"Varning\",\"amount-stored-as-text\"),"
                         " (\"Äldreomsorg\",\"E33\",\"Varning\",\"amount-stored-as-text\"), (\"Äldreomsorg\",\"E44\",\"Fel\",\"total-mismatch\"),"
                         " (\"Funktionsstöd\",\"E13\",\"Varning\",\"amount-stored-as-text\")]])"
                         " or any(sv[r[4].value] not in r[5].value or r[2].hyperlink for r in rows))'",
                         out),
                     0);
    /* The two planted errors of the fixture (tests/data/make_plan_xls.pl), as pxl_check_run finds them. */
    ck_assert_int_eq(run(PXL_TEST_PYTHON " -c 'import openpyxl,sys; ws=openpyxl.load_workbook(\"%s\")[\"Kontroller\"];"
                         " rows=[r for r in ws.iter_rows(min_row=4, values_only=True)];"
                         " errs=sorted((r[1],r[2],r[4]) for r in rows if r[3]==\"Fel\"); print(errs);"
                         " sys.exit(errs != [(\"Äldreomsorg\",\"E44\",\"total-mismatch\"),"
                         " (\"Äldreomsorg\",\"E7\",\"unparsable-number\")]"
                         " or any(r[0] != \"plan-2024-08-wrong-total.xls\" or not r[5] for r in rows))'",
                         out),
                     0);
    /* The declared 9 500 beside the computed 9 000, and the amounts stored as text counted. */
    ck_assert_int_eq(run(PXL_TEST_PYTHON " -c 'import openpyxl,sys; wb=openpyxl.load_workbook(\"%s\",data_only=True);"
                         " ws=wb[\"Äldreomsorg\"]; rows=list(ws.iter_rows(values_only=True));"
                         " i=[k for k,r in enumerate(rows) if r[2]==\"Angiven summa\"]; print(i and rows[i[0]]);"
                         " ok=len(i)==1 and rows[i[0]][7]==9500 and rows[i[0]-1][2]==\"Summa\" and rows[i[0]-1][7]==9000;"
                         " s=wb[\"Sammanställning\"]; ok=ok and s[\"F7\"].value==23703;"
                         " sys.exit(not ok)'",
                         out),
                     0);
    ck_assert_int_eq(run(TOOL " formulas '%s'", out), 0);
    remove_workdir();
}
END_TEST

START_TEST(cli_byte_identical_and_force)
{
    make_workdir();
    const char *a = path_in("a.xlsx"), *b = path_in("b.xlsx");
    ck_assert_int_eq(run(PXL " report " PLAN " -o '%s' >/dev/null", a), 0);
    sleep(2);
    ck_assert_int_eq(run(PXL " report " PLAN " -o '%s' >/dev/null", b), 0);
    ck_assert_int_eq(run("cmp '%s' '%s'", a, b), 0);
    /* An existing report is kept without --force, replaced with it. */
    write_file(b, "old");
    ck_assert_int_eq(run(PXL " report " PLAN " -o '%s' 2>'%s'", b, path_in("err")), 1);
    ck_assert_int_eq(run("grep -q 'already exists' '%s'", path_in("err")), 0);
    ck_assert_int_eq(run("grep -qx old '%s'", b), 0);
    ck_assert_int_eq(run(PXL " report " PLAN " -o '%s' --force >/dev/null", b), 0);
    ck_assert_int_eq(run("cmp '%s' '%s'", a, b), 0);
    ck_assert_uint_eq(dir_entries(workdir), 3); /* a, b, err: no temporary file */
    remove_workdir();
}
END_TEST

START_TEST(cli_never_overwrites_input)
{
    make_workdir();
    ck_assert_int_eq(run("cp " PLAN " '%s'", path_in("in.xls")), 0);
    ck_assert_int_eq(run(PXL " report '%s' -o '%s' --force 2>'%s'", path_in("in.xls"), path_in("in.xls"),
                         path_in("err")),
                     1);
    ck_assert_int_eq(run("grep -q 'input file' '%s'", path_in("err")), 0);
    ck_assert_int_eq(run("cmp " PLAN " '%s'", path_in("in.xls")), 0);
    ck_assert_uint_eq(dir_entries(workdir), 2);
    remove_workdir();
}
END_TEST

START_TEST(cli_failed_runs_leave_nothing)
{
    make_workdir();
    /* The same plan twice: every measure is a duplicate. */
    ck_assert_int_eq(run("cp " PLAN " '%s'", path_in("copy.xls")), 0);
    ck_assert_int_eq(run(PXL " report " PLAN " '%s' -o '%s' 2>'%s'", path_in("copy.xls"), path_in("r.xlsx"),
                         path_in("err")),
                     1);
    ck_assert_int_eq(run("grep -q 'appears twice' '%s'", path_in("err")), 0);
    ck_assert_int_eq(run("grep -q 'copy.xls:Äldreomsorg!' '%s'", path_in("err")), 0);
    /* An input that is not a workbook. */
    write_file(path_in("bad.xls"), "this is not an Excel file");
    ck_assert_int_eq(run(PXL " report " PLAN " '%s' -o '%s' 2>'%s'", path_in("bad.xls"), path_in("r.xlsx"),
                         path_in("err")),
                     2);
    ck_assert_int_eq(run("grep -q 'bad.xls' '%s'", path_in("err")), 0);
    ck_assert_uint_eq(dir_entries(workdir), 3); /* copy.xls, bad.xls, err */
    remove_workdir();
}
END_TEST

START_TEST(cli_two_inputs)
{
    /* Plans submitted separately make one report; the sources list each file with its SHA-256. */
    make_workdir();
    const char *out = path_in("two.xlsx");
    ck_assert_int_eq(run(PXL " report " PLAN " " PXL_TEST_DATA "/layouts/totals.xls -o '%s' >/dev/null", out), 0);
    ck_assert_int_eq(run(TOOL " sheets '%s' Sammanställning Äldreomsorg Funktionsstöd Socialtjänst Kontroller", out), 0);
    ck_assert_int_eq(run(PXL_TEST_PYTHON " -c 'import openpyxl,sys,hashlib; ws=openpyxl.load_workbook(\"%s\")[\"Sammanställning\"];"
                         " rows=list(ws.iter_rows(values_only=True));"
                         " got=[(r[1], rows[i+2][1]) for i,r in enumerate(rows) if r[0]==\"Fil\"];"
                         " want=[(p.rsplit(\"/\",1)[1], hashlib.sha256(open(p,\"rb\").read()).hexdigest())"
                         " for p in (\"%s\", \"%s\")]; print(got); sys.exit(got != want)'",
                         out, PLAN, PXL_TEST_DATA "/layouts/totals.xls"),
                     0);
    ck_assert_int_eq(run(TOOL " formulas '%s'", out), 0);
    remove_workdir();
}
END_TEST

static const struct {
    const char *args;
    int status;
} usage_cases[] = {
    {"report", 64},
    {"report " PLAN, 64},                         /* no -o */
    {"report -o x.xlsx", 64},                     /* no input */
    {"report " PLAN " -o", 64},
    {"report " PLAN " -o x.xlsx --reader bogus", 64},
    {"report " PLAN " -o x.xlsx --frobnicate", 64},
    {"report --help", 0},
};

START_TEST(cli_usage)
{
    make_workdir();
    ck_assert_int_eq(run("cd '%s' && " PXL " %s >/dev/null 2>&1", workdir, usage_cases[_i].args), usage_cases[_i].status);
    ck_assert_uint_eq(dir_entries(workdir), 0);
    remove_workdir();
}
END_TEST

START_TEST(cli_swedish_locale)
{
    make_workdir();
    const char *out = path_in("sv.xlsx");
    ck_assert_int_eq(run("LC_ALL=sv_SE.UTF-8 " PXL " report " WRONG " -o '%s' --reader freexl >/dev/null", out), 0);
    ck_assert_int_eq(run(TOOL " xmlnumbers '%s'", out), 0);
    ck_assert_int_eq(run(TOOL " formulas '%s'", out), 0);
    remove_workdir();
}
END_TEST

static Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    /* "parts" runs in-process (ctest report_unit); the cases tagged "functional" write and read
     * back workbooks with openpyxl, the CLI and LibreOffice (ctest report_functional). */
    TCase *tc = tcase_create("parts");
    tcase_add_loop_test(tc, sha256_vectors, 0, sizeof sha_cases / sizeof sha_cases[0]);
    tcase_add_test(tc, sha256_million_a);
    tcase_add_test(tc, sha256_file_matches_python);
    tcase_add_loop_test(tc, text_lines, 0, sizeof line_cases / sizeof line_cases[0]);
    tcase_add_loop_test(tc, text_lines_bold, 0, sizeof weight_cases / sizeof weight_cases[0]);
    tcase_add_loop_test(tc, text_fit, 0, sizeof fit_cases / sizeof fit_cases[0]);
    tcase_add_test(tc, row_height_capped);
    suite_add_tcase(s, tc);

    tc = tcase_create("workbook");
    tcase_set_tags(tc, "functional");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, example_contents);
    tcase_add_test(tc, byte_identical);
    tcase_add_test(tc, created_from_source_date_epoch);
    tcase_add_test(tc, sheet_names_excel_accepts);
    tcase_add_test(tc, unreadable_amounts_left_out_of_sums);
    tcase_add_test(tc, extra_fields_in_kommentar);
    tcase_add_test(tc, duplicate_measure_refused);
    tcase_add_test(tc, existing_output_needs_overwrite);
    tcase_add_test(tc, input_never_overwritten);
    tcase_add_test(tc, failed_write_leaves_nothing);
    tcase_add_test(tc, swedish_locale_numbers_in_xml);
    tcase_add_test(tc, finding_cell_links_to_annotated_copy);
    suite_add_tcase(s, tc);

    tc = tcase_create("cli");
    tcase_set_tags(tc, "functional");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, cli_example_recalculated);
    tcase_add_test(tc, cli_findings_sheet);
    tcase_add_test(tc, cli_area_declared_totals);
    tcase_add_test(tc, cli_two_inputs);
    tcase_add_test(tc, cli_byte_identical_and_force);
    tcase_add_test(tc, cli_never_overwrites_input);
    tcase_add_test(tc, cli_failed_runs_leave_nothing);
    tcase_add_loop_test(tc, cli_usage, 0, sizeof usage_cases / sizeof usage_cases[0]);
    tcase_add_test(tc, cli_swedish_locale);
    suite_add_tcase(s, tc);

    tc = tcase_create("libreoffice");
    tcase_set_tags(tc, "functional");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, example_recalculated_by_libreoffice);
    tcase_add_test(tc, printed_page_fits_width);
    tcase_add_test(tc, cli_printed_report_readable);
    tcase_add_test(tc, edge_cases_recalculated);
    tcase_add_test(tc, empty_plan);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(report_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
