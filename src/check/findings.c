/*
 * The findings container: what the checks found, sorted by file, sheet, row,
 * column and code, at most one finding per cell and code (issue 3).
 * Findings copy every string they keep, so they may outlive the plan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "check_internal.h"

/* A message longer than this is cut; a finding's message is one sentence. */
#define PXL_FINDING_MESSAGE_MAX 1024

/* The languages pxl_findings_message() answers in: ENVIRONMENT, ENGLISH, SWEDISH. */
#define PXL_LANGUAGE_COUNT 3

typedef struct pxl_finding_entry {
    pxl_finding pub;
    const char *messages[PXL_LANGUAGE_COUNT];  /* pub.message is messages[PXL_LANGUAGE_ENVIRONMENT] */
    size_t file_rank, sheet_rank;  /* filled in by pxl_findings_sort() */
    size_t seq;                    /* insertion order: keeps the sort stable */
} pxl_finding_entry;

struct pxl_findings {
    pxl_arena arena;
    pxl_finding_entry *items;
    size_t count, cap;
};

pxl_error pxl_findings_new(pxl_findings **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? PXL_OK : pxl_fail_nomem();
}

static int same_string(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

static const char *copy(pxl_findings *f, const char *s)
{
    return s ? pxl_arena_strndup(&f->arena, s, strlen(s)) : NULL;
}

pxl_error pxl_findings_add(pxl_findings *f, const pxl_finding_draft *d, const char *msgid, size_t argc,
                           const pxl_message_arg *args)
{
    const char *file = d->cell ? d->cell->file : d->file;
    const char *sheet = d->cell ? d->cell->sheet : NULL;
    if (f->count == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 16;
        pxl_finding_entry *items = realloc(f->items, cap * sizeof *items);
        if (!items)
            return pxl_fail_nomem();
        f->items = items;
        f->cap = cap;
    }
    /* The message in the thread's language (pub.message) and in each language a writer may ask for. */
    char message[PXL_FINDING_MESSAGE_MAX];
    const char *texts[PXL_LANGUAGE_COUNT];
    for (int l = 0; l < PXL_LANGUAGE_COUNT; l++) {
        pxl_message_format(message, sizeof message, (pxl_language)l, msgid, argc, args);
        texts[l] = l > 0 && strcmp(message, texts[0]) == 0 ? texts[0] : copy(f, message);
        if (!texts[l])
            return pxl_fail_nomem();
    }

    pxl_finding_entry *e = &f->items[f->count];
    memset(e, 0, sizeof *e);
    e->pub.code = d->code;  /* the codes are string literals */
    e->pub.severity = d->severity;
    e->pub.has_cell = d->cell != NULL;
    if (d->cell) {
        e->pub.cell.row = d->cell->row;
        e->pub.cell.col = d->cell->col;
    }
    e->pub.cell.file = copy(f, file);
    e->pub.cell.sheet = copy(f, sheet);
    for (int l = 0; l < PXL_LANGUAGE_COUNT; l++)
        e->messages[l] = texts[l];
    e->pub.message = texts[PXL_LANGUAGE_ENVIRONMENT];
    if ((file && !e->pub.cell.file) || (sheet && !e->pub.cell.sheet))
        return pxl_fail_nomem();
    e->pub.has_expected = d->has_expected;
    e->pub.expected = d->has_expected ? d->expected : 0;
    e->pub.has_actual = d->has_actual;
    e->pub.actual = d->has_actual ? d->actual : 0;
    e->seq = f->count;
    f->count++;
    return PXL_OK;
}

/* Rank of @p file: its position among the plan's inputs, then its unreadable files. */
static size_t file_rank(const pxl_plan *plan, const char *file)
{
    if (!file)
        return 0;
    for (size_t i = 0; i < plan->file_count; i++)
        if (strcmp(plan->files[i], file) == 0)
            return i;
    for (size_t i = 0; i < plan->unreadable_count; i++)
        if (strcmp(plan->unreadable[i].file, file) == 0)
            return plan->file_count + i;
    return plan->file_count + plan->unreadable_count;
}

/*
 * The sheets of the plan's files in the order the plan met them, which follows
 * each workbook's sheet order, so findings read top to bottom as the workbook
 * does. Sheets the plan never met sort after, by name.
 */
typedef struct sheet_place {
    const char *file, *sheet;
} sheet_place;

typedef struct sheet_order {
    sheet_place *places;
    size_t count;
} sheet_order;

static void sheet_order_add(sheet_order *o, const char *file, const char *sheet)
{
    if (!sheet)
        return;
    for (size_t i = 0; i < o->count; i++)
        if (same_string(o->places[i].file, file) && strcmp(o->places[i].sheet, sheet) == 0)
            return;
    o->places[o->count++] = (sheet_place){file, sheet};
}

/* Every sheet the recogniser met (skipped ones too, in workbook order), then any other sheet
 * a measure names (a plan built by hand). */
static int sheet_order_build(sheet_order *o, const pxl_plan *plan)
{
    size_t most = plan->sheet_count;
    for (size_t a = 0; a < plan->area_count; a++)
        most += plan->areas[a]->measure_count;
    o->count = 0;
    o->places = most ? malloc(most * sizeof *o->places) : NULL;
    if (most && !o->places)
        return -1;
    for (size_t i = 0; i < plan->sheet_count; i++)
        sheet_order_add(o, plan->sheets[i].file, plan->sheets[i].name);
    for (size_t a = 0; a < plan->area_count; a++) {
        const pxl_area *area = plan->areas[a];
        for (size_t m = 0; m < area->measure_count; m++)
            sheet_order_add(o, area->measures[m]->cell.file, area->measures[m]->cell.sheet);
    }
    return 0;
}

static size_t sheet_rank(const sheet_order *o, const char *file, const char *sheet)
{
    if (!sheet)
        return 0;
    for (size_t i = 0; i < o->count; i++)
        if (same_string(o->places[i].file, file) && strcmp(o->places[i].sheet, sheet) == 0)
            return i + 1;
    return (size_t)-1;
}

static int same_place(const pxl_finding *a, const pxl_finding *b)
{
    return strcmp(a->code, b->code) == 0 && a->has_cell == b->has_cell &&
           same_string(a->cell.file, b->cell.file) && same_string(a->cell.sheet, b->cell.sheet) &&
           a->cell.row == b->cell.row && a->cell.col == b->cell.col;
}

static int compare(const void *pa, const void *pb)
{
    const pxl_finding_entry *a = pa, *b = pb;
    if (a->file_rank != b->file_rank)
        return a->file_rank < b->file_rank ? -1 : 1;
    int c = strcmp(a->pub.cell.file ? a->pub.cell.file : "", b->pub.cell.file ? b->pub.cell.file : "");
    if (c)
        return c;
    if (a->sheet_rank != b->sheet_rank)
        return a->sheet_rank < b->sheet_rank ? -1 : 1;
    c = strcmp(a->pub.cell.sheet ? a->pub.cell.sheet : "", b->pub.cell.sheet ? b->pub.cell.sheet : "");
    if (c)
        return c;
    if (a->pub.has_cell != b->pub.has_cell)
        return a->pub.has_cell ? 1 : -1;
    if (a->pub.cell.row != b->pub.cell.row)
        return a->pub.cell.row < b->pub.cell.row ? -1 : 1;
    if (a->pub.cell.col != b->pub.cell.col)
        return a->pub.cell.col < b->pub.cell.col ? -1 : 1;
    c = strcmp(a->pub.code, b->pub.code);
    if (c)
        return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

pxl_error pxl_findings_sort(pxl_findings *f, const pxl_plan *plan)
{
    sheet_order order;
    if (sheet_order_build(&order, plan) != 0)
        return pxl_fail_nomem();
    for (size_t i = 0; i < f->count; i++) {
        pxl_finding_entry *e = &f->items[i];
        e->file_rank = file_rank(plan, e->pub.cell.file);
        e->sheet_rank = sheet_rank(&order, e->pub.cell.file, e->pub.cell.sheet);
    }
    free(order.places);
    if (f->count > 1)
        qsort(f->items, f->count, sizeof *f->items, compare);
    /* At most one finding per cell and code: the first one added stays. */
    size_t kept = 0;
    for (size_t i = 0; i < f->count; i++)
        if (kept == 0 || !same_place(&f->items[kept - 1].pub, &f->items[i].pub))
            f->items[kept++] = f->items[i];
    f->count = kept;
    return PXL_OK;
}

size_t pxl_findings_count(const pxl_findings *f)
{
    return f ? f->count : 0;
}

const pxl_finding *pxl_findings_get(const pxl_findings *f, size_t index)
{
    return f && index < f->count ? &f->items[index].pub : NULL;
}

const char *pxl_findings_message(const pxl_findings *f, size_t index, pxl_language language)
{
    if (!f || index >= f->count)
        return NULL;
    return f->items[index].messages[(unsigned)language < PXL_LANGUAGE_COUNT ? language : PXL_LANGUAGE_ENVIRONMENT];
}

size_t pxl_findings_count_severity(const pxl_findings *f, pxl_severity severity)
{
    size_t n = 0;
    for (size_t i = 0; f && i < f->count; i++)
        n += f->items[i].pub.severity == severity;
    return n;
}

void pxl_findings_free(pxl_findings *f)
{
    if (!f)
        return;
    pxl_arena_free(&f->arena);
    free(f->items);
    free(f);
}

const char *pxl_severity_name(pxl_severity severity)
{
    return severity == PXL_SEVERITY_ERROR ? "error" : severity == PXL_SEVERITY_WARNING ? "warning" : "info";
}
