/* The cover sheet (Framsida): title, committee, municipality and period; a plan title over the tables (recognizer.h). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error_internal.h"
#include "util/number_text.h"
#include "recognizer.h"

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
        *field = pxl_rec_keep(r, value);
}

/*
 * A cover sheet: the title (the text naming a plan, else the first), the
 * committee (the text naming a nämnd or styrelse), the municipality (the text
 * naming a kommun, else the next short text); "Label:" cells give their
 * neighbour. The first file's cover wins.
 */
void pxl_rec_read_cover(recognizer *r)
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
            if (c->type != PXL_CELL_TEXT || !pxl_rec_has_content(c->text))
                continue;
            pxl_rec_take(r, c); /* the cover's texts: its title, committee, municipality and labels */
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

/* A plan's title over its tables ("Åtgärdsplan per augusti 2024") where no cover sheet gave one:
 * the plan's title, and its period. 1 when @p text was such a title. */
int pxl_rec_plan_title_row(recognizer *r, const char *text)
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
