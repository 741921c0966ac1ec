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

#include "util/error_internal.h"
#include "util/number_text.h"
#include "util/text.h"
#include "read/grid_internal.h"
#include "recognizer.h"
#include "util/locale.h"

/* Sheet @p s's merged ranges for the recogniser and the plan: none (and not known) when the
 * reader does not read them; a sheet whose merges cannot be read is read without them. */
static void sheet_merges(pxl_grid *grid, size_t s, pxl_sheet_info *info)
{
    info->merges_known = pxl_grid_reads_merges(grid);
    info->merges = NULL;
    info->merge_count = 0;
    if (!info->merges_known)
        return;
    if (pxl_grid_sheet_merges(grid, s, &info->merges, &info->merge_count) != PXL_OK) {
        pxl_error_clear(); /* a malformed range: the cells stand as they are, each where it is */
        info->merges_known = 0;
    }
}

static int is_hidden(pxl_sheet_state state)
{
    return state == PXL_SHEET_HIDDEN || state == PXL_SHEET_VERY_HIDDEN;
}

static pxl_error plan_read_grid(pxl_plan *plan, pxl_grid *grid, const char *label, int include_hidden)
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
    size_t sheets = pxl_grid_sheet_count(grid), skipped = 0;
    for (size_t s = 0; s < sheets && err == PXL_OK && !r.nomem; s++) {
        pxl_sheet_info info = { r.file, pxl_grid_sheet_name(grid, s), pxl_grid_sheet_state(grid, s), 1, 0, NULL, 0 };
        if (is_hidden(info.state) && !include_hidden) {
            /* a hidden draft is no part of the plan (issue 12): named by a finding, not read */
            info.read = 0;
            skipped++;
            sheet_merges(grid, s, &info);
            err = pxl_plan_add_sheet(plan, &info);
            continue;
        }
        pxl_sheet_table *table;
        err = pxl_sheet_table_load(&table, grid, s);
        if (err != PXL_OK)
            break;
        /* after the load: a reader that finds them by reading the sheet has them now */
        sheet_merges(grid, s, &info);
        if ((err = pxl_plan_add_sheet(plan, &info)) != PXL_OK || pxl_rec_set_merges(&r, info.merges, info.merge_count)) {
            pxl_sheet_table_free(table);
            if (err == PXL_OK)
                err = pxl_fail_nomem();
            break;
        }
        r.table = table;
        if (pxl_rec_coverage_begin(&r)) {
            pxl_sheet_table_free(table);
            err = pxl_fail_nomem();
            break;
        }
        r.sheet_index = s;
        r.sheet = pxl_rec_keep(&r, pxl_sheet_table_name(table));
        r.area_name = r.sheet;
        size_t before = r.recognised;
        if (pxl_header_is_cover_sheet(r.sheet)) {
            /* A cover may hold a table too; its title rows name no area without measures under them. */
            pxl_rec_read_cover(&r);
            pxl_rec_read_sheet(&r);
        } else {
            pxl_rec_read_sheet(&r);
            /* A first sheet without tables and without a cover name may still be the cover. */
            if (r.recognised == before && s == 0 && pxl_sheet_table_row_count(table) > 0)
                pxl_rec_read_cover(&r);
        }
        /* A plan sheet (one the plan took something from) accounts for every cell; a sheet of
         * prose, lists or instructions is no plan sheet, and a cover is its texts. */
        pxl_rec_coverage_end(&r, r.recognised > before);
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
    pxl_rec_coverage_end(&r, 0);
    pxl_rec_set_merges(&r, NULL, 0);
    pxl_rec_index_free(&r.index);
    if (err == PXL_OK && r.recognised == 0)
        err = pxl_fail(PXL_ERR_NO_PLAN,
                       "%s: no plan table found: no sheet has a header row such as "
                       "\"Område | Åtgärd | Beskrivning\", \"Nyckeltal | Målvärde | Nuläge\" or "
                       "\"Åtgärder | Effekt 2024 (tkr) | Helårseffekt (tkr)\"%s",
                       label, skipped ? pxl_text(N_(" in its visible sheets (hidden sheets are skipped: --include-hidden "
                                                    "reads them)"))
                                     : "");
    return err;
}

static pxl_error plan_read(pxl_plan *plan, const char *path, const pxl_read_options *options)
{
    if (!plan || !path)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: no plan or file name given", path ? path : "(no file)");
    pxl_grid_options grid_options = PXL_GRID_OPTIONS_INIT;
    int include_hidden = 0;
    if (options) {
        /* Refused before the plan records the file: a caller's mistake, not an unreadable file. */
        if (options->version < 1 || options->version > PXL_READ_OPTIONS_VERSION)
            return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: unknown pxl_read_options version %u", path,
                            options->version);
        pxl_error err = pxl_grid_options_check(&options->grid, path);
        if (err)
            return err;
        grid_options = options->grid;
        /* version 1's struct ends before include_hidden */
        if (options->version >= 2)
            include_hidden = options->include_hidden != 0;
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
            err = plan_read_grid(plan, grid, path, include_hidden);
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

/* Both read in the C locale, whatever the host set (util/locale.h). */
pxl_error pxl_plan_read_grid(pxl_plan *plan, pxl_grid *grid, const char *label)
{
    pxl_error err = pxl_locale_enter();
    if (err)
        return err;
    err = plan_read_grid(plan, grid, label, 0);
    pxl_locale_leave();
    return err;
}

pxl_error pxl_plan_read(pxl_plan *plan, const char *path, const pxl_read_options *options)
{
    pxl_error err = pxl_locale_enter();
    if (err)
        return err;
    err = plan_read(plan, path, options);
    pxl_locale_leave();
    return err;
}
