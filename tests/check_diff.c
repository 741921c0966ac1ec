/*
 * planxl diff (issue 15): the library's comparison on plans built in C with known
 * changes — each kind alone, and every kind in combination over generated plan pairs —
 * and the CLI on the example plan and its changed copy (tests/data/diff/make_diff_pair.pl):
 * exactly the changes made, in text and in JSON valid against share/planxl/diff.schema.json,
 * the exit codes, several files per side.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/plan_internal.h"
#include "planxl/diff.h"
#include "plan_fixture.h"
#include "test_tmpdir.h"

#define DATA PXL_TEST_DATA
#define PLAN DATA "/plan-2024-08.xls"
#define CHANGED DATA "/diff/plan-2024-08-changed.xls"
#define SCHEMA PXL_TEST_DATA "/../../share/planxl/diff.schema.json"
#define OUTPUT_MAX (1 << 20)

/* ---- plans built in C ---------------------------------------------------------------- */

/* plan_fixture.h's value builders (check_report.c defines them for its own executable). */
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

static pxl_plan *new_plan(const char *file)
{
    pxl_plan *plan;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    const char *f;
    ck_assert_int_eq(pxl_plan_add_file(plan, file, &f), PXL_OK);
    return plan;
}

static const char *file_of(pxl_plan *plan)
{
    return plan->files[0];
}

static pxl_measure *add_measure(pxl_plan *plan, const char *area, const char *section, const char *title, int row)
{
    pxl_area *a = pxl_plan_area_get(plan, area);
    ck_assert_ptr_nonnull(a);
    pxl_measure *m = pxl_area_add_measure(plan, a);
    ck_assert_ptr_nonnull(m);
    m->section = pxl_plan_strdup(plan, section);
    m->title = pxl_plan_strdup(plan, title);
    m->description = pxl_plan_strdup(plan, "");
    m->current_year = 2024;
    m->cell = (pxl_cellref){file_of(plan), a->name, (pxl_index)row, 0};
    m->title_cell = (pxl_cellref){file_of(plan), a->name, (pxl_index)row, 1};
    m->description_cell = (pxl_cellref){file_of(plan), a->name, (pxl_index)row, 2};
    return m;
}

static pxl_effect *add_effect(pxl_plan *plan, pxl_measure *m, const char *description, double current, double full,
                              int row)
{
    pxl_effect *e = pxl_measure_add_effect(plan, m);
    ck_assert_ptr_nonnull(e);
    char text[32];
    e->description = pxl_plan_strdup(plan, description);
    e->comment = pxl_plan_strdup(plan, "");
    snprintf(text, sizeof text, "%g", current);
    pxl_test_amount(plan, &e->current_year, current, text);
    snprintf(text, sizeof text, "%g", full);
    pxl_test_amount(plan, &e->full_year, full, text);
    e->cell = (pxl_cellref){file_of(plan), m->cell.sheet, (pxl_index)row, 2};
    e->current_year.cell = (pxl_cellref){file_of(plan), m->cell.sheet, (pxl_index)row, 3};
    e->full_year.cell = (pxl_cellref){file_of(plan), m->cell.sheet, (pxl_index)row, 4};
    return e;
}

static pxl_kpi *add_kpi(pxl_plan *plan, pxl_measure *m, const char *name, const char *target, const char *current,
                        int row)
{
    pxl_kpi *k = pxl_measure_add_kpi(plan, m);
    ck_assert_ptr_nonnull(k);
    k->name = pxl_plan_strdup(plan, name);
    k->comment = pxl_plan_strdup(plan, "");
    pxl_test_kpi_value(plan, &k->target, target);
    pxl_test_kpi_value(plan, &k->current, current);
    k->cell = (pxl_cellref){file_of(plan), m->cell.sheet, (pxl_index)row, 2};
    k->target.cell = (pxl_cellref){file_of(plan), m->cell.sheet, (pxl_index)row, 3};
    k->current.cell = (pxl_cellref){file_of(plan), m->cell.sheet, (pxl_index)row, 4};
    return k;
}

static pxl_diff *diff_of(const pxl_plan *a, const pxl_plan *b)
{
    pxl_diff *d = NULL;
    ck_assert_int_eq(pxl_diff_plans(&d, a, b, NULL), PXL_OK);
    ck_assert_ptr_nonnull(d);
    return d;
}

/* The only change of @p kind; fails unless there is exactly one. */
static const pxl_diff_change *only(const pxl_diff *d, pxl_diff_kind kind)
{
    ck_assert_uint_eq(pxl_diff_count_kind(d, kind), 1);
    for (size_t i = 0; i < pxl_diff_count(d); i++)
        if (pxl_diff_get(d, i)->kind == kind)
            return pxl_diff_get(d, i);
    return NULL;
}

START_TEST(equal_plans)
{
    pxl_plan *a = new_plan("a.xls"), *b = new_plan("b.xls");
    pxl_test_build_example(a, "a.xls");
    pxl_test_build_example(b, "b.xls");
    pxl_diff *d = diff_of(a, b);
    ck_assert_uint_eq(pxl_diff_count(d), 0);
    ck_assert_ptr_null(pxl_diff_get(d, 0));
    pxl_diff_free(d);
    pxl_plan_free(a);
    pxl_plan_free(b);
}
END_TEST

