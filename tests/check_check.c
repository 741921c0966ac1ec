/*
 * The checks on plans built in C with the model's builders (plan_internal.h):
 * each code with its severity and cell, and the clean variants that must give
 * no finding. Workbooks and the CLI are tested in check_check_cli.c.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check_internal.h"
#include "cli/check_print.h"
#include "model/plan_internal.h"
#include "planxl/planxl.h"
#include "check/prose.h"

#define FILE_A "plan-a.xls"
#define FILE_B "plan-b.xls"
#define MISSING NAN

static pxl_plan *plan;
static pxl_findings *findings;

static void setup(void)
{
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    ck_assert_int_eq(pxl_plan_add_file(plan, FILE_A, NULL), PXL_OK);
    findings = NULL;
}

static void teardown(void)
{
    pxl_findings_free(findings);
    pxl_plan_free(plan);
}

/* ---- building plans ------------------------------------------------------------------------ */

static pxl_cellref ref(const char *file, const char *sheet, uint32_t row1, uint32_t col)
{
    pxl_cellref r = {pxl_plan_strdup(plan, file), pxl_plan_strdup(plan, sheet), row1 - 1, col};
    return r;
}

/* A value read from a text cell, parsed as the recogniser does. */
static void text_value(pxl_value *v, pxl_cellref cell, const char *text, pxl_parse_mode mode)
{
    memset(v, 0, sizeof *v);
    v->cell = cell;
    v->text = pxl_plan_strdup(plan, text);
    v->kind = pxl_parse_text(text, mode, &v->number, &v->direction);
    v->stored_as_text = v->kind == PXL_VALUE_NUMBER || v->kind == PXL_VALUE_PERCENT;
}

/* A value read from a number cell; NAN: an empty cell. */
static void number_value(pxl_value *v, pxl_cellref cell, double number)
{
    memset(v, 0, sizeof *v);
    v->cell = cell;
    if (isnan(number)) {
        v->kind = PXL_VALUE_MISSING;
        v->text = "";
        return;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%g", number);
    v->text = pxl_plan_strdup(plan, buf);
    v->kind = PXL_VALUE_NUMBER;
    v->number = number;
}

static pxl_measure *add_measure_in(const char *file, const char *area, const char *section, const char *title,
                                   const char *description, uint32_t row1)
{
    pxl_area *a = pxl_plan_area_get(plan, area);
    ck_assert_ptr_nonnull(a);
    pxl_measure *m = pxl_area_add_measure(plan, a);
    ck_assert_ptr_nonnull(m);
    m->section = pxl_plan_strdup(plan, section);
    m->title = pxl_plan_strdup(plan, title);
    m->description = pxl_plan_strdup(plan, description);
    m->cell = ref(file, area, row1, 0);
    m->title_cell = ref(file, area, row1, 1);
    m->description_cell = ref(file, area, row1, 2);
    m->current_year = 2024;
    return m;
}

static pxl_measure *add_measure(const char *area, const char *title, const char *description, uint32_t row1)
{
    return add_measure_in(FILE_A, area, "Område", title, description, row1);
}

static pxl_kpi *add_kpi(pxl_measure *m, const char *name, const char *target, const char *current, uint32_t row1)
{
    pxl_kpi *k = pxl_measure_add_kpi(plan, m);
    ck_assert_ptr_nonnull(k);
    k->name = pxl_plan_strdup(plan, name);
    k->cell = ref(m->cell.file, m->cell.sheet, row1, 2);
    text_value(&k->target, ref(m->cell.file, m->cell.sheet, row1, 3), target, PXL_PARSE_KPI);
    text_value(&k->current, ref(m->cell.file, m->cell.sheet, row1, 4), current, PXL_PARSE_KPI);
    return k;
}

static pxl_effect *add_effect(pxl_measure *m, const char *description, double current, double full, uint32_t row1)
{
    pxl_effect *e = pxl_measure_add_effect(plan, m);
    ck_assert_ptr_nonnull(e);
    e->description = pxl_plan_strdup(plan, description);
    e->cell = ref(m->cell.file, m->cell.sheet, row1, 2);
    number_value(&e->current_year, ref(m->cell.file, m->cell.sheet, row1, 3), current);
    number_value(&e->full_year, ref(m->cell.file, m->cell.sheet, row1, 4), full);
    return e;
}

static pxl_total *add_total(pxl_measure *m, const char *label, double current, double full, uint32_t row1)
{
    pxl_total *t = pxl_measure_add_total(plan, m);
    ck_assert_ptr_nonnull(t);
    t->label = pxl_plan_strdup(plan, label);
    t->cell = ref(m->cell.file, m->cell.sheet, row1, 2);
    number_value(&t->current_year, ref(m->cell.file, m->cell.sheet, row1, 3), current);
    number_value(&t->full_year, ref(m->cell.file, m->cell.sheet, row1, 4), full);
    return t;
}

/* A total that closes @p area (or, with area NULL, the plan) at row @p row1, label in column A. */
static pxl_total *add_closing_total(const char *file, const char *area, const char *sheet, size_t sheet_index,
                                    const char *label, double current, double full, uint32_t row1)
{
    pxl_total *t;
    if (area) {
        pxl_area *a = pxl_plan_area_get(plan, area);
        ck_assert_ptr_nonnull(a);
        t = pxl_area_add_total(plan, a);
    } else {
        t = pxl_plan_add_total(plan);
    }
    ck_assert_ptr_nonnull(t);
    t->label = pxl_plan_strdup(plan, label);
    t->cell = ref(file, sheet, row1, 0);
    t->sheet_index = sheet_index;
    number_value(&t->current_year, ref(file, sheet, row1, 3), current);
    number_value(&t->full_year, ref(file, sheet, row1, 4), full);
    return t;
}

/* ---- reading findings ---------------------------------------------------------------------- */

static void run(void)
{
    pxl_findings_free(findings);
    findings = NULL;
    ck_assert_int_eq(pxl_check_run(&findings, plan, NULL), PXL_OK);
}

static size_t count_code(const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < pxl_findings_count(findings); i++)
        n += strcmp(pxl_findings_get(findings, i)->code, code) == 0;
    return n;
}

/* The finding of @p code at @p sheet!@p cell, or NULL. */
static const pxl_finding *find(const char *code, const char *sheet, const char *cell)
{
    for (size_t i = 0; i < pxl_findings_count(findings); i++) {
        const pxl_finding *f = pxl_findings_get(findings, i);
        char name[16];
        if (strcmp(f->code, code) || !f->has_cell || !f->cell.sheet || strcmp(f->cell.sheet, sheet))
            continue;
        pxl_cell_name(name, sizeof name, f->cell.row, f->cell.col);
        if (!strcmp(name, cell))
            return f;
    }
    return NULL;
}

static void dump_findings(void)
{
    for (size_t i = 0; i < pxl_findings_count(findings); i++) {
        const pxl_finding *f = pxl_findings_get(findings, i);
        fprintf(stderr, "  %s %s!%u,%u %s: %s\n", f->code, f->cell.sheet ? f->cell.sheet : "-", f->cell.row,
                f->cell.col, pxl_severity_name(f->severity), f->message);
    }
}

static void assert_no_findings(void)
{
    if (pxl_findings_count(findings) != 0)
        dump_findings();
    ck_assert_uint_eq(pxl_findings_count(findings), 0);
}

static const pxl_finding *expect(const char *code, pxl_severity severity, const char *sheet, const char *cell)
{
    const pxl_finding *f = find(code, sheet, cell);
    if (!f)
        dump_findings();
    ck_assert_msg(f != NULL, "no %s at %s!%s", code, sheet, cell);
    ck_assert_int_eq(f->severity, severity);
    ck_assert_str_eq(f->code, code);
    return f;
}

/* ---- the example plan's measures with effects, as the fixture README describes them --------- */

#define OVERSYN_TEXT                                                                                            \
    "Volymstatistiken inom korttidsboende indikerar en överkapacitet.\n\n"                                      \
    "Den uppskattade nettoeffekten för nämnden uppgår till 5,1 miljoner kronor ur ett helårsperspektiv. "     \
    "Effekten av åtgärden är fördelad över flera sektioner.\n\n"                                               \
    "Det vill säga ifall beläggningsgraden beräknas utifrån 39 platser har verksamheten uppnått 90 procent "    \
    "beläggning för 2024."
