/*
 * The plan recogniser: from a grid to the plan model, by header rows.
 *
 * Real action plans are typed by hand, so nothing here trusts a fixed cell
 * position. Each sheet is read top to bottom; a row whose cells are header
 * words (headers.c) opens a table and tells which column is which:
 *
 *   Område | Åtgärd | Beskrivning                      a measure table: one measure per row
 *   Nyckeltal | Målvärde | Nuläge | Kommentar           a KPI table under the current measure
 *   Åtgärder | Effekt 2024 (tkr) | Helårseffekt | Kommentar
 *                                                       an effect table under the current measure;
 *                                                       Summa/Totalt/Netto rows are declared totals
 *   Verksamhet | Område | Åtgärd | Beskrivning av effekt | amounts | Kommentar
 *   Verksamhet | Område | Åtgärd | Nyckeltal | Målvärde | Nuläge | Kommentar
 *                                                       the flat layout: each row names its measure
 *
 * A row holding one short text only names the area of what follows
 * ("Åtgärder inom vård- och omsorgsnämnden – Äldreomsorg" names Äldreomsorg;
 * "Funktionsstöd" alone names Funktionsstöd); without one the area is the
 * sheet's name. A cover sheet (Framsida) gives title, committee,
 * municipality and period.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error_internal.h"
#include "grid_internal.h"
#include "headers.h"
#include "number_text.h"
#include "plan_internal.h"
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
    TABLE_FLAT_EFFECT   /* Verksamhet | Område | Åtgärd | Beskrivning av effekt | … */
} table_kind;

/* A header row: which column holds which role (-1: none), and where the table spans. */
typedef struct table_header {
    table_kind kind;
    long col[PXL_HEADER_ROLE_COUNT];
    long text_col;        /* the row's label column: effect description or KPI name */
    uint32_t first_col, last_col;
    int year;             /* EFFECT: "Effekt 2024" → 2024, 0 when unnamed */
    int year_unnamed;     /* EFFECT: the header said "innevarande år" */
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
    const pxl_sheet_table *table;
    const char *area_name;       /* in the plan's arena; the sheet name until a title row names one */
    pxl_area *area;              /* created on the first measure, so empty sheets add no area */
    table_header measures;       /* the last measure header on this sheet */
    table_header block;          /* the open KPI/effect/flat table */
    pxl_measure *measure;        /* the measure KPI and effect rows belong to */
    int blank_since_block_row;   /* a blank row since the last row of the open table */
    uint32_t last_row;
    int have_last_row;
    /* The flat layout fills down: an empty Verksamhet/Område/Åtgärd repeats the row above (merged cells). */
    const char *flat_area, *flat_section, *flat_title;
    measure_index index;
    pxl_measure **need_year;     /* measures whose header said "innevarande år" */
    size_t need_year_count, need_year_cap;
    size_t recognised;           /* measures, KPIs, effects and totals added */
    int nomem;
} recognizer;

/* ---- small helpers ---------------------------------------------------------------------- */

static const char *keep(recognizer *r, const char *s)
{
    const char *copy = pxl_plan_strdup(r->plan, s ? s : "");
    if (!copy) {
        r->nomem = 1;
        return "";
    }
    return copy;
}

static pxl_cellref cellref(const recognizer *r, uint32_t row, long col)
{
    pxl_cellref ref = {r->file, r->sheet, row, col < 0 ? 0 : (uint32_t)col};
    return ref;
}

static const pxl_cell *cell_at(const recognizer *r, uint32_t row, long col)
{
    return col < 0 ? NULL : pxl_sheet_table_get(r->table, row, (uint32_t)col);
}

/* A cell as text, as a reader of the sheet would see it ("" for none). */
static const char *cell_text(char *buf, size_t size, const pxl_cell *c)
{
    if (!c)
        return "";
    switch (c->type) {
    case PXL_CELL_TEXT:
    case PXL_CELL_ERROR:
        return c->text ? c->text : "";
    case PXL_CELL_BOOLEAN:
        return c->number != 0 ? "TRUE" : "FALSE";
    case PXL_CELL_NUMBER:
    case PXL_CELL_DATE:
    case PXL_CELL_DATETIME:
    case PXL_CELL_TIME:
        return pxl_number_text(buf, size, c->number);
    case PXL_CELL_EMPTY:
        break;
    }
    return "";
}

/* Text of the cell at (row, col), kept in the plan. */
static const char *text_at(recognizer *r, uint32_t row, long col)
{
    char buf[64];
    return keep(r, cell_text(buf, sizeof buf, cell_at(r, row, col)));
}

/* 1 when @p s holds a letter or a digit: "-----" and "***" rows are decoration. */
static int has_content(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p >= 0xC0)
            return 1;
    return 0;
}

static int is_meaningful(const pxl_cell *c)
{
    if (c->type == PXL_CELL_TEXT)
        return c->text && has_content(c->text);
    return c->type != PXL_CELL_EMPTY || c->is_formula;
}

/*
 * A value from the cell at (row, col). Amounts are read with AMOUNT rules,
 * KPI values with KPI rules; an empty cell is MISSING but still knows where
 * it should have been, and a formula freexl could not evaluate stays MISSING
 * (never 0): freexl 1.0.6 returns FORMULA records as empty cells.
 */
