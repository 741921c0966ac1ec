/*
 * libFuzzer target: the recogniser and the checks on grids the input
 * describes (random grid -> plan -> checks -> JSON), behind the grid
 * interface (read/reader.h) as tests/check_recognize_random.c builds them,
 * but with the fuzzer choosing: each cell takes 3 bytes (row step, column,
 * what it is); a text cell is one of the plan words below or, for one value
 * of the third byte, the next bytes of the input as raw text (any bytes, to
 * the next NUL, at most 64). Whatever comes in, reading ends in PXL_OK or
 * PXL_ERR_NO_PLAN; every value's cell is on a real sheet, numbers are finite,
 * missing values have no text; pxl_check_run() succeeds and the JSON writers
 * accept plan and findings. A broken promise aborts.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planxl/check.h"
#include "planxl/dump.h"
#include "planxl/plan.h"
#include "read/reader.h"

#define MAX_SHEETS 3
#define MAX_CELLS 600
#define MAX_RAW 64

static const char *const vocabulary[] = {
    "Område", "Åtgärd", "Åtgärder", "Beskrivning", "Nyckeltal", "Mål", "Målvärde", "Utfall", "Nuläge",
    "Kommentar", "Effekt 2024 (tkr)", "Effekt innevarande år (tkr)", "Helårseffekt (tkr)", "Helårseffekt, tkr",
    "Beskrivning av effekt", "Verksamhet", "Verksamhetsområde", "Summa", "Totalt", "Netto", "Summa netto",
    "Totalt nämnden", "Summa verksamhet", "Sammanställning", "Äldreomsorg", "Funktionsstöd", "Hemtjänst",
    "Åtgärder inom vård- och omsorgsnämnden \xE2\x80\x93 Äldreomsorg", "Åtgärdsplan per augusti 2024",
    "1 650", "-1 600", "\xE2\x88\x92" "1 600", "3\xC2\xA0" "800", "0,80", "73,9 %", "(1 600)", "960 tkr",
    "1,65 mnkr", "-1 600 kr", "Öka", "Minska", "1 65O", "-----", "Belopp anges i tkr.", "Nämnd:", "Kommun:",
    "En åtgärd som ska ge 5,1 miljoner kronor i effekt.", " ", "", "Effekt 2025", "Framsida",
};
#define VOCABULARY (sizeof vocabulary / sizeof vocabulary[0])

typedef struct fake_sheet {
    pxl_cell cells[MAX_CELLS];
    char raw[MAX_CELLS][MAX_RAW + 1];
    size_t count;
} fake_sheet;

typedef struct fake_book {
    fake_sheet sheets[MAX_SHEETS];
} fake_book;

static pxl_error fake_scan(void *impl, size_t index, pxl_cell_visitor visit, void *ctx)
{
    fake_sheet *sheet = &((fake_book *)impl)->sheets[index];
    for (size_t i = 0; i < sheet->count; i++)
        if (visit(ctx, &sheet->cells[i]))
            break;
    return PXL_OK;
}

static void fake_close(void *impl)
{
    (void)impl; /* the book is static: no allocation per run */
}

static const pxl_reader_ops fake_ops = {"fake", fake_scan, fake_close, NULL};

static fake_book book;
static FILE *sink;

typedef struct input {
    const uint8_t *p, *end;
} input;

static unsigned take(input *in)
{
    return in->p < in->end ? *in->p++ : 0;
}

/* One cell from the input; 0 when the input is used up. */
static int next_cell(input *in, fake_sheet *sheet, uint32_t *row)
{
    if (in->end - in->p < 3 || sheet->count >= MAX_CELLS)
        return 0;
    unsigned step = take(in), col = take(in), what = take(in);
    /* Mostly the next row or the same one; now and then a jump, or back (out of order). */
    if (step < 128)
        *row += step % 3;
    else if (step < 250)
        *row += step - 126;
    else if (step == 250)
        *row = 65535; /* the last row of a BIFF8 sheet */
    else if (*row > 0)
        *row -= 1;
    if (*row > 65535)
        *row = 65535;
    pxl_cell *c = &sheet->cells[sheet->count];
    memset(c, 0, sizeof *c);
    c->row = *row;
    c->col = col % 16;
    if (what < 150) {
        c->type = PXL_CELL_TEXT;
        c->text = vocabulary[what % VOCABULARY];
    } else if (what < 160) {
        char *raw = sheet->raw[sheet->count];
        size_t n = 0;
        while (n < MAX_RAW && in->p < in->end && *in->p)
            raw[n++] = (char)*in->p++;
        raw[n] = '\0';
        if (in->p < in->end)
            in->p++; /* the NUL */
        c->type = PXL_CELL_TEXT;
        c->text = raw;
    } else if (what < 220) {
        static const double numbers[] = {0, 1473, 2700, -5000, 0.54, 34.8, 1e300, -0.0, 5110, 12.5,
                                         -1600, 1650, 9500, 9000, 0.739, 45500};
        c->type = PXL_CELL_NUMBER;
        c->number = numbers[what % 16];
    } else if (what < 235) {
        c->type = what & 1 ? PXL_CELL_EMPTY : PXL_CELL_NUMBER; /* a formula, its value known or not */
        c->is_formula = 1;
        c->number = 9500;
        c->formula = what & 2 ? "SUM(D6:D7)" : "E30+E31";
    } else if (what < 242) {
        c->type = PXL_CELL_ERROR;
        c->text = "#DIV/0!";
    } else if (what < 249) {
        c->type = PXL_CELL_DATE;
        c->number = 45500;
    } else {
        c->type = PXL_CELL_BOOLEAN;
        c->number = what & 1;
    }
    sheet->count++;
    return 1;
}