#define PERSONAL_TEXT                                                                                           \
    "Därför har enheterna på Stortorp arbetat med bemanningsanpassningar under våren 2024. Den beräknade "     \
    "åtgärdseffekten uppskattas till 9 miljoner kronor ur ett helårsperspektiv, varav effekten för 2024 "     \
    "uppgår till 4 miljoner kronor, baserat på lönenivåerna för 2024.\n\nNämnden förväntas inte kunna uppnå " \
    "det uppsatta målvärdet om 0,8 i personaltäthet under år 2024."
#define FLYTT_TEXT                                                                                              \
    "Avtalet för nuvarande lokal löper ut den sista december 2024, medan den ekonomiska effekten förväntas "   \
    "uppstå 2025 och uppgå till 0,36 miljoner kronor."
#define DEFICIT_TEXT                                                                                            \
    "Den kommunala utföraren av personlig assistans har under flera år redovisat underskott. Det "            \
    "prognostiserade underskottet uppgår till -4,2 miljoner kronor för 2024."

static void build_example(void)
{
    const char *ao = "Äldreomsorg";
    pxl_measure *m = add_measure(ao, "Flytt av verksamhet", FLYTT_TEXT, 21);
    add_effect(m, "Förväntas besparing särskiltboende och korttidsboende", 0, 180, 23);
    add_effect(m, "Förväntas besparing dagverksamhet", 0, 180, 24);

    m = add_measure(ao, "Översyn av antal korttidsplatser", OVERSYN_TEXT, 26);
    add_kpi(m, "Beläggning av korttidsplatser (R12)", "90 %", "90 %", 28);
    const double full[] = {1650, 3700, 3600, -1600, -5000, 1800, 960};
    for (int i = 0; i < 7; i++) {
        char d[32];
        snprintf(d, sizeof d, "Rad %d", i + 1);
        pxl_effect *e = add_effect(m, d, 0, full[i], 30 + (uint32_t)i);
        if (i == 0)
            text_value(&e->full_year, e->full_year.cell, "1 650", PXL_PARSE_AMOUNT);
        if (i == 3)
            text_value(&e->full_year, e->full_year.cell, "-1 600", PXL_PARSE_AMOUNT);
    }
    pxl_total *t = add_total(m, "Summa", 0, 5110, 37);
    t->current_year.formula = "SUM(D30:D36)";
    t->current_year.is_formula = 1;
    t->full_year.formula = "SUM(E30:E36)";
    t->full_year.is_formula = 1;

    m = add_measure(ao, "Personaltäthet", PERSONAL_TEXT, 39);
    add_kpi(m, "Antal årsarbetare per belagd plats (R12)", "0,80", "0,82", 41);
    add_effect(m, "Den uppskattade effekten av åtgärderna", 4000, 9000, 43);

    m = add_measure("Funktionsstöd", "Utredning av utförandeform inom personlig assistans", DEFICIT_TEXT, 23);
    add_kpi(m, "Andel av platser i extern regi (aug 2024)", "Minska", "44%", 24);
    add_kpi(m, "Andel boenden med vaken natt", "Minska", "Oförändrad", 25);
    add_kpi(m, "Utförd tid som andel av beviljad tid", "Öka", "73,9 %", 26);
}

START_TEST(example_is_clean_but_for_text_amounts)
{
    build_example();
    run();
    ck_assert_uint_eq(pxl_findings_count_severity(findings, PXL_SEVERITY_ERROR), 0);
    ck_assert_uint_eq(count_code(PXL_CODE_STATED_AMOUNT_MISMATCH), 0);
    ck_assert_uint_eq(count_code(PXL_CODE_AMOUNT_STORED_AS_TEXT), 2);
    const pxl_finding *f = expect(PXL_CODE_AMOUNT_STORED_AS_TEXT, PXL_SEVERITY_WARNING, "Äldreomsorg", "E30");
    ck_assert(f->has_expected && !f->has_actual);
    ck_assert_double_eq_tol(f->expected, 1650, 1e-9);
    f = expect(PXL_CODE_AMOUNT_STORED_AS_TEXT, PXL_SEVERITY_WARNING, "Äldreomsorg", "E33");
    ck_assert_double_eq_tol(f->expected, -1600, 1e-9);
    ck_assert_uint_eq(pxl_findings_count(findings), 2);
}
END_TEST

/* ---- total-mismatch ------------------------------------------------------------------------ */

START_TEST(total_mismatch_wrong_total)
{
    pxl_measure *m = add_measure("Äldreomsorg", "Personaltäthet", "", 39);
    add_effect(m, "Effekten", 4000, 9000, 43);
    add_total(m, "Summa", 4000, 9500, 44);
    run();
    const pxl_finding *f = expect(PXL_CODE_TOTAL_MISMATCH, PXL_SEVERITY_ERROR, "Äldreomsorg", "E44");
    ck_assert(f->has_expected && f->has_actual);
    ck_assert_double_eq_tol(f->expected, 9000, 1e-9);
    ck_assert_double_eq_tol(f->actual, 9500, 1e-9);
    ck_assert_str_eq(f->message, "Summa states 9 500 tkr, the rows sum to 9 000 tkr");
    ck_assert_str_eq(f->cell.file, FILE_A);
    ck_assert_uint_eq(pxl_findings_count(findings), 1);
}
END_TEST

START_TEST(total_mismatch_each_column)
{
    pxl_measure *m = add_measure("Äldreomsorg", "Två fel", "", 4);
    add_effect(m, "A", 100, 200, 6);
    add_effect(m, "B", 150.5, 300, 7);
    add_total(m, "Totalt", 250, 400, 8);
    run();
    const pxl_finding *d = expect(PXL_CODE_TOTAL_MISMATCH, PXL_SEVERITY_ERROR, "Äldreomsorg", "D8");
    ck_assert_double_eq_tol(d->expected, 250.5, 1e-9);
    ck_assert_double_eq_tol(d->actual, 250, 1e-9);
    const pxl_finding *e = expect(PXL_CODE_TOTAL_MISMATCH, PXL_SEVERITY_ERROR, "Äldreomsorg", "E8");
    ck_assert_double_eq_tol(e->expected, 500, 1e-9);
    ck_assert_str_eq(e->message, "Totalt states 400 tkr, the rows sum to 500 tkr");
    ck_assert_uint_eq(pxl_findings_count(findings), 2);
}
END_TEST

START_TEST(total_right_or_unknown_gives_nothing)
{
    pxl_measure *m = add_measure("Äldreomsorg", "Rätt", "", 4);
    add_effect(m, "A", 0.1, 1650, 6);
    add_effect(m, "B", 0.2, -1600, 7);
    add_total(m, "Summa", 0.3, 50, 8);   /* 0.1 + 0.2 is not 0.3 in binary, but it is in tkr */
    m = add_measure("Äldreomsorg", "Formel som freexl inte läser", "", 10);
    add_effect(m, "A", 1, 2, 12);
    pxl_total *t = add_total(m, "Summa", MISSING, MISSING, 13);
    t->current_year.is_formula = t->full_year.is_formula = 1;
    m = add_measure("Äldreomsorg", "Rad som inte går att läsa", "", 15);
    pxl_effect *e = add_effect(m, "A", 1, 2, 17);
    text_value(&e->full_year, e->full_year.cell, "2 OOO", PXL_PARSE_AMOUNT);
    add_total(m, "Summa", 1, 5, 18);
    run();
    ck_assert_uint_eq(count_code(PXL_CODE_TOTAL_MISMATCH), 0);
    /* the unreadable row is reported as what it is */
    expect(PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, "Äldreomsorg", "E17");
    ck_assert_uint_eq(pxl_findings_count(findings), 1);
}
END_TEST

START_TEST(total_after_total_closes_its_own_rows)
{
    pxl_measure *m = add_measure("Äldreomsorg", "Intäkter och kostnader", "", 4);
    add_effect(m, "Intäkt", 0, 100, 6);
    add_effect(m, "Intäkt", 0, 50, 7);
    add_total(m, "Summa intäkter", 0, 150, 8);
    add_effect(m, "Kostnad", 0, -30, 9);
    add_total(m, "Summa kostnader", 0, -30, 10);
    add_total(m, "Netto", 0, 120, 11);
    run();
    assert_no_findings();
}
END_TEST