static pxl_value read_value(recognizer *r, uint32_t row, const table_header *h, pxl_header_role role,
                            pxl_parse_mode mode)
{
    pxl_value v;
    memset(&v, 0, sizeof v);
    v.kind = PXL_VALUE_MISSING;
    v.text = "";
    /* A table without this column: the value is missing, and its place is the row's first cell. */
    long col = h->col[role];
    v.cell = cellref(r, row, col >= 0 ? col : (long)h->first_col);
    const pxl_cell *c = cell_at(r, row, col);
    if (!c)
        return v;
    char buf[64];
    v.is_formula = c->is_formula;
    v.formula = c->formula ? keep(r, c->formula) : NULL;
    switch (c->type) {
    case PXL_CELL_NUMBER:
        v.kind = PXL_VALUE_NUMBER;
        v.number = c->number;
        v.text = keep(r, pxl_number_text(buf, sizeof buf, c->number));
        break;
    case PXL_CELL_TEXT: {
        double number = 0;
        pxl_direction direction = PXL_DIRECTION_NONE;
        v.text = keep(r, c->text);
        v.kind = pxl_parse_text(c->text, mode, &number, &direction);
        v.number = number;
        v.direction = direction;
        v.stored_as_text = v.kind == PXL_VALUE_NUMBER || v.kind == PXL_VALUE_PERCENT;
        break;
    }
    case PXL_CELL_ERROR:
        /* "#DIV/0!", "#REF!": a value that should be a number and is not. */
        v.kind = PXL_VALUE_INVALID;
        v.text = keep(r, c->text);
        break;
    case PXL_CELL_BOOLEAN:
    case PXL_CELL_DATE:
    case PXL_CELL_DATETIME:
    case PXL_CELL_TIME:
        /* A date or TRUE where an amount belongs is a typing mistake, not an amount. */
        v.kind = mode == PXL_PARSE_AMOUNT ? PXL_VALUE_INVALID : PXL_VALUE_TEXT;
        v.text = keep(r, cell_text(buf, sizeof buf, c));
        break;
    case PXL_CELL_EMPTY:
        break;
    }
    return v;
}

/* ---- header rows -------------------------------------------------------------------------- */

static int has(const table_header *h, pxl_header_role role)
{
    return h->col[role] >= 0;
}

/* Read a row as a header row; kind TABLE_NONE when it is not one. */
static table_header read_header(const pxl_cell *cells, size_t count)
{
    table_header h;
    memset(&h, 0, sizeof h);
    for (int i = 0; i < PXL_HEADER_ROLE_COUNT; i++)
        h.col[i] = -1;
    h.text_col = -1;
    size_t known = 0, unknown = 0;
    int first = 1;
    for (size_t i = 0; i < count; i++) {
        const pxl_cell *c = &cells[i];
        if (!is_meaningful(c))
            continue;
        int year = 0;
        pxl_header_role role = c->type == PXL_CELL_TEXT ? pxl_header_classify(c->text, &year) : PXL_HEADER_NONE;
        if (role == PXL_HEADER_NONE) {
            unknown++;
            continue;
        }
        known++;
        if (first || c->col < h.first_col)
            h.first_col = c->col;
        if (first || c->col > h.last_col)
            h.last_col = c->col;
        first = 0;
        if (h.col[role] < 0) {
            h.col[role] = c->col;
            if (role == PXL_HEADER_EFFECT_YEAR) {
                h.year = year;
                h.year_unnamed = year == 0;
            }
        }
    }
    /* Two header words and no more other cells than header words: a prose row that happens
     * to hold "Mål" is not a header. */
    if (known < 2 || unknown > known)
        return h;
    /* A table whose rows name their own measure is flat. Over a nested effect table "Åtgärder" is
     * the effect's description, so there it names the measure only beside another text column. */
    int names_measure = has(&h, PXL_HEADER_AREA) || (has(&h, PXL_HEADER_SECTION) && has(&h, PXL_HEADER_MEASURE));
    if (has(&h, PXL_HEADER_EFFECT_YEAR) || has(&h, PXL_HEADER_EFFECT_FULL)) {
        if (has(&h, PXL_HEADER_MEASURE) && (has(&h, PXL_HEADER_EFFECT_TEXT) || has(&h, PXL_HEADER_DESCRIPTION)))
            names_measure = 1;
        h.kind = names_measure ? TABLE_FLAT_EFFECT : TABLE_EFFECT;
        /* The effect's own text: "Beskrivning av effekt"; over a nested table "Åtgärder". */
        if (has(&h, PXL_HEADER_EFFECT_TEXT))
            h.text_col = h.col[PXL_HEADER_EFFECT_TEXT];
        else if (h.kind == TABLE_EFFECT && has(&h, PXL_HEADER_MEASURE))
            h.text_col = h.col[PXL_HEADER_MEASURE];
        else if (has(&h, PXL_HEADER_DESCRIPTION))
            h.text_col = h.col[PXL_HEADER_DESCRIPTION];
        else if (h.kind == TABLE_EFFECT) {
            /* An unlabelled description column: the one left of the first amount. */
            long amount = h.col[PXL_HEADER_EFFECT_YEAR];
            if (amount < 0 || (has(&h, PXL_HEADER_EFFECT_FULL) && h.col[PXL_HEADER_EFFECT_FULL] < amount))
                amount = h.col[PXL_HEADER_EFFECT_FULL];
            h.text_col = amount > 0 ? amount - 1 : amount;
            if (h.text_col < (long)h.first_col)
                h.first_col = (uint32_t)h.text_col;
        }
    } else if (has(&h, PXL_HEADER_KPI) && (has(&h, PXL_HEADER_TARGET) || has(&h, PXL_HEADER_CURRENT))) {
        /* a nested KPI table has no Åtgärd column */
        h.kind = names_measure || has(&h, PXL_HEADER_MEASURE) ? TABLE_FLAT_KPI : TABLE_KPI;
        h.text_col = h.col[PXL_HEADER_KPI];
    } else if (has(&h, PXL_HEADER_MEASURE) && (has(&h, PXL_HEADER_SECTION) || has(&h, PXL_HEADER_DESCRIPTION))) {
        h.kind = TABLE_MEASURE;
    }
    return h;
}