START_TEST(case_and_space_folded)
{
    pxl_plan *a = new_plan("a.xls"), *b = new_plan("b.xls");
    pxl_measure *m = add_measure(a, "Äldreomsorg", "Hemtjänst", "Skifta perspektiv", 3);
    add_effect(a, m, "Minskade personalkostnader", 1473, 2700, 5);
    m = add_measure(b, "ÄLDREOMSORG ", "Hemtjänst", "  SKIFTA\u00a0 Perspektiv", 3);
    add_effect(b, m, "minskade  personalkostnader", 1473, 2700, 5);
    pxl_diff *d = diff_of(a, b);
    ck_assert_uint_eq(pxl_diff_count(d), 0);
    pxl_diff_free(d);
    pxl_plan_free(a);
    pxl_plan_free(b);
}
END_TEST

START_TEST(amount_change_carries_both_cells)
{
    pxl_plan *a = new_plan("old.xls"), *b = new_plan("new.xls");
    pxl_measure *m = add_measure(a, "Funktionsstöd", "LSS", "Gladö stall", 3);
    add_effect(a, m, "Avveckling", 296, 508, 5);
    m = add_measure(b, "Funktionsstöd", "LSS", "Gladö stall", 7);
    add_effect(b, m, "Avveckling", 310, 508, 9);
    pxl_diff *d = diff_of(a, b);
    const pxl_diff_change *c = only(d, PXL_DIFF_EFFECT_AMOUNT);
    ck_assert_int_eq(c->column, PXL_DIFF_COLUMN_CURRENT_YEAR);
    ck_assert_int_eq(c->year, 2024);
    ck_assert_int_eq(c->trend, PXL_DIFF_TREND_INCREASED);
    ck_assert(c->old_side.has_cell && c->new_side.has_cell);
    ck_assert_str_eq(c->old_side.cell.file, "old.xls");
    ck_assert_uint_eq(c->old_side.cell.row, 5);
    ck_assert_uint_eq(c->old_side.cell.col, 3);
    ck_assert_str_eq(c->new_side.cell.file, "new.xls");
    ck_assert_uint_eq(c->new_side.cell.row, 9);
    ck_assert_double_eq_tol(c->old_side.amount, 296, 1e-9);
    ck_assert_double_eq_tol(c->new_side.amount, 310, 1e-9);
    c = only(d, PXL_DIFF_MEASURE_AMOUNT);
    ck_assert_uint_eq(c->new_side.cell.row, 7);
    ck_assert_double_eq_tol(c->new_side.amount - c->old_side.amount, 14, 1e-9);
    c = only(d, PXL_DIFF_AREA_AMOUNT);
    ck_assert(!c->old_side.has_cell && !c->new_side.has_cell);
    ck_assert_str_eq(c->new_side.area, "Funktionsstöd");
    only(d, PXL_DIFF_TOTAL_AMOUNT);
    ck_assert_uint_eq(pxl_diff_count(d), 4); /* the full year did not change */
    pxl_diff_free(d);
    pxl_plan_free(a);
    pxl_plan_free(b);
}
END_TEST

START_TEST(unreadable_amount_is_no_number)
{
    pxl_plan *a = new_plan("old.xls"), *b = new_plan("new.xls");
    pxl_measure *m = add_measure(a, "A", "S", "M", 3);
    add_effect(a, m, "rad", 100, 200, 5);
    add_effect(a, m, "rad 2", 1, 1, 6);
    m = add_measure(b, "A", "S", "M", 3);
    add_effect(b, m, "rad", 100, 200, 5);
    pxl_effect *e = add_effect(b, m, "rad 2", 1, 1, 6);
    /* "1 65O": what tries to be a number and is not is INVALID, never 0 */
    e->full_year.kind = pxl_parse_text("1 65O", PXL_PARSE_AMOUNT, &e->full_year.number, NULL);
    e->full_year.text = pxl_plan_strdup(b, "1 65O");
    ck_assert_int_eq(e->full_year.kind, PXL_VALUE_INVALID);
    pxl_diff *d = diff_of(a, b);
    const pxl_diff_change *c = only(d, PXL_DIFF_EFFECT_AMOUNT);
    ck_assert_int_eq(c->trend, PXL_DIFF_TREND_CHANGED);
    ck_assert_int_eq(c->new_side.value->kind, PXL_VALUE_INVALID);
    ck_assert(!c->new_side.complete);
    c = only(d, PXL_DIFF_MEASURE_AMOUNT);
    ck_assert(c->old_side.complete && !c->new_side.complete);
    pxl_diff_free(d);
    pxl_plan_free(a);
    pxl_plan_free(b);
}
END_TEST

