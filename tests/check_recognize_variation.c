/*
 * Generated variation and mutation (issue 12, items 5 and 6). A generator writes plans the way
 * submissions vary, as in-memory grids behind the grid interface (read/reader.h), in combination:
 * sheet roles (a cover, area sheets, a summary sheet, an "other" sheet of instructions, a hidden or
 * very hidden draft), Område merged over the measures that share it, declared totals at every level
 * (measure, area, plan, summary rows), amount notations ("1 650", "(1 600)", "960 tkr", "+500"),
 * column orders, extra columns (Ansvarig, Status, Klart datum), header spellings (case, no-break
 * and trailing spaces, line breaks, synonyms).
 *
 * Each plan is read and checked as written: the model holds what was generated (areas, measures,
 * KPIs, effects, fields, totals, summary rows), and check finds no error and no
 * unrecognized-content. Then one amount anywhere (an effect row, a measure total, an area total, a
 * plan total, a summary cell) is changed, chosen after the layout: check must report a finding at
 * that cell, or the changed value must reach the model at that cell; a changed declared total must
 * be reported at its cell, a changed effect row must reach the model and break a total that
 * covers it. A fixed seed runs VARIATION_PLANS plans; one more seed, random per run, runs
 * VARIATION_RANDOM_PLANS and is printed on failure (PLANXL_VARIATION_SEED=N repeats it).
 *
 * Also the unit cases of item 5: what unrecognized-content says for each kind of stray cell.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "read/reader.h"
#include "planxl/check.h"
#include "planxl/dump.h"
#include "planxl/plan.h"

#define VARIATION_PLANS 10000
#define VARIATION_RANDOM_PLANS 2000
#define GEN_MAX_SHEETS 8
#define GEN_MAX_CELLS 600
#define GEN_TEXT 128
#define GEN_MAX_MERGES 32
#define GEN_MAX_AREAS 3
#define GEN_MAX_TARGETS 256

/* ---- the in-memory workbook ---- */

typedef struct gen_sheet {
    char name[32];
    pxl_cell cells[GEN_MAX_CELLS];
    char text[GEN_MAX_CELLS][GEN_TEXT];
    size_t count;
    pxl_range merges[GEN_MAX_MERGES];
    size_t merge_count;
    pxl_sheet_state state;
} gen_sheet;

/* What an amount cell is, for the mutation's expectations. */
typedef enum target_role { ROLE_EFFECT, ROLE_MEASURE_TOTAL, ROLE_AREA_TOTAL, ROLE_PLAN_TOTAL, ROLE_SUMMARY } target_role;

typedef struct target {
    size_t sheet;
    uint32_t row, col;
    target_role role;
    int notation;
    double value;
} target;

/* What the generator wrote, for the model's expectations. */
typedef struct gen_area {
    char name[40];
    size_t measures, kpis, effects, fields, area_totals, measure_totals;
} gen_area;

typedef struct gen_book {
    gen_sheet sheets[GEN_MAX_SHEETS];
    size_t sheet_count;
    int merges_known, states_known;
    gen_area areas[GEN_MAX_AREAS];
    size_t area_count, summary_rows, plan_totals, hidden;
    target targets[GEN_MAX_TARGETS];
    size_t target_count;
} gen_book;

static uint64_t rng;

/* What the fixed seed's plans exercised, across plans: the generator must not collapse to one layout. */
static size_t seen_merges, seen_hidden, seen_summary, seen_plan_totals, seen_area_totals, seen_fields,
    seen_mutated[ROLE_SUMMARY + 1];

static uint32_t next_random(void)
{
    /* xorshift64*: reproducible from the seed */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (uint32_t)((rng * 2685821657736338717ULL) >> 32);
}

static uint32_t below(uint32_t n)
{
    return n ? next_random() % n : 0;
}

static const char *pick(const char *const *list, size_t n)
{
    return list[below((uint32_t)n)];
}
#define PICK(list) pick(list, sizeof list / sizeof list[0])

static pxl_error gen_scan(void *impl, size_t index, pxl_cell_visitor visit, void *ctx)
{
    gen_book *book = impl;
    gen_sheet *sheet = &book->sheets[index];
    for (size_t i = 0; i < sheet->count; i++)
        if (visit(ctx, &sheet->cells[i]))
            break;
    return PXL_OK;
}

static void gen_close(void *impl)
{
    (void)impl; /* the book outlives its grids: the mutation reads it again */
}

static const pxl_reader_ops gen_ops = {"generated", gen_scan, gen_close, NULL, NULL};

static pxl_cell *put_cell(gen_sheet *s, uint32_t row, uint32_t col)
{
    ck_assert_uint_lt(s->count, GEN_MAX_CELLS);
    pxl_cell *c = &s->cells[s->count];
    memset(c, 0, sizeof *c);
    c->row = row;
    c->col = col;
    s->count++;
    return c;
}

static void put_text(gen_sheet *s, uint32_t row, uint32_t col, const char *text)
{
    pxl_cell *c = put_cell(s, row, col);
    char *buf = s->text[c - s->cells];
    snprintf(buf, GEN_TEXT, "%s", text);
    c->type = PXL_CELL_TEXT;
    c->text = buf;
}

static void put_number(gen_sheet *s, uint32_t row, uint32_t col, double x)
{
    pxl_cell *c = put_cell(s, row, col);
    c->type = PXL_CELL_NUMBER;
    c->number = x;
}

/* ---- amounts in the notations submissions use ---- */

enum { NOTE_NUMBER, NOTE_SPACED, NOTE_TKR, NOTE_PAREN, NOTE_PLUS, NOTE_MNKR, NOTE_COUNT };

/* "1 650": thousands spaced, as typed. */
static void spaced(char *buf, size_t size, double x)
{
    long v = labs((long)x);
    if (v >= 1000)
        snprintf(buf, size, "%ld %03ld", v / 1000, v % 1000);
    else
        snprintf(buf, size, "%ld", v);
}