/* ---- areas and measures --------------------------------------------------------------------- */

/* Copy @p len bytes of @p text into @p buf with white space runs folded to one space, trimmed. */
static size_t copy_folded_space(char *buf, size_t size, const char *text, size_t len)
{
    size_t n = 0;
    int space = 0;
    const unsigned char *s = (const unsigned char *)text, *end = s + len;
    for (; s < end && *s && n + 2 < size; s++) {
        if (*s == ' ' || (*s >= '\t' && *s <= '\r') || (s[0] == 0xC2 && s + 1 < end && s[1] == 0xA0)) {
            if (*s == 0xC2)
                s++;
            space = n > 0;
            continue;
        }
        if (space)
            buf[n++] = ' ';
        space = 0;
        buf[n++] = (char)*s;
    }
    buf[n] = '\0';
    return n;
}

/* 1 when @p name (white space folded) can be an area's name: short, a few words, no digits,
 * no note or sentence, no header word, no plan or committee title. */
static int name_like(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > AREA_NAME_MAX)
        return 0;
    size_t words = 1;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if ((c >= '0' && c <= '9') || c == ':' || c == '(' || c == '!' || c == '?')
            return 0;
        if (c == ' ')
            words++;
    }
    if (name[n - 1] == '.' || words > AREA_NAME_MAX_WORDS)
        return 0;
    return pxl_header_classify(name, NULL) == PXL_HEADER_NONE && !pxl_header_is_total_label(name) &&
           !pxl_header_is_plan_title(name);
}

/*
 * The area a title row names, or NULL. "Åtgärder inom vård- och omsorgsnämnden –
 * Äldreomsorg" names what follows its last dash ("Äldreomsorg – åtgärder 2024" what
 * precedes it); a short text of a few words names itself ("Funktionsstöd"). Dates, notes
 * ("Belopp i tkr:"), sentences and plan titles ("Åtgärder inom socialnämnden") are no
 * area names.
 */
static const char *area_from_title(char *buf, size_t size, const char *text)
{
    static const char *const dashes[] = {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " - "}; /* – — - */
    const char *last = NULL;
    size_t last_len = 0;
    for (size_t i = 0; i < sizeof dashes / sizeof dashes[0]; i++) {
        const char *p = text, *hit;
        while ((hit = strstr(p, dashes[i])) != NULL) {
            if (!last || hit > last) {
                last = hit;
                last_len = strlen(dashes[i]);
            }
            p = hit + 1;
        }
    }
    if (last) {
        const char *after = last + last_len;
        if (copy_folded_space(buf, size, after, strlen(after)) && name_like(buf))
            return buf;
        if (copy_folded_space(buf, size, text, (size_t)(last - text)) && name_like(buf))
            return buf;
        return NULL;
    }
    copy_folded_space(buf, size, text, strlen(text));
    return name_like(buf) ? buf : NULL;
}

static pxl_area *current_area(recognizer *r)
{
    if (!r->area) {
        r->area = pxl_plan_area_get(r->plan, r->area_name);
        if (!r->area)
            r->nomem = 1;
    }
    return r->area;
}

static pxl_measure *new_measure(recognizer *r, pxl_area *area, uint32_t row, long first_col)
{
    if (!area)
        return NULL;
    pxl_measure *m = pxl_area_add_measure(r->plan, area);
    if (!m) {
        r->nomem = 1;
        return NULL;
    }
    m->cell = m->title_cell = m->description_cell = cellref(r, row, first_col);
    r->recognised++;
    return m;
}

/* The measure of a KPI or effect table that has no measure row above it: an untitled one. */
static pxl_measure *block_measure(recognizer *r, uint32_t row)
{
    if (!r->measure)
        r->measure = new_measure(r, current_area(r), row, r->block.first_col);
    return r->measure;
}