START_TEST(kpi_values_and_direction)
{
    pxl_plan *a = new_plan("old.xls"), *b = new_plan("new.xls");
    pxl_measure *m = add_measure(a, "A", "S", "M", 3);
    add_kpi(a, m, "Andel bomkörningar", "1 %", "4 %", 5);
    add_kpi(a, m, "Antal lägenheter", "13", "12,5", 6);
    add_kpi(a, m, "Vaken natt", "Minska", "Oförändrad", 7);
    m = add_measure(b, "A", "S", "M", 3);
    add_kpi(b, m, "Andel bomkörningar", "1 %", "3 %", 5);
    add_kpi(b, m, "antal  lägenheter", "14", "12,5", 6);
    add_kpi(b, m, "Vaken natt", "Minska", "Minskat något", 7);
    pxl_diff *d = diff_of(a, b);
    ck_assert_uint_eq(pxl_diff_count_kind(d, PXL_DIFF_KPI_CURRENT), 2);
    const pxl_diff_change *t = only(d, PXL_DIFF_KPI_TARGET);
    ck_assert_int_eq(t->trend, PXL_DIFF_TREND_INCREASED);
    ck_assert_str_eq(t->old_side.value->text, "13");
    ck_assert_str_eq(t->new_side.value->text, "14");
    ck_assert_uint_eq(t->new_side.cell.col, 3);
    const pxl_diff_change *c0 = pxl_diff_get(d, 0), *c2 = pxl_diff_get(d, 2);
    ck_assert_int_eq(c0->kind, PXL_DIFF_KPI_CURRENT);
    ck_assert_int_eq(c0->trend, PXL_DIFF_TREND_DECREASED);
    ck_assert_int_eq(c2->kind, PXL_DIFF_KPI_CURRENT);
    ck_assert_int_eq(c2->trend, PXL_DIFF_TREND_CHANGED); /* free text: no direction */
    ck_assert_uint_eq(pxl_diff_count(d), 3);
    pxl_diff_free(d);
    pxl_plan_free(a);
    pxl_plan_free(b);
}
END_TEST

START_TEST(moved_and_renamed)
{
    pxl_plan *a = new_plan("old.xls"), *b = new_plan("new.xls");
    pxl_measure *m = add_measure(a, "Äldreomsorg", "Hemtjänst", "Skifta perspektiv", 3);
    add_effect(a, m, "Lägre personalkostnader", 1473, 2700, 5);
    m = add_measure(a, "Äldreomsorg", "Dagverksamhet", "Flytt av verksamhet", 7);
    add_effect(a, m, "Besparing", 0, 180, 9);
    m = add_measure(b, "Äldreomsorg", "Hemtjänst", "Skifta perspektiv i hemtjänsten", 3);
    add_effect(b, m, "Lägre personalkostnader", 1473, 2700, 5);
    m = add_measure(b, "Funktionsstöd", "Dagverksamhet", "Flytt av verksamhet", 3);
    add_effect(b, m, "Besparing", 0, 180, 5);
    pxl_diff *d = diff_of(a, b);
    const pxl_diff_change *r = only(d, PXL_DIFF_MEASURE_RENAMED);
    ck_assert_str_eq(r->old_side.title, "Skifta perspektiv");
    ck_assert_str_eq(r->new_side.title, "Skifta perspektiv i hemtjänsten");
    const pxl_diff_change *mv = only(d, PXL_DIFF_MEASURE_MOVED);
    ck_assert_str_eq(mv->old_side.area, "Äldreomsorg");
    ck_assert_str_eq(mv->new_side.area, "Funktionsstöd");
    ck_assert_uint_eq(pxl_diff_count_kind(d, PXL_DIFF_MEASURE_ADDED), 0);
    ck_assert_uint_eq(pxl_diff_count_kind(d, PXL_DIFF_MEASURE_REMOVED), 0);
    /* 180 tkr left Äldreomsorg for Funktionsstöd; the plan's total did not move */
    ck_assert_uint_eq(pxl_diff_count_kind(d, PXL_DIFF_AREA_AMOUNT), 2);
    ck_assert_uint_eq(pxl_diff_count_kind(d, PXL_DIFF_TOTAL_AMOUNT), 0);
    ck_assert_uint_eq(pxl_diff_count(d), 4);
    pxl_diff_free(d);
    pxl_plan_free(a);
    pxl_plan_free(b);
}
END_TEST