/* ---- unparsable-number --------------------------------------------------------------------- */

START_TEST(unparsable_number_kpi_and_amount)
{
    pxl_measure *m = add_measure("Äldreomsorg", "Träffsäkra beslut", "", 4);
    add_kpi(m, "Genomsnittlig beviljat antal timmar", "Minska", "1 65O", 7);
    add_kpi(m, "Kvalitet", "Hög", "Ej mätt", 8);   /* free text is not a failed number */
    pxl_effect *e = add_effect(m, "Effekt", 10, 20, 10);
    text_value(&e->current_year, e->current_year.cell, "12a", PXL_PARSE_AMOUNT);
    run();
    const pxl_finding *f = expect(PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, "Äldreomsorg", "E7");
    ck_assert_ptr_nonnull(strstr(f->message, "1 65O"));
    expect(PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, "Äldreomsorg", "D10");
    ck_assert_uint_eq(pxl_findings_count(findings), 2);
}
END_TEST

/* ---- missing-field ------------------------------------------------------------------------- */

START_TEST(missing_field_title_kpi_name_amounts)
{
    pxl_measure *m = add_measure("Funktionsstöd", "", "Beskrivning utan rubrik", 4);
    add_kpi(m, "", "90 %", "80 %", 6);
    add_effect(m, "Rad utan belopp", MISSING, MISSING, 8);
    add_effect(m, "Rad med ett belopp", MISSING, 100, 9);
    pxl_effect *e = add_effect(m, "Formler som freexl inte läser", MISSING, MISSING, 10);
    e->current_year.is_formula = e->full_year.is_formula = 1;
    run();
    expect(PXL_CODE_MISSING_FIELD, PXL_SEVERITY_ERROR, "Funktionsstöd", "B4");
    expect(PXL_CODE_MISSING_FIELD, PXL_SEVERITY_ERROR, "Funktionsstöd", "C6");
    expect(PXL_CODE_MISSING_FIELD, PXL_SEVERITY_ERROR, "Funktionsstöd", "D8");
    ck_assert_uint_eq(pxl_findings_count(findings), 3);
}
END_TEST

/* ---- duplicate-measure --------------------------------------------------------------------- */

START_TEST(duplicate_measure_across_files)
{
    ck_assert_int_eq(pxl_plan_add_file(plan, FILE_B, NULL), PXL_OK);
    add_measure_in(FILE_A, "Äldreomsorg", "Hemtjänst", "Flytt av verksamhet", "", 21);
    add_measure_in(FILE_A, "Äldreomsorg", "Hemtjänst", "Skifta perspektiv", "", 25);  /* same Område */
    add_measure_in(FILE_A, "Funktionsstöd", "Hemtjänst", "Flytt av verksamhet", "", 4); /* other area */
    add_measure_in(FILE_B, "Äldreomsorg", "Annat", "  Flytt av\u00a0 verksamhet ", "", 9);
    run();
    const pxl_finding *f = find(PXL_CODE_DUPLICATE_MEASURE, "Äldreomsorg", "B9");
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->cell.file, FILE_B);
    ck_assert_int_eq(f->severity, PXL_SEVERITY_ERROR);
    ck_assert_ptr_nonnull(strstr(f->message, FILE_A));
    ck_assert_uint_eq(pxl_findings_count(findings), 1);
}
END_TEST

START_TEST(duplicate_measure_third_copy_and_clean)
{
    add_measure("Äldreomsorg", "A", "", 4);
    add_measure("Äldreomsorg", "B", "", 6);
    add_measure("Äldreomsorg", "A", "", 8);
    add_measure("Äldreomsorg", "A", "", 10);
    add_measure("Äldreomsorg", "a", "", 12);  /* only white space is folded, not case */
    run();
    ck_assert_ptr_null(find(PXL_CODE_DUPLICATE_MEASURE, "Äldreomsorg", "B4"));
    expect(PXL_CODE_DUPLICATE_MEASURE, PXL_SEVERITY_ERROR, "Äldreomsorg", "B8");
    expect(PXL_CODE_DUPLICATE_MEASURE, PXL_SEVERITY_ERROR, "Äldreomsorg", "B10");
    ck_assert_uint_eq(pxl_findings_count(findings), 2);
}
END_TEST

/* ---- stated-amount-mismatch ---------------------------------------------------------------- */

static const struct stated_case {
    const char *text;
    double current, full;  /* the single effect row */
    int mismatch;
} stated_cases[] = {
    /* "5,1 miljoner" agrees with the amounts that round to 5,1 */
    {"Effekten uppgår till 5,1 miljoner kronor ur ett helårsperspektiv.", 0, 5110, 0},
    {"Effekten uppgår till 5,1 miljoner kronor ur ett helårsperspektiv.", 0, 5060, 0},
    {"Effekten uppgår till 5,1 miljoner kronor ur ett helårsperspektiv.", 0, 5149, 0},
    {"Effekten uppgår till 5,1 miljoner kronor ur ett helårsperspektiv.", 0, 5150, 1},
    {"Effekten uppgår till 5,1 miljoner kronor ur ett helårsperspektiv.", 0, 5040, 1},
    {"Effekten uppgår till 5,1 miljoner kronor ur ett helårsperspektiv.", 0, 4000, 1},
    {"Effekten uppskattas till 9 miljoner kronor.", 0, 8500, 0},
    {"Effekten uppskattas till 9 miljoner kronor.", 0, 9499, 0},
    {"Effekten uppskattas till 9 miljoner kronor.", 0, 9500, 1},
    {"Effekten uppskattas till 9 miljoner kronor.", 0, 8499, 1},
    {"Effekten förväntas uppgå till 0,36 miljoner kronor.", 0, 355, 0},
    {"Effekten förväntas uppgå till 0,36 miljoner kronor.", 0, 364, 0},
    {"Effekten förväntas uppgå till 0,36 miljoner kronor.", 0, 365, 1},
    {"Effekten förväntas uppgå till 0,36 miljoner kronor.", 0, 354, 1},
    /* "för 2024" is the current-year column */
    {"Effekten för 2024 uppgår till 4 miljoner kronor.", 4000, 9000, 0},
    {"Effekten för 2024 uppgår till 4 miljoner kronor.", 3000, 4000, 1},
    {"Effekten för 2025 uppgår till 4 miljoner kronor.", 3000, 4000, 0},  /* not the table's year: full */
    {"Effekten för år 2024 uppgår till 4 miljoner kronor.", 3000, 4000, 1},
    {"Under 2024 blir effekten 3 mnkr.", 3000, 4000, 0},
    {"Helårseffekten blir 2 mnkr, varav 1 mnkr för 2024.", 1000, 2000, 0},
    {"Helårseffekten blir 2 mnkr, varav 1 mnkr för 2024.", 400, 2000, 1},
    {"Helårseffekten blir 2 mnkr, varav 1 mnkr för 2024.", 1000, 2600, 1},
    /* the other units */
    {"Besparingen är 1 650 tkr.", 0, 1650, 0},
    {"Besparingen är 1 650 tkr.", 0, 1600, 1},
    {"Besparingen är 2,5 MSEK per helår.", 0, 2500, 0},
    {"Besparingen är 2,5 MSEK per helår.", 0, 2600, 1},
    {"Besparingen är 300 tusen kronor.", 0, 300, 0},
    {"Besparingen är 300 tusen kronor.", 0, 310, 1},
    {"Besparingen är 1,2 mnkr.", 0, 1200, 0},
    {"Besparingen är 1,2mnkr.", 0, 1300, 1},
    {"Effekten blir 5,1 miljoner för helåret.", 0, 5110, 0},
    {"Effekten blir 5,1 miljoner för helåret.", 0, 4110, 1},
    {"Effekten för 2024 blir 2 miljoner.", 2000, 5000, 0},
    {"Effekten för 2024 blir 2 miljoner.", 3000, 5000, 1},
    {"Kostnaden är 12 000 kronor per plats.", 0, 100, 0},   /* kronor alone is no tkr amount */
    {"Det rör sig om 69 brukare och 1 650 timmar.", 0, 100, 0},
    /* a saving written with either sign */
    {"Nettoeffekten blir -1,6 miljoner kronor.", 0, -1600, 0},
    {"Nettoeffekten blir 1,6 miljoner kronor.", 0, -1600, 0},
    /* deficits and forecasts are other money */
    {"Det prognostiserade underskottet uppgår till -4,2 miljoner kronor för 2024.", 0, 100, 0},
    {"Verksamheten visar ett underskott om 3 mnkr.", 0, 100, 0},
    {"Prognosen för helåret är 7 mnkr.", 0, 100, 0},
    /* numbers without a money unit */
    {"Kapaciteten minskar från 51 platser till 39 platser, 90 procent beläggning.", 0, 100, 0},
    {"Personaltätheten landar på 0,82 under 2024.", 0, 100, 0},
};

