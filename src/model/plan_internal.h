/*
 * The plan model's structs, shared by the library's own modules (recogniser,
 * checks, writers). Callers outside the library use the accessors in plan.h.
 * All strings and structs live in the plan's arena and die with it.
 */
#ifndef PLANXL_PLAN_INTERNAL_H
#define PLANXL_PLAN_INTERNAL_H

#include <stddef.h>
#include "util/arena.h"
#include "planxl/plan.h"

/* A cell of a column the recogniser knows no header word for (Ansvarig, Status, Klart datum),
 * beside a recognised table: kept with its row, never dropped (issue 12). */
struct pxl_field {
    const char *header;      /* the column's header as written */
    const char *value;       /* the cell's text */
    pxl_cellref cell;
};

/* A row's extra fields, in column order. */
typedef struct pxl_fields {
    pxl_field *items;
    size_t count;
} pxl_fields;

struct pxl_kpi {
    const char *name;
    pxl_value target;
    pxl_value current;
    const char *comment;
    pxl_cellref cell;        /* the row's leftmost cell (the name) */
    pxl_fields fields;
};

struct pxl_effect {
    const char *description;
    pxl_value current_year;  /* tkr */
    pxl_value full_year;     /* tkr */
    const char *comment;
    pxl_cellref cell;
    size_t sheet_index;      /* the sheet's place in its workbook: what a plan total closes */
    pxl_fields fields;
};

struct pxl_total {
    const char *label;       /* "Summa", "Totalt", "Netto" … as written */
    pxl_value current_year;
    pxl_value full_year;
    pxl_cellref cell;        /* the row's leftmost cell (the label) */
    size_t sheet_index;      /* the sheet's place in its workbook */
    /* A summary sheet's row: the area it names ("" when none); NULL for a row that totals the
     * plan, and for every total that is not a summary's. */
    const char *summary_area;
};

struct pxl_measure {
    const pxl_area *area;
    const char *section;     /* Område */
    const char *title;       /* Åtgärd */
    const char *description; /* Beskrivning; "" in the flat layout */
    pxl_cellref cell;        /* the row's leftmost cell */
    pxl_cellref title_cell;
    pxl_cellref description_cell;
    int current_year;        /* from the effect header, 0 when unknown */
    pxl_fields fields;       /* the measure row's extra fields */
    pxl_kpi **kpis;      size_t kpi_count,    kpi_cap;
    pxl_effect **effects; size_t effect_count, effect_cap;
    pxl_total **totals;  size_t total_count,  total_cap;
};

struct pxl_area {
    const char *name;
    pxl_measure **measures; size_t measure_count, measure_cap;
    /* "Summa Hemtjänst", "Summa verksamhet": totals that close the area's effect rows above them */
    pxl_total **totals;     size_t total_count,   total_cap;
};

/* What a non-empty cell the recogniser did not take looks like (unrecognized-content). */
typedef enum pxl_unplaced_kind {
    PXL_UNPLACED_TEXT = 0,     /* text (or a date, a TRUE) it did not place */
    PXL_UNPLACED_AMOUNT,       /* an amount beside no header */
    PXL_UNPLACED_EFFECT_ROW    /* a cell of a row that looks like an effect row, outside any table */
} pxl_unplaced_kind;

typedef struct pxl_unplaced {
    pxl_cellref cell;
    const char *text;        /* the cell as a reader sees it */
    pxl_unplaced_kind kind;
} pxl_unplaced;

typedef struct pxl_unreadable {
    const char *file;
    const char *message;
} pxl_unreadable;

/* How an input file was read (for --verbose): the reader, and freexl's reason when AUTO fell back. */
typedef struct pxl_file_read {
    pxl_reader_kind reader;
    const char *fallback_reason;
} pxl_file_read;

struct pxl_plan {
    pxl_arena arena;
    pxl_area **areas;            size_t area_count, area_cap;
    const char **files;          size_t file_count, file_cap;
    pxl_file_read *file_reads;   size_t file_read_cap;  /* parallel to files */
    pxl_unreadable *unreadable;  size_t unreadable_count, unreadable_cap;
    const char *title, *committee, *municipality, *period;
    /* "Totalt nämnden": totals that close every effect row of their file above them */
    pxl_total **totals;          size_t total_count, total_cap;
    /* the rows of summary sheets (Sammanställning): each area's total, or the plan's */
    pxl_total **summary;         size_t summary_count, summary_cap;
    /* the cells of plan sheets the recogniser did not take, in sheet and row order (coverage.c) */
    pxl_unplaced *unplaced;      size_t unplaced_count, unplaced_cap;
    /* every sheet met, read or skipped (pxl_plan_sheet) */
    pxl_sheet_info *sheets;      size_t sheet_count, sheet_cap;
};

/* Building a plan (plan.c). Strings are copied into the arena; NULL reads as "". */
const char *pxl_plan_strdup(pxl_plan *plan, const char *s);
pxl_area *pxl_plan_area_get(pxl_plan *plan, const char *name); /* finds or adds; NULL on OOM */
pxl_area *pxl_plan_area_find(pxl_plan *plan, const char *name); /* finds; NULL when there is none */
pxl_measure *pxl_area_add_measure(pxl_plan *plan, pxl_area *area);
pxl_kpi *pxl_measure_add_kpi(pxl_plan *plan, pxl_measure *measure);
pxl_effect *pxl_measure_add_effect(pxl_plan *plan, pxl_measure *measure);
pxl_total *pxl_measure_add_total(pxl_plan *plan, pxl_measure *measure);
pxl_total *pxl_area_add_total(pxl_plan *plan, pxl_area *area);
pxl_total *pxl_plan_add_total(pxl_plan *plan);
pxl_total *pxl_plan_add_summary_total(pxl_plan *plan);
pxl_error pxl_plan_add_file(pxl_plan *plan, const char *file, const char **interned);
/* Record which reader read @p file (added with pxl_plan_add_file before). */
pxl_error pxl_plan_note_reader(pxl_plan *plan, const char *file, pxl_reader_kind reader, const char *fallback_reason);
/* Record a sheet of @p file (interned) met by the recogniser; its merges are copied. */
pxl_error pxl_plan_add_sheet(pxl_plan *plan, const pxl_sheet_info *sheet);
pxl_error pxl_plan_add_unplaced(pxl_plan *plan, const pxl_unplaced *unplaced); /* text copied */
/* Append a field to @p fields (strings copied); PXL_ERR_NOMEM on failure. */
pxl_error pxl_fields_add(pxl_plan *plan, pxl_fields *fields, const char *header, const char *value,
                         pxl_cellref cell);
pxl_error pxl_plan_add_unreadable(pxl_plan *plan, const char *file, const char *message);

/* Grow *items (of *cap elements of @p size) so one more fits; 0 on success. */
int pxl_grow(void **items, size_t *cap, size_t count, size_t size);

#endif
