/*
 * sum-range-incomplete (issue 6): a declared total whose formula is a SUM()
 * that misses rows of its own table or takes in foreign cells — the total
 * looks right today and goes wrong when a row is added. Only the simple forms
 * are read: SUM(E30:E36) and SUM(E30,E31,…), with or without '$'. Anything
 * else (other functions, other sheets, arithmetic) gives no finding. Formula
 * text exists only when the BIFF reader read the file.
 */
#include <stdint.h>
#include <string.h>

#include "check_internal.h"

/* One argument of SUM(): a cell or a rectangle, 0-based and inclusive. */
typedef struct sum_ref {
    uint32_t row1, col1, row2, col2;
} sum_ref;

/* At most this many arguments are read; Excel 2003 allows 30 (Excel specifications and limits). */
#define PXL_SUM_MAX_ARGS 30

static const char *skip_space(const char *p)
{
    while (*p == ' ')
        p++;
    return p;
}

/* ASCII only: <ctype.h> answers by the thread's locale, and in a Latin-1 locale 'Ä' is a letter. */
static int ascii_upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static int ascii_letter(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int ascii_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* "E30", "$E$30": 0 on success. Columns and rows within BIFF8's limits (grid.h). */
static int parse_cell(const char **pp, uint32_t *row, uint32_t *col)
{
    const char *p = *pp;
    uint32_t c = 0, r = 0;
    int letters = 0, digits = 0;
    if (*p == '$')
        p++;
    while (ascii_letter(*p) && letters < 3) {
        c = c * 26 + (uint32_t)(ascii_upper(*p) - 'A' + 1);
        p++;
        letters++;
    }
    if (*p == '$')
        p++;
    while (ascii_digit(*p) && digits < 6) {
        r = r * 10 + (uint32_t)(*p - '0');
        p++;
        digits++;
    }
    if (letters == 0 || digits == 0 || c > PXL_XLS_MAX_COLS || r == 0 || r > PXL_XLS_MAX_ROWS)
        return -1;
    if (ascii_letter(*p) || ascii_digit(*p) || *p == '!' || *p == '(')
        return -1;
    *row = r - 1;
    *col = c - 1;
    *pp = p;
    return 0;
}

/* Parse "SUM(…)"; returns the number of arguments, or 0 when it is not a simple SUM. */
static size_t parse_sum(const char *formula, sum_ref *refs)
{
    const char *p = skip_space(formula);
    if (*p == '=')
        p = skip_space(p + 1);
    if (ascii_upper(p[0]) != 'S' || ascii_upper(p[1]) != 'U' || ascii_upper(p[2]) != 'M' || p[3] != '(')
        return 0;
    p = skip_space(p + 4);
    size_t n = 0;
    for (;;) {
        if (n == PXL_SUM_MAX_ARGS)
            return 0;
        sum_ref *r = &refs[n];
        if (parse_cell(&p, &r->row1, &r->col1) != 0)
            return 0;
        p = skip_space(p);
        r->row2 = r->row1;
        r->col2 = r->col1;
        if (*p == ':') {
            p = skip_space(p + 1);
            if (parse_cell(&p, &r->row2, &r->col2) != 0)
                return 0;
            p = skip_space(p);
            if (r->row2 < r->row1) {
                uint32_t t = r->row1; r->row1 = r->row2; r->row2 = t;
            }
            if (r->col2 < r->col1) {
                uint32_t t = r->col1; r->col1 = r->col2; r->col2 = t;
            }
        }
        n++;
        /* ',' separates arguments; ';' is how a Swedish Excel shows it. */
        if (*p == ',' || *p == ';') {
            p = skip_space(p + 1);
            continue;
        }
        if (*p != ')')
            return 0;
        p = skip_space(p + 1);
        return *p == '\0' ? n : 0;
    }
}

static int table_has_row(const pxl_measure *m, pxl_total_rows rows, uint32_t row)
{
    for (size_t i = rows.first; i < rows.end; i++)
        if (m->effects[i]->cell.row == row)
            return 1;
    return 0;
}

static pxl_error check_one(pxl_findings *findings, const pxl_measure *m, const pxl_total *total,
                           pxl_total_rows rows, const pxl_value *declared)
{
    sum_ref refs[PXL_SUM_MAX_ARGS];
    size_t n = declared->formula ? parse_sum(declared->formula, refs) : 0;
    if (n == 0 || rows.first == rows.end)
        return PXL_OK;
    uint32_t col = declared->cell.col;
    char label_buf[PXL_EXCERPT_SIZE], formula_buf[PXL_EXCERPT_SIZE], name[16];
    pxl_message_arg label = total->label && *total->label
                                ? PXL_TEXT(pxl_excerpt(label_buf, sizeof label_buf, total->label))
                                : PXL_WORD(N_("The total"));
    pxl_message_arg formula = PXL_TEXT(pxl_excerpt(formula_buf, sizeof formula_buf, declared->formula));

    /* A foreign cell: another column, or a row that is not one of the table's. */
    for (size_t i = 0; i < n; i++) {
        for (uint32_t c = refs[i].col1; c <= refs[i].col2; c++) {
            if (c != col) {
                pxl_finding_draft d = {PXL_CODE_SUM_RANGE_INCOMPLETE, PXL_SEVERITY_WARNING, &declared->cell,
                                       NULL, 0, 0, 0, 0};
                return pxl_findings_add(findings, &d, N_("%s's formula %s takes in %s, outside the column it totals"),
                                        PXL_ARGS(label, formula,
                                                 PXL_TEXT(pxl_cell_name(name, sizeof name, refs[i].row1, c))));
            }
        }
        uint32_t inside = 0;
        for (size_t e = rows.first; e < rows.end; e++) {
            uint32_t r = m->effects[e]->cell.row;
            inside += r >= refs[i].row1 && r <= refs[i].row2;
        }
        if (inside < refs[i].row2 - refs[i].row1 + 1) {
            uint32_t r = refs[i].row1;
            while (r < refs[i].row2 && table_has_row(m, rows, r))
                r++;
            pxl_finding_draft d = {PXL_CODE_SUM_RANGE_INCOMPLETE, PXL_SEVERITY_WARNING, &declared->cell,
                                   NULL, 0, 0, 0, 0};
            return pxl_findings_add(findings, &d,
                                    N_("%s's formula %s takes in %s, which is not one of the rows it totals"),
                                    PXL_ARGS(label, formula, PXL_TEXT(pxl_cell_name(name, sizeof name, r, col))));
        }
    }
    /* A row of the table the formula leaves out. */
    for (size_t e = rows.first; e < rows.end; e++) {
        uint32_t r = m->effects[e]->cell.row;
        int covered = 0;
        for (size_t i = 0; i < n && !covered; i++)
            covered = r >= refs[i].row1 && r <= refs[i].row2;
        if (!covered) {
            pxl_finding_draft d = {PXL_CODE_SUM_RANGE_INCOMPLETE, PXL_SEVERITY_WARNING, &declared->cell,
                                   NULL, 0, 0, 0, 0};
            return pxl_findings_add(findings, &d, N_("%s's formula %s leaves out %s, one of the rows it totals"),
                                    PXL_ARGS(label, formula, PXL_TEXT(pxl_cell_name(name, sizeof name, r, col))));
        }
    }
    return PXL_OK;
}

pxl_error pxl_check_sum_ranges(pxl_findings *findings, const pxl_plan *plan)
{
    for (size_t a = 0; a < plan->area_count; a++) {
        const pxl_area *area = plan->areas[a];
        for (size_t m = 0; m < area->measure_count; m++) {
            const pxl_measure *measure = area->measures[m];
            for (size_t t = 0; t < measure->total_count; t++) {
                const pxl_total *total = measure->totals[t];
                pxl_total_rows rows = pxl_total_rows_of(measure, t);
                pxl_error err = check_one(findings, measure, total, rows, &total->current_year);
                if (!err)
                    err = check_one(findings, measure, total, rows, &total->full_year);
                if (err)
                    return err;
            }
        }
    }
    return PXL_OK;
}