static void note_year(recognizer *r, pxl_measure *m, const table_header *h)
{
    if (!m || m->current_year)
        return;
    if (h->year) {
        m->current_year = h->year;
    } else if (h->year_unnamed && has(h, PXL_HEADER_EFFECT_YEAR)) {
        /* "Effekt innevarande år": the plan period's year, once the cover sheet has been read. */
        if (pxl_grow((void **)&r->need_year, &r->need_year_cap, r->need_year_count, sizeof *r->need_year)) {
            r->nomem = 1;
            return;
        }
        for (size_t i = 0; i < r->need_year_count; i++)
            if (r->need_year[i] == m)
                return;
        r->need_year[r->need_year_count++] = m;
    }
}

/* ---- the flat layout's measure index --------------------------------------------------------- */

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

static void index_free(measure_index *ix)
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
    pxl_measure *m = new_measure(r, area, row, h->first_col);
    char *copy = strdup(key);
    if (!m || !copy) {
        free(copy);
        r->nomem = 1;
        return NULL;
    }
    m->section = keep(r, section);
    m->title = keep(r, title);
    if (has(h, PXL_HEADER_MEASURE))
        m->title_cell = cellref(r, row, h->col[PXL_HEADER_MEASURE]);
    /* The flat layout has no descriptions; the description cell points at the title. */
    m->description_cell = m->title_cell;
    slot->key = copy;
    slot->measure = m;
    r->index.count++;
    return m;
}

/* ---- rows --------------------------------------------------------------------------------- */

static void add_measure_row(recognizer *r, uint32_t row)
{
    const table_header *h = &r->measures;
    if (has(h, PXL_HEADER_AREA)) {
        const char *name = text_at(r, row, h->col[PXL_HEADER_AREA]);
        if (*name) {
            r->area_name = name;
            r->area = NULL;
        }
    }
    pxl_measure *m = new_measure(r, current_area(r), row, h->first_col);
    r->measure = m;
    r->block.kind = TABLE_NONE;
    if (!m)
        return;
    m->section = text_at(r, row, h->col[PXL_HEADER_SECTION]);
    m->title = text_at(r, row, h->col[PXL_HEADER_MEASURE]);
    m->description = text_at(r, row, h->col[PXL_HEADER_DESCRIPTION]);
    if (has(h, PXL_HEADER_MEASURE))
        m->title_cell = cellref(r, row, h->col[PXL_HEADER_MEASURE]);
    if (has(h, PXL_HEADER_DESCRIPTION))
        m->description_cell = cellref(r, row, h->col[PXL_HEADER_DESCRIPTION]);
}

static void fill_kpi(recognizer *r, pxl_kpi *k, uint32_t row, const table_header *h)
{
    k->name = text_at(r, row, h->col[PXL_HEADER_KPI]);
    k->target = read_value(r, row, h, PXL_HEADER_TARGET, PXL_PARSE_KPI);
    k->current = read_value(r, row, h, PXL_HEADER_CURRENT, PXL_PARSE_KPI);
    k->comment = text_at(r, row, h->col[PXL_HEADER_COMMENT]);
    k->cell = cellref(r, row, h->first_col);
    r->recognised++;
}

static void fill_amounts(recognizer *r, pxl_value *current_year, pxl_value *full_year, uint32_t row,
                         const table_header *h)
{
    *current_year = read_value(r, row, h, PXL_HEADER_EFFECT_YEAR, PXL_PARSE_AMOUNT);
    *full_year = read_value(r, row, h, PXL_HEADER_EFFECT_FULL, PXL_PARSE_AMOUNT);
}

static void fill_effect(recognizer *r, pxl_effect *e, uint32_t row, const table_header *h)
{
    e->description = text_at(r, row, h->text_col);
    fill_amounts(r, &e->current_year, &e->full_year, row, h);
    e->comment = text_at(r, row, h->col[PXL_HEADER_COMMENT]);
    e->cell = cellref(r, row, h->first_col);
    r->recognised++;
}

/* The total label of an effect-table row: a Summa/Totalt/Netto cell left of the amounts, or NULL. */
static const pxl_cell *total_label(const pxl_cell *cells, size_t count, const table_header *h)
{
    long limit = h->text_col;
    for (int role = PXL_HEADER_EFFECT_YEAR; role <= PXL_HEADER_EFFECT_FULL; role++)
        if (h->col[role] >= 0 && (limit < 0 || h->col[role] < limit))
            limit = h->col[role];
    for (size_t i = 0; i < count; i++) {
        if (cells[i].type != PXL_CELL_TEXT)
            continue;
        if (limit >= 0 && (long)cells[i].col > limit && cells[i].col != (uint32_t)h->text_col)
            break;
        if (pxl_header_is_total_label(cells[i].text))
            return &cells[i];
    }
    return NULL;
}

static int row_has_value(const recognizer *r, uint32_t row, const table_header *h, const pxl_header_role *roles,
                         size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cell_at(r, row, h->col[roles[i]]))
            return 1;
    return 0;
}