START_TEST(stated_amounts)
{
    const struct stated_case *c = &stated_cases[_i];
    pxl_measure *m = add_measure("Äldreomsorg", "Åtgärd", c->text, 4);
    add_effect(m, "Rad", c->current, c->full, 6);
    run();
    size_t n = count_code(PXL_CODE_STATED_AMOUNT_MISMATCH);
    if (n != (size_t)c->mismatch)
        dump_findings();
    ck_assert_msg(n == (size_t)c->mismatch, "case %d \"%s\" (%g / %g): %zu findings", _i, c->text, c->current,
                  c->full, n);
    if (c->mismatch) {
        const pxl_finding *f = expect(PXL_CODE_STATED_AMOUNT_MISMATCH, PXL_SEVERITY_WARNING, "Äldreomsorg", "C4");
        ck_assert(f->has_expected && f->has_actual);
    }
}
END_TEST

START_TEST(stated_amount_values)
{
    pxl_measure *m = add_measure("Äldreomsorg", "Personaltäthet", PERSONAL_TEXT, 39);
    add_effect(m, "Rad", 3000, 9000, 43);
    run();
    const pxl_finding *f = expect(PXL_CODE_STATED_AMOUNT_MISMATCH, PXL_SEVERITY_WARNING, "Äldreomsorg", "C39");
    ck_assert_double_eq_tol(f->expected, 3000, 1e-9);
    ck_assert_double_eq_tol(f->actual, 4000, 1e-9);
    ck_assert_ptr_nonnull(strstr(f->message, "4 miljoner kronor"));
    ck_assert_ptr_nonnull(strstr(f->message, "Effekt 2024"));
    ck_assert_uint_eq(pxl_findings_count(findings), 1);
}
END_TEST

START_TEST(stated_amount_without_table_or_with_bad_row)
{
    add_measure("Funktionsstöd", "Utan effekttabell", "Effekten blir 5 mnkr.", 4);
    pxl_measure *m = add_measure("Funktionsstöd", "Med oläslig rad", "Effekten blir 5 mnkr.", 8);
    pxl_effect *e = add_effect(m, "Rad", 0, 100, 10);
    text_value(&e->full_year, e->full_year.cell, "5 OOO", PXL_PARSE_AMOUNT);
    run();
    ck_assert_uint_eq(count_code(PXL_CODE_STATED_AMOUNT_MISMATCH), 0);
}
END_TEST

START_TEST(prose_scan_scopes)
{
    pxl_stated_amount a[PXL_PROSE_MAX_AMOUNTS];
    size_t n = pxl_prose_scan(PERSONAL_TEXT, 2024, a, PXL_PROSE_MAX_AMOUNTS);
    ck_assert_uint_eq(n, 2);
    ck_assert_double_eq_tol(a[0].tkr, 9000, 1e-6);
    ck_assert_int_eq(a[0].scope, PXL_SCOPE_FULL_YEAR);
    ck_assert_double_eq_tol(a[0].half_unit_tkr, 500, 1e-6);
    ck_assert_double_eq_tol(a[1].tkr, 4000, 1e-6);
    ck_assert_int_eq(a[1].scope, PXL_SCOPE_CURRENT_YEAR);
    ck_assert_int_eq(strncmp(&PERSONAL_TEXT[a[1].offset], "4 miljoner kronor", a[1].length), 0);
    ck_assert_uint_eq(a[1].length, strlen("4 miljoner kronor"));

    n = pxl_prose_scan(OVERSYN_TEXT, 2024, a, PXL_PROSE_MAX_AMOUNTS);
    ck_assert_uint_eq(n, 1);
    ck_assert_double_eq_tol(a[0].tkr, 5100, 1e-6);
    ck_assert_double_eq_tol(a[0].half_unit_tkr, 50, 1e-6);
    ck_assert_int_eq(a[0].scope, PXL_SCOPE_FULL_YEAR);

    n = pxl_prose_scan(FLYTT_TEXT, 2024, a, PXL_PROSE_MAX_AMOUNTS);
    ck_assert_uint_eq(n, 1);
    ck_assert_double_eq_tol(a[0].tkr, 360, 1e-6);
    ck_assert_double_eq_tol(a[0].half_unit_tkr, 5, 1e-6);
    ck_assert_int_eq(a[0].scope, PXL_SCOPE_FULL_YEAR);

    ck_assert_uint_eq(pxl_prose_scan(DEFICIT_TEXT, 2024, a, PXL_PROSE_MAX_AMOUNTS), 0);
    ck_assert_uint_eq(pxl_prose_scan("", 2024, a, PXL_PROSE_MAX_AMOUNTS), 0);
    ck_assert_uint_eq(pxl_prose_scan(NULL, 2024, a, PXL_PROSE_MAX_AMOUNTS), 0);
    /* U+2212 minus and a no-break space in the grouping */
    n = pxl_prose_scan("Netto \u22121\u00a0600 tkr.", 2024, a, PXL_PROSE_MAX_AMOUNTS);
    ck_assert_uint_eq(n, 1);
    ck_assert_double_eq_tol(a[0].tkr, -1600, 1e-6);
    /* a full buffer stops the scan */
    ck_assert_uint_eq(pxl_prose_scan("1 tkr, 2 tkr, 3 tkr, 4 tkr.", 2024, a, 2), 2);
}
END_TEST

/* ---- amount-stored-as-text, partial-year, percent, kind ------------------------------------ */

START_TEST(amount_stored_as_text_in_rows_and_totals)
{
    pxl_measure *m = add_measure("Funktionsstöd", "Öka antal lägenheter", "", 8);
    pxl_effect *e = add_effect(m, "Rad", 840, 3800, 13);
    text_value(&e->full_year, e->full_year.cell, "3\u00a0800", PXL_PARSE_AMOUNT);
    pxl_total *t = add_total(m, "Summa", 840, 3800, 14);
    text_value(&t->current_year, t->current_year.cell, "840", PXL_PARSE_AMOUNT);
    run();
    const pxl_finding *f = expect(PXL_CODE_AMOUNT_STORED_AS_TEXT, PXL_SEVERITY_WARNING, "Funktionsstöd", "E13");
    ck_assert_double_eq_tol(f->expected, 3800, 1e-9);
    expect(PXL_CODE_AMOUNT_STORED_AS_TEXT, PXL_SEVERITY_WARNING, "Funktionsstöd", "D14");
    ck_assert_uint_eq(pxl_findings_count(findings), 2);
}
END_TEST

