/*
 * The recogniser's state and the helpers its files share: cells.c (cell text and values),
 * header_row.c (what a header row says), areas.c (areas and measures), tables.c (the
 * measure, KPI and effect tables of the finance office's layout), flat.c (the flat layout),
 * cover.c (the cover sheet and the plan's title), recognize.c (the entry points).
 */
#ifndef PLANXL_RECOGNIZE_RECOGNIZER_H
#define PLANXL_RECOGNIZE_RECOGNIZER_H

#include <stdint.h>

#include "headers.h"
#include "model/plan_internal.h"
#include "sheet_table.h"

/* Longest text taken as an area name from a title row; longer single cells are prose. */
#define AREA_NAME_MAX 80
/* Most words in a title row that names an area on its own ("Individ- och familjeomsorg"). */
#define AREA_NAME_MAX_WORDS 6
/* Folding buffer for keys and labels. */
#define FOLD_MAX 512

typedef enum table_kind {
    TABLE_NONE = 0,
    TABLE_MEASURE,      /* Område | Åtgärd | Beskrivning */
    TABLE_KPI,          /* Nyckeltal | Målvärde | Nuläge | Kommentar, under a measure */
    TABLE_EFFECT,       /* Åtgärder | Effekt 2024 | Helårseffekt | Kommentar, under a measure */
    TABLE_FLAT_KPI,     /* Verksamhet | Område | Åtgärd | Nyckeltal | … */
    TABLE_FLAT_EFFECT,  /* Verksamhet | Område | Åtgärd | Beskrivning av effekt | … */
    TABLE_SUMMARY       /* Verksamhet (or Område) | Effekt 2024 | Helårseffekt: one row per area */
} table_kind;

/* Most columns of one header row kept as extra fields (Ansvarig, Status …); more are reported. */
#define EXTRA_COLUMNS_MAX 16

/* A header row: which column holds which role (-1: none), and where the table spans. */
typedef struct table_header {
    table_kind kind;
    long col[PXL_HEADER_ROLE_COUNT];
    long text_col;        /* the row's label column: effect description or KPI name */
    uint32_t first_col, last_col;
    int year;             /* EFFECT: "Effekt 2024" → 2024, 0 when unnamed */
    int year_unnamed;     /* EFFECT: the header said "innevarande år" */
    /* the header's texts that are no header word: columns whose cells are the rows' extra fields */
    uint32_t extra_col[EXTRA_COLUMNS_MAX];
    const char *extra_header[EXTRA_COLUMNS_MAX]; /* the sheet table's text: valid for the sheet */
    size_t extra_count;
} table_header;

/* (area, section, title) → measure, for the flat layout, where rows anywhere name their measure. */
typedef struct measure_slot {
    char *key;            /* NULL: free slot */
    pxl_measure *measure;
} measure_slot;

typedef struct measure_index {
    measure_slot *slots;
    size_t cap, count;
} measure_index;

typedef struct recognizer {
    pxl_plan *plan;
    const char *file;            /* interned in the plan */
    const char *sheet;           /* current sheet name, in the plan's arena */
    size_t sheet_index;          /* its place in the workbook */
    const pxl_sheet_table *table;
    const char *area_name;       /* in the plan's arena; the sheet name until a title row names one */
    pxl_area *area;              /* created on the first measure, so empty sheets add no area */
    table_header measures;       /* the last measure header on this sheet */
    table_header block;          /* the open KPI/effect/flat table */
    table_header last_effect;    /* the last effect header on this sheet: where area and plan totals put amounts */
    pxl_measure *measure;        /* the measure KPI and effect rows belong to */
    int blank_since_block_row;   /* a blank row since the last row of the open table */
    int seen_header;             /* a header row met on this sheet: what lies above is its title block */
    uint32_t last_row;
    int have_last_row;
    /* The flat layout fills down: an empty Verksamhet/Område/Åtgärd repeats the row above (merged cells). */
    const char *flat_area, *flat_section, *flat_title;
    measure_index index;
    pxl_measure **need_year;     /* measures whose header said "innevarande år" */
    size_t need_year_count, need_year_cap;
    size_t recognised;           /* measures, KPIs, effects and totals added */
    /* the sheet's merged ranges that span rows, by column then first row (cells.c) */
    pxl_range *down;
    size_t down_count;
    /* one byte per cell of the sheet table: 1 when the recogniser took it (coverage.c) */
    unsigned char *taken;
    size_t taken_count;
    int nomem;
} recognizer;

/* ---- coverage.c: every cell accounted for (issue 12) ---- */

/* Start the record of the cells taken from r->table; 0, or -1 when out of memory. */
int pxl_rec_coverage_begin(recognizer *r);

/* Note that @p c (a cell of r->table, or NULL) is in the model or is a title, header or label. */
void pxl_rec_take(recognizer *r, const pxl_cell *c);

/* pxl_rec_take() for each text cell with content in a row (a header row). */
void pxl_rec_take_texts(recognizer *r, const pxl_cell *cells, size_t count);