/* Write @p x into the cell at (row, col) in notation @p note. */
static void set_amount(pxl_cell *c, char *buf, int note, double x)
{
    char digits[32];
    spaced(digits, sizeof digits, x);
    c->type = PXL_CELL_TEXT;
    c->text = buf;
    c->number = 0;
    switch (note) {
    case NOTE_SPACED: snprintf(buf, GEN_TEXT, "%s%s", x < 0 ? "-" : "", digits); break;
    case NOTE_TKR: snprintf(buf, GEN_TEXT, "%s%s tkr", x < 0 ? "-" : "", digits); break;
    case NOTE_PAREN: snprintf(buf, GEN_TEXT, x < 0 ? "(%s)" : "%s", digits); break;
    case NOTE_PLUS: snprintf(buf, GEN_TEXT, "%s%.0f", x > 0 ? "+" : "", x); break;
    case NOTE_MNKR: {
        /* "1,65 mnkr": the same amount in millions, converted back to tkr with a warning */
        long v = labs((long)x);
        char frac[8];
        snprintf(frac, sizeof frac, "%03ld", v % 1000);
        for (size_t n = strlen(frac); n > 0 && frac[n - 1] == '0'; n--)
            frac[n - 1] = '\0';
        snprintf(buf, GEN_TEXT, "%s%ld%s%s mnkr", x < 0 ? "-" : "", v / 1000, *frac ? "," : "", frac);
        break;
    }
    default:
        c->type = PXL_CELL_NUMBER;
        c->text = NULL;
        c->number = x;
        break;
    }
}

static void put_amount(gen_book *b, size_t sheet, uint32_t row, uint32_t col, int note, double x, target_role role)
{
    gen_sheet *s = &b->sheets[sheet];
    pxl_cell *c = put_cell(s, row, col);
    set_amount(c, s->text[c - s->cells], note, x);
    if (s->state == PXL_SHEET_VISIBLE && b->target_count < GEN_MAX_TARGETS)
        b->targets[b->target_count++] = (target){sheet, row, col, role, note, x};
}

/* An amount in tkr: whole tens, sometimes negative (a cost), sometimes 0. */
static double random_amount(void)
{
    uint32_t k = below(10);
    if (k == 0)
        return 0;
    double x = 10.0 * (1 + below(900));
    return k == 1 ? -x : x;
}

/* ---- header spellings ---- */

/* The notation of a typed total: mostly a number (a formula's result or typed), sometimes text. */
static int total_note(void)
{
    return below(2) ? NOTE_NUMBER : (int)below(NOTE_COUNT);
}

/* A header word as people type it: case, a no-break or trailing space, a line break. */
static void spell(char *out, size_t size, const char *word)
{
    switch (below(8)) {
    case 0: {
        size_t n = 0;
        for (const unsigned char *p = (const unsigned char *)word; *p && n + 3 < size; p++) {
            if (*p >= 'a' && *p <= 'z')
                out[n++] = (char)(*p - 32);
            else if (p[0] == 0xC3 && p[1] >= 0xA0 && p[1] <= 0xBE) { /* å ä ö → Å Ä Ö */
                out[n++] = (char)0xC3;
                out[n++] = (char)(p[1] - 0x20);
                p++;
            } else
                out[n++] = (char)*p;
        }
        out[n] = '\0';
        return;
    }
    case 1: snprintf(out, size, "%s ", word); return;
    case 2: {
        const char *space = strchr(word, ' ');
        if (space) {
            snprintf(out, size, "%.*s\xC2\xA0%s", (int)(space - word), word, space + 1);
            return;
        }
        break;
    }
    case 3: {
        const char *space = strchr(word, ' ');
        if (space) {
            snprintf(out, size, "%.*s\n%s", (int)(space - word), word, space + 1);
            return;
        }
        break;
    }
    default: break;
    }
    snprintf(out, size, "%s", word);
}

static void put_header(gen_sheet *s, uint32_t row, uint32_t col, const char *word)
{
    char buf[GEN_TEXT];
    spell(buf, sizeof buf, word);
    put_text(s, row, col, buf);
}

static const char *const area_names[] = {"Äldreomsorg", "Funktionsstöd", "Individ- och familjeomsorg"};
static const char *const sections[] = {"Hemtjänst", "Särskilt boende", "Dagverksamhet", "Daglig verksamhet"};
static const char *const titles[] = {"Träffsäkra beslut", "Skifta perspektiv", "Digital tillsyn",
                                     "Flytt av verksamhet", "Personaltäthet", "Samlokalisering",
                                     "Översyn av platser", "Profilboende", "Genomlysning av stödet"};
static const char *const descriptions[] = {"Nämnden ser över arbetssättet.", "Verksamheten flyttar till nya lokaler.",
                                           "Bemanningen anpassas efter behovet.", "Rutinerna ses över under året."};
static const char *const effect_texts[] = {"Minskade personalkostnader", "Lägre lokalkostnad", "Färre externa platser",
                                           "Ökade intäkter", "Anpassad bemanning", "Minskad inhyrning"};
static const char *const extra_headers[] = {"Ansvarig", "Status", "Klart datum"};
static const char *const extra_values[] = {"Anna Berg", "Pågår", "december"};
static const char *const year_headers[] = {"Effekt 2024 (tkr)", "Effekt 2024, tkr", "Effekt 2024", "Effekt 2024 i tkr"};
static const char *const full_headers[] = {"Helårseffekt (tkr)", "Helårseffekt", "Effekt helår (tkr)", "Helårseffekt, tkr"};
static const char *const effect_text_headers[] = {"Åtgärder", "Åtgärd", "Beskrivning av effekt"};
static const char *const target_headers[] = {"Målvärde", "Mål", "Målnivå"};
static const char *const current_headers[] = {"Nuläge", "Utfall"};
static const char *const comment_headers[] = {"Kommentar", "Kommentarer"};
static const char *const measure_total_labels[] = {"Summa", "Totalt", "Summa effekt", "Netto"};

/* ---- the generator ---- */

typedef struct sheet_sums {
    double year, full;
    int effects;
} sheet_sums;