/* Amount notations (issue 12): read as the numbers they mean, each telling the unit what to retype. */
START_TEST(amount_notations)
{
    pxl_measure *m = add_measure("Äldreomsorg", "Notationer", "", 4);
    pxl_effect *neg = add_effect(m, "Parentes", NAN, 0, 6);
    text_value(&neg->full_year, neg->full_year.cell, "(1 600)", PXL_PARSE_AMOUNT);
    pxl_effect *tkr = add_effect(m, "Enhet", NAN, 0, 7);
    text_value(&tkr->full_year, tkr->full_year.cell, "960 tkr", PXL_PARSE_AMOUNT);
    pxl_effect *plus = add_effect(m, "Plus", NAN, 0, 8);
    text_value(&plus->full_year, plus->full_year.cell, "+500", PXL_PARSE_AMOUNT);
    pxl_effect *mn = add_effect(m, "Miljoner", NAN, 0, 9);
    text_value(&mn->full_year, mn->full_year.cell, "1,65 miljoner kronor", PXL_PARSE_AMOUNT);
    pxl_effect *kr = add_effect(m, "Kronor", NAN, 0, 10);
    text_value(&kr->full_year, kr->full_year.cell, "-1 600 kr", PXL_PARSE_AMOUNT);
    /* the rows that read sum to -1600 + 960 + 500 + 1650 = 1510; the kronor row makes the sum unknown */
    add_total(m, "Summa", NAN, 1, 11);
    run();

    const pxl_finding *f = expect(PXL_CODE_AMOUNT_STORED_AS_TEXT, PXL_SEVERITY_WARNING, "Äldreomsorg", "E6");
    ck_assert_double_eq(f->expected, -1600);
    f = expect(PXL_CODE_AMOUNT_STORED_AS_TEXT, PXL_SEVERITY_WARNING, "Äldreomsorg", "E7");
    ck_assert_double_eq(f->expected, 960);
    f = expect(PXL_CODE_AMOUNT_STORED_AS_TEXT, PXL_SEVERITY_WARNING, "Äldreomsorg", "E8");
    ck_assert_double_eq(f->expected, 500);
    ck_assert_ptr_null(find(PXL_CODE_AMOUNT_UNIT_CONVERTED, "Äldreomsorg", "E7")); /* tkr is the column's */

    f = expect(PXL_CODE_AMOUNT_UNIT_CONVERTED, PXL_SEVERITY_WARNING, "Äldreomsorg", "E9");
    ck_assert_double_eq(f->expected, 1650);
    ck_assert_int_eq(f->has_actual, 0);
    ck_assert_str_eq(f->message, "Helårseffekt \"1,65 miljoner kronor\" is in mnkr, not in the column's tkr: "
                                 "it is read as 1 650 tkr; retype it in tkr");
    expect(PXL_CODE_AMOUNT_STORED_AS_TEXT, PXL_SEVERITY_WARNING, "Äldreomsorg", "E9");

    f = expect(PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, "Äldreomsorg", "E10");
    ck_assert_str_eq(f->message, "Helårseffekt \"-1 600 kr\" is in kronor, but the column is in tkr: it may "
                                 "mean -1,6 tkr or be -1 600 tkr with the wrong unit, so it is not read; "
                                 "retype it in tkr");
    ck_assert_ptr_null(find(PXL_CODE_AMOUNT_STORED_AS_TEXT, "Äldreomsorg", "E10"));
    ck_assert_uint_eq(count_code(PXL_CODE_TOTAL_MISMATCH), 0);
    ck_assert_uint_eq(pxl_findings_count(findings), 6);

    /* without the kronor row the converted amounts reach the total */
    text_value(&kr->full_year, kr->full_year.cell, "0 tkr", PXL_PARSE_AMOUNT);
    run();
    f = expect(PXL_CODE_TOTAL_MISMATCH, PXL_SEVERITY_ERROR, "Äldreomsorg", "E11");
    ck_assert_double_eq(f->expected, 1510);

    /* a unit on what is no number is the plain message */
    text_value(&kr->full_year, kr->full_year.cell, "ca 500 kr", PXL_PARSE_AMOUNT);
    run();
    f = expect(PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, "Äldreomsorg", "E10");
    ck_assert_str_eq(f->message, "Helårseffekt \"ca 500 kr\" is not a number");
}
END_TEST

/* Totals that close an area or the plan (issue 12): the sum of what they close, at the declared cell. */
START_TEST(closing_totals)
{
    pxl_measure *a = add_measure("Hemtjänst", "A", "", 2);
    add_effect(a, "A1", 100, 200, 4);
    add_total(a, "Summa", 100, 200, 5);
    pxl_measure *b = add_measure("Hemtjänst", "B", "", 7);
    add_effect(b, "B1", 50, 300, 9);
    add_effect(b, "B2", 10, 40, 10);
    pxl_measure *c = add_measure("Funktionsstöd", "C", "", 14); /* the area of its own sheet */
    c->cell.sheet = c->title_cell.sheet = pxl_plan_strdup(plan, "Blad2");
    pxl_effect *c1 = add_effect(c, "C1", 20, 80, 16);
    c1->sheet_index = 1;
    /* right: no finding; the measure's own Summa is not counted again */
    add_closing_total(FILE_A, "Hemtjänst", "Hemtjänst", 0, "Summa Hemtjänst", 160, 540, 11);
    add_closing_total(FILE_A, "Funktionsstöd", "Blad2", 1, "Summa verksamhet", 20, 80, 17);
    add_closing_total(FILE_A, NULL, "Blad2", 1, "Totalt nämnden", 180, 620, 18);
    run();
    assert_no_findings();

    /* wrong: expected is the sum of what it closes */
    pxl_area *hem = pxl_plan_area_get(plan, "Hemtjänst");
    hem->totals[0]->full_year.number = 600;
    plan->totals[0]->current_year.number = 190;
    run();
    const pxl_finding *f = expect(PXL_CODE_TOTAL_MISMATCH, PXL_SEVERITY_ERROR, "Hemtjänst", "E11");
    ck_assert_double_eq(f->expected, 540);
    ck_assert_double_eq(f->actual, 600);
    ck_assert_str_eq(f->message, "Summa Hemtjänst states 600 tkr, the effect rows of Hemtjänst sum to 540 tkr");
    f = expect(PXL_CODE_TOTAL_MISMATCH, PXL_SEVERITY_ERROR, "Blad2", "D18");
    ck_assert_double_eq(f->expected, 180); /* the sheet before it, and its own sheet above it */
    ck_assert_str_eq(f->message, "Totalt nämnden states 190 tkr, the effect rows of the plan sum to 180 tkr");
    ck_assert_uint_eq(pxl_findings_count(findings), 2);

    /* a row that does not parse makes the sum unknown: unparsable-number only */
    text_value(&b->effects[0]->full_year, b->effects[0]->full_year.cell, "ca 300", PXL_PARSE_AMOUNT);
    plan->totals[0]->current_year.number = 180;
    run();
    expect(PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, "Hemtjänst", "E9");
    ck_assert_uint_eq(count_code(PXL_CODE_TOTAL_MISMATCH), 0);
    ck_assert_uint_eq(pxl_findings_count(findings), 1);
}
END_TEST

/* Where a closing total's rows end: rows below it, on later sheets and in other files are not its. */
START_TEST(closing_total_scope)
{
    pxl_measure *a = add_measure("Hemtjänst", "A", "", 2);
    add_effect(a, "A1", 10, 10, 4);
    add_effect(a, "A2", 20, 20, 5);
    add_closing_total(FILE_A, "Hemtjänst", "Hemtjänst", 0, "Summa Hemtjänst", 30, 30, 6);
    /* a total right under another closes the same rows */
    add_closing_total(FILE_A, "Hemtjänst", "Hemtjänst", 0, "Totalt Hemtjänst", 30, 30, 7);
    add_effect(a, "A3", 5, 5, 9);
    /* a second block on the sheet: only the rows since the last closing total */
    add_closing_total(FILE_A, "Hemtjänst", "Hemtjänst", 0, "Summa Hemtjänst", 5, 5, 10);
    pxl_measure *other = add_measure_in(FILE_B, "Hemtjänst", "Område", "B", "", 2); /* the same area, another file */
    add_effect(other, "B1", 1000, 1000, 4);
    pxl_measure *later = add_measure("Hemtjänst", "Later", "", 20);
    later->cell.sheet = pxl_plan_strdup(plan, "Blad9");
    pxl_effect *l = add_effect(later, "L1", 7, 7, 22);
    l->sheet_index = 5;
    add_closing_total(FILE_A, NULL, "Hemtjänst", 0, "Totalt nämnden", 35, 35, 12);
    /* a total with nothing above it closes nothing */
    add_closing_total(FILE_A, "Hemtjänst", "Blad0", 0, "Summa Hemtjänst", 1, 1, 1);
    run();
    assert_no_findings();
}
END_TEST

/* A summary sheet's row (issue 12): name folded, compared with the area wherever it lies. */
static pxl_total *add_summary_row(const char *area, const char *label, double current, double full, uint32_t row1)
{
    pxl_total *t = pxl_plan_add_summary_total(plan);
    ck_assert_ptr_nonnull(t);
    t->label = pxl_plan_strdup(plan, label);
    t->summary_area = area ? pxl_plan_strdup(plan, area) : NULL;
    t->cell = ref(FILE_A, "Sammanställning", row1, 0);
    number_value(&t->current_year, ref(FILE_A, "Sammanställning", row1, 1), current);
    number_value(&t->full_year, ref(FILE_A, "Sammanställning", row1, 2), full);
    return t;
}