static void add_kpi_row(recognizer *r, uint32_t row)
{
    static const pxl_header_role wanted[] = {PXL_HEADER_KPI, PXL_HEADER_TARGET, PXL_HEADER_CURRENT};
    if (!row_has_value(r, row, &r->block, wanted, 3))
        return; /* a comment alone is no KPI */
    pxl_measure *m = block_measure(r, row);
    pxl_kpi *k = m ? pxl_measure_add_kpi(r->plan, m) : NULL;
    if (!k) {
        r->nomem = 1;
        return;
    }
    fill_kpi(r, k, row, &r->block);
}

static void add_effect_row(recognizer *r, uint32_t row, const pxl_cell *cells, size_t count)
{
    const table_header *h = &r->block;
    const pxl_cell *label = total_label(cells, count, h);
    pxl_measure *m;
    if (label) {
        /* A declared total: kept as stated (missing amounts stay missing), never an effect row. */
        if (!(m = block_measure(r, row)))
            return;
        pxl_total *t = pxl_measure_add_total(r->plan, m);
        if (!t) {
            r->nomem = 1;
            return;
        }
        t->label = keep(r, label->text);
        fill_amounts(r, &t->current_year, &t->full_year, row, h);
        t->cell = cellref(r, row, label->col < h->first_col ? label->col : h->first_col);
        note_year(r, m, h);
        r->recognised++;
        return;
    }
    static const pxl_header_role wanted[] = {PXL_HEADER_EFFECT_YEAR, PXL_HEADER_EFFECT_FULL};
    if (!row_has_value(r, row, h, wanted, 2) && !cell_at(r, row, h->text_col))
        return; /* a comment alone is no effect */
    if (!(m = block_measure(r, row)))
        return;
    pxl_effect *e = pxl_measure_add_effect(r->plan, m);
    if (!e) {
        r->nomem = 1;
        return;
    }
    fill_effect(r, e, row, h);
    note_year(r, m, h);
}