/* One area sheet: title, the measure table, per measure a KPI and an effect table, totals. */
static void gen_area_sheet(gen_book *b, size_t si, gen_area *a, int with_plan_total, sheet_sums *file_sums,
                           sheet_sums *area_sums)
{
    gen_sheet *s = &b->sheets[si];
    uint32_t base = below(3), row = 0;
    uint32_t nested = base + 2;
    /* a title naming the area, the area alone, or none (the sheet's name is the area's) */
    switch (below(3)) {
    case 0: {
        char t[GEN_TEXT];
        snprintf(t, sizeof t, "Åtgärder inom vård- och omsorgsnämnden \xE2\x80\x93 %s", a->name);
        put_text(s, row, base, t);
        row += 2;
        break;
    }
    case 1: put_text(s, row, base, a->name); row += 2; break;
    default: break;
    }
    /* the measure table: Område and Åtgärd in either order, extra columns after Beskrivning's */
    int swap = below(2);
    uint32_t col_section = base + (uint32_t)swap, col_title = base + 1 - (uint32_t)swap, col_desc = base + 2;
    put_header(s, row, col_section, "Område");
    put_header(s, row, col_title, below(4) ? "Åtgärd" : "Åtgärder");
    put_header(s, row, col_desc, below(3) ? "Beskrivning" : "Beskrivning av åtgärd");
    /* the measure table's extra column sits far right, past every nested table's columns */
    uint32_t measure_extra_col = nested + 8;
    int measure_extra = below(3) == 0;
    if (measure_extra)
        put_header(s, row, measure_extra_col, "Ansvarig");
    row++;
    size_t measures = 1 + below(4);
    double sheet_year = 0, sheet_full = 0;
    int sheet_effects = 0;
    uint32_t last_year_col = 0, last_full_col = 0;
    /* measures sharing one Område: its cell merged down over all their rows */
    uint32_t group_first = 0, group_last = 0;
    size_t group_size = 0;
    const char *section = NULL;
    for (size_t m = 0; m < measures; m++) {
        int merged = b->merges_known && group_size && below(2);
        if (!merged) {
            if (group_size > 1 && s->merge_count < GEN_MAX_MERGES)
                s->merges[s->merge_count++] = (pxl_range){group_first, col_section, group_last, col_section};
            section = PICK(sections);
            group_first = row;
            group_size = 0;
        }
        if (!merged)
            put_text(s, row, col_section, section);
        char title[GEN_TEXT];
        snprintf(title, sizeof title, "%s %c", titles[(m + si) % (sizeof titles / sizeof titles[0])], (char)('A' + m));
        put_text(s, row, col_title, title);
        put_text(s, row, col_desc, PICK(descriptions));
        if (measure_extra && below(2)) {
            put_text(s, row, measure_extra_col, PICK(extra_values));
            a->fields++;
        }
        a->measures++;
        row++;
        if (below(2)) { /* a KPI table */
            int swap_kpi = below(2);
            put_header(s, row, nested, "Nyckeltal");
            put_header(s, row, nested + 1 + (uint32_t)swap_kpi, PICK(target_headers));
            put_header(s, row, nested + 2 - (uint32_t)swap_kpi, PICK(current_headers));
            put_header(s, row, nested + 3, PICK(comment_headers));
            row++;
            size_t kpis = 1 + below(2);
            for (size_t k = 0; k < kpis; k++, row++) {
                char name[GEN_TEXT];
                snprintf(name, sizeof name, "Andel nöjda brukare %c", (char)('a' + k));
                put_text(s, row, nested, name);
                put_text(s, row, nested + 1 + (uint32_t)swap_kpi, below(2) ? "90 %" : "Öka");
                put_text(s, row, nested + 2 - (uint32_t)swap_kpi, "85 %");
                if (below(2))
                    put_text(s, row, nested + 3, "Mäts varje kvartal.");
                a->kpis++;
            }
        }
        if (below(4)) { /* an effect table */
            int swap_amounts = below(4) == 0;
            uint32_t col_year = nested + 1 + (uint32_t)swap_amounts, col_full = nested + 2 - (uint32_t)swap_amounts;
            put_header(s, row, nested, PICK(effect_text_headers));
            put_header(s, row, col_year, PICK(year_headers));
            put_header(s, row, col_full, PICK(full_headers));
            put_header(s, row, nested + 3, PICK(comment_headers));
            size_t extras = below(3);
            for (size_t x = 0; x < extras; x++)
                put_header(s, row, nested + 4 + (uint32_t)x, extra_headers[x]);
            row++;
            size_t effects = 1 + below(3);
            double year = 0, full = 0;
            for (size_t e = 0; e < effects; e++, row++) {
                double f = random_amount(), y = below(2) ? 0 : f / 2;
                put_text(s, row, nested, effect_texts[(e + m) % (sizeof effect_texts / sizeof effect_texts[0])]);
                put_amount(b, si, row, col_year, (int)below(NOTE_COUNT), y, ROLE_EFFECT);
                put_amount(b, si, row, col_full, (int)below(NOTE_COUNT), f, ROLE_EFFECT);
                if (below(2))
                    put_text(s, row, nested + 3, "Uppskattat belopp.");
                for (size_t x = 0; x < extras; x++)
                    if (below(3)) {
                        put_text(s, row, nested + 4 + (uint32_t)x, extra_values[x]);
                        a->fields++;
                    }
                year += y;
                full += f;
                a->effects++;
            }
            if (below(2)) { /* the measure's declared total */
                put_text(s, row, nested, PICK(measure_total_labels));
                put_amount(b, si, row, col_year, total_note(), year, ROLE_MEASURE_TOTAL);
                put_amount(b, si, row, col_full, total_note(), full, ROLE_MEASURE_TOTAL);
                a->measure_totals++;
                row++;
            }
            sheet_year += year;
            sheet_full += full;
            sheet_effects++;
            /* the columns of the last effect table: where the area's and the plan's totals go */
            last_year_col = col_year;
            last_full_col = col_full;
        }
        group_size++;
        group_last = row - 1;
        row++; /* a blank row between measures */
    }
    if (group_size > 1 && s->merge_count < GEN_MAX_MERGES)
        s->merges[s->merge_count++] = (pxl_range){group_first, col_section, group_last, col_section};
    /* the area's total and the plan's, in the last effect table's columns */
    if (sheet_effects) {
        uint32_t col_year = last_year_col, col_full = last_full_col;
        if (below(2)) {
            char label[GEN_TEXT];
            snprintf(label, sizeof label, below(2) ? "Summa %s" : "Totalt för %s", a->name);
            put_text(s, row, nested, label);
            put_amount(b, si, row, col_year, total_note(), sheet_year, ROLE_AREA_TOTAL);
            put_amount(b, si, row, col_full, total_note(), sheet_full, ROLE_AREA_TOTAL);
            a->area_totals++;
            row++;
        }
        area_sums->year += sheet_year;
        area_sums->full += sheet_full;
        file_sums->year += sheet_year;
        file_sums->full += sheet_full;
        file_sums->effects += sheet_effects;
        if (with_plan_total) {
            put_text(s, row, nested, below(2) ? "Totalt nämnden" : "Summa vård- och omsorgsnämnden");
            put_amount(b, si, row, col_year, total_note(), file_sums->year, ROLE_PLAN_TOTAL);
            put_amount(b, si, row, col_full, total_note(), file_sums->full, ROLE_PLAN_TOTAL);
            b->plan_totals++;
        }
    }
}

