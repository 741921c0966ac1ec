/* The flat layout: rows that each name their measure by (Verksamhet, Område, Åtgärd) (recognizer.h). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error_internal.h"
#include "util/number_text.h"
#include "recognizer.h"

static uint64_t hash_key(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static measure_slot *index_find(measure_index *ix, const char *key)
{
    size_t mask = ix->cap - 1;
    for (size_t i = hash_key(key) & mask;; i = (i + 1) & mask)
        if (!ix->slots[i].key || !strcmp(ix->slots[i].key, key))
            return &ix->slots[i];
}

static int index_grow(measure_index *ix)
{
    size_t cap = ix->cap ? ix->cap * 2 : 64;
    measure_index bigger = {calloc(cap, sizeof(measure_slot)), cap, ix->count};
    if (!bigger.slots)
        return -1;
    for (size_t i = 0; i < ix->cap; i++)
        if (ix->slots[i].key)
            *index_find(&bigger, ix->slots[i].key) = ix->slots[i];
    free(ix->slots);
    *ix = bigger;
    return 0;
}

void pxl_rec_index_free(measure_index *ix)
{
    for (size_t i = 0; i < ix->cap; i++)
        free(ix->slots[i].key);
    free(ix->slots);
    memset(ix, 0, sizeof *ix);
}

/* Append @p s folded, and a separator no cell text holds. */
static size_t key_part(char *key, size_t at, size_t size, const char *s)
{
    char folded[FOLD_MAX];
    pxl_fold(folded, sizeof folded, s);
    size_t n = strlen(folded);
    if (at + n + 2 > size)
        n = size > at + 2 ? size - at - 2 : 0;
    memcpy(key + at, folded, n);
    key[at + n] = '\x1f';
    key[at + n + 1] = '\0';
    return at + n + 1;
}

/* The measure named (area, section, title), found or added at this row. */
static pxl_measure *flat_measure(recognizer *r, const char *area_name, const char *section, const char *title,
                                 uint32_t row, const table_header *h)
{
    char key[3 * FOLD_MAX];
    size_t n = key_part(key, 0, sizeof key, area_name);
    n = key_part(key, n, sizeof key, section);
    key_part(key, n, sizeof key, title);
    if ((r->index.count + 1) * 2 > r->index.cap && index_grow(&r->index) != 0) {
        r->nomem = 1;
        return NULL;
    }
    measure_slot *slot = index_find(&r->index, key);
    if (slot->key)
        return slot->measure;
    pxl_area *area = pxl_plan_area_get(r->plan, area_name);
    if (!area) {
        r->nomem = 1;
        return NULL;
    }
    pxl_measure *m = pxl_rec_new_measure(r, area, row, h->first_col);
    char *copy = strdup(key);
    if (!m || !copy) {
        free(copy);
        r->nomem = 1;
        return NULL;
    }
    m->section = pxl_rec_keep(r, section);
    m->title = pxl_rec_keep(r, title);
    if (pxl_rec_has(h, PXL_HEADER_MEASURE))
        m->title_cell = pxl_rec_cellref(r, row, h->col[PXL_HEADER_MEASURE]);
    /* The flat layout has no descriptions; the description cell points at the title. */
    m->description_cell = m->title_cell;
    slot->key = copy;
    slot->measure = m;
    r->index.count++;
    return m;
}

/* A flat row's (Verksamhet, Område, Åtgärd), filled down from the row above where empty. */
static void flat_names(recognizer *r, uint32_t row, const char **area, const char **section, const char **title)
{
    const table_header *h = &r->block;
    *area = pxl_rec_has(h, PXL_HEADER_AREA) ? pxl_rec_text_at(r, row, h->col[PXL_HEADER_AREA]) : "";
    *section = pxl_rec_text_at(r, row, h->col[PXL_HEADER_SECTION]);
    *title = pxl_rec_text_at(r, row, h->col[PXL_HEADER_MEASURE]);
    int inherit = 1;
    if (!**area)
        *area = pxl_rec_has(h, PXL_HEADER_AREA) && r->flat_area ? r->flat_area : r->area_name;
    else
        inherit = 0;
    if (!**section && inherit && r->flat_section)
        *section = r->flat_section;
    else if (**section)
        inherit = 0;
    if (!**title && inherit && r->flat_title)
        *title = r->flat_title;
    r->flat_area = *area;
    r->flat_section = *section;
    r->flat_title = *title;
}