START_TEST(summary_mismatch)
{
    pxl_measure *a = add_measure("Äldreomsorg", "A", "", 2);
    add_effect(a, "A1", 100, 200, 4);
    pxl_measure *b = add_measure_in(FILE_B, "Äldreomsorg", "Område", "B", "", 2); /* another file */
    add_effect(b, "B1", 50, 300, 4);
    pxl_measure *c = add_measure("Funktionsstöd", "C", "", 2);
    pxl_effect *c1 = add_effect(c, "C1", 20, 80, 4);
    add_summary_row("ÄLDREOMSORG ", "ÄLDREOMSORG", 150, 500, 3);
    add_summary_row("Funktionsstöd", "Funktionsstöd", 20, NAN, 4); /* an empty amount: nothing to compare */
    add_summary_row(NULL, "Totalt", 170, 580, 5);
    run();
    assert_no_findings();

    add_summary_row("Okänd", "Okänd", 1, 2, 6);
    add_summary_row("", "", 1, NAN, 7);
    plan->summary[0]->full_year.number = 510;
    run();
    const pxl_finding *f = expect(PXL_CODE_SUMMARY_MISMATCH, PXL_SEVERITY_ERROR, "Sammanställning", "C3");
    ck_assert_double_eq(f->expected, 500);
    ck_assert_double_eq(f->actual, 510);
    ck_assert_str_eq(f->message, "The summary states 510 tkr for ÄLDREOMSORG, its area's effect rows sum to 500 tkr");
    f = expect(PXL_CODE_SUMMARY_MISMATCH, PXL_SEVERITY_ERROR, "Sammanställning", "A6");
    ck_assert_int_eq(f->has_expected, 0);
    expect(PXL_CODE_SUMMARY_MISMATCH, PXL_SEVERITY_ERROR, "Sammanställning", "A7");
    ck_assert_uint_eq(pxl_findings_count(findings), 3);

    /* a row that does not parse: the area's sum is unknown, nothing to compare */
    plan->summary[0]->full_year.number = 500;
    plan->summary_count = 3;
    plan->summary[2]->current_year.number = 999;
    text_value(&c1->current_year, c1->current_year.cell, "ca 20", PXL_PARSE_AMOUNT);
    run();
    expect(PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, "Funktionsstöd", "D4");
    ck_assert_uint_eq(pxl_findings_count(findings), 1);
}
END_TEST

/* A closing total's amounts are checked as every amount is. */
START_TEST(closing_total_values)
{
    pxl_measure *a = add_measure("Hemtjänst", "A", "", 2);
    add_effect(a, "A1", 10, 10, 4);
    pxl_total *t = add_closing_total(FILE_A, "Hemtjänst", "Hemtjänst", 0, "Summa Hemtjänst", 10, 10, 6);
    text_value(&t->full_year, t->full_year.cell, "1O", PXL_PARSE_AMOUNT);
    pxl_total *p = add_closing_total(FILE_A, NULL, "Hemtjänst", 0, "Totalt nämnden", 10, 10, 7);
    text_value(&p->current_year, p->current_year.cell, "10 tkr", PXL_PARSE_AMOUNT);
    run();
    const pxl_finding *f = expect(PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, "Hemtjänst", "E6");
    ck_assert_str_eq(f->message, "Helårseffekt \"1O\" of the Summa Hemtjänst row is not a number");
    f = expect(PXL_CODE_AMOUNT_STORED_AS_TEXT, PXL_SEVERITY_WARNING, "Hemtjänst", "D7");
    ck_assert_ptr_nonnull(strstr(f->message, "Effekt 2024 \"10 tkr\" of the Totalt nämnden row"));
    ck_assert_uint_eq(pxl_findings_count(findings), 2);
}
END_TEST

START_TEST(partial_year_exceeds_full_year)
{
    pxl_measure *m = add_measure("Äldreomsorg", "Skifta perspektiv", "", 9);
    add_effect(m, "För mycket", 3000, 2700, 12);
    add_effect(m, "Negativa belopp", -500, -1000, 13);  /* |−500| < |−1000|: fine */
    add_effect(m, "Lika", 1000, 1000, 14);
    add_effect(m, "Tecken", 800, -1000, 15);
    run();
    const pxl_finding *f =
        expect(PXL_CODE_PARTIAL_YEAR_EXCEEDS_FULL_YEAR, PXL_SEVERITY_WARNING, "Äldreomsorg", "D12");
    ck_assert(f->has_actual);
    ck_assert_double_eq_tol(f->actual, 3000, 1e-9);
    ck_assert_uint_eq(pxl_findings_count(findings), 1);
}
END_TEST

static const struct percent_case {
    const char *target, *current;
    const char *flagged;  /* cell, or NULL */
} percent_cases[] = {
    {"120 %", "95 %", "D6"},
    {"95 %", "-5 %", "E6"},
    {"100 %", "0 %", NULL},
    {"95 %", "95,4%", NULL},
    {"Öka", "101,5 %", "E6"},
    {"7", "150", NULL},  /* plain numbers are not percents */
};

START_TEST(percent_out_of_range)
{
    const struct percent_case *c = &percent_cases[_i];
    pxl_measure *m = add_measure("Äldreomsorg", "Åtgärd", "", 4);
    add_kpi(m, "Andel", c->target, c->current, 6);
    run();
    ck_assert_uint_eq(count_code(PXL_CODE_PERCENT_OUT_OF_RANGE), c->flagged ? 1 : 0);
    if (c->flagged) {
        const pxl_finding *f = expect(PXL_CODE_PERCENT_OUT_OF_RANGE, PXL_SEVERITY_WARNING, "Äldreomsorg", c->flagged);
        ck_assert(f->has_actual);
    }
}
END_TEST

static const struct kind_case {
    const char *target, *current;
    int mismatch;
} kind_cases[] = {
    {"95 %", "Ej mätt", 1},
    {"7", "inte mätt än", 1},
    {"Öka", "73,9 %", 0},       /* a direction word beside a number is normal */
    {"Minska", "34,8", 0},
    {"Minska", "Oförändrad", 0},
    {"7", "7,5", 0},
    {"90 %", "90 %", 0},
    {"13", "12,5", 0},
    {"Hög", "Låg", 0},         /* text beside text */
};

START_TEST(kind_mismatch)
{
    const struct kind_case *c = &kind_cases[_i];
    pxl_measure *m = add_measure("Funktionsstöd", "Åtgärd", "", 4);
    add_kpi(m, "Nyckeltal", c->target, c->current, 6);
    run();
    ck_assert_msg(count_code(PXL_CODE_KIND_MISMATCH) == (size_t)c->mismatch, "%s / %s", c->target, c->current);
    if (c->mismatch)
        expect(PXL_CODE_KIND_MISMATCH, PXL_SEVERITY_WARNING, "Funktionsstöd", "E6");
    ck_assert_uint_eq(pxl_findings_count(findings), (size_t)c->mismatch);
}
END_TEST

/* ---- duplicate-row ------------------------------------------------------------------------- */

START_TEST(duplicate_row)
{
    pxl_measure *m = add_measure("Äldreomsorg", "Flytt av verksamhet", "", 21);
    add_effect(m, "Förväntas besparing", 0, 180, 23);
    add_effect(m, "Förväntas besparing dagverksamhet", 0, 180, 24);  /* other description */
    add_effect(m, "Förväntas besparing", 0, 190, 25);                /* other amount */
    add_effect(m, "Förväntas  besparing", 0, 180, 26);               /* the same, spaced */
    pxl_measure *other = add_measure("Äldreomsorg", "Annan åtgärd", "", 28);
    add_effect(other, "Förväntas besparing", 0, 180, 30);           /* another table */
    run();
    const pxl_finding *f = expect(PXL_CODE_DUPLICATE_ROW, PXL_SEVERITY_WARNING, "Äldreomsorg", "C26");
    ck_assert_ptr_nonnull(strstr(f->message, "row 23"));
    ck_assert_uint_eq(pxl_findings_count(findings), 1);
}
END_TEST

/* ---- unreadable-file ----------------------------------------------------------------------- */

