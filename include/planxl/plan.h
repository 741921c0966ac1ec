/**
 * @file plan.h
 * @brief The plan model: areas → measures → KPIs, effect rows and declared totals.
 *
 * A plan is read from one or more workbooks; every value remembers its cell.
 * Objects handed out by a plan (areas, measures, …, their strings) live as
 * long as the plan.
 *
 * @code
 * pxl_plan *plan;
 * pxl_plan_new(&plan);
 * if (pxl_plan_read(plan, "plan.xls", NULL) != PXL_OK)
 *     fprintf(stderr, "%s\n", pxl_error_message());
 * for (size_t a = 0; a < pxl_plan_area_count(plan); a++)
 *     puts(pxl_area_name(pxl_plan_area(plan, a)));
 * pxl_plan_free(plan);
 * @endcode
 */
#ifndef PLANXL_PLAN_H
#define PLANXL_PLAN_H

#include <stddef.h>
#include "error.h"
#include "grid.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pxl_plan pxl_plan;         /**< A plan: areas and the files they came from. */
typedef struct pxl_area pxl_area;         /**< A verksamhetsområde. */
typedef struct pxl_measure pxl_measure;   /**< An åtgärd: Område, Åtgärd, Beskrivning. */
typedef struct pxl_kpi pxl_kpi;           /**< A nyckeltal row. */
typedef struct pxl_effect pxl_effect;     /**< An effect row, amounts in tkr. */
typedef struct pxl_total pxl_total;       /**< A declared total (Summa, Totalt, Netto …) under an effect table. */

/** @brief Options for pxl_plan_read(). Initialise with ::PXL_READ_OPTIONS_INIT. */
typedef struct pxl_read_options {
    unsigned version;       /**< Always PXL_READ_OPTIONS_VERSION. */
    pxl_grid_options grid;  /**< How the workbook is opened. */
} pxl_read_options;

#define PXL_READ_OPTIONS_VERSION 1
#define PXL_READ_OPTIONS_INIT { PXL_READ_OPTIONS_VERSION, PXL_GRID_OPTIONS_INIT }

/** @brief Create an empty plan; free it with pxl_plan_free(). */
pxl_error pxl_plan_new(pxl_plan **out);

/** @brief Free a plan and everything it handed out. NULL is ignored. */
void pxl_plan_free(pxl_plan *plan);

/**
 * @brief Read a workbook and add what it holds to @p plan.
 *
 * Areas of the same name are merged. A file that cannot be read is recorded
 * in the plan (see pxl_plan_unreadable_count()) and the error returned.
 * @param plan    The plan to add to.
 * @param path    The workbook; never written.
 * @param options NULL for the defaults.
 * @return PXL_OK, a grid error, or PXL_ERR_NO_PLAN when no plan table was found.
 */
pxl_error pxl_plan_read(pxl_plan *plan, const char *path, const pxl_read_options *options);

/**
 * @brief Recognise the plan in an open grid and add it to @p plan.
 * @param plan  The plan to add to.
 * @param grid  An open workbook; the plan copies what it keeps.
 * @param label The file name recorded in cell references (e.g. the path as given).
 */
pxl_error pxl_plan_read_grid(pxl_plan *plan, pxl_grid *grid, const char *label);

size_t pxl_plan_file_count(const pxl_plan *plan);
/** @brief Input file @p index as given (owned by the plan). */
const char *pxl_plan_file(const pxl_plan *plan, size_t index);
/**
 * @brief Which reader read input file @p index, and why AUTO fell back to planxl's own reader.
 * @param plan            The plan.
 * @param index           Input file index (as pxl_plan_file()).
 * @param fallback_reason Receives freexl's message when AUTO had to read the file with planxl's
 *                        BIFF reader because freexl could not open it, else ""; owned by the plan.
 *                        May be NULL.
 * @return PXL_READER_FREEXL or PXL_READER_BIFF; PXL_READER_AUTO when the file was never opened.
 */