static void gen_summary_sheet(gen_book *b, size_t si, const sheet_sums *sums, const sheet_sums *total)
{
    gen_sheet *s = &b->sheets[si];
    snprintf(s->name, sizeof s->name, "%s", below(2) ? "Sammanställning" : "Översikt");
    uint32_t row = 0;
    if (below(2)) {
        put_text(s, row, 0, below(2) ? "Sammanställning" : "Summering per verksamhet");
        row += 2;
    }
    int swap = below(3) == 0;
    uint32_t col_year = 1 + (uint32_t)swap, col_full = 2 - (uint32_t)swap;
    put_header(s, row, 0, "Verksamhet");
    put_header(s, row, col_year, PICK(year_headers));
    put_header(s, row, col_full, PICK(full_headers));
    row++;
    for (size_t a = 0; a < b->area_count; a++, row++) {
        put_text(s, row, 0, b->areas[a].name);
        put_amount(b, si, row, col_year, total_note(), sums[a].year, ROLE_SUMMARY);
        put_amount(b, si, row, col_full, total_note(), sums[a].full, ROLE_SUMMARY);
        b->summary_rows++;
    }
    if (below(2)) {
        put_text(s, row, 0, "Totalt");
        put_amount(b, si, row, col_year, total_note(), total->year, ROLE_SUMMARY);
        put_amount(b, si, row, col_full, total_note(), total->full, ROLE_SUMMARY);
        b->summary_rows++;
    }
}

static int compare_cells(const void *x, const void *y)
{
    const pxl_cell *a = x, *b = y;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return a->col < b->col ? -1 : a->col > b->col;
}

static void generate(gen_book *b)
{
    memset(b, 0, sizeof *b);
    b->merges_known = below(4) != 0;
    int hidden = below(3) == 0;
    b->states_known = hidden || below(2);
    b->area_count = 1 + below(GEN_MAX_AREAS);
    size_t first_area = below(3);
    for (size_t a = 0; a < b->area_count; a++)
        snprintf(b->areas[a].name, sizeof b->areas[a].name, "%s", area_names[(first_area + a) % GEN_MAX_AREAS]);
    int cover = below(2), summary = below(2), summary_first = below(2), other = below(3) == 0;
    int plan_total = below(3) == 0;

    size_t order[GEN_MAX_SHEETS], n = 0;
    enum { S_COVER = 100, S_SUMMARY, S_OTHER, S_HIDDEN };
    if (cover)
        order[n++] = S_COVER;
    if (summary && summary_first)
        order[n++] = S_SUMMARY;
    for (size_t a = 0; a < b->area_count; a++)
        order[n++] = a;
    if (hidden)
        order[n++] = S_HIDDEN;
    if (summary && !summary_first)
        order[n++] = S_SUMMARY;
    if (other)
        order[n++] = S_OTHER;
    b->sheet_count = n;

    sheet_sums sums[GEN_MAX_AREAS], file = {0, 0, 0};
    memset(sums, 0, sizeof sums);
    /* area sheets first (the summary states their sums), in sheet order */
    for (size_t i = 0; i < n; i++) {
        gen_sheet *s = &b->sheets[i];
        s->state = PXL_SHEET_VISIBLE;
        if (order[i] < S_COVER) {
            gen_area *a = &b->areas[order[i]];
            snprintf(s->name, sizeof s->name, "%s", a->name);
            gen_area_sheet(b, i, a, plan_total && order[i] == b->area_count - 1, &file, &sums[order[i]]);
        }
    }
    for (size_t i = 0; i < n; i++) {
        gen_sheet *s = &b->sheets[i];
        switch (order[i]) {
        case S_COVER:
            snprintf(s->name, sizeof s->name, "Framsida");
            put_text(s, 0, 0, "Åtgärdsplan per augusti 2024");
            put_text(s, 1, 0, "Vård- och omsorgsnämnd");
            put_text(s, 2, 0, "Huddinge kommun");
            break;
        case S_SUMMARY: gen_summary_sheet(b, i, sums, &file); break;
        case S_OTHER:
            snprintf(s->name, sizeof s->name, "Instruktioner");
            put_text(s, 0, 0, "Så fyller du i planen");
            put_text(s, 2, 0, "Skriv en rad per åtgärd och fyll i effekten för året och för helår.");
            put_text(s, 3, 0, "Belopp anges i tkr.");
            break;
        case S_HIDDEN: {
            /* last month's draft of the first area: the same measures again, hidden */
            snprintf(s->name, sizeof s->name, "Utkast");
            s->state = below(2) ? PXL_SHEET_HIDDEN : PXL_SHEET_VERY_HIDDEN;
            gen_area draft = b->areas[0];
            sheet_sums ignore_file = {0, 0, 0}, ignore_area = {0, 0, 0};
            gen_area_sheet(b, i, &draft, 0, &ignore_file, &ignore_area);
            b->hidden++;
            break;
        }
        default: break;
        }
    }
    for (size_t i = 0; i < n; i++) {
        gen_sheet *s = &b->sheets[i];
        /* the text pointers follow their cells: each cell's buffer is found again after sorting */
        qsort(s->cells, s->count, sizeof s->cells[0], compare_cells);
    }
}

