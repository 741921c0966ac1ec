/* The plan model: storage, builders for the recogniser, accessors for callers. */
#include <stdlib.h>
#include <string.h>

#include "util/error_internal.h"
#include "plan_internal.h"

int pxl_grow(void **items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return 0;
    size_t want = *cap ? *cap * 2 : 8;
    void *p = realloc(*items, want * size);
    if (!p)
        return -1;
    *items = p;
    *cap = want;
    return 0;
}

pxl_error pxl_plan_new(pxl_plan **out)
{
    if (!out)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "pxl_plan_new: no place for the plan");
    pxl_plan *plan = calloc(1, sizeof *plan);
    if (!plan)
        return pxl_fail_nomem();
    plan->title = plan->committee = plan->municipality = plan->period = "";
    *out = plan;
    return PXL_OK;
}

void pxl_plan_free(pxl_plan *plan)
{
    if (!plan)
        return;
    for (size_t a = 0; a < plan->area_count; a++) {
        pxl_area *area = plan->areas[a];
        for (size_t m = 0; m < area->measure_count; m++) {
            pxl_measure *measure = area->measures[m];
            free(measure->kpis);
            free(measure->effects);
            free(measure->totals);
        }
        free(area->measures);
        free(area->totals);
    }
    free(plan->areas);
    free(plan->totals);
    free(plan->summary);
    free(plan->files);
    free(plan->sheets);
    free(plan->unplaced);
    free(plan->file_reads);
    free(plan->unreadable);
    pxl_arena_free(&plan->arena);
    free(plan);
}

const char *pxl_plan_strdup(pxl_plan *plan, const char *s)
{
    if (!s)
        s = "";
    return pxl_arena_strndup(&plan->arena, s, strlen(s));
}

pxl_area *pxl_plan_area_find(pxl_plan *plan, const char *name)
{
    for (size_t i = 0; i < plan->area_count; i++)
        if (!strcmp(plan->areas[i]->name, name))
            return plan->areas[i];
    return NULL;
}

pxl_area *pxl_plan_area_get(pxl_plan *plan, const char *name)
{
    pxl_area *found = pxl_plan_area_find(plan, name);
    if (found)
        return found;
    if (pxl_grow((void **)&plan->areas, &plan->area_cap, plan->area_count, sizeof *plan->areas))
        return NULL;
    pxl_area *area = pxl_arena_alloc(&plan->arena, sizeof *area);
    if (!area || !(area->name = pxl_plan_strdup(plan, name)))
        return NULL;
    plan->areas[plan->area_count++] = area;
    return area;
}

/* Append a zeroed object of @p size to a pointer array; NULL on OOM. */
static void *add_item(pxl_plan *plan, void ***items, size_t *count, size_t *cap, size_t size)
{
    if (pxl_grow((void **)items, cap, *count, sizeof **items))
        return NULL;
    void *item = pxl_arena_alloc(&plan->arena, size);
    if (item)
        (*items)[(*count)++] = item;
    return item;
}

static void init_value(pxl_value *v)
{
    v->kind = PXL_VALUE_MISSING;
    v->text = "";
}

pxl_measure *pxl_area_add_measure(pxl_plan *plan, pxl_area *area)
{
    pxl_measure *m = add_item(plan, (void ***)&area->measures, &area->measure_count,
                              &area->measure_cap, sizeof *m);
    if (m) {
        m->area = area;
        m->section = m->title = m->description = "";
    }
    return m;
}

pxl_kpi *pxl_measure_add_kpi(pxl_plan *plan, pxl_measure *measure)
{
    pxl_kpi *k = add_item(plan, (void ***)&measure->kpis, &measure->kpi_count, &measure->kpi_cap,
                          sizeof *k);
    if (k) {
        k->name = k->comment = "";
        init_value(&k->target);
        init_value(&k->current);
    }
    return k;
}

pxl_effect *pxl_measure_add_effect(pxl_plan *plan, pxl_measure *measure)
{
    pxl_effect *e = add_item(plan, (void ***)&measure->effects, &measure->effect_count,
                             &measure->effect_cap, sizeof *e);
    if (e) {
        e->description = e->comment = "";
        init_value(&e->current_year);
        init_value(&e->full_year);
    }
    return e;
}