/* A flat row's (Verksamhet, Område, Åtgärd), filled down from the row above where empty. */
static void flat_names(recognizer *r, uint32_t row, const char **area, const char **section, const char **title)
{
    const table_header *h = &r->block;
    *area = has(h, PXL_HEADER_AREA) ? text_at(r, row, h->col[PXL_HEADER_AREA]) : "";
    *section = text_at(r, row, h->col[PXL_HEADER_SECTION]);
    *title = text_at(r, row, h->col[PXL_HEADER_MEASURE]);
    int inherit = 1;
    if (!**area)
        *area = has(h, PXL_HEADER_AREA) && r->flat_area ? r->flat_area : r->area_name;
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

static void add_flat_row(recognizer *r, uint32_t row, const pxl_cell *cells, size_t count)
{
    const table_header *h = &r->block;
    /* A sheet or area total under a flat table belongs to no one measure: it is not an effect
     * row, and the model has no place for it (docs/recognize.md). Its label stands in a naming
     * column, or in the text column of a row that names no measure. KPI tables have no totals. */
    int names = 0, total = 0;
    for (size_t i = 0; i < count; i++) {
        long col = cells[i].col;
        int naming = col == h->col[PXL_HEADER_AREA] || col == h->col[PXL_HEADER_SECTION] ||
                     col == h->col[PXL_HEADER_MEASURE];
        if (naming && is_meaningful(&cells[i]))
            names++;
        if (h->kind == TABLE_FLAT_EFFECT && cells[i].type == PXL_CELL_TEXT && (naming || col == h->text_col) &&
            pxl_header_is_total_label(cells[i].text))
            total |= naming ? 2 : 1;
    }
    if ((total & 2) || (total && names == 0))
        return;
    const char *area, *section, *title;
    if (h->kind == TABLE_FLAT_KPI) {
        static const pxl_header_role wanted[] = {PXL_HEADER_KPI, PXL_HEADER_TARGET, PXL_HEADER_CURRENT};
        if (!row_has_value(r, row, h, wanted, 3))
            return;
        flat_names(r, row, &area, &section, &title);
        pxl_measure *m = flat_measure(r, area, section, title, row, h);
        pxl_kpi *k = m ? pxl_measure_add_kpi(r->plan, m) : NULL;
        if (!k) {
            r->nomem = 1;
            return;
        }
        fill_kpi(r, k, row, h);
    } else {
        static const pxl_header_role wanted[] = {PXL_HEADER_EFFECT_YEAR, PXL_HEADER_EFFECT_FULL};
        if (!row_has_value(r, row, h, wanted, 2) && !cell_at(r, row, h->text_col))
            return;
        flat_names(r, row, &area, &section, &title);
        pxl_measure *m = flat_measure(r, area, section, title, row, h);
        pxl_effect *e = m ? pxl_measure_add_effect(r->plan, m) : NULL;
        if (!e) {
            r->nomem = 1;
            return;
        }
        fill_effect(r, e, row, h);
        note_year(r, m, h);
    }
}

/* A Beskrivning typed over several rows: the rows below the measure row are more paragraphs. */
static void continue_description(recognizer *r, const char *text)
{
    pxl_measure *m = r->measure;
    size_t a = strlen(m->description), b = strlen(text);
    char *joined = malloc(a + b + 3);
    if (!joined) {
        r->nomem = 1;
        return;
    }
    memcpy(joined, m->description, a);
    size_t n = a;
    if (a) {
        memcpy(joined + n, "\n\n", 2);
        n += 2;
    }
    memcpy(joined + n, text, b + 1);
    m->description = keep(r, joined);
    free(joined);
}

static int period_from_text(char out[8], const char *text);
static void set_if_empty(recognizer *r, const char **field, const char *value);

/* A plan's title over its tables ("Åtgärdsplan per augusti 2024") where no cover sheet gave one:
 * the plan's title, and its period. 1 when @p text was such a title. */
static int plan_title_row(recognizer *r, const char *text)
{
    char folded[FOLD_MAX], period[8];
    if (strlen(text) >= FOLD_MAX)
        return 0;
    pxl_fold(folded, sizeof folded, text);
    /* "plan" ending a word: Åtgärdsplan, Handlingsplan, "Plan för …"; not "Planeringen". */
    int names_plan = 0;
    for (const char *p = folded; (p = strstr(p, "plan")) != NULL; p += 4)
        if (p[4] == '\0' || p[4] == ' ' || p[4] == ',' || p[4] == ':')
            names_plan = 1;
    if (!names_plan)
        return 0;
    set_if_empty(r, &r->plan->title, text);
    if (period_from_text(period, text))
        set_if_empty(r, &r->plan->period, period);
    return 1;
}

/* ---- one sheet -------------------------------------------------------------------------------- */

/* 1 when the row has a cell in the measure table's Område or Åtgärd column; *inside says whether
 * that column also lies inside the open KPI/effect table's span. */
static int hits_measure_columns(const recognizer *r, const pxl_cell *cells, size_t count, int *inside)
{
    const table_header *h = &r->measures;
    int hit = 0;
    *inside = 0;
    if (h->kind != TABLE_MEASURE)
        return 0;
    for (size_t i = 0; i < count; i++) {
        long col = cells[i].col;
        if (!is_meaningful(&cells[i]) ||
            (col != h->col[PXL_HEADER_SECTION] && col != h->col[PXL_HEADER_MEASURE] && col != h->col[PXL_HEADER_AREA]))
            continue;
        int in_block = r->block.kind != TABLE_NONE && cells[i].col >= r->block.first_col &&
                       cells[i].col <= r->block.last_col;
        if (!in_block)
            return 1;
        hit = 1;
        *inside = 1;
    }
    return hit;
}

static void read_row(recognizer *r, uint32_t row, const pxl_cell *cells, size_t count)
{
    size_t meaningful = 0;
    const pxl_cell *only = NULL;
    for (size_t i = 0; i < count; i++)
        if (is_meaningful(&cells[i])) {
            meaningful++;
            only = &cells[i];
        }
    if (meaningful == 0) {
        r->blank_since_block_row = 1; /* decoration counts as a blank row */
        return;
    }

    table_header h = read_header(cells, count);
    if (h.kind == TABLE_MEASURE) {
        r->measures = h;
        r->block.kind = TABLE_NONE;
        r->measure = NULL;
        return;
    }
    if (h.kind != TABLE_NONE) {
        r->block = h;
        r->blank_since_block_row = 0;
        if (h.kind == TABLE_FLAT_KPI || h.kind == TABLE_FLAT_EFFECT) {
            r->measure = NULL;
            r->flat_area = r->flat_section = r->flat_title = NULL;
        }
        return;
    }

    /* A title row: one text that names an area, outside any open table's columns. */
    if (meaningful == 1 && only->type == PXL_CELL_TEXT) {
        int outside_block = r->block.kind == TABLE_NONE || r->blank_since_block_row ||
                            only->col < r->block.first_col;
        int left_of_measures = r->measures.kind != TABLE_MEASURE || only->col <= r->measures.first_col;
        char buf[AREA_NAME_MAX * 4 + 8];
        const char *name;
        if (outside_block && left_of_measures && (name = area_from_title(buf, sizeof buf, only->text)) != NULL) {
            r->area_name = keep(r, name);
            r->area = NULL;
            r->measure = NULL;
            r->block.kind = TABLE_NONE;
            return;
        }
        if (outside_block && left_of_measures && plan_title_row(r, only->text))
            return;
    }

    int inside = 0;
    int measure_row = hits_measure_columns(r, cells, count, &inside);
    switch (r->block.kind) {
    case TABLE_KPI:
        if (measure_row && (!inside || r->blank_since_block_row))
            break;
        add_kpi_row(r, row);
        r->blank_since_block_row = 0;
        return;
    case TABLE_EFFECT:
        /* A Summa row whose label sits in the Åtgärd column is still the table's total. */
        if (measure_row && !total_label(cells, count, &r->block) && (!inside || r->blank_since_block_row))
            break;
        add_effect_row(r, row, cells, count);
        r->blank_since_block_row = 0;
        return;
    case TABLE_FLAT_KPI:
    case TABLE_FLAT_EFFECT:
        add_flat_row(r, row, cells, count);
        r->blank_since_block_row = 0;
        return;
    case TABLE_MEASURE:
    case TABLE_NONE:
        break;
    }
    if (measure_row)
        add_measure_row(r, row);
    else if (r->block.kind == TABLE_NONE && meaningful == 1 && only->type == PXL_CELL_TEXT && r->measure &&
             r->measures.kind == TABLE_MEASURE && (long)only->col == r->measures.col[PXL_HEADER_DESCRIPTION])
        continue_description(r, only->text);
}

static void read_sheet(recognizer *r)
{
    r->area = NULL;
    r->measure = NULL;
    memset(&r->measures, 0, sizeof r->measures);
    memset(&r->block, 0, sizeof r->block);
    r->blank_since_block_row = 0;
    r->flat_area = r->flat_section = r->flat_title = NULL;
    size_t rows = pxl_sheet_table_row_count(r->table);
    uint32_t previous = 0;
    for (size_t i = 0; i < rows && !r->nomem; i++) {
        uint32_t row = pxl_sheet_table_row_number(r->table, i);
        if (i > 0 && row > previous + 1)
            r->blank_since_block_row = 1;
        previous = row;
        size_t count;
        const pxl_cell *cells = pxl_sheet_table_row_cells(r->table, i, &count);
        read_row(r, row, cells, count);
    }
}

/* ---- the cover sheet ------------------------------------------------------------------------ */

static const char *const month_names[] = {
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
};

/* "Åtgärdsplan per augusti 2024" → "2024-08"; 0 when no month and year are named. */
static int period_from_text(char out[8], const char *text)
{
    char folded[FOLD_MAX];
    pxl_fold(folded, sizeof folded, text);
    for (size_t m = 0; m < 12; m++) {
        const char *p = folded;
        size_t len = strlen(month_names[m]);
        while ((p = strstr(p, month_names[m])) != NULL) {
            const char *y = p + len;
            int word_start = p == folded || p[-1] == ' ';
            if (word_start && y[0] == ' ' && y[1] >= '1' && y[1] <= '2' && y[2] >= '0' && y[2] <= '9' &&
                y[3] >= '0' && y[3] <= '9' && y[4] >= '0' && y[4] <= '9' && !(y[5] >= '0' && y[5] <= '9')) {
                out[0] = y[1], out[1] = y[2], out[2] = y[3], out[3] = y[4];
                out[4] = '-';
                out[5] = (char)('0' + (m + 1) / 10);
                out[6] = (char)('0' + (m + 1) % 10);
                out[7] = '\0';
                return 1;
            }
            p += len;
        }
    }
    return 0;
}

/* 1 when @p text ends in " kommun" (any case). */
static int ends_in_kommun(const char *text, size_t n)
{
    static const char suffix[] = " kommun";
    size_t m = sizeof suffix - 1;
    if (n <= m)
        return 0;
    for (size_t i = 0; i < m; i++) {
        char c = text[n - m + i];
        if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != suffix[i])
            return 0;
    }
    return 1;
}