static pxl_grid *gen_grid(gen_book *b)
{
    pxl_grid *grid = calloc(1, sizeof *grid);
    ck_assert_ptr_nonnull(grid);
    grid->path = strdup("generated.xlsx");
    grid->reader = PXL_READER_XLSX;
    grid->ops = &gen_ops;
    grid->impl = b;
    for (size_t i = 0; i < b->sheet_count; i++)
        ck_assert_int_eq(pxl_grid_add_sheet(grid, b->sheets[i].name), PXL_OK);
    for (size_t i = 0; i < b->sheet_count; i++) {
        if (b->states_known)
            ck_assert_int_eq(pxl_grid_set_sheet_state(grid, i, b->sheets[i].state), PXL_OK);
        if (b->merges_known) {
            pxl_range *copy = NULL;
            size_t count = b->sheets[i].merge_count;
            if (count) {
                copy = malloc(count * sizeof *copy);
                ck_assert_ptr_nonnull(copy);
                memcpy(copy, b->sheets[i].merges, count * sizeof *copy);
            }
            ck_assert_int_eq(pxl_grid_set_merges(grid, i, copy, count), PXL_OK);
        }
    }
    return grid;
}

/* ---- reading, and what the model and the findings must show ---- */

typedef struct outcome {
    pxl_plan *plan;
    pxl_findings *findings;
} outcome;

static outcome read_and_check(gen_book *b, uint64_t seed, size_t plan_index)
{
    outcome o;
    pxl_grid *grid = gen_grid(b);
    ck_assert_int_eq(pxl_plan_new(&o.plan), PXL_OK);
    pxl_error err = pxl_plan_read_grid(o.plan, grid, "generated.xlsx");
    ck_assert_msg(err == PXL_OK, "seed %llu plan %zu: %s", (unsigned long long)seed, plan_index, pxl_error_message());
    ck_assert_int_eq(pxl_check_run(&o.findings, o.plan, NULL), PXL_OK);
    pxl_grid_close(grid);
    return o;
}

static void outcome_free(outcome *o)
{
    pxl_findings_free(o->findings);
    pxl_plan_free(o->plan);
}

static void describe(const outcome *o, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < pxl_findings_count(o->findings) && n + 1 < size; i++) {
        const pxl_finding *f = pxl_findings_get(o->findings, i);
        char cell[128];
        n += (size_t)snprintf(buf + n, size - n, "\n  %s %s: %s",
                              f->has_cell ? pxl_cellref_format(cell, sizeof cell, &f->cell) : "(file)", f->code,
                              f->message);
        if (n >= size)
            break;
    }
}

static const gen_area *gen_area_named(const gen_book *b, const char *name)
{
    for (size_t a = 0; a < b->area_count; a++)
        if (!strcmp(b->areas[a].name, name))
            return &b->areas[a];
    return NULL;
}

/* The written plan, read back: what was generated is in the model, and check has nothing against it. */
static void assert_as_generated(const gen_book *b, const outcome *o, uint64_t seed, size_t index)
{
    char found[4096];
    describe(o, found, sizeof found);
    const pxl_plan *plan = o->plan;
    ck_assert_msg(pxl_plan_area_count(plan) == b->area_count, "seed %llu plan %zu: %zu areas, generated %zu%s",
                  (unsigned long long)seed, index, pxl_plan_area_count(plan), b->area_count, found);
    for (size_t a = 0; a < pxl_plan_area_count(plan); a++) {
        const pxl_area *area = pxl_plan_area(plan, a);
        const gen_area *g = gen_area_named(b, pxl_area_name(area));
        ck_assert_msg(g != NULL, "seed %llu plan %zu: an area \"%s\" not generated", (unsigned long long)seed, index,
                      pxl_area_name(area));
        size_t kpis = 0, effects = 0, fields = 0, totals = 0;
        for (size_t m = 0; m < pxl_area_measure_count(area); m++) {
            const pxl_measure *measure = pxl_area_measure(area, m);
            ck_assert_msg(*pxl_measure_section(measure), "seed %llu plan %zu: a measure without its Område",
                          (unsigned long long)seed, index);
            kpis += pxl_measure_kpi_count(measure);
            effects += pxl_measure_effect_count(measure);
            totals += pxl_measure_total_count(measure);
            fields += pxl_measure_field_count(measure);
            for (size_t e = 0; e < pxl_measure_effect_count(measure); e++)
                fields += pxl_effect_field_count(pxl_measure_effect(measure, e));
            for (size_t k = 0; k < pxl_measure_kpi_count(measure); k++)
                fields += pxl_kpi_field_count(pxl_measure_kpi(measure, k));
        }
        ck_assert_msg(pxl_area_measure_count(area) == g->measures && kpis == g->kpis && effects == g->effects &&
                          fields == g->fields && totals == g->measure_totals &&
                          pxl_area_total_count(area) == g->area_totals,
                      "seed %llu plan %zu: %s has %zu measures %zu KPIs %zu effects %zu fields %zu totals %zu area "
                      "totals, generated %zu %zu %zu %zu %zu %zu",
                      (unsigned long long)seed, index, g->name, pxl_area_measure_count(area), kpis, effects, fields,
                      totals, pxl_area_total_count(area), g->measures, g->kpis, g->effects, g->fields,
                      g->measure_totals, g->area_totals);
    }
    ck_assert_msg(pxl_plan_summary_count(plan) == b->summary_rows && pxl_plan_total_count(plan) == b->plan_totals,
                  "seed %llu plan %zu: %zu summary rows, %zu plan totals; generated %zu, %zu", (unsigned long long)seed,
                  index, pxl_plan_summary_count(plan), pxl_plan_total_count(plan), b->summary_rows, b->plan_totals);
    size_t skipped = 0;
    for (size_t i = 0; i < pxl_findings_count(o->findings); i++) {
        const pxl_finding *f = pxl_findings_get(o->findings, i);
        skipped += !strcmp(f->code, "sheet-skipped");
        int expected = !strcmp(f->code, "amount-stored-as-text") || !strcmp(f->code, "amount-unit-converted") ||
                       !strcmp(f->code, "sheet-skipped") ||
                       !strcmp(f->code, "sheet-state-unknown");
        ck_assert_msg(expected, "seed %llu plan %zu: a finding on the plan as generated:%s", (unsigned long long)seed,
                      index, found);
    }
    ck_assert_msg(skipped == (b->states_known ? b->hidden : 0), "seed %llu plan %zu: %zu sheet-skipped",
                  (unsigned long long)seed, index, skipped);
}