static pxl_total *add_total(pxl_plan *plan, pxl_total ***totals, size_t *count, size_t *cap)
{
    pxl_total *t = add_item(plan, (void ***)totals, count, cap, sizeof *t);
    if (t) {
        t->label = "";
        init_value(&t->current_year);
        init_value(&t->full_year);
    }
    return t;
}

pxl_total *pxl_measure_add_total(pxl_plan *plan, pxl_measure *measure)
{
    return add_total(plan, &measure->totals, &measure->total_count, &measure->total_cap);
}

pxl_total *pxl_area_add_total(pxl_plan *plan, pxl_area *area)
{
    return add_total(plan, &area->totals, &area->total_count, &area->total_cap);
}

pxl_total *pxl_plan_add_total(pxl_plan *plan)
{
    return add_total(plan, &plan->totals, &plan->total_count, &plan->total_cap);
}

pxl_total *pxl_plan_add_summary_total(pxl_plan *plan)
{
    return add_total(plan, &plan->summary, &plan->summary_count, &plan->summary_cap);
}

pxl_error pxl_plan_add_file(pxl_plan *plan, const char *file, const char **interned)
{
    for (size_t i = 0; i < plan->file_count; i++)
        if (!strcmp(plan->files[i], file)) {
            if (interned)
                *interned = plan->files[i];
            return PXL_OK;
        }
    const char *copy = pxl_plan_strdup(plan, file);
    size_t read_cap = plan->file_read_cap;
    if (!copy || pxl_grow((void **)&plan->files, &plan->file_cap, plan->file_count, sizeof *plan->files) ||
        pxl_grow((void **)&plan->file_reads, &read_cap, plan->file_count, sizeof *plan->file_reads))
        return pxl_fail_nomem();
    plan->file_read_cap = read_cap;
    plan->file_reads[plan->file_count] = (pxl_file_read){PXL_READER_AUTO, ""};
    plan->files[plan->file_count++] = copy;
    if (interned)
        *interned = copy;
    return PXL_OK;
}

pxl_error pxl_plan_note_reader(pxl_plan *plan, const char *file, pxl_reader_kind reader, const char *fallback_reason)
{
    for (size_t i = 0; i < plan->file_count; i++)
        if (!strcmp(plan->files[i], file)) {
            const char *reason = pxl_plan_strdup(plan, fallback_reason);
            if (!reason)
                return pxl_fail_nomem();
            plan->file_reads[i] = (pxl_file_read){reader, reason};
            return PXL_OK;
        }
    return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: not an input of this plan", file);
}

pxl_error pxl_plan_add_unplaced(pxl_plan *plan, const pxl_unplaced *unplaced)
{
    if (pxl_grow((void **)&plan->unplaced, &plan->unplaced_cap, plan->unplaced_count, sizeof *plan->unplaced))
        return pxl_fail_nomem();
    pxl_unplaced *u = &plan->unplaced[plan->unplaced_count];
    *u = *unplaced;
    if (!(u->text = pxl_plan_strdup(plan, unplaced->text)))
        return pxl_fail_nomem();
    plan->unplaced_count++;
    return PXL_OK;
}

pxl_error pxl_fields_add(pxl_plan *plan, pxl_fields *fields, const char *header, const char *value,
                         pxl_cellref cell)
{
    /* The arena owns the array: rows have few fields, and a grown copy costs little. */
    pxl_field *items = pxl_arena_alloc(&plan->arena, (fields->count + 1) * sizeof *items);
    if (!items)
        return pxl_fail_nomem();
    if (fields->count)
        memcpy(items, fields->items, fields->count * sizeof *items);
    pxl_field *f = &items[fields->count];
    f->header = pxl_plan_strdup(plan, header);
    f->value = pxl_plan_strdup(plan, value);
    f->cell = cell;
    if (!f->header || !f->value)
        return pxl_fail_nomem();
    fields->items = items;
    fields->count++;
    return PXL_OK;
}