static void set_if_empty(recognizer *r, const char **field, const char *value)
{
    if ((!*field || !**field) && value && *value)
        *field = keep(r, value);
}

/*
 * A cover sheet: the title (the text naming a plan, else the first), the
 * committee (the text naming a nämnd or styrelse), the municipality (the text
 * naming a kommun, else the next short text); "Label:" cells give their
 * neighbour. The first file's cover wins.
 */
static void read_cover(recognizer *r)
{
    pxl_plan *plan = r->plan;
    const char *title = NULL, *committee = NULL, *municipality = NULL, *first = NULL;
    char period[8], title_period[8];
    int have_period = 0;
    size_t rows = pxl_sheet_table_row_count(r->table);
    for (size_t i = 0; i < rows; i++) {
        size_t count;
        const pxl_cell *cells = pxl_sheet_table_row_cells(r->table, i, &count);
        for (size_t k = 0; k < count; k++) {
            const pxl_cell *c = &cells[k];
            if (c->type != PXL_CELL_TEXT || !has_content(c->text))
                continue;
            char folded[FOLD_MAX];
            pxl_fold(folded, sizeof folded, c->text);
            size_t n = strlen(folded);
            if (!have_period)
                have_period = period_from_text(period, c->text);
            if (n > 0 && folded[n - 1] == ':') {
                /* "Nämnd: Vård- och omsorgsnämnd" across two cells */
                const pxl_cell *next = k + 1 < count ? &cells[k + 1] : NULL;
                const char *value = next && next->type == PXL_CELL_TEXT ? next->text : NULL;
                if (value && (strstr(folded, "nämnd") || strstr(folded, "styrelse")))
                    committee = committee ? committee : value;
                else if (value && strstr(folded, "kommun"))
                    municipality = municipality ? municipality : value;
                else if (value && (strstr(folded, "titel") || strstr(folded, "rubrik")))
                    title = title ? title : value;
                if (value)
                    k++;
                continue;
            }
            if (!title && strstr(folded, "plan"))
                title = c->text;
            else if (!committee && (strstr(folded, "nämnd") || strstr(folded, "styrelse")))
                committee = c->text;
            else if (!municipality && strstr(folded, "kommun"))
                municipality = c->text;
            else if (!first)
                first = c->text;
            else if (!municipality && title && committee && n <= 40 && !strpbrk(folded, "0123456789"))
                municipality = c->text;
        }
    }
    if (!title)
        title = first;
    else if (!municipality && first && first != title && strlen(first) <= 40 && !strpbrk(first, "0123456789:"))
        municipality = first;
    /* "Huddinge kommun" names Huddinge. */
    char place[FOLD_MAX];
    if (municipality) {
        size_t n = strlen(municipality);
        if (n < sizeof place) {
            memcpy(place, municipality, n + 1);
            if (ends_in_kommun(place, n))
                place[n - 7] = '\0';
            municipality = place;
        }
    }
    set_if_empty(r, &plan->title, title);
    set_if_empty(r, &plan->committee, committee);
    set_if_empty(r, &plan->municipality, municipality);
    /* The period the title names ("per augusti 2024"), else the first the sheet names. */
    if (title && period_from_text(title_period, title))
        set_if_empty(r, &plan->period, title_period);
    else if (have_period)
        set_if_empty(r, &plan->period, period);
}