static int same_cell(const pxl_cellref *ref, const gen_book *b, const target *t)
{
    return ref->sheet && !strcmp(ref->sheet, b->sheets[t->sheet].name) && ref->row == t->row && ref->col == t->col;
}

/* 1 when a value of the model at the target's cell holds @p x. */
static int value_reaches(const pxl_value *v, const gen_book *b, const target *t, double x)
{
    return same_cell(&v->cell, b, t) && v->kind == PXL_VALUE_NUMBER && fabs(v->number - x) < 1e-9;
}

static int total_reaches(const pxl_total *total, const gen_book *b, const target *t, double x)
{
    return value_reaches(pxl_total_current_year(total), b, t, x) || value_reaches(pxl_total_full_year(total), b, t, x);
}

static int model_holds(const pxl_plan *plan, const gen_book *b, const target *t, double x)
{
    for (size_t a = 0; a < pxl_plan_area_count(plan); a++) {
        const pxl_area *area = pxl_plan_area(plan, a);
        for (size_t i = 0; i < pxl_area_total_count(area); i++)
            if (total_reaches(pxl_area_total(area, i), b, t, x))
                return 1;
        for (size_t m = 0; m < pxl_area_measure_count(area); m++) {
            const pxl_measure *measure = pxl_area_measure(area, m);
            for (size_t e = 0; e < pxl_measure_effect_count(measure); e++) {
                const pxl_effect *effect = pxl_measure_effect(measure, e);
                if (value_reaches(pxl_effect_current_year(effect), b, t, x) ||
                    value_reaches(pxl_effect_full_year(effect), b, t, x))
                    return 1;
            }
            for (size_t i = 0; i < pxl_measure_total_count(measure); i++)
                if (total_reaches(pxl_measure_total(measure, i), b, t, x))
                    return 1;
        }
    }
    for (size_t i = 0; i < pxl_plan_total_count(plan); i++)
        if (total_reaches(pxl_plan_total(plan, i), b, t, x))
            return 1;
    for (size_t i = 0; i < pxl_plan_summary_count(plan); i++)
        if (total_reaches(pxl_plan_summary(plan, i), b, t, x))
            return 1;
    return 0;
}

/* Change one amount, the cell chosen after the layout was made, and see that it is not lost. */
static void mutate_and_check(gen_book *b, uint64_t seed, size_t index)
{
    if (!b->target_count)
        return;
    const target *t = &b->targets[below((uint32_t)b->target_count)];
    seen_mutated[t->role]++;
    gen_sheet *s = &b->sheets[t->sheet];
    pxl_cell *c = NULL;
    for (size_t i = 0; i < s->count && !c; i++)
        if (s->cells[i].row == t->row && s->cells[i].col == t->col)
            c = &s->cells[i];
    ck_assert_ptr_nonnull(c);
    pxl_cell saved = *c;
    char saved_text[GEN_TEXT];
    char *buf = s->text[c - s->cells];
    memcpy(saved_text, buf, GEN_TEXT);
    double changed = t->value + (below(2) ? 1 : -1) * 10.0 * (1 + below(500));
    set_amount(c, buf, t->notation, changed);

    outcome o = read_and_check(b, seed, index);
    int at_cell = 0, errors = 0;
    for (size_t i = 0; i < pxl_findings_count(o.findings); i++) {
        const pxl_finding *f = pxl_findings_get(o.findings, i);
        errors += f->severity == PXL_SEVERITY_ERROR;
        if (f->has_cell && same_cell(&f->cell, b, t) &&
            (!strcmp(f->code, "total-mismatch") || !strcmp(f->code, "summary-mismatch")))
            at_cell = 1;
    }
    int reaches = model_holds(o.plan, b, t, changed);
    char found[4096], a1[16];
    describe(&o, found, sizeof found);
    pxl_cell_name(a1, sizeof a1, t->row, t->col);
    ck_assert_msg(at_cell || reaches, "seed %llu plan %zu: %s!%s changed to %g: no finding there, not in the model:%s",
                  (unsigned long long)seed, index, s->name, a1, changed, found);
    if (t->role != ROLE_EFFECT)
        ck_assert_msg(at_cell, "seed %llu plan %zu: the declared total %s!%s changed to %g is not reported there:%s",
                      (unsigned long long)seed, index, s->name, a1, changed, found);
    else
        ck_assert_msg(reaches, "seed %llu plan %zu: the effect amount %s!%s changed to %g is not in the model",
                      (unsigned long long)seed, index, s->name, a1, changed);
    /* an effect row that a declared total covers breaks that total (any level: the summary too) */
    if (t->role == ROLE_EFFECT && (b->summary_rows || b->plan_totals))
        ck_assert_msg(errors > 0, "seed %llu plan %zu: %s!%s changed to %g, and no total says so:%s",
                      (unsigned long long)seed, index, s->name, a1, changed, found);
    outcome_free(&o);
    *c = saved;
    memcpy(buf, saved_text, GEN_TEXT);
}