pxl_error pxl_plan_add_unreadable(pxl_plan *plan, const char *file, const char *message)
{
    if (pxl_grow((void **)&plan->unreadable, &plan->unreadable_cap, plan->unreadable_count,
                 sizeof *plan->unreadable))
        return pxl_fail_nomem();
    pxl_unreadable *u = &plan->unreadable[plan->unreadable_count];
    u->file = pxl_plan_strdup(plan, file);
    u->message = pxl_plan_strdup(plan, message);
    if (!u->file || !u->message)
        return pxl_fail_nomem();
    plan->unreadable_count++;
    return PXL_OK;
}

/* ---- accessors ---- */

pxl_error pxl_plan_add_sheet(pxl_plan *plan, const pxl_sheet_info *sheet)
{
    if (pxl_grow((void **)&plan->sheets, &plan->sheet_cap, plan->sheet_count, sizeof *plan->sheets))
        return pxl_fail_nomem();
    pxl_sheet_info copy = *sheet;
    copy.name = pxl_plan_strdup(plan, sheet->name);
    copy.merges = NULL;
    if (!copy.name)
        return pxl_fail_nomem();
    if (sheet->merge_count) {
        pxl_range *m = pxl_arena_alloc(&plan->arena, sheet->merge_count * sizeof *m);
        if (!m)
            return pxl_fail_nomem();
        memcpy(m, sheet->merges, sheet->merge_count * sizeof *m);
        copy.merges = m;
    }
    plan->sheets[plan->sheet_count++] = copy;
    return PXL_OK;
}

size_t pxl_plan_sheet_count(const pxl_plan *plan) { return plan->sheet_count; }
const pxl_sheet_info *pxl_plan_sheet(const pxl_plan *plan, size_t i)
{
    return i < plan->sheet_count ? &plan->sheets[i] : NULL;
}

size_t pxl_plan_file_count(const pxl_plan *plan) { return plan->file_count; }
const char *pxl_plan_file(const pxl_plan *plan, size_t i) { return i < plan->file_count ? plan->files[i] : NULL; }
size_t pxl_plan_unreadable_count(const pxl_plan *plan) { return plan->unreadable_count; }

pxl_reader_kind pxl_plan_file_reader(const pxl_plan *plan, size_t i, const char **fallback_reason)
{
    if (fallback_reason)
        *fallback_reason = i < plan->file_count ? plan->file_reads[i].fallback_reason : "";
    return i < plan->file_count ? plan->file_reads[i].reader : PXL_READER_AUTO;
}

const char *pxl_plan_unreadable_file(const pxl_plan *plan, size_t i, const char **message)
{
    if (i >= plan->unreadable_count)
        return NULL;
    if (message)
        *message = plan->unreadable[i].message;
    return plan->unreadable[i].file;
}

const char *pxl_plan_title(const pxl_plan *plan) { return plan->title; }
const char *pxl_plan_committee(const pxl_plan *plan) { return plan->committee; }
const char *pxl_plan_municipality(const pxl_plan *plan) { return plan->municipality; }
const char *pxl_plan_period(const pxl_plan *plan) { return plan->period; }

size_t pxl_plan_area_count(const pxl_plan *plan) { return plan->area_count; }
const pxl_area *pxl_plan_area(const pxl_plan *plan, size_t i) { return i < plan->area_count ? plan->areas[i] : NULL; }

const char *pxl_area_name(const pxl_area *area) { return area->name; }
size_t pxl_area_measure_count(const pxl_area *area) { return area->measure_count; }
const pxl_measure *pxl_area_measure(const pxl_area *area, size_t i) { return i < area->measure_count ? area->measures[i] : NULL; }
size_t pxl_area_total_count(const pxl_area *area) { return area->total_count; }
const pxl_total *pxl_area_total(const pxl_area *area, size_t i) { return i < area->total_count ? area->totals[i] : NULL; }
size_t pxl_plan_total_count(const pxl_plan *plan) { return plan->total_count; }
const pxl_total *pxl_plan_total(const pxl_plan *plan, size_t i) { return i < plan->total_count ? plan->totals[i] : NULL; }
size_t pxl_plan_summary_count(const pxl_plan *plan) { return plan->summary_count; }
const pxl_total *pxl_plan_summary(const pxl_plan *plan, size_t i) { return i < plan->summary_count ? plan->summary[i] : NULL; }

