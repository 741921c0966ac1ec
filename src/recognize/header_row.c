/* What a header row says: which column holds which role, and which table it opens (recognizer.h). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error_internal.h"
#include "util/number_text.h"
#include "recognizer.h"

int pxl_rec_has(const table_header *h, pxl_header_role role)
{
    return h->col[role] >= 0;
}

/* Read a row as a header row; kind TABLE_NONE when it is not one. */
table_header pxl_rec_read_header(const pxl_cell *cells, size_t count)
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
        if (!pxl_rec_is_meaningful(c))
            continue;
        int year = 0;
        pxl_header_role role = c->type == PXL_CELL_TEXT ? pxl_header_classify(c->text, &year) : PXL_HEADER_NONE;
        if (role == PXL_HEADER_NONE) {
            unknown++;
            /* Ansvarig, Status, Klart datum: a column of extra fields, if this is a header row */
            if (c->type == PXL_CELL_TEXT && h.extra_count < EXTRA_COLUMNS_MAX) {
                h.extra_col[h.extra_count] = c->col;
                h.extra_header[h.extra_count++] = c->text;
            }
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
    int names_measure = pxl_rec_has(&h, PXL_HEADER_AREA) || (pxl_rec_has(&h, PXL_HEADER_SECTION) && pxl_rec_has(&h, PXL_HEADER_MEASURE));
    if (pxl_rec_has(&h, PXL_HEADER_EFFECT_YEAR) || pxl_rec_has(&h, PXL_HEADER_EFFECT_FULL)) {
        if (pxl_rec_has(&h, PXL_HEADER_MEASURE) && (pxl_rec_has(&h, PXL_HEADER_EFFECT_TEXT) || pxl_rec_has(&h, PXL_HEADER_DESCRIPTION)))
            names_measure = 1;
        h.kind = names_measure ? TABLE_FLAT_EFFECT : TABLE_EFFECT;
        /* The effect's own text: "Beskrivning av effekt"; over a nested table "Åtgärder". */
        if (pxl_rec_has(&h, PXL_HEADER_EFFECT_TEXT))
            h.text_col = h.col[PXL_HEADER_EFFECT_TEXT];
        else if (h.kind == TABLE_EFFECT && pxl_rec_has(&h, PXL_HEADER_MEASURE))
            h.text_col = h.col[PXL_HEADER_MEASURE];
        else if (pxl_rec_has(&h, PXL_HEADER_DESCRIPTION))
            h.text_col = h.col[PXL_HEADER_DESCRIPTION];
        else if (h.kind == TABLE_EFFECT) {
            /* An unlabelled description column: the one left of the first amount. */
            long amount = h.col[PXL_HEADER_EFFECT_YEAR];
            if (amount < 0 || (pxl_rec_has(&h, PXL_HEADER_EFFECT_FULL) && h.col[PXL_HEADER_EFFECT_FULL] < amount))
                amount = h.col[PXL_HEADER_EFFECT_FULL];
            h.text_col = amount > 0 ? amount - 1 : amount;
            if (h.text_col < (long)h.first_col)
                h.first_col = (uint32_t)h.text_col;
        }
        /*
         * Areas named beside amounts, with nothing that names a measure or an effect: a summary
         * (Sammanställning) of the area sheets, whose rows are the areas' totals, never measures.
         * (Område over amounts under a measure is still an effect table: tables.c decides.) With
         * both Verksamhet and Område a row is a part of an area, not its total: the flat table it was.
         */
        if (!pxl_rec_has(&h, PXL_HEADER_MEASURE) && !pxl_rec_has(&h, PXL_HEADER_EFFECT_TEXT) &&
            !pxl_rec_has(&h, PXL_HEADER_DESCRIPTION) && !pxl_rec_has(&h, PXL_HEADER_KPI) &&
            pxl_rec_has(&h, PXL_HEADER_AREA) != pxl_rec_has(&h, PXL_HEADER_SECTION))
            h.kind = TABLE_SUMMARY;
    } else if (pxl_rec_has(&h, PXL_HEADER_KPI) && (pxl_rec_has(&h, PXL_HEADER_TARGET) || pxl_rec_has(&h, PXL_HEADER_CURRENT))) {
        /* a nested KPI table has no Åtgärd column */
        h.kind = names_measure || pxl_rec_has(&h, PXL_HEADER_MEASURE) ? TABLE_FLAT_KPI : TABLE_KPI;
        h.text_col = h.col[PXL_HEADER_KPI];
    } else if (pxl_rec_has(&h, PXL_HEADER_MEASURE) && (pxl_rec_has(&h, PXL_HEADER_SECTION) || pxl_rec_has(&h, PXL_HEADER_DESCRIPTION))) {
        h.kind = TABLE_MEASURE;
    }
    /* An unlabelled description column read as the effect's text is no extra field. */
    size_t kept = 0;
    for (size_t i = 0; i < h.extra_count; i++)
        if ((long)h.extra_col[i] != h.text_col) {
            h.extra_col[kept] = h.extra_col[i];
            h.extra_header[kept++] = h.extra_header[i];
        }
    h.extra_count = kept;
    return h;
}