/* ---- entry points ------------------------------------------------------------------------------ */

pxl_error pxl_plan_read_grid(pxl_plan *plan, pxl_grid *grid, const char *label)
{
    if (!plan || !grid)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: no plan or workbook given", label ? label : "(unnamed)");
    if (!label)
        label = pxl_grid_path(grid);
    recognizer r;
    memset(&r, 0, sizeof r);
    r.plan = plan;
    pxl_error err = pxl_plan_add_file(plan, label, &r.file);
    if (err != PXL_OK)
        return err;
    size_t sheets = pxl_grid_sheet_count(grid);
    for (size_t s = 0; s < sheets && err == PXL_OK && !r.nomem; s++) {
        pxl_sheet_table *table;
        err = pxl_sheet_table_load(&table, grid, s);
        if (err != PXL_OK)
            break;
        r.table = table;
        r.sheet = keep(&r, pxl_sheet_table_name(table));
        r.area_name = r.sheet;
        if (pxl_header_is_cover_sheet(r.sheet)) {
            /* A cover may hold a table too; its title rows name no area without measures under them. */
            read_cover(&r);
            read_sheet(&r);
        } else {
            size_t before = r.recognised;
            read_sheet(&r);
            /* A first sheet without tables and without a cover name may still be the cover. */
            if (r.recognised == before && s == 0 && pxl_sheet_table_row_count(table) > 0)
                read_cover(&r);
        }
        pxl_sheet_table_free(table);
        r.table = NULL;
    }
    if (err == PXL_OK && r.nomem)
        err = pxl_fail_nomem();
    if (err == PXL_OK) {
        /* "Effekt innevarande år": the year of the plan's period ("2024-08" → 2024). */
        const char *period = plan->period;
        int year = period && strlen(period) >= 4 ? atoi(period) : 0;
        for (size_t i = 0; i < r.need_year_count; i++)
            if (!r.need_year[i]->current_year)
                r.need_year[i]->current_year = year;
    }
    free(r.need_year);
    index_free(&r.index);
    if (err == PXL_OK && r.recognised == 0)
        err = pxl_fail(PXL_ERR_NO_PLAN,
                       "%s: no plan table found: no sheet has a header row such as "
                       "\"Område | Åtgärd | Beskrivning\", \"Nyckeltal | Målvärde | Nuläge\" or "
                       "\"Åtgärder | Effekt 2024 (tkr) | Helårseffekt (tkr)\"",
                       label);
    return err;
}

pxl_error pxl_plan_read(pxl_plan *plan, const char *path, const pxl_read_options *options)
{
    if (!plan || !path)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: no plan or file name given", path ? path : "(no file)");
    pxl_grid_options grid_options = PXL_GRID_OPTIONS_INIT;
    if (options) {
        /* Refused before the plan records the file: a caller's mistake, not an unreadable file. */
        if (options->version != PXL_READ_OPTIONS_VERSION)
            return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: unknown pxl_read_options version %u", path,
                            options->version);
        pxl_error err = pxl_grid_options_check(&options->grid, path);
        if (err)
            return err;
        grid_options = options->grid;
    }
    pxl_error err = pxl_plan_add_file(plan, path, NULL);
    if (err != PXL_OK)
        return err;
    pxl_grid *grid = NULL;
    err = pxl_grid_open(&grid, path, &grid_options);
    if (err == PXL_OK) {
        err = pxl_plan_note_reader(plan, path, pxl_grid_reader(grid),
                                   pxl_grid_fell_back(grid) ? pxl_grid_fallback_reason(grid) : "");
        if (err == PXL_OK)
            err = pxl_plan_read_grid(plan, grid, path);
        pxl_grid_close(grid);
    }
    if (err != PXL_OK && err != PXL_ERR_NOMEM) {
        /* Keep the message: recording it must not lose the error the caller reads. */
        char message[1024];
        snprintf(message, sizeof message, "%s", pxl_error_message());
        if (pxl_plan_add_unreadable(plan, path, message) != PXL_OK)
            return pxl_fail_nomem();
        pxl_fail(err, "%s", message);
    }
    return err;
}