/* PLANXL_VARIATION_SHOW=N: the outline of plan N of the seed, and its cells, on stderr (to debug). */
static void show(const gen_book *b, const outcome *o)
{
    for (size_t i = 0; i < b->sheet_count; i++) {
        const gen_sheet *s = &b->sheets[i];
        fprintf(stderr, "== %s (%zu merges)\n", s->name, s->merge_count);
        for (size_t k = 0; k < s->count; k++) {
            char a1[16];
            const pxl_cell *c = &s->cells[k];
            pxl_cell_name(a1, sizeof a1, c->row, c->col);
            if (c->type == PXL_CELL_TEXT)
                fprintf(stderr, "  %s \"%s\"\n", a1, c->text);
            else
                fprintf(stderr, "  %s %g\n", a1, c->number);
        }
    }
    pxl_plan_write_outline(o->plan, stderr, "stderr");
}

static void run_plans(uint64_t seed, size_t plans)
{
    const char *show_env = getenv("PLANXL_VARIATION_SHOW");
    long show_index = show_env && *show_env ? atol(show_env) : -1;
    gen_book *b = malloc(sizeof *b);
    ck_assert_ptr_nonnull(b);
    for (size_t i = 0; i < plans; i++) {
        rng = (seed ^ (0x9E3779B97F4A7C15ULL * (i + 1))) | 1;
        generate(b);
        for (size_t k = 0; k < b->sheet_count; k++)
            seen_merges += b->sheets[k].merge_count;
        seen_hidden += b->hidden;
        seen_summary += b->summary_rows;
        seen_plan_totals += b->plan_totals;
        for (size_t a = 0; a < b->area_count; a++) {
            seen_area_totals += b->areas[a].area_totals;
            seen_fields += b->areas[a].fields;
        }
        outcome o = read_and_check(b, seed, i);
        if ((long)i == show_index)
            show(b, &o);
        assert_as_generated(b, &o, seed, i);
        outcome_free(&o);
        mutate_and_check(b, seed, i);
    }
    free(b);
}

START_TEST(generated_plans_fixed_seed)
{
    run_plans(0x5EED2024ULL, VARIATION_PLANS);
}
END_TEST

/* Runs after the seeds (same process): every dimension and every kind of mutation was met. */
START_TEST(generated_plans_varied)
{
    ck_assert_uint_gt(seen_merges, VARIATION_PLANS / 10);
    ck_assert_uint_gt(seen_hidden, VARIATION_PLANS / 10);
    ck_assert_uint_gt(seen_summary, VARIATION_PLANS / 10);
    ck_assert_uint_gt(seen_plan_totals, VARIATION_PLANS / 10);
    ck_assert_uint_gt(seen_area_totals, VARIATION_PLANS / 10);
    ck_assert_uint_gt(seen_fields, VARIATION_PLANS / 10);
    for (int role = ROLE_EFFECT; role <= ROLE_SUMMARY; role++)
        ck_assert_msg(seen_mutated[role] > VARIATION_PLANS / 100, "role %d mutated %zu times", role, seen_mutated[role]);
}
END_TEST

START_TEST(generated_plans_random_seed)
{
    const char *env = getenv("PLANXL_VARIATION_SEED");
    uint64_t seed = env && *env ? strtoull(env, NULL, 0) : (uint64_t)time(NULL) ^ ((uint64_t)clock() << 32);
    fprintf(stderr, "check_recognize_variation: random seed %llu (PLANXL_VARIATION_SEED=%llu repeats it)\n",
            (unsigned long long)seed, (unsigned long long)seed);
    run_plans(seed, VARIATION_RANDOM_PLANS);
}
END_TEST

/* ---- item 5's cases, one grid each ---- */

#define SMALL_COLS 12

/* One sheet "Äldreomsorg" of @p rows, each from column A: NULL ends a row, "" is an empty cell,
 * a number's text a number cell. */
static gen_book *small_book(const char *const rows[][SMALL_COLS], size_t nrows)
{
    gen_book *b = calloc(1, sizeof *b);
    ck_assert_ptr_nonnull(b);
    b->sheet_count = 1;
    snprintf(b->sheets[0].name, sizeof b->sheets[0].name, "Äldreomsorg");
    for (size_t r = 0; r < nrows; r++)
        for (size_t c = 0; c < SMALL_COLS && rows[r][c]; c++) {
            const char *v = rows[r][c];
            if (!*v)
                continue;
            char *end;
            double x = strtod(v, &end);
            if (*end == '\0' && v[0] != '+')
                put_number(&b->sheets[0], (uint32_t)r, (uint32_t)c, x);
            else
                put_text(&b->sheets[0], (uint32_t)r, (uint32_t)c, v);
        }
    return b;
}

/* The findings of one code, as "A1 message" lines. */
static size_t code_at(const outcome *o, const char *code, const char *a1, const char **message)
{
    size_t n = 0;
    for (size_t i = 0; i < pxl_findings_count(o->findings); i++) {
        const pxl_finding *f = pxl_findings_get(o->findings, i);
        char name[16];
        if (strcmp(f->code, code) || !f->has_cell)
            continue;
        pxl_cell_name(name, sizeof name, f->cell.row, f->cell.col);
        if (!a1 || !strcmp(name, a1)) {
            n++;
            if (message)
                *message = f->message;
        }
    }
    return n;
}