const char *pxl_measure_section(const pxl_measure *m) { return m->section; }
const char *pxl_measure_title(const pxl_measure *m) { return m->title; }
const char *pxl_measure_description(const pxl_measure *m) { return m->description; }
const pxl_cellref *pxl_measure_cell(const pxl_measure *m) { return &m->cell; }
const pxl_cellref *pxl_measure_title_cell(const pxl_measure *m) { return &m->title_cell; }
const pxl_cellref *pxl_measure_description_cell(const pxl_measure *m) { return &m->description_cell; }
int pxl_measure_current_year(const pxl_measure *m) { return m->current_year; }

size_t pxl_measure_kpi_count(const pxl_measure *m) { return m->kpi_count; }
const pxl_kpi *pxl_measure_kpi(const pxl_measure *m, size_t i) { return i < m->kpi_count ? m->kpis[i] : NULL; }
const char *pxl_kpi_name(const pxl_kpi *k) { return k->name; }
const pxl_value *pxl_kpi_target(const pxl_kpi *k) { return &k->target; }
const pxl_value *pxl_kpi_current(const pxl_kpi *k) { return &k->current; }
const char *pxl_kpi_comment(const pxl_kpi *k) { return k->comment; }
const pxl_cellref *pxl_kpi_cell(const pxl_kpi *k) { return &k->cell; }

size_t pxl_measure_effect_count(const pxl_measure *m) { return m->effect_count; }
const pxl_effect *pxl_measure_effect(const pxl_measure *m, size_t i) { return i < m->effect_count ? m->effects[i] : NULL; }
const char *pxl_effect_description(const pxl_effect *e) { return e->description; }
const pxl_value *pxl_effect_current_year(const pxl_effect *e) { return &e->current_year; }
const pxl_value *pxl_effect_full_year(const pxl_effect *e) { return &e->full_year; }
const char *pxl_effect_comment(const pxl_effect *e) { return e->comment; }
const pxl_cellref *pxl_effect_cell(const pxl_effect *e) { return &e->cell; }

size_t pxl_measure_total_count(const pxl_measure *m) { return m->total_count; }
const pxl_total *pxl_measure_total(const pxl_measure *m, size_t i) { return i < m->total_count ? m->totals[i] : NULL; }
const char *pxl_total_label(const pxl_total *t) { return t->label; }
const pxl_value *pxl_total_current_year(const pxl_total *t) { return &t->current_year; }
const pxl_value *pxl_total_full_year(const pxl_total *t) { return &t->full_year; }
const pxl_cellref *pxl_total_cell(const pxl_total *t) { return &t->cell; }
const char *pxl_total_summary_area(const pxl_total *t) { return t->summary_area; }

static const pxl_field *field_at(const pxl_fields *fields, size_t index)
{
    return index < fields->count ? &fields->items[index] : NULL;
}

size_t pxl_measure_field_count(const pxl_measure *measure) { return measure->fields.count; }
const pxl_field *pxl_measure_field(const pxl_measure *measure, size_t index) { return field_at(&measure->fields, index); }
size_t pxl_kpi_field_count(const pxl_kpi *kpi) { return kpi->fields.count; }
const pxl_field *pxl_kpi_field(const pxl_kpi *kpi, size_t index) { return field_at(&kpi->fields, index); }
size_t pxl_effect_field_count(const pxl_effect *effect) { return effect->fields.count; }
const pxl_field *pxl_effect_field(const pxl_effect *effect, size_t index) { return field_at(&effect->fields, index); }
const char *pxl_field_header(const pxl_field *field) { return field->header; }
const char *pxl_field_value(const pxl_field *field) { return field->value; }
const pxl_cellref *pxl_field_cell(const pxl_field *field) { return &field->cell; }
