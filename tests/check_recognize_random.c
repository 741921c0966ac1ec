/*
 * The recogniser on random sheets: header words, total labels, names, Swedish
 * numbers, prose, decoration, formula cells without values, error and date
 * cells, in random rows and columns, sometimes out of row-major order or
 * twice at one address. A grid is built in memory behind the grid interface
 * (read/reader.h), so thousands of layouts run in a second. Whatever comes
 * in, reading must end in PXL_OK or PXL_ERR_NO_PLAN, never crash (the
 * sanitizer build watches), and the model must keep its promises: every value
 * has its cell on a real sheet, missing values have no text, numbers are
 * finite, and the JSON and outline writers accept the plan.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/reader.h"
#include "planxl/dump.h"
#include "planxl/plan.h"

#define RANDOM_PLANS 400
#define MAX_SHEETS 3
#define MAX_CELLS 400

static const char *const vocabulary[] = {
    "Område", "Åtgärd", "Åtgärder", "Beskrivning", "Nyckeltal", "Mål", "Målvärde", "Utfall", "Nuläge",
    "Kommentar", "Kommentarer", "Effekt 2024 (tkr)", "Effekt innevarande år (tkr)", "Helårseffekt (tkr)",
    "Helårseffekt, tkr", "Beskrivning av effekt", "Verksamhet", "Verksamhetsområde", "Summa", "Totalt",
    "Netto", "Summa netto", "Äldreomsorg", "Funktionsstöd", "Hemtjänst",
    "Åtgärder inom vård- och omsorgsnämnden \xE2\x80\x93 Äldreomsorg", "Åtgärdsplan per augusti 2024",
    "1 650", "-1 600", "\xE2\x88\x92" "1 600", "3\xC2\xA0" "800", "0,80", "73,9 %", "95,4%", "Öka", "Minska",
    "Oförändrad", "1 65O", "-----", "====", "Belopp anges i tkr.", "Nämnd:", "Kommun:", "Huddinge",
    "En lång beskrivning av en åtgärd som pågår under året och ska ge effekt.", " ", "", "\xFF\xFE bad utf8",
    "Effekt 2025", "Totalt minskar kostnaden", "Framsida",
};
#define VOCABULARY (sizeof vocabulary / sizeof vocabulary[0])

typedef struct fake_sheet {
    pxl_cell cells[MAX_CELLS];
    size_t count;
} fake_sheet;

typedef struct fake_book {
    fake_sheet sheets[MAX_SHEETS];
} fake_book;

static uint64_t rng_state;
static int plans_found, measures_found, totals_found; /* across seeds: the layouts must not all be noise */