static int known_sheet(const pxl_grid *grid, const pxl_cellref *ref)
{
    if (!ref->sheet)
        return 0;
    for (size_t s = 0; s < pxl_grid_sheet_count(grid); s++)
        if (!strcmp(ref->sheet, pxl_grid_sheet_name(grid, s)))
            return 1;
    return 0;
}

static void check_value(const pxl_grid *grid, const pxl_value *v, int amount)
{
    if (!known_sheet(grid, &v->cell) || !v->text || v->kind < PXL_VALUE_MISSING || v->kind > PXL_VALUE_INVALID)
        abort();
    if (v->kind == PXL_VALUE_MISSING && v->text[0])
        abort();
    if ((v->kind == PXL_VALUE_NUMBER || v->kind == PXL_VALUE_PERCENT) && !isfinite(v->number))
        abort();
    if (amount && (v->kind == PXL_VALUE_DIRECTION || v->kind == PXL_VALUE_TEXT))
        abort();
}

static void check_plan(const pxl_grid *grid, const pxl_plan *plan)
{
    for (size_t a = 0; a < pxl_plan_area_count(plan); a++) {
        const pxl_area *area = pxl_plan_area(plan, a);
        if (!pxl_area_name(area) || pxl_area_measure_count(area) == 0)
            abort();
        for (size_t m = 0; m < pxl_area_measure_count(area); m++) {
            const pxl_measure *measure = pxl_area_measure(area, m);
            if (!known_sheet(grid, pxl_measure_cell(measure)) || !pxl_measure_title(measure))
                abort();
            for (size_t i = 0; i < pxl_measure_kpi_count(measure); i++) {
                check_value(grid, pxl_kpi_target(pxl_measure_kpi(measure, i)), 0);
                check_value(grid, pxl_kpi_current(pxl_measure_kpi(measure, i)), 0);
            }
            for (size_t i = 0; i < pxl_measure_effect_count(measure); i++) {
                check_value(grid, pxl_effect_current_year(pxl_measure_effect(measure, i)), 1);
                check_value(grid, pxl_effect_full_year(pxl_measure_effect(measure, i)), 1);
            }
            for (size_t i = 0; i < pxl_measure_total_count(measure); i++) {
                check_value(grid, pxl_total_current_year(pxl_measure_total(measure, i)), 1);
                check_value(grid, pxl_total_full_year(pxl_measure_total(measure, i)), 1);
            }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!sink && !(sink = fopen("/dev/null", "w")))
        abort();
    input in = {data, data + size};
    pxl_grid *grid = calloc(1, sizeof *grid);
    if (!grid)
        return 0;
    grid->path = strdup("fuzz.xls");
    grid->reader = PXL_READER_FREEXL;
    grid->ops = &fake_ops;
    grid->impl = &book;
    static const char *const names[] = {"Äldreomsorg", "Framsida", "Blad1", "Sammanställning"};
    size_t sheets = 1 + take(&in) % MAX_SHEETS;
    for (size_t s = 0; s < sheets; s++) {
        if (pxl_grid_add_sheet(grid, names[take(&in) % 4]) != PXL_OK)
            abort();
        fake_sheet *sheet = &book.sheets[s];
        sheet->count = 0;
        uint32_t row = 0;
        /* The cells of this sheet: up to the next 0xFF 0xFF, or the end. */
        while (next_cell(&in, sheet, &row))
            if (in.end - in.p >= 2 && in.p[0] == 0xFF && in.p[1] == 0xFF) {
                in.p += 2;
                break;
            }
    }
    pxl_plan *plan;
    if (pxl_plan_new(&plan) != PXL_OK)
        abort();
    pxl_error err = pxl_plan_read_grid(plan, grid, "fuzz.xls");
    if (err != PXL_OK && err != PXL_ERR_NO_PLAN)
        abort();
    check_plan(grid, plan);
    pxl_findings *findings = NULL;
    if (pxl_check_run(&findings, plan, NULL) != PXL_OK)
        abort();
    if (pxl_plan_write_json(plan, sink, "/dev/null") != PXL_OK)
        abort();
    pxl_findings_free(findings);
    pxl_plan_free(plan);
    pxl_grid_close(grid);
    return 0;
}