START_TEST(unreadable_file)
{
    ck_assert_int_eq(pxl_plan_add_file(plan, "trasig.xls", NULL), PXL_OK);
    ck_assert_int_eq(pxl_plan_add_unreadable(plan, "trasig.xls", "trasig.xls: the workbook is damaged"), PXL_OK);
    add_measure("Äldreomsorg", "A", "", 4);
    run();
    ck_assert_uint_eq(pxl_findings_count(findings), 1);
    const pxl_finding *f = pxl_findings_get(findings, 0);
    ck_assert_str_eq(f->code, PXL_CODE_UNREADABLE_FILE);
    ck_assert_int_eq(f->severity, PXL_SEVERITY_ERROR);
    ck_assert_int_eq(f->has_cell, 0);
    ck_assert_ptr_null(f->cell.sheet);
    ck_assert_str_eq(f->cell.file, "trasig.xls");
    ck_assert_str_eq(f->message, "the workbook is damaged");
}
END_TEST

/* ---- sum-range-incomplete ------------------------------------------------------------------ */

static const struct range_case {
    const char *formula;  /* in E37, over rows 30..36 */
    int flagged;
} range_cases[] = {
    {"SUM(E30:E36)", 0},
    {"sum($E$30:$E$36)", 0},
    {"=Sum( E30 : E36 )", 0},
    {"SUM(E30:E36;E30)", 0},   /* the same row twice is still the table's rows */
    {"SUM(E36:E30)", 0},
    {"SUM(E30:E33,E34:E36)", 0},
    {"SUM(E30,E31,E32,E33,E34,E35,E36)", 0},
    {"SUM(E30:E35)", 1},        /* misses E36 */
    {"SUM(E31:E36)", 1},        /* misses E30 */
    {"SUM(E29:E36)", 1},        /* takes in the header row */
    {"SUM(E30:E38)", 1},        /* takes in rows below */
    {"SUM(D30:D36)", 1},        /* another column */
    {"SUM(E30,E31,E33,E34,E35,E36)", 1},
    {"E30+E31+E32+E33+E34+E35+E36", 0},  /* not a simple SUM: no finding */
    {"SUM(Blad2!E30:E36)", 0},
    {"SUMIF(E30:E36,\">0\")", 0},
    {"SUM(E30:E36)*2", 0},
    {"SUM(", 0},
    {"", 0},
};

START_TEST(sum_range_incomplete)
{
    const struct range_case *c = &range_cases[_i];
    pxl_measure *m = add_measure("Äldreomsorg", "Översyn av antal korttidsplatser", "", 26);
    for (uint32_t r = 30; r <= 36; r++)
        add_effect(m, "Rad", 0, 10 * r, r);
    pxl_total *t = add_total(m, "Summa", 0, 10 * (30 + 31 + 32 + 33 + 34 + 35 + 36), 37);
    t->full_year.formula = c->formula;
    t->full_year.is_formula = 1;
    run();
    ck_assert_msg(count_code(PXL_CODE_SUM_RANGE_INCOMPLETE) == (size_t)c->flagged, "%s", c->formula);
    if (c->flagged) {
        const pxl_finding *f = expect(PXL_CODE_SUM_RANGE_INCOMPLETE, PXL_SEVERITY_WARNING, "Äldreomsorg", "E37");
        ck_assert_ptr_nonnull(strstr(f->message, c->formula));
    }
    ck_assert_uint_eq(pxl_findings_count(findings), (size_t)c->flagged);
}
END_TEST

/* ---- the container ------------------------------------------------------------------------- */

START_TEST(sorted_and_one_per_cell_and_code)
{
    ck_assert_int_eq(pxl_plan_add_file(plan, FILE_B, NULL), PXL_OK);
    /* Workbook order, not name order: Äldreomsorg sorts after Funktionsstöd by name. */
    pxl_measure *a = add_measure_in(FILE_A, "Äldreomsorg", "S", "Ok", "", 4);
    add_kpi(a, "", "Öka", "1 65O", 12);   /* C12 missing-field, E12 unparsable */
    add_effect(a, "Rad", 200, 100, 12);   /* D12 partial-year */
    add_measure_in(FILE_A, "Funktionsstöd", "S", "", "", 9);  /* B9 missing-field */
    add_measure_in(FILE_B, "Äldreomsorg", "S", "", "", 4);    /* file B after file A */
    run();
    const char *want[][3] = {
        {FILE_A, "Äldreomsorg", "C12"},
        {FILE_A, "Äldreomsorg", "D12"},
        {FILE_A, "Äldreomsorg", "E12"},
        {FILE_A, "Funktionsstöd", "B9"},
        {FILE_B, "Äldreomsorg", "B4"},
    };
    if (pxl_findings_count(findings) != 5)
        dump_findings();
    ck_assert_uint_eq(pxl_findings_count(findings), 5);
    for (size_t i = 0; i < 5; i++) {
        const pxl_finding *f = pxl_findings_get(findings, i);
        char name[16];
        pxl_cell_name(name, sizeof name, f->cell.row, f->cell.col);
        ck_assert_str_eq(f->cell.file, want[i][0]);
        ck_assert_str_eq(f->cell.sheet, want[i][1]);
        ck_assert_str_eq(name, want[i][2]);
    }
    ck_assert_ptr_null(pxl_findings_get(findings, 5));
    ck_assert_uint_eq(pxl_findings_count_severity(findings, PXL_SEVERITY_ERROR), 4);
    ck_assert_uint_eq(pxl_findings_count_severity(findings, PXL_SEVERITY_WARNING), 1);
}
END_TEST

START_TEST(dedupe_same_cell_and_code)
{
    pxl_findings *f;
    ck_assert_int_eq(pxl_findings_new(&f), PXL_OK);
    pxl_cellref c = {"x.xls", "S", 3, 4};
    pxl_finding_draft d = {PXL_CODE_TOTAL_MISMATCH, PXL_SEVERITY_ERROR, &c, NULL, 1, 1, 1, 2};
    ck_assert_int_eq(pxl_findings_add(f, &d, "first", 0, NULL), PXL_OK);
    ck_assert_int_eq(pxl_findings_add(f, &d, "second", 0, NULL), PXL_OK);
    d.code = PXL_CODE_DUPLICATE_ROW;
    ck_assert_int_eq(pxl_findings_add(f, &d, "other code", 0, NULL), PXL_OK);
    ck_assert_int_eq(pxl_findings_sort(f, plan), PXL_OK);
    ck_assert_uint_eq(pxl_findings_count(f), 2);
    ck_assert_str_eq(pxl_findings_get(f, 0)->code, PXL_CODE_DUPLICATE_ROW);
    ck_assert_str_eq(pxl_findings_get(f, 1)->message, "first");
    pxl_findings_free(f);
}
END_TEST