static uint32_t next_random(void)
{
    /* xorshift64*: reproducible from the test's seed */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static uint32_t below(uint32_t n)
{
    return n ? next_random() % n : 0;
}

static pxl_error fake_scan(void *impl, size_t index, pxl_cell_visitor visit, void *ctx)
{
    fake_book *book = impl;
    fake_sheet *sheet = &book->sheets[index];
    for (size_t i = 0; i < sheet->count; i++)
        if (visit(ctx, &sheet->cells[i]))
            break;
    return PXL_OK;
}

static void fake_close(void *impl)
{
    free(impl);
}

static const pxl_reader_ops fake_ops = {"fake", fake_scan, fake_close, NULL, NULL};

static int compare_cells(const void *a, const void *b)
{
    const pxl_cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

static void random_cell(pxl_cell *c, uint32_t row, uint32_t col)
{
    memset(c, 0, sizeof *c);
    c->row = row;
    c->col = col;
    uint32_t what = below(100);
    if (what < 60) {
        c->type = PXL_CELL_TEXT;
        c->text = vocabulary[below(VOCABULARY)];
    } else if (what < 85) {
        c->type = PXL_CELL_NUMBER;
        static const double numbers[] = {0, 1473, 2700, -5000, 0.54, 34.8, 1e300, -0.0, 5110, 12.5};
        c->number = numbers[below(10)];
    } else if (what < 90) {
        c->type = PXL_CELL_EMPTY; /* a formula whose value the reader does not know */
        c->is_formula = 1;
        c->formula = "SUM(D6:D7)";
    } else if (what < 94) {
        c->type = PXL_CELL_ERROR;
        c->text = "#DIV/0!";
    } else if (what < 97) {
        c->type = PXL_CELL_DATE;
        c->number = 45500;
    } else {
        c->type = PXL_CELL_BOOLEAN;
        c->number = 1;
    }
}

/* A random sheet: rows built like plan rows (a few cells side by side) at random places. */
static void random_sheet(fake_sheet *sheet)
{
    sheet->count = 0;
    uint32_t row = below(3);
    size_t target = below(MAX_CELLS);
    while (sheet->count < target) {
        uint32_t col = below(8), width = 1 + below(7);
        for (uint32_t k = 0; k < width && sheet->count < MAX_CELLS; k++)
            random_cell(&sheet->cells[sheet->count++], row, col + k);
        if (below(40) == 0 && sheet->count > 0 && sheet->count < MAX_CELLS) {
            /* two records for one cell, as a damaged file may hold */
            sheet->cells[sheet->count] = sheet->cells[sheet->count - 1];
            sheet->count++;
        }
        row += 1 + (below(4) == 0 ? below(3) : 0);
        if (below(50) == 0)
            row = 65535; /* the last row of a BIFF8 sheet */
        if (row > 65535)
            break;
    }
    if (below(5) != 0)
        qsort(sheet->cells, sheet->count, sizeof sheet->cells[0], compare_cells); /* else: out of order */
}

static pxl_grid *random_grid(void)
{
    pxl_grid *grid = calloc(1, sizeof *grid);
    fake_book *book = calloc(1, sizeof *book);
    ck_assert_ptr_nonnull(grid);
    ck_assert_ptr_nonnull(book);
    grid->path = strdup("random.xls");
    grid->reader = PXL_READER_FREEXL;
    grid->ops = &fake_ops;
    grid->impl = book;
    size_t sheets = 1 + below(MAX_SHEETS);
    static const char *const names[] = {"Framsida", "Äldreomsorg", "Blad1", "Effekter", "Nyckeltal"};
    for (size_t s = 0; s < sheets; s++) {
        ck_assert_int_eq(pxl_grid_add_sheet(grid, names[below(5)]), PXL_OK);
        random_sheet(&book->sheets[s]);
    }
    return grid;
}

static void check_ref(const pxl_grid *grid, const pxl_cellref *ref)
{
    ck_assert_ptr_nonnull(ref->sheet);
    int known = 0;
    for (size_t s = 0; s < pxl_grid_sheet_count(grid); s++)
        known |= !strcmp(ref->sheet, pxl_grid_sheet_name(grid, s));
    ck_assert_msg(known, "cell on unknown sheet '%s'", ref->sheet);
    ck_assert_uint_lt(ref->row, PXL_XLS_MAX_ROWS);
    ck_assert_uint_lt(ref->col, PXL_XLS_MAX_COLS);
    ck_assert_str_eq(ref->file, "random.xls");
}

static void check_value(const pxl_grid *grid, const pxl_value *v, pxl_parse_mode mode)
{
    check_ref(grid, &v->cell);
    ck_assert_ptr_nonnull(v->text);
    ck_assert_int_ge(v->kind, PXL_VALUE_MISSING);
    ck_assert_int_le(v->kind, PXL_VALUE_INVALID);
    if (v->kind == PXL_VALUE_MISSING)
        ck_assert_str_eq(v->text, "");
    if (v->kind == PXL_VALUE_NUMBER || v->kind == PXL_VALUE_PERCENT)
        ck_assert(isfinite(v->number));
    if (mode == PXL_PARSE_AMOUNT)
        ck_assert(v->kind != PXL_VALUE_DIRECTION && v->kind != PXL_VALUE_TEXT);
}

START_TEST(random_layouts)
{
    rng_state = 0x9E3779B97F4A7C15ULL ^ ((uint64_t)_i * 0x100000001B3ULL) ^ 1;
    pxl_grid *grid = random_grid();
    pxl_plan *plan;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    pxl_error err = pxl_plan_read_grid(plan, grid, "random.xls");
    ck_assert_msg(err == PXL_OK || err == PXL_ERR_NO_PLAN, "seed %d: %s", _i, pxl_error_message());
    if (err == PXL_ERR_NO_PLAN)
        ck_assert_int_eq(pxl_plan_area_count(plan), 0);
    else
        plans_found++;
    for (size_t a = 0; a < pxl_plan_area_count(plan); a++) {
        const pxl_area *area = pxl_plan_area(plan, a);
        ck_assert_ptr_nonnull(pxl_area_name(area));
        ck_assert_uint_gt(pxl_area_measure_count(area), 0); /* no empty areas */
        for (size_t m = 0; m < pxl_area_measure_count(area); m++) {
            const pxl_measure *measure = pxl_area_measure(area, m);
            measures_found++;
            totals_found += (int)pxl_measure_total_count(measure);
            check_ref(grid, pxl_measure_cell(measure));
            check_ref(grid, pxl_measure_title_cell(measure));
            ck_assert_ptr_nonnull(pxl_measure_title(measure));
            ck_assert_ptr_nonnull(pxl_measure_description(measure));
            for (size_t i = 0; i < pxl_measure_kpi_count(measure); i++) {
                const pxl_kpi *k = pxl_measure_kpi(measure, i);
                check_ref(grid, pxl_kpi_cell(k));
                check_value(grid, pxl_kpi_target(k), PXL_PARSE_KPI);
                check_value(grid, pxl_kpi_current(k), PXL_PARSE_KPI);
            }
            for (size_t i = 0; i < pxl_measure_effect_count(measure); i++) {
                const pxl_effect *e = pxl_measure_effect(measure, i);
                check_ref(grid, pxl_effect_cell(e));
                check_value(grid, pxl_effect_current_year(e), PXL_PARSE_AMOUNT);
                check_value(grid, pxl_effect_full_year(e), PXL_PARSE_AMOUNT);
            }
            for (size_t i = 0; i < pxl_measure_total_count(measure); i++) {
                const pxl_total *t = pxl_measure_total(measure, i);
                check_ref(grid, pxl_total_cell(t));
                ck_assert_str_ne(pxl_total_label(t), "");
                check_value(grid, pxl_total_current_year(t), PXL_PARSE_AMOUNT);
                check_value(grid, pxl_total_full_year(t), PXL_PARSE_AMOUNT);
            }
        }
    }
    FILE *sink = fopen("/dev/null", "w");
    ck_assert_ptr_nonnull(sink);
    ck_assert_int_eq(pxl_plan_write_json(plan, sink, "/dev/null"), PXL_OK);
    ck_assert_int_eq(pxl_plan_write_outline(plan, sink, "/dev/null"), PXL_OK);
    fclose(sink);
    pxl_plan_free(plan);
    pxl_grid_close(grid);
}
END_TEST

/* Runs after the seeds (same process): random layouts did exercise the recogniser. */
START_TEST(random_layouts_found_plans)
{
    ck_assert_int_gt(plans_found, RANDOM_PLANS / 4);
    ck_assert_int_gt(measures_found, RANDOM_PLANS);
    ck_assert_int_gt(totals_found, 0);
}
END_TEST

/* fuzz_recognize's first find (issue 16, item 5): a flat effect table (Område, Åtgärd,
 * Helårseffekt) with no measure row and a plain "Summa" under it made an area of that total
 * alone, no measure in it: an empty area, which the model promises never to hold. */
START_TEST(fuzz_flat_total_without_measures)
{
    static const struct { uint32_t row, col; const char *text; } cells[] = {
        {1, 2, "Helårseffekt, tkr"}, {1, 13, "Helårseffekt, tkr"}, {1, 2, "Åtgärd"}, {1, 0, "Område"},
        {3, 5, "Nämnd:"}, {4, 0, "Summa"}, {5, 0, "\xE2\x88\x92" "1 600"},
    };
    pxl_grid *grid = calloc(1, sizeof *grid);
    fake_book *book = calloc(1, sizeof *book);
    ck_assert_ptr_nonnull(grid);
    ck_assert_ptr_nonnull(book);
    grid->path = strdup("random.xls");
    grid->reader = PXL_READER_FREEXL;
    grid->ops = &fake_ops;
    grid->impl = book;
    ck_assert_int_eq(pxl_grid_add_sheet(grid, "Framsida"), PXL_OK);
    ck_assert_int_eq(pxl_grid_add_sheet(grid, "Äldreomsorg"), PXL_OK);
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        pxl_cell *c = &book->sheets[0].cells[book->sheets[0].count++];
        memset(c, 0, sizeof *c);
        c->row = cells[i].row;
        c->col = cells[i].col;
        c->type = PXL_CELL_TEXT;
        c->text = cells[i].text;
    }
    pxl_plan *plan;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    pxl_error err = pxl_plan_read_grid(plan, grid, "random.xls");
    ck_assert_msg(err == PXL_OK || err == PXL_ERR_NO_PLAN, "%s", pxl_error_message());
    for (size_t a = 0; a < pxl_plan_area_count(plan); a++)
        ck_assert_uint_gt(pxl_area_measure_count(pxl_plan_area(plan, a)), 0);
    pxl_plan_free(plan);
    pxl_grid_close(grid);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("recognize_random");
    TCase *tc = tcase_create("random");
    tcase_add_loop_test(tc, random_layouts, 0, RANDOM_PLANS);
    tcase_add_test(tc, random_layouts_found_plans);
    tcase_add_test(tc, fuzz_flat_total_without_measures);
    suite_add_tcase(s, tc);
    SRunner *runner = srunner_create(s);
    /* One process for all seeds: forking 400 times would dominate the run time. */
    srunner_set_fork_status(runner, CK_NOFORK);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