/* 1 when @p c reads as an amount: a number, a formula, or text the AMOUNT rules read as one. */
int pxl_rec_is_amount_like(const pxl_cell *c);

/* End the record; with @p report, every non-empty cell not taken goes into the plan's unplaced
 * list (unrecognized-content) with what it looks like. */
void pxl_rec_coverage_end(recognizer *r, int report);

/* ---- cells.c ---- */

const char *pxl_rec_keep(recognizer *r, const char *s);

pxl_cellref pxl_rec_cellref(const recognizer *r, uint32_t row, long col);

const pxl_cell *pxl_rec_cell_at(const recognizer *r, uint32_t row, long col);

/* Text of the cell at (row, col), kept in the plan; the cell counts as taken. */
const char *pxl_rec_text_at(recognizer *r, uint32_t row, long col);

/* A cell as text, as a reader of the sheet would see it ("" for none); @p buf for numbers. */
const char *pxl_rec_cell_text(char *buf, size_t size, const pxl_cell *c);

/* The row's cells in @p h's extra columns as @p fields (Ansvarig → "Anna"), taken. */
void pxl_rec_take_fields(recognizer *r, pxl_fields *fields, uint32_t row, const table_header *h);

/* The sheet's merged ranges (grid.h) for pxl_rec_merged_text_at(); NULL/0 frees them.
 * 0, or -1 when out of memory. */
int pxl_rec_set_merges(recognizer *r, const pxl_range *merges, size_t count);

/*
 * pxl_rec_text_at() for the fields one merged cell gives every row it spans (issue 12):
 * the Område, Verksamhet and Åtgärd of a measure row. An empty cell under a merged range's
 * first cell, in that cell's column, reads as its text; the other columns a range spans read
 * as empty, so a Beskrivning merged across columns stays one description.
 */
const char *pxl_rec_merged_text_at(recognizer *r, uint32_t row, long col);

/* 1 when @p s holds a letter or a digit: "-----" and "***" rows are decoration. */
int pxl_rec_has_content(const char *s);

int pxl_rec_is_meaningful(const pxl_cell *c);

/*
 * A value from the cell at (row, col). Amounts are read with AMOUNT rules,
 * KPI values with KPI rules; an empty cell is MISSING but still knows where
 * it should have been, and a formula freexl could not evaluate stays MISSING
 * (never 0): freexl 1.0.6 returns FORMULA records as empty cells.
 */
pxl_value pxl_rec_read_value(recognizer *r, uint32_t row, const table_header *h, pxl_header_role role,
                            pxl_parse_mode mode);

int pxl_rec_has(const table_header *h, pxl_header_role role);

/* Read a row as a header row; kind TABLE_NONE when it is not one. */
table_header pxl_rec_read_header(const pxl_cell *cells, size_t count);

/*
 * The area a title row names, or NULL. "Åtgärder inom vård- och omsorgsnämnden –
 * Äldreomsorg" names what follows its last dash ("Äldreomsorg – åtgärder 2024" what
 * precedes it); a short text of a few words names itself ("Funktionsstöd"). Dates, notes
 * ("Belopp i tkr:"), sentences and plan titles ("Åtgärder inom socialnämnden") are no
 * area names.
 */
const char *pxl_rec_area_from_title(char *buf, size_t size, const char *text);

pxl_area *pxl_rec_current_area(recognizer *r);

pxl_measure *pxl_rec_new_measure(recognizer *r, pxl_area *area, uint32_t row, long first_col);

/* The measure of a KPI or effect table that has no measure row above it: an untitled one. */
pxl_measure *pxl_rec_block_measure(recognizer *r, uint32_t row);

void pxl_rec_note_year(recognizer *r, pxl_measure *m, const table_header *h);

void pxl_rec_index_free(measure_index *ix);

void pxl_rec_add_flat_row(recognizer *r, uint32_t row, const pxl_cell *cells, size_t count);

void pxl_rec_fill_kpi(recognizer *r, pxl_kpi *k, uint32_t row, const table_header *h);

void pxl_rec_fill_effect(recognizer *r, pxl_effect *e, uint32_t row, const table_header *h);

int pxl_rec_row_has_value(const recognizer *r, uint32_t row, const table_header *h, const pxl_header_role *roles,
                         size_t n);

void pxl_rec_read_sheet(recognizer *r);

/* A plan's title over its tables ("Åtgärdsplan per augusti 2024") where no cover sheet gave one:
 * the plan's title, and its period. 1 when @p text was such a title. */
int pxl_rec_plan_title_row(recognizer *r, const char *text);

/*
 * A cover sheet: the title (the text naming a plan, else the first), the
 * committee (the text naming a nämnd or styrelse), the municipality (the text
 * naming a kommun, else the next short text); "Label:" cells give their
 * neighbour. The first file's cover wins.
 */
void pxl_rec_read_cover(recognizer *r);

#endif