START_TEST(unrecognized_content_named)
{
    static const char *const rows[][SMALL_COLS] = {
        {"Åtgärdsplan per augusti 2024", NULL},
        {"Belopp i tkr:", NULL},
        {"Område", "Åtgärd", "Beskrivning", NULL},
        {"Hemtjänst", "Träffsäkra beslut", "Besluten ses över.", NULL},
        {"", "", "Åtgärder", "Effekt 2024 (tkr)", "Helårseffekt (tkr)", "Kommentar", NULL},
        {"", "", "Färre timmar", "100", "200", "", "", "777", NULL}, /* H6: an amount beside no header */
        {"", "", "Summa", "100", "200", NULL},
        {NULL},
        {"", "", "", "", "", "", "Glömd rad", "50", "75", NULL}, /* G9:I9: an effect row outside any table */
        {NULL},
        {"", "", "", "", "", "", "", "", "", "Ring Anna om detta", NULL}, /* J11: text not placed */
    };
    gen_book *b = small_book(rows, sizeof rows / sizeof rows[0]);
    outcome o = read_and_check(b, 0, 0);
    const char *message = NULL;
    ck_assert_uint_eq(code_at(&o, "unrecognized-content", NULL, NULL), 5);
    ck_assert_uint_eq(code_at(&o, "unrecognized-content", "H6", &message), 1);
    ck_assert_str_eq(message, "\"777\" is an amount beside no header: it is not in the plan");
    ck_assert_uint_eq(code_at(&o, "unrecognized-content", "G9", &message), 1);
    ck_assert_str_eq(message, "\"Glömd rad\" is in a row that looks like an effect row but lies outside any table: "
                              "it is not in the plan");
    ck_assert_uint_eq(code_at(&o, "unrecognized-content", "I9", &message), 1);
    ck_assert_str_eq(message, "\"75\" is in a row that looks like an effect row but lies outside any table: "
                              "it is not in the plan");
    ck_assert_uint_eq(code_at(&o, "unrecognized-content", "H9", NULL), 1);
    ck_assert_uint_eq(code_at(&o, "unrecognized-content", "J11", &message), 1);
    ck_assert_str_eq(message, "\"Ring Anna om detta\" is text the recogniser did not place: it is not in the plan");
    /* the title, the unit note, headers, the measure, its effect and its Summa are all placed */
    ck_assert_uint_eq(pxl_findings_count_severity(o.findings, PXL_SEVERITY_WARNING), 5);
    ck_assert_uint_eq(pxl_findings_count_severity(o.findings, PXL_SEVERITY_ERROR), 0);
    outcome_free(&o);
    free(b);
}
END_TEST

START_TEST(extra_columns_are_fields)
{
    static const char *const rows[][SMALL_COLS] = {
        {"Område", "Åtgärd", "Beskrivning", "Ansvarig", NULL},
        {"Hemtjänst", "Träffsäkra beslut", "Besluten ses över.", "Anna Berg", NULL},
        {"", "", "Åtgärder", "Effekt 2024 (tkr)", "Helårseffekt (tkr)", "Kommentar", "Status", "Klart datum", NULL},
        {"", "", "Färre timmar", "100", "200", "Uppskattat.", "Pågår", "2024-12-31", NULL},
        {"", "", "Lägre hyra", "0", "50", "", "", "45657", NULL},
    };
    gen_book *b = small_book(rows, sizeof rows / sizeof rows[0]);
    outcome o = read_and_check(b, 0, 0);
    /* nothing unplaced: the columns are fields */
    ck_assert_uint_eq(pxl_findings_count_severity(o.findings, PXL_SEVERITY_WARNING), 0);
    ck_assert_uint_eq(pxl_findings_count_severity(o.findings, PXL_SEVERITY_ERROR), 0);
    const pxl_measure *m = pxl_area_measure(pxl_plan_area(o.plan, 0), 0);
    ck_assert_uint_eq(pxl_measure_field_count(m), 1);
    ck_assert_str_eq(pxl_field_header(pxl_measure_field(m, 0)), "Ansvarig");
    ck_assert_str_eq(pxl_field_value(pxl_measure_field(m, 0)), "Anna Berg");
    ck_assert_uint_eq(pxl_field_cell(pxl_measure_field(m, 0))->col, 3);
    const pxl_effect *e = pxl_measure_effect(m, 0);
    ck_assert_uint_eq(pxl_effect_field_count(e), 2);
    ck_assert_str_eq(pxl_field_header(pxl_effect_field(e, 0)), "Status");
    ck_assert_str_eq(pxl_field_value(pxl_effect_field(e, 0)), "Pågår");
    ck_assert_str_eq(pxl_field_header(pxl_effect_field(e, 1)), "Klart datum");
    ck_assert_str_eq(pxl_field_value(pxl_effect_field(e, 1)), "2024-12-31");
    ck_assert_uint_eq(pxl_field_cell(pxl_effect_field(e, 1))->row, 3);
    e = pxl_measure_effect(m, 1);
    ck_assert_uint_eq(pxl_effect_field_count(e), 1);
    ck_assert_str_eq(pxl_field_value(pxl_effect_field(e, 0)), "45657"); /* a number as its text */
    ck_assert_ptr_null(pxl_effect_field(e, 1));
    /* the dump shows them */
    char *json = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&json, &len);
    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(pxl_plan_write_json(o.plan, out, "memory"), PXL_OK);
    ck_assert_int_eq(pxl_plan_write_outline(o.plan, out, "memory"), PXL_OK);
    fclose(out);
    ck_assert_ptr_nonnull(strstr(json, "\"header\": \"Ansvarig\""));
    ck_assert_ptr_nonnull(strstr(json, "\"value\": \"Pågår\""));
    ck_assert_ptr_nonnull(strstr(json, "\"cell\": \"Äldreomsorg!G4\""));
    ck_assert_ptr_nonnull(strstr(json, "Klart datum: 2024-12-31  (Äldreomsorg!H4)"));
    free(json);
    outcome_free(&o);
    free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("recognize_variation");
    TCase *tc = tcase_create("variation");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, unrecognized_content_named);
    tcase_add_test(tc, extra_columns_are_fields);
    tcase_add_test(tc, generated_plans_fixed_seed);
    tcase_add_test(tc, generated_plans_varied);
    tcase_add_test(tc, generated_plans_random_seed);
    suite_add_tcase(s, tc);
    SRunner *runner = srunner_create(s);
    srunner_set_fork_status(runner, CK_NOFORK);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