START_TEST(bad_arguments)
{
    pxl_plan *a = new_plan("a.xls");
    pxl_diff *d = (pxl_diff *)1;
    ck_assert_int_eq(pxl_diff_plans(&d, a, NULL, NULL), PXL_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(d);
    pxl_diff_options o = PXL_DIFF_OPTIONS_INIT;
    o.version = 99;
    ck_assert_int_eq(pxl_diff_plans(&d, a, a, &o), PXL_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(pxl_diff_plans(NULL, a, a, NULL), PXL_ERR_INVALID_ARGUMENT);
    ck_assert_str_eq(pxl_diff_kind_name(PXL_DIFF_KPI_CURRENT), "kpi-current");
    ck_assert_str_eq(pxl_diff_kind_name((pxl_diff_kind)99), "unknown");
    pxl_diff_free(NULL);
    pxl_plan_free(a);
}
END_TEST

/* ---- generated pairs: every kind of change, in combination --------------------------- */

enum {
    F_REMOVED = 1 << 0, F_RENAMED = 1 << 1, F_MOVED = 1 << 2, F_AMOUNT = 1 << 3, F_KPI = 1 << 4,
    F_EFFECT_ADDED = 1 << 5, F_EFFECT_REMOVED = 1 << 6, F_KPI_ADDED = 1 << 7, F_KPI_REMOVED = 1 << 8,
    F_TARGET = 1 << 9, F_CASE = 1 << 10,
};

#define AREAS 3
#define PER_AREA 6
#define ADDED_MAX 3

static const char *const area_names[AREAS] = {"Äldreomsorg", "Funktionsstöd", "Individ- och familjeomsorg"};

static unsigned next_random(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7fff;
}

/* A fate for each measure: removed alone, else at most one of renamed/moved and any of the rest. */
static unsigned random_fate(unsigned *state)
{
    unsigned r = next_random(state);
    if (r % 9 == 0)
        return F_REMOVED;
    unsigned fate = 0;
    unsigned identity = next_random(state) % 5;
    if (identity == 0)
        fate |= F_RENAMED;
    else if (identity == 1)
        fate |= F_MOVED;
    else if (identity == 2)
        fate |= F_CASE;
    static const unsigned extras[] = {F_AMOUNT, F_KPI, F_EFFECT_ADDED, F_EFFECT_REMOVED, F_KPI_ADDED, F_KPI_REMOVED,
                                      F_TARGET};
    for (size_t i = 0; i < sizeof extras / sizeof extras[0]; i++)
        if (next_random(state) % 4 == 0)
            fate |= extras[i];
    /* A renamed measure is known by its effect rows: they stay as they were. */
    if (fate & F_RENAMED)
        fate &= ~(unsigned)(F_EFFECT_ADDED | F_EFFECT_REMOVED);
    return fate;
}

/* Measure @p i of area @p a as the old plan has it (@p fate 0) or the new (its fate). */
static void build_measure(pxl_plan *plan, size_t a, size_t i, unsigned fate, int newer, int *row)
{
    char title[96], text[96];
    size_t area = a;
    if (newer && (fate & F_MOVED))
        area = (a + 1) % AREAS;
    if (newer && (fate & F_RENAMED))
        snprintf(title, sizeof title, "Omdöpt åtgärd %zu.%zu", a, i);
    else if (newer && (fate & F_CASE))
        snprintf(title, sizeof title, "  ÅTGÄRD  NUMMER %zu.%zu ", a, i);
    else
        snprintf(title, sizeof title, "Åtgärd nummer %zu.%zu", a, i);
    char section[32];
    snprintf(section, sizeof section, "Område %zu", i % 2);
    pxl_measure *m = add_measure(plan, area_names[area], section, title, (*row)++);
    double step = newer && (fate & F_AMOUNT) ? 10 : 0;
    snprintf(text, sizeof text, "Effektrad 0 av %zu.%zu", a, i);
    add_effect(plan, m, text, 100.0 * (double)i + 1, 200.0 * (double)i + 3 + step, (*row)++);
    if (!(newer && (fate & F_EFFECT_REMOVED))) {
        snprintf(text, sizeof text, "Effektrad 1 av %zu.%zu", a, i);
        add_effect(plan, m, text, 7, 11, (*row)++);
    }
    if (newer && (fate & F_EFFECT_ADDED)) {
        snprintf(text, sizeof text, "Ny effektrad av %zu.%zu", a, i);
        add_effect(plan, m, text, 5, 13, (*row)++);
    }
    snprintf(text, sizeof text, "Nyckeltal 0 av %zu.%zu", a, i);
    add_kpi(plan, m, text, newer && (fate & F_TARGET) ? "95 %" : "90 %", newer && (fate & F_KPI) ? "12,5" : "11,5",
            (*row)++);
    if (!(newer && (fate & F_KPI_REMOVED))) {
        snprintf(text, sizeof text, "Nyckeltal 1 av %zu.%zu", a, i);
        add_kpi(plan, m, text, "Öka", "40 %", (*row)++);
    }
    if (newer && (fate & F_KPI_ADDED)) {
        snprintf(text, sizeof text, "Nytt nyckeltal av %zu.%zu", a, i);
        add_kpi(plan, m, text, "Minska", "3", (*row)++);
    }
}

/* The area sums of @p plan by name, summed here from the model (not by the diff). */
static double area_total(const pxl_plan *plan, const char *name, int full)
{
    double sum = 0;
    for (size_t a = 0; a < pxl_plan_area_count(plan); a++) {
        const pxl_area *area = pxl_plan_area(plan, a);
        if (strcmp(pxl_area_name(area), name))
            continue;
        for (size_t m = 0; m < pxl_area_measure_count(area); m++) {
            const pxl_measure *ms = pxl_area_measure(area, m);
            for (size_t e = 0; e < pxl_measure_effect_count(ms); e++) {
                const pxl_effect *ef = pxl_measure_effect(ms, e);
                sum += (full ? pxl_effect_full_year(ef) : pxl_effect_current_year(ef))->number;
            }
        }
    }
    return sum;
}

START_TEST(generated_pairs)
{
    unsigned state = 0x5eed0000u + (unsigned)_i;
    unsigned fates[AREAS][PER_AREA];
    size_t expect[PXL_DIFF_KPI_CURRENT + 1] = {0};
    pxl_plan *a = new_plan("old.xls"), *b = new_plan("new.xls");
    /* Every area exists on both sides (a measure added to each), so areas never vanish. */
    for (size_t ar = 0; ar < AREAS; ar++)
        for (size_t i = 0; i < PER_AREA; i++)
            fates[ar][i] = random_fate(&state);
    int row_a = 3, row_b = 3;
    for (size_t ar = 0; ar < AREAS; ar++)
        for (size_t i = 0; i < PER_AREA; i++) {
            unsigned f = fates[ar][i];
            build_measure(a, ar, i, 0, 0, &row_a);
            if (f & F_REMOVED) {
                expect[PXL_DIFF_MEASURE_REMOVED]++;
                continue;
            }
            build_measure(b, ar, i, f, 1, &row_b);
            expect[PXL_DIFF_MEASURE_RENAMED] += !!(f & F_RENAMED);
            expect[PXL_DIFF_MEASURE_MOVED] += !!(f & F_MOVED);
            expect[PXL_DIFF_EFFECT_AMOUNT] += !!(f & F_AMOUNT);
            expect[PXL_DIFF_EFFECT_ADDED] += !!(f & F_EFFECT_ADDED);
            expect[PXL_DIFF_EFFECT_REMOVED] += !!(f & F_EFFECT_REMOVED);
            expect[PXL_DIFF_KPI_CURRENT] += !!(f & F_KPI);
            expect[PXL_DIFF_KPI_TARGET] += !!(f & F_TARGET);
            expect[PXL_DIFF_KPI_ADDED] += !!(f & F_KPI_ADDED);
            expect[PXL_DIFF_KPI_REMOVED] += !!(f & F_KPI_REMOVED);
            /* A row added or gone moves both sums (5/13 in, 7/11 out: never netting to 0). */
            if (f & (F_EFFECT_ADDED | F_EFFECT_REMOVED))
                expect[PXL_DIFF_MEASURE_AMOUNT] += 2;
            else if (f & F_AMOUNT)
                expect[PXL_DIFF_MEASURE_AMOUNT] += 1;
        }
    size_t added = next_random(&state) % (ADDED_MAX + 1);
    for (size_t k = 0; k < added; k++) {
        char title[64];
        snprintf(title, sizeof title, "Helt ny åtgärd %zu", k);
        pxl_measure *m = add_measure(b, area_names[k % AREAS], "Nytt område", title, row_b++);
        add_effect(b, m, "Ny effekt", 50, 100, row_b++);
        expect[PXL_DIFF_MEASURE_ADDED]++;
    }
    size_t areas_changed = 0, totals_changed = 0;
    for (int full = 0; full < 2; full++) {
        double ta = 0, tb = 0;
        for (size_t ar = 0; ar < AREAS; ar++) {
            double sa = area_total(a, area_names[ar], full), sb = area_total(b, area_names[ar], full);
            areas_changed += fabs(sa - sb) > 1e-9;
            ta += sa;
            tb += sb;
        }
        totals_changed += fabs(ta - tb) > 1e-9;
    }
    expect[PXL_DIFF_AREA_AMOUNT] = areas_changed;
    expect[PXL_DIFF_TOTAL_AMOUNT] = totals_changed;

    pxl_diff *d = diff_of(a, b);
    size_t sum = 0;
    for (int k = 0; k <= PXL_DIFF_KPI_CURRENT; k++) {
        ck_assert_msg(pxl_diff_count_kind(d, (pxl_diff_kind)k) == expect[k], "seed %d: %s: %zu, expected %zu", _i,
                      pxl_diff_kind_name((pxl_diff_kind)k), pxl_diff_count_kind(d, (pxl_diff_kind)k), expect[k]);
        sum += expect[k];
    }
    ck_assert_uint_eq(pxl_diff_count(d), sum);
    /* Each change of a measure's own names the measure on the sides it is on, with its cells. */
    for (size_t i = 0; i < pxl_diff_count(d); i++) {
        const pxl_diff_change *c = pxl_diff_get(d, i);
        if (c->kind == PXL_DIFF_MEASURE_RENAMED || c->kind == PXL_DIFF_MEASURE_MOVED ||
            c->kind == PXL_DIFF_EFFECT_AMOUNT || c->kind == PXL_DIFF_KPI_CURRENT) {
            ck_assert(c->old_side.present && c->new_side.present);
            ck_assert(c->old_side.has_cell && c->new_side.has_cell);
            ck_assert_str_eq(c->old_side.cell.file, "old.xls");
            ck_assert_str_eq(c->new_side.cell.file, "new.xls");
        }
        if (c->kind == PXL_DIFF_MEASURE_RENAMED)
            ck_assert_ptr_nonnull(strstr(c->new_side.title, "Omdöpt"));
        if (c->kind == PXL_DIFF_MEASURE_MOVED)
            ck_assert_str_ne(c->old_side.area, c->new_side.area);
        if (c->kind == PXL_DIFF_EFFECT_AMOUNT)
            ck_assert_double_eq_tol(c->new_side.amount - c->old_side.amount, 10, 1e-9);
    }
    /* The same plans the other way round: every addition is a removal. */
    pxl_diff *back = diff_of(b, a);
    ck_assert_uint_eq(pxl_diff_count_kind(back, PXL_DIFF_MEASURE_ADDED), expect[PXL_DIFF_MEASURE_REMOVED]);
    ck_assert_uint_eq(pxl_diff_count_kind(back, PXL_DIFF_MEASURE_REMOVED), expect[PXL_DIFF_MEASURE_ADDED]);
    ck_assert_uint_eq(pxl_diff_count_kind(back, PXL_DIFF_KPI_ADDED), expect[PXL_DIFF_KPI_REMOVED]);
    ck_assert_uint_eq(pxl_diff_count_kind(back, PXL_DIFF_EFFECT_REMOVED), expect[PXL_DIFF_EFFECT_ADDED]);
    ck_assert_uint_eq(pxl_diff_count(back), sum);
    pxl_diff_free(back);
    pxl_diff_free(d);
    pxl_plan_free(a);
    pxl_plan_free(b);
}
END_TEST

/* ---- the CLI ------------------------------------------------------------------------- */

static char out_text[OUTPUT_MAX], err_text[OUTPUT_MAX];

static int sh(const char *fmt, ...)
{
    char cmd[8192], line[8192 + 512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    snprintf(line, sizeof line, "cd '%s' && %s", tmp, cmd);
    int status = system(line);
    ck_assert_msg(status != -1, "could not run: %s", cmd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int planxl(const char *fmt, ...)
{
    char args[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    int rc = sh("LANG=C LC_ALL=C '%s' %s >stdout.txt 2>stderr.txt", PXL_TEST_BIN, args);
    char path[300];
    read_text_file(in_tmp(path, sizeof path, "stdout.txt"), out_text, sizeof out_text);
    read_text_file(in_tmp(path, sizeof path, "stderr.txt"), err_text, sizeof err_text);
    return rc;
}

static void setup(void)
{
    make_tmp_named("pxl_diff");
}

static void teardown(void)
{
    remove_tmp();
}

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    return n;
}

/* 1 when a line of out_text holds every one of the NULL-terminated parts. */
static int has_line(const char *first, ...)
{
    const char *parts[8];
    size_t n = 0;
    va_list ap;
    va_start(ap, first);
    for (const char *p = first; p && n < 8; p = va_arg(ap, const char *))
        parts[n++] = p;
    va_end(ap);
    for (const char *line = out_text; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        int all = 1;
        for (size_t i = 0; i < n && all; i++) {
            const char *hit = strstr(line, parts[i]);
            all = hit && hit < line + len;
        }
        if (all)
            return 1;
        line += len + (end != NULL);
    }
    return 0;
}

START_TEST(cli_example_text)
{
    ck_assert_int_eq(planxl("diff '%s' '%s'", PLAN, CHANGED), 1);
    ck_assert_msg(count_lines(out_text) == 17, "16 changes and the count:\n%s", out_text);
    ck_assert_str_eq(err_text, "");
    /* The changes made (make_diff_pair.pl), each with the new cell first and the old one after. */
    ck_assert(has_line(CHANGED ":Funktionsstöd!B23: measure-added: Funktionsstöd: new measure \"Samordnad planering "
                       "av boendestöd\"",
                       NULL));
    ck_assert(has_line(PLAN ":Äldreomsorg!B15: measure-removed: Äldreomsorg: measure \"Digital natttillsyn\" "
                       "removed",
                       NULL));
    ck_assert(has_line(CHANGED ":Äldreomsorg!B9: measure-renamed: ", "\"Skifta perspektiv\" renamed \"Skifta "
                       "perspektiv i hemtjänsten\"", "(was " PLAN ":Äldreomsorg!B9)", NULL));
    ck_assert(has_line(CHANGED ":Äldreomsorg!E39: effect-amount: ", "Helårseffekt 9 000 → 9 500 tkr (+500)",
                       "(was " PLAN ":Äldreomsorg!E43)", NULL));
    ck_assert(has_line(CHANGED ":Funktionsstöd!D6: effect-amount: ", "Effekt 2024 296 → 310 tkr (+14)",
                       "(was " PLAN ":Funktionsstöd!D6)", NULL));
    ck_assert(has_line(CHANGED ":Funktionsstöd!E33: effect-amount: ", "Helårseffekt 1 225 → 1 300 tkr (+75)",
                       "(was " PLAN ":Funktionsstöd!E29)", NULL));
    ck_assert(has_line(CHANGED ":Äldreomsorg!E6: kpi-current: ", "Nuläge 73,9 % → 75,2 % (increased)",
                       "(was " PLAN ":Äldreomsorg!E6)", NULL));
    ck_assert(has_line(CHANGED ":Funktionsstöd!E37: kpi-current: ", "Nuläge 4 % → 3 % (decreased)",
                       "(was " PLAN ":Funktionsstöd!E33)", NULL));
    ck_assert(has_line(CHANGED ": total-amount: the whole plan: Helårseffekt 23 703 → 24 878 tkr (+1 175)", NULL));
    ck_assert(has_line("16 changes", NULL));
}
END_TEST

START_TEST(cli_example_json)
{
    ck_assert_int_eq(planxl("diff --format json -o diff.json '%s' '%s'", PLAN, CHANGED), 1);
    ck_assert_str_eq(out_text, "");
    ck_assert_int_eq(sh("%s '%s' diff.json >schema.txt", PXL_TEST_PYTHON " " PXL_TEST_TOOLS "/json_schema_check.py",
                        SCHEMA),
                     0);
    ck_assert_int_eq(sh("%s diff.json >expect.txt 2>&1", PXL_TEST_PYTHON " " PXL_TEST_TOOLS "/diff_expect.py"), 0);
    /* The validator is no rubber stamp: a document missing a member fails. */
    ck_assert_int_eq(sh("sed 's/\"trend\"/\"trnd\"/' diff.json >bad.json && %s '%s' bad.json >/dev/null",
                        PXL_TEST_PYTHON " " PXL_TEST_TOOLS "/json_schema_check.py", SCHEMA),
                     1);
}
END_TEST

START_TEST(cli_equal_and_exit_codes)
{
    ck_assert_int_eq(planxl("diff '%s' '%s'", PLAN, PLAN), 0);
    ck_assert_str_eq(out_text, "no changes: the plans are equal\n");
    ck_assert_int_eq(planxl("diff --format json -o eq.json '%s' '%s'", PLAN, PLAN), 0);
    ck_assert_int_eq(sh("%s '%s' eq.json >/dev/null", PXL_TEST_PYTHON " " PXL_TEST_TOOLS "/json_schema_check.py",
                        SCHEMA),
                     0);
    ck_assert_int_eq(sh("grep -q '\"equal\": true' eq.json"), 0);
    /* an existing OUT is kept without -f */
    ck_assert_int_eq(planxl("diff --format json -o eq.json '%s' '%s'", PLAN, CHANGED), 1);
    ck_assert_int_eq(sh("grep -q '\"equal\": true' eq.json"), 0);
    /* -q: nothing printed, the status tells */
    ck_assert_int_eq(planxl("diff -q '%s' '%s'", PLAN, CHANGED), 1);
    ck_assert_str_eq(out_text, "");
    /* an input that cannot be read: 2, nothing compared, the file named */
    ck_assert_int_eq(planxl("diff '%s' missing.xls", PLAN), 2);
    ck_assert_str_eq(out_text, "");
    ck_assert_ptr_nonnull(strstr(err_text, "missing.xls"));
    ck_assert_int_eq(planxl("diff '%s' '%s'", DATA "/layouts/not_a_plan.xls", PLAN), 2);
    ck_assert_str_eq(out_text, "");
    /* usage */
    ck_assert_int_eq(planxl("diff '%s'", PLAN), 64);
    ck_assert_int_eq(planxl("diff '%s' '%s' '%s'", PLAN, PLAN, PLAN), 64);
    ck_assert_int_eq(planxl("diff --old '%s'", PLAN), 64);
    ck_assert_int_eq(planxl("diff --old '%s' --new '%s' '%s'", PLAN, PLAN, PLAN), 64);
    ck_assert_int_eq(planxl("diff --new ''"), 64);
    ck_assert_int_eq(planxl("diff --format xml '%s' '%s'", PLAN, PLAN), 64);
    ck_assert_int_eq(planxl("diff --xlsx - '%s' '%s'", PLAN, PLAN), 64);
    ck_assert_int_eq(planxl("diff --help"), 0);
    ck_assert_ptr_nonnull(strstr(out_text, "--old FILE"));
    /* the output is never an input */
    ck_assert_int_eq(sh("cp '%s' copy.xls", PLAN), 0);
    ck_assert_int_eq(planxl("diff -f -o copy.xls '%s' copy.xls", PLAN), 1);
    ck_assert_int_eq(sh("cmp -s '%s' copy.xls", PLAN), 0);
}
END_TEST

/* Under a Swedish locale the messages are Swedish (po/sv.po); the kinds and cells are not. */
START_TEST(cli_swedish)
{
    ck_assert_int_eq(sh("LANGUAGE= LC_ALL=sv_SE.UTF-8 '%s' diff '%s' '%s' >sv.txt", PXL_TEST_BIN, PLAN, CHANGED), 1);
    char path[300];
    read_text_file(in_tmp(path, sizeof path, "sv.txt"), out_text, sizeof out_text);
    ck_assert_msg(has_line(CHANGED ":Äldreomsorg!B9: measure-renamed: Äldreomsorg: åtgärden ”Skifta perspektiv” har "
                           "bytt namn till ”Skifta perspektiv i hemtjänsten” (tidigare " PLAN ":Äldreomsorg!B9)",
                           NULL),
                  "%s", out_text);
    ck_assert(has_line(": kpi-current: ", "Nuläge 4 % → 3 % (minskat)", NULL));
    ck_assert(has_line(": total-amount: hela planen: Helårseffekt 23 703 → 24 878 tkr (+1 175)", NULL));
    ck_assert(has_line("16 ändringar", NULL));
}
END_TEST

START_TEST(cli_several_files_per_side)
{
#define MORE DATA "/layouts/title_dash.xls"
    const char *more = MORE; /* Förskola and Grundskola: areas the example lacks */
    ck_assert_int_eq(planxl("diff --old '%s' --new '%s' --new '%s'", PLAN, PLAN, more), 1);
    size_t added = 0;
    for (const char *p = out_text; (p = strstr(p, ": measure-added: ")); p++)
        added++;
    ck_assert_msg(added == 2, "%s", out_text);
    ck_assert(has_line(MORE ":", ": measure-added: Förskola: ", NULL));
    ck_assert(has_line(MORE ":", ": measure-added: Grundskola: ", NULL));
    ck_assert_ptr_null(strstr(out_text, "measure-removed"));
    /* The same files in another order make the same plan. */
    ck_assert_int_eq(planxl("diff --old '%s' --old '%s' --new '%s' --new '%s'", PLAN, more, more, PLAN), 0);
}
END_TEST

/* The side-by-side workbook: a sheet per area, exactly the changed measures and KPIs named, the
 * totals as formulas whose cached results LibreOffice's recalculation confirms. */
START_TEST(cli_example_xlsx)
{
    ck_assert_int_eq(planxl("diff -q --xlsx diff.xlsx '%s' '%s'", PLAN, CHANGED), 1);
    ck_assert_str_eq(err_text, "");
    ck_assert_int_eq(sh("%s -c 'import openpyxl,sys\n"
                        "wb=openpyxl.load_workbook(\"diff.xlsx\"); v=openpyxl.load_workbook(\"diff.xlsx\", data_only=True)\n"
                        "print(wb.sheetnames)\n"
                        "for ws in wb:\n"
                        " for r in ws.iter_rows(min_row=4, values_only=True):\n"
                        "  if r[4]: print(ws.title, r[2], r[3] or r[1], \"|\", r[4])\n"
                        " t=[r for r in v[ws.title].iter_rows(min_row=4, values_only=True) if r[0]==\"Totalt\"][0]\n"
                        " print(ws.title, \"Totalt\", t[5:11])\n"
                        "' >xlsx.txt",
                        PXL_TEST_PYTHON),
                     0);
    char path[300], text[8192];
    read_text_file(in_tmp(path, sizeof path, "xlsx.txt"), text, sizeof text);
    ck_assert_str_eq(text,
                     "['Äldreomsorg', 'Funktionsstöd']\n"
                     "Äldreomsorg Åtgärd Träffsäkra beslut | ändrad\n"
                     "Äldreomsorg Nyckeltal Utförd tid som andel av beviljad tid inom hemtjänsten (R12) | ändrad\n"
                     "Äldreomsorg Åtgärd Skifta perspektiv i hemtjänsten | nytt namn, förut ”Skifta perspektiv”\n"
                     "Äldreomsorg Åtgärd Personaltäthet | ändrad\n"
                     "Äldreomsorg Åtgärd Digital natttillsyn | borttagen\n"
                     "Äldreomsorg Nyckeltal Andel med kameratillsyn | borttagen\n"
                     /* the example's sums (README): 5 473 / 17 170 tkr, 9 000 -> 9 500 */
                     "Äldreomsorg Totalt (5473, 5473, 0, 17170, 17670, 500)\n"
                     "Funktionsstöd Åtgärd Översyn av verksamheten inom Gladö stall | ändrad\n"
                     "Funktionsstöd Åtgärd Samordnad planering av boendestöd | ny\n"
                     "Funktionsstöd Åtgärd Utforma arbetsätt för att minska ensamåkning och antal körda kilometer | ändrad\n"
                     "Funktionsstöd Åtgärd Utforma rutiner för att minska antalet bomkörningar och sent avbokade besök | "
                     "ändrad\n"
                     "Funktionsstöd Nyckeltal Andel bomkörningar av totalt antal resor | ändrad\n"
                     "Funktionsstöd Totalt (1136, 1300, 164, 6533, 7208, 675)\n");
    ck_assert_int_eq(sh("%s diff.xlsx lo >/dev/null 2>&1", PXL_TEST_TOOLS "/lo_recalc.sh"), 0);
    ck_assert_int_eq(sh("%s recalc diff.xlsx lo/diff.xlsx", PXL_TEST_PYTHON " " PXL_TEST_TOOLS "/report_xlsx.py"), 0);
    /* an existing workbook is kept without -f; with -f replaced; never an input */
    ck_assert_int_eq(planxl("diff -q --xlsx diff.xlsx '%s' '%s'", PLAN, PLAN), 1);
    ck_assert_ptr_nonnull(strstr(err_text, "diff.xlsx"));
    ck_assert_int_eq(planxl("diff -q -f --xlsx diff.xlsx '%s' '%s'", PLAN, PLAN), 0);
    ck_assert_int_eq(sh("cp '%s' copy.xls", PLAN), 0);
    ck_assert_int_eq(planxl("diff -q -f --xlsx copy.xls '%s' copy.xls", PLAN), 1);
    ck_assert_int_eq(sh("cmp -s '%s' copy.xls", PLAN), 0);
}
END_TEST

Suite *diff_suite(void)
{
    Suite *s = suite_create("diff");
    TCase *t = tcase_create("library");
    tcase_add_test(t, equal_plans);
    tcase_add_test(t, case_and_space_folded);
    tcase_add_test(t, amount_change_carries_both_cells);
    tcase_add_test(t, unreadable_amount_is_no_number);
    tcase_add_test(t, kpi_values_and_direction);
    tcase_add_test(t, moved_and_renamed);
    tcase_add_test(t, bad_arguments);
    tcase_add_loop_test(t, generated_pairs, 0, 40);
    suite_add_tcase(s, t);

    TCase *c = tcase_create("cli");
    tcase_set_tags(c, "functional");
    tcase_add_checked_fixture(c, setup, teardown);
    tcase_set_timeout(c, 120);
    tcase_add_test(c, cli_example_text);
    tcase_add_test(c, cli_example_json);
    tcase_add_test(c, cli_equal_and_exit_codes);
    tcase_add_test(c, cli_several_files_per_side);
    tcase_add_test(c, cli_swedish);
    tcase_add_test(c, cli_example_xlsx);
    suite_add_tcase(s, c);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(diff_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