/*
 * A total row under a flat table (issue 12): "Summa Äldreomsorg" closes that area (the area of the
 * rows above it); "Totalt nämnden" the plan; a plain "Summa" the whole table: the plan when rows
 * name their Verksamhet, else the sheet's area. Its amounts are checked as total-mismatch.
 */
static void add_flat_total(recognizer *r, uint32_t row, const pxl_cell *label)
{
    const table_header *h = &r->block;
    const char *area_name = r->flat_area ? r->flat_area : r->area_name;
    pxl_total_level level = pxl_header_total_level(label->text, area_name);
    if (level == PXL_TOTAL_MEASURE || level == PXL_TOTAL_MEASURES) {
        level = pxl_rec_has(h, PXL_HEADER_AREA) ? PXL_TOTAL_PLAN : PXL_TOTAL_AREA;
        area_name = r->area_name;
    }
    pxl_total *t;
    if (level == PXL_TOTAL_PLAN) {
        t = pxl_plan_add_total(r->plan);
    } else {
        /* An area no row of the table named has no measures: the total closes nothing, and an
         * area made of it alone would be an empty area (fuzz_recognize). */
        pxl_area *area = area_name ? pxl_plan_area_find(r->plan, area_name) : NULL;
        if (!area || pxl_area_measure_count(area) == 0)
            return;
        t = pxl_area_add_total(r->plan, area);
    }
    if (!t) {
        r->nomem = 1;
        return;
    }
    t->label = pxl_rec_keep(r, label->text);
    pxl_rec_take(r, label);
    t->current_year = pxl_rec_read_value(r, row, h, PXL_HEADER_EFFECT_YEAR, PXL_PARSE_AMOUNT);
    t->full_year = pxl_rec_read_value(r, row, h, PXL_HEADER_EFFECT_FULL, PXL_PARSE_AMOUNT);
    t->cell = pxl_rec_cellref(r, row, h->first_col);
    t->sheet_index = r->sheet_index;
    r->recognised++;
}

void pxl_rec_add_flat_row(recognizer *r, uint32_t row, const pxl_cell *cells, size_t count)
{
    const table_header *h = &r->block;
    /* A sheet or area total under a flat table belongs to no one measure: it is not an effect
     * row but a declared total of the area or the plan (add_flat_total). Its label stands in a
     * naming column, or in the text column of a row that names no measure. KPI tables have no totals. */
    int names = 0, total = 0;
    const pxl_cell *label = NULL;
    for (size_t i = 0; i < count; i++) {
        long col = cells[i].col;
        int naming = col == h->col[PXL_HEADER_AREA] || col == h->col[PXL_HEADER_SECTION] ||
                     col == h->col[PXL_HEADER_MEASURE];
        if (naming && pxl_rec_is_meaningful(&cells[i]))
            names++;
        if (h->kind == TABLE_FLAT_EFFECT && cells[i].type == PXL_CELL_TEXT && (naming || col == h->text_col) &&
            pxl_header_is_total_label(cells[i].text)) {
            total |= naming ? 2 : 1;
            if (!label || naming)
                label = &cells[i];
        }
    }
    if ((total & 2) || (total && names == 0)) {
        add_flat_total(r, row, label);
        return;
    }
    const char *area, *section, *title;
    if (h->kind == TABLE_FLAT_KPI) {
        static const pxl_header_role wanted[] = {PXL_HEADER_KPI, PXL_HEADER_TARGET, PXL_HEADER_CURRENT};
        if (!pxl_rec_row_has_value(r, row, h, wanted, 3))
            return;
        flat_names(r, row, &area, &section, &title);
        pxl_measure *m = flat_measure(r, area, section, title, row, h);
        pxl_kpi *k = m ? pxl_measure_add_kpi(r->plan, m) : NULL;
        if (!k) {
            r->nomem = 1;
            return;
        }
        pxl_rec_fill_kpi(r, k, row, h);
    } else {
        static const pxl_header_role wanted[] = {PXL_HEADER_EFFECT_YEAR, PXL_HEADER_EFFECT_FULL};
        if (!pxl_rec_row_has_value(r, row, h, wanted, 2) && !pxl_rec_cell_at(r, row, h->text_col))
            return;
        flat_names(r, row, &area, &section, &title);
        pxl_measure *m = flat_measure(r, area, section, title, row, h);
        pxl_effect *e = m ? pxl_measure_add_effect(r->plan, m) : NULL;
        if (!e) {
            r->nomem = 1;
            return;
        }
        pxl_rec_fill_effect(r, e, row, h);
        pxl_rec_note_year(r, m, h);
    }
}