START_TEST(run_arguments)
{
    pxl_findings *f = (pxl_findings *)1;
    ck_assert_int_eq(pxl_check_run(&f, NULL, NULL), PXL_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(f);
    ck_assert_int_eq(pxl_check_run(NULL, plan, NULL), PXL_ERR_INVALID_ARGUMENT);
    pxl_check_options bad = {99};
    ck_assert_int_eq(pxl_check_run(&f, plan, &bad), PXL_ERR_INVALID_ARGUMENT);
    pxl_check_options good = PXL_CHECK_OPTIONS_INIT;
    ck_assert_int_eq(pxl_check_run(&f, plan, &good), PXL_OK);
    ck_assert_uint_eq(pxl_findings_count(f), 0);
    pxl_findings_free(f);
    pxl_findings_free(NULL);
    ck_assert_uint_eq(pxl_findings_count(NULL), 0);
    ck_assert_str_eq(pxl_severity_name(PXL_SEVERITY_ERROR), "error");
    ck_assert_str_eq(pxl_severity_name(PXL_SEVERITY_WARNING), "warning");
}
END_TEST

static const struct format_case {
    double amount;
    const char *text;
} format_cases[] = {
    {9500, "9 500"}, {9000, "9 000"}, {-1600, "-1 600"}, {0, "0"}, {-0.0001, "0"},
    {999, "999"}, {1000, "1 000"}, {1234567, "1 234 567"}, {1472.5, "1 472,5"},
    {0.25, "0,25"}, {-12345.678, "-12 345,68"},
};

START_TEST(amount_format)
{
    char buf[64];
    ck_assert_str_eq(pxl_amount_format(buf, sizeof buf, format_cases[_i].amount), format_cases[_i].text);
}
END_TEST

START_TEST(excerpt)
{
    char buf[PXL_EXCERPT_SIZE];
    ck_assert_str_eq(pxl_excerpt(buf, sizeof buf, "kort\ntext"), "kort text");
    ck_assert_str_eq(pxl_excerpt(buf, sizeof buf, NULL), "");
    /* 70 'ö' (two bytes each): cut after 60 characters, never inside one */
    char longer[256] = "";
    for (int i = 0; i < 70; i++)
        strcat(longer, "ö");
    pxl_excerpt(buf, sizeof buf, longer);
    ck_assert_uint_eq(strlen(buf), 60 * 2 + strlen("…"));
    ck_assert_str_eq(buf + 120, "…");
    char tiny[8];
    pxl_excerpt(tiny, sizeof tiny, "abcdefghij");
    ck_assert_str_eq(tiny, "abcd…");
}
END_TEST

START_TEST(long_text_gives_a_one_line_message)
{
    char description[4000] = "";
    for (int i = 0; i < 200; i++)
        strcat(description, "Lång beskrivning\n");
    pxl_measure *m = add_measure("Äldreomsorg", "Åtgärd", "", 4);
    add_effect(m, description, 1, 2, 6);
    add_effect(m, description, 1, 2, 7);
    pxl_kpi *k = add_kpi(m, description, "95 %", "Ej mätt", 9);
    (void)k;
    run();
    ck_assert_uint_eq(pxl_findings_count(findings), 2);
    for (size_t i = 0; i < 2; i++) {
        const char *msg = pxl_findings_get(findings, i)->message;
        ck_assert_ptr_null(strchr(msg, '\n'));
        ck_assert_uint_lt(strlen(msg), 400);
        ck_assert_ptr_nonnull(strstr(msg, "…"));
    }
}
END_TEST

/* ---- the CLI's printers (src/cli/check_print.c) -------------------------------------------- */

static char *print_to_string(int json, const pxl_findings *f, size_t files)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    ck_assert_ptr_nonnull(out);
    if (json)
        check_print_json(out, f, files);
    else
        check_print_text(out, f, files);
    fclose(out);
    return buf;
}

START_TEST(printers_escape_and_number)
{
    pxl_findings *f;
    ck_assert_int_eq(pxl_findings_new(&f), PXL_OK);
    pxl_cellref c = {"dir/\"plan\".xls", "Blad \\1", 43, 4};
    pxl_finding_draft d = {PXL_CODE_TOTAL_MISMATCH, PXL_SEVERITY_ERROR, &c, NULL, 1, 9000, 1, -0.0};
    ck_assert_int_eq(pxl_findings_add(f, &d, "bad \xff byte, control \x01, quote \"", 0, NULL), PXL_OK);
    pxl_finding_draft w = {PXL_CODE_UNREADABLE_FILE, PXL_SEVERITY_WARNING, NULL, "x.xls", 1, NAN, 0, 5};
    ck_assert_int_eq(pxl_findings_add(f, &w, "whole file", 0, NULL), PXL_OK);
    ck_assert_int_eq(pxl_findings_sort(f, plan), PXL_OK);

    char *json = print_to_string(1, f, 2);
    ck_assert_str_eq(json,
                     "{\"findings\":[\n"
                     "{\"file\":\"dir/\\\"plan\\\".xls\",\"sheet\":\"Blad \\\\1\",\"cell\":\"E44\",\"row\":44,"
                     "\"column\":5,\"severity\":\"error\",\"code\":\"total-mismatch\","
                     "\"message\":\"bad \\ufffd byte, control \\u0001, quote \\\"\",\"expected\":9000,\"actual\":0},\n"
                     "{\"file\":\"x.xls\",\"sheet\":null,\"cell\":null,\"row\":null,\"column\":null,"
                     "\"severity\":\"warning\",\"code\":\"unreadable-file\",\"message\":\"whole file\","
                     "\"expected\":null,\"actual\":null}\n"
                     "],\"summary\":{\"files\":2,\"errors\":1,\"warnings\":1,\"info\":0}}\n");
    /* and Python's json module agrees it is JSON */
    char path[64], cmd[256];
    snprintf(path, sizeof path, "/tmp/planxl-check-print-%ld.json", (long)getpid());
    FILE *out = fopen(path, "w");
    ck_assert_ptr_nonnull(out);
    fputs(json, out);
    fclose(out);
    snprintf(cmd, sizeof cmd, "'%s' -m json.tool '%s' >/dev/null", PXL_TEST_PYTHON, path);
    ck_assert_int_eq(system(cmd), 0);
    unlink(path);
    free(json);

    char *text = print_to_string(0, f, 2);
    ck_assert_str_eq(text,
                     "dir/\"plan\".xls:Blad \\1!E44: error: total-mismatch: bad \xff byte, control \x01, quote \"\n"
                     "x.xls: warning: unreadable-file: whole file\n"
                     "2 files checked: 1 error, 1 warning\n");
    free(text);
    pxl_findings_free(f);

    ck_assert_int_eq(pxl_findings_new(&f), PXL_OK);
    json = print_to_string(1, f, 1);
    ck_assert_str_eq(json, "{\"findings\":[],\"summary\":{\"files\":1,\"errors\":0,\"warnings\":0,\"info\":0}}\n");
    free(json);
    text = print_to_string(0, f, 1);
    ck_assert_str_eq(text, "1 file checked: 0 errors, 0 warnings\n");
    free(text);
    pxl_findings_free(f);
}
END_TEST

/* A large plan: duplicates are found by sorting, so this finishes at once. */
START_TEST(many_rows_stay_fast)
{
    pxl_measure *m = add_measure("Äldreomsorg", "Stor", "", 4);
    for (uint32_t r = 0; r < 20000; r++)
        add_effect(m, "Samma rad", 1, 2, 6 + r);
    run();
    ck_assert_uint_eq(count_code(PXL_CODE_DUPLICATE_ROW), 19999);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("check");
    TCase *t = tcase_create("checks");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, example_is_clean_but_for_text_amounts);
    tcase_add_test(t, total_mismatch_wrong_total);
    tcase_add_test(t, total_mismatch_each_column);
    tcase_add_test(t, total_right_or_unknown_gives_nothing);
    tcase_add_test(t, total_after_total_closes_its_own_rows);
    tcase_add_test(t, unparsable_number_kpi_and_amount);
    tcase_add_test(t, missing_field_title_kpi_name_amounts);
    tcase_add_test(t, duplicate_measure_across_files);
    tcase_add_test(t, duplicate_measure_third_copy_and_clean);
    tcase_add_loop_test(t, stated_amounts, 0, sizeof stated_cases / sizeof stated_cases[0]);
    tcase_add_test(t, stated_amount_values);
    tcase_add_test(t, stated_amount_without_table_or_with_bad_row);
    tcase_add_test(t, prose_scan_scopes);
    tcase_add_test(t, amount_stored_as_text_in_rows_and_totals);
    tcase_add_test(t, amount_notations);
    tcase_add_test(t, closing_totals);
    tcase_add_test(t, closing_total_scope);
    tcase_add_test(t, closing_total_values);
    tcase_add_test(t, summary_mismatch);
    tcase_add_test(t, partial_year_exceeds_full_year);
    tcase_add_loop_test(t, percent_out_of_range, 0, sizeof percent_cases / sizeof percent_cases[0]);
    tcase_add_loop_test(t, kind_mismatch, 0, sizeof kind_cases / sizeof kind_cases[0]);
    tcase_add_test(t, duplicate_row);
    tcase_add_test(t, unreadable_file);
    tcase_add_loop_test(t, sum_range_incomplete, 0, sizeof range_cases / sizeof range_cases[0]);
    tcase_add_test(t, sorted_and_one_per_cell_and_code);
    tcase_add_test(t, dedupe_same_cell_and_code);
    tcase_add_test(t, run_arguments);
    tcase_add_loop_test(t, amount_format, 0, sizeof format_cases / sizeof format_cases[0]);
    tcase_add_test(t, many_rows_stay_fast);
    tcase_add_test(t, excerpt);
    tcase_add_test(t, printers_escape_and_number);
    tcase_add_test(t, long_text_gives_a_one_line_message);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