pxl_reader_kind pxl_plan_file_reader(const pxl_plan *plan, size_t index, const char **fallback_reason);
size_t pxl_plan_unreadable_count(const pxl_plan *plan);
/** @brief A file that could not be read, and why (both owned by the plan). */
const char *pxl_plan_unreadable_file(const pxl_plan *plan, size_t index, const char **message);
/** @brief The plan's title ("Åtgärdsplan per augusti 2024") from a cover sheet, or "". */
const char *pxl_plan_title(const pxl_plan *plan);
/** @brief The committee ("Vård- och omsorgsnämnd"), or "". */
const char *pxl_plan_committee(const pxl_plan *plan);
/** @brief The municipality ("Huddinge"), or "". */
const char *pxl_plan_municipality(const pxl_plan *plan);
/** @brief The period as "YYYY-MM" when the title names one, or "". */
const char *pxl_plan_period(const pxl_plan *plan);

size_t pxl_plan_area_count(const pxl_plan *plan);
const pxl_area *pxl_plan_area(const pxl_plan *plan, size_t index);

const char *pxl_area_name(const pxl_area *area);
size_t pxl_area_measure_count(const pxl_area *area);
const pxl_measure *pxl_area_measure(const pxl_area *area, size_t index);
/** @brief Totals that close the area ("Summa Hemtjänst", "Summa verksamhet"), in sheet order. */
size_t pxl_area_total_count(const pxl_area *area);
const pxl_total *pxl_area_total(const pxl_area *area, size_t index);
/** @brief Totals that close the whole plan ("Totalt nämnden"), in file and sheet order. */
size_t pxl_plan_total_count(const pxl_plan *plan);
const pxl_total *pxl_plan_total(const pxl_plan *plan, size_t index);
/** @brief Rows of summary sheets (Sammanställning): an area's total each, or the plan's; never measures. */
size_t pxl_plan_summary_count(const pxl_plan *plan);
const pxl_total *pxl_plan_summary(const pxl_plan *plan, size_t index);

const char *pxl_measure_section(const pxl_measure *measure);      /**< Område, or "". */
const char *pxl_measure_title(const pxl_measure *measure);        /**< Åtgärd, or "". */
const char *pxl_measure_description(const pxl_measure *measure);  /**< Beskrivning, or "". */
/** @brief The measure's row (its leftmost cell). */
const pxl_cellref *pxl_measure_cell(const pxl_measure *measure);
/** @brief The Åtgärd cell (where an empty title is reported). */
const pxl_cellref *pxl_measure_title_cell(const pxl_measure *measure);
/** @brief The Beskrivning cell. */
const pxl_cellref *pxl_measure_description_cell(const pxl_measure *measure);
/** @brief The year of the effect table's current-year column ("Effekt 2024 (tkr)" → 2024), or 0. */
int pxl_measure_current_year(const pxl_measure *measure);

size_t pxl_measure_kpi_count(const pxl_measure *measure);
const pxl_kpi *pxl_measure_kpi(const pxl_measure *measure, size_t index);
const char *pxl_kpi_name(const pxl_kpi *kpi);
const pxl_value *pxl_kpi_target(const pxl_kpi *kpi);
const pxl_value *pxl_kpi_current(const pxl_kpi *kpi);
const char *pxl_kpi_comment(const pxl_kpi *kpi);
const pxl_cellref *pxl_kpi_cell(const pxl_kpi *kpi);  /**< The row's leftmost cell (the name). */

size_t pxl_measure_effect_count(const pxl_measure *measure);
const pxl_effect *pxl_measure_effect(const pxl_measure *measure, size_t index);
const char *pxl_effect_description(const pxl_effect *effect);
const pxl_value *pxl_effect_current_year(const pxl_effect *effect);  /**< tkr */
const pxl_value *pxl_effect_full_year(const pxl_effect *effect);     /**< tkr */
const char *pxl_effect_comment(const pxl_effect *effect);
const pxl_cellref *pxl_effect_cell(const pxl_effect *effect);

size_t pxl_measure_total_count(const pxl_measure *measure);
const pxl_total *pxl_measure_total(const pxl_measure *measure, size_t index);
const char *pxl_total_label(const pxl_total *total);                 /**< "Summa", "Netto", … */
const pxl_value *pxl_total_current_year(const pxl_total *total);
const pxl_value *pxl_total_full_year(const pxl_total *total);
const pxl_cellref *pxl_total_cell(const pxl_total *total);
/** @brief A summary row's area as written ("" when it names none); NULL for a row that totals the plan
 *  and for totals that are no summary's. */
const char *pxl_total_summary_area(const pxl_total *total);

#ifdef __cplusplus
}
#endif
#endif /* PLANXL_PLAN_H */
