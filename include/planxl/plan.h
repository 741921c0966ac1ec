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

#include "common.h"
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
typedef struct pxl_field pxl_field;       /**< A row's cell in a column with no header word (Ansvarig, Status …). */

/** @brief Options for pxl_plan_read(). Initialise with ::PXL_READ_OPTIONS_INIT. */
typedef struct pxl_read_options {
    unsigned version;       /**< PXL_READ_OPTIONS_VERSION (2); a caller built against version 1
                                 (without include_hidden) still reads, hidden sheets skipped. */
    pxl_grid_options grid;  /**< How the workbook is opened. */
    int include_hidden;     /**< Version 2: 1 reads hidden and very hidden sheets into the plan
                                 too; by default they are skipped (pxl_plan_sheet()). */
} pxl_read_options;

#define PXL_READ_OPTIONS_VERSION 2
#define PXL_READ_OPTIONS_INIT { PXL_READ_OPTIONS_VERSION, PXL_GRID_OPTIONS_INIT, 0 }

/**
 * @brief Create an empty plan.
 * @param out Receives the plan; the caller frees it with pxl_plan_free().
 * @return PXL_OK, PXL_ERR_INVALID_ARGUMENT (@p out is NULL) or PXL_ERR_NOMEM.
 */
PXL_EXTERN pxl_error pxl_plan_new(pxl_plan **out);

/**
 * @brief Free a plan and everything it handed out (areas, measures, values, strings).
 * @param plan The plan; NULL is ignored.
 */
PXL_EXTERN void pxl_plan_free(pxl_plan *plan);

/**
 * @brief Read a workbook and add what it holds to @p plan.
 *
 * Areas of the same name are merged. A file that cannot be read is recorded
 * in the plan (see pxl_plan_unreadable_count()) and the error returned.
 * @param plan    The plan to add to.
 * @param path    The workbook; never written.
 * @param options NULL for the defaults.
 * @return PXL_OK, a grid error, PXL_ERR_NO_PLAN when no plan table was found, or
 *         PXL_ERR_INVALID_ARGUMENT (no plan or path, or @p options of an unknown version;
 *         the file is then not recorded).
 */
PXL_EXTERN pxl_error pxl_plan_read(pxl_plan *plan, const char *path, const pxl_read_options *options);

/**
 * @brief Recognise the plan in an open grid and add it to @p plan. Hidden and very hidden
 *        sheets are skipped, as pxl_plan_read() does by default (pxl_plan_sheet() lists them).
 * @param plan  The plan to add to.
 * @param grid  An open workbook; the plan copies what it keeps, so the caller may close
 *              the grid (pxl_grid_close()) at once.
 * @param label The file name recorded in cell references (e.g. the path as given);
 *              NULL for the grid's path.
 * @return PXL_OK, PXL_ERR_NO_PLAN when no plan table was found, a grid error from
 *         reading its sheets, PXL_ERR_INVALID_ARGUMENT or PXL_ERR_NOMEM.
 */
PXL_EXTERN pxl_error pxl_plan_read_grid(pxl_plan *plan, pxl_grid *grid, const char *label);

/** @brief One sheet of an input file as the recogniser met it: read, or skipped and why. */
typedef struct pxl_sheet_info {
    const char *file;         /**< The input file, as pxl_plan_file() gives it. */
    const char *name;         /**< The sheet's name. */
    pxl_sheet_state state;    /**< As the reader gave it (grid.h); UNKNOWN with freexl alone. */
    int read;                 /**< 1 when read into the plan; 0 when skipped: hidden or very hidden. */
    int merges_known;         /**< 0 when the reader does not know merged cells (freexl alone). */
    const pxl_range *merges;  /**< Its merged ranges (grid.h's order); NULL when none. */
    size_t merge_count;       /**< How many. */
} pxl_sheet_info;

/**
 * @brief Number of sheets the plan met, over every file read, in file and workbook order.
 * @param plan The plan.
 * @return The count.
 */
PXL_EXTERN size_t pxl_plan_sheet_count(const pxl_plan *plan);

/**
 * @brief Sheet @p index of those the plan met.
 * @param plan  The plan.
 * @param index 0-based, below pxl_plan_sheet_count().
 * @return The sheet, owned by the plan; NULL when @p index is out of range.
 */
PXL_EXTERN const pxl_sheet_info *pxl_plan_sheet(const pxl_plan *plan, size_t index);

/**
 * @brief Number of input files (read or not), in the order they were given.
 * @param plan The plan.
 * @return The count.
 */
PXL_EXTERN size_t pxl_plan_file_count(const pxl_plan *plan);

/**
 * @brief Input file @p index, as given.
 * @param plan  The plan.
 * @param index 0-based, below pxl_plan_file_count().
 * @return The path, owned by the plan; NULL when @p index is out of range.
 */
PXL_EXTERN const char *pxl_plan_file(const pxl_plan *plan, size_t index);

/**
 * @brief Which reader read input file @p index, and why AUTO fell back to planxl's own reader.
 * @param plan            The plan.
 * @param index           Input file index (as pxl_plan_file()).
 * @param fallback_reason Receives why AUTO read the file with planxl's BIFF reader instead of
 *                        freexl (freexl's message, or the declared size freexl would allocate
 *                        for), else ""; owned by the plan.
 *                        May be NULL.
 * @return PXL_READER_FREEXL or PXL_READER_BIFF; PXL_READER_AUTO when the file was never opened.
 */
PXL_EXTERN pxl_reader_kind pxl_plan_file_reader(const pxl_plan *plan, size_t index,
                                                const char **fallback_reason);

/**
 * @brief Number of input files that could not be read.
 * @param plan The plan.
 * @return The count.
 */
PXL_EXTERN size_t pxl_plan_unreadable_count(const pxl_plan *plan);

/**
 * @brief A file that could not be read, and why.
 * @param plan    The plan.
 * @param index   0-based, below pxl_plan_unreadable_count().
 * @param message Receives the error message (naming the file), owned by the plan; may be NULL.
 * @return The path, owned by the plan; NULL when @p index is out of range.
 */
PXL_EXTERN const char *pxl_plan_unreadable_file(const pxl_plan *plan, size_t index, const char **message);

/**
 * @brief The plan's title ("Åtgärdsplan per augusti 2024") from a cover sheet.
 * @param plan The plan.
 * @return The title, owned by the plan, or "" when no cover sheet names one.
 */
PXL_EXTERN const char *pxl_plan_title(const pxl_plan *plan);

/**
 * @brief The committee ("Vård- och omsorgsnämnd").
 * @param plan The plan.
 * @return The committee, owned by the plan, or "".
 */
PXL_EXTERN const char *pxl_plan_committee(const pxl_plan *plan);

/**
 * @brief The municipality ("Huddinge").
 * @param plan The plan.
 * @return The municipality, owned by the plan, or "".
 */
PXL_EXTERN const char *pxl_plan_municipality(const pxl_plan *plan);

/**
 * @brief The period the title names.
 * @param plan The plan.
 * @return "YYYY-MM", owned by the plan, or "" when the title names no period.
 */
PXL_EXTERN const char *pxl_plan_period(const pxl_plan *plan);

/**
 * @brief Number of areas (verksamhetsområden), in the order first met.
 * @param plan The plan.
 * @return The count.
 */
PXL_EXTERN size_t pxl_plan_area_count(const pxl_plan *plan);

/**
 * @brief Area @p index.
 * @param plan  The plan.
 * @param index 0-based, below pxl_plan_area_count().
 * @return The area, owned by the plan (it lives as long as the plan); NULL when out of range.
 */
PXL_EXTERN const pxl_area *pxl_plan_area(const pxl_plan *plan, size_t index);

/**
 * @brief The area's name ("Äldreomsorg").
 * @param area The area.
 * @return The name, owned by the plan.
 */
PXL_EXTERN const char *pxl_area_name(const pxl_area *area);

/**
 * @brief Number of measures in the area, in the files' order.
 * @param area The area.
 * @return The count.
 */
PXL_EXTERN size_t pxl_area_measure_count(const pxl_area *area);

/**
 * @brief Measure @p index of the area.
 * @param area  The area.
 * @param index 0-based, below pxl_area_measure_count().
 * @return The measure, owned by the plan; NULL when out of range.
 */
PXL_EXTERN const pxl_measure *pxl_area_measure(const pxl_area *area, size_t index);

/**
 * @brief Number of totals that close the area ("Summa Hemtjänst", "Summa verksamhet").
 * @param area The area.
 * @return The count; the totals are in sheet order.
 */
PXL_EXTERN size_t pxl_area_total_count(const pxl_area *area);

/**
 * @brief Total @p index that closes the area.
 * @param area  The area.
 * @param index 0-based, below pxl_area_total_count().
 * @return The total, owned by the plan; NULL when out of range.
 */
PXL_EXTERN const pxl_total *pxl_area_total(const pxl_area *area, size_t index);

/**
 * @brief Number of totals that close the whole plan ("Totalt nämnden").
 * @param plan The plan.
 * @return The count; the totals are in file and sheet order.
 */
PXL_EXTERN size_t pxl_plan_total_count(const pxl_plan *plan);

/**
 * @brief Total @p index that closes the whole plan.
 * @param plan  The plan.
 * @param index 0-based, below pxl_plan_total_count().
 * @return The total, owned by the plan; NULL when out of range.
 */
PXL_EXTERN const pxl_total *pxl_plan_total(const pxl_plan *plan, size_t index);

/**
 * @brief Number of rows of summary sheets (Sammanställning): each an area's total, or the
 *        plan's; never measures.
 * @param plan The plan.
 * @return The count.
 */
PXL_EXTERN size_t pxl_plan_summary_count(const pxl_plan *plan);

/**
 * @brief Summary row @p index.
 * @param plan  The plan.
 * @param index 0-based, below pxl_plan_summary_count().
 * @return The total, owned by the plan; NULL when out of range.
 */
PXL_EXTERN const pxl_total *pxl_plan_summary(const pxl_plan *plan, size_t index);

/**
 * @brief The measure's section (Område).
 * @param measure The measure.
 * @return The text, owned by the plan, or "".
 */
PXL_EXTERN const char *pxl_measure_section(const pxl_measure *measure);

/**
 * @brief The measure's title (Åtgärd).
 * @param measure The measure.
 * @return The text, owned by the plan, or "" (a finding reports an empty title).
 */
PXL_EXTERN const char *pxl_measure_title(const pxl_measure *measure);

/**
 * @brief The measure's description (Beskrivning).
 * @param measure The measure.
 * @return The text, owned by the plan, or "".
 */
PXL_EXTERN const char *pxl_measure_description(const pxl_measure *measure);

/**
 * @brief The measure's row (its leftmost cell).
 * @param measure The measure.
 * @return The cell reference, owned by the plan; never NULL.
 */
PXL_EXTERN const pxl_cellref *pxl_measure_cell(const pxl_measure *measure);

/**
 * @brief The Åtgärd cell (where an empty title is reported).
 * @param measure The measure.
 * @return The cell reference, owned by the plan; never NULL.
 */
PXL_EXTERN const pxl_cellref *pxl_measure_title_cell(const pxl_measure *measure);

/**
 * @brief The Beskrivning cell.
 * @param measure The measure.
 * @return The cell reference, owned by the plan; never NULL.
 */
PXL_EXTERN const pxl_cellref *pxl_measure_description_cell(const pxl_measure *measure);

/**
 * @brief The year of the effect table's current-year column ("Effekt 2024 (tkr)" → 2024).
 * @param measure The measure.
 * @return The year, or 0 when the column names none.
 */
PXL_EXTERN int pxl_measure_current_year(const pxl_measure *measure);

/**
 * @brief Number of KPI (nyckeltal) rows of the measure.
 * @param measure The measure.
 * @return The count.
 */
PXL_EXTERN size_t pxl_measure_kpi_count(const pxl_measure *measure);

/**
 * @brief KPI row @p index of the measure.
 * @param measure The measure.
 * @param index   0-based, below pxl_measure_kpi_count().
 * @return The KPI, owned by the plan; NULL when out of range.
 */
PXL_EXTERN const pxl_kpi *pxl_measure_kpi(const pxl_measure *measure, size_t index);

/**
 * @brief The KPI's name (Nyckeltal).
 * @param kpi The KPI.
 * @return The text, owned by the plan, or "".
 */
PXL_EXTERN const char *pxl_kpi_name(const pxl_kpi *kpi);

/**
 * @brief The KPI's target value (Målvärde): a number, percent, direction word or text.
 * @param kpi The KPI.
 * @return The value, owned by the plan; never NULL (kind PXL_VALUE_MISSING when empty).
 */
PXL_EXTERN const pxl_value *pxl_kpi_target(const pxl_kpi *kpi);

/**
 * @brief The KPI's current value (Utfall, Nuläge).
 * @param kpi The KPI.
 * @return The value, owned by the plan; never NULL (kind PXL_VALUE_MISSING when empty).
 */
PXL_EXTERN const pxl_value *pxl_kpi_current(const pxl_kpi *kpi);

/**
 * @brief The KPI row's comment (Kommentar).
 * @param kpi The KPI.
 * @return The text, owned by the plan, or "".
 */
PXL_EXTERN const char *pxl_kpi_comment(const pxl_kpi *kpi);

/**
 * @brief The KPI row's leftmost cell (the name).
 * @param kpi The KPI.
 * @return The cell reference, owned by the plan; never NULL.
 */
PXL_EXTERN const pxl_cellref *pxl_kpi_cell(const pxl_kpi *kpi);

/** @brief A KPI against its target (docs/kpi-status.md). */
typedef enum pxl_kpi_status {
    PXL_KPI_NOT_ASSESSABLE = 0, /**< "ej bedömbart": no level to reach (Öka, Minska, free text,
                                     missing) or no Nuläge to compare (text, missing). */
    PXL_KPI_ACHIEVED,           /**< "uppnått": Nuläge is at the target or on its wanted side. */
    PXL_KPI_NOT_ACHIEVED        /**< "ej uppnått": Nuläge is on the other side of the target. */
} pxl_kpi_status;

/**
 * @brief Whether the KPI has reached its Målvärde.
 *
 * The target is a number or a percent, with the direction stated ("minst 90 %", "högst 7",
 * "Öka till 95 %") or implied by the KPI's name ("Andel ensamåkning", "Minskad …": less is
 * better); without either, at least the target is wanted. A plain number beside a percent is
 * a fraction when at most 1 (0.54), else percent points (54).
 * @param kpi       The KPI; NULL is not assessable.
 * @param direction Receives the direction judged by (INCREASE: at least the target,
 *                  DECREASE: at most); for a target without a level, its word (Öka, Minska)
 *                  or the name's direction, else NONE. May be NULL.
 * @return The status.
 */
PXL_EXTERN pxl_kpi_status pxl_kpi_assess(const pxl_kpi *kpi, pxl_direction *direction);

/**
 * @brief The status as the committee reads it: "uppnått", "ej uppnått" or "ej bedömbart".
 * @param status The status.
 * @return A static string (Swedish in every locale: the committee's words, like the report's).
 */
PXL_EXTERN const char *pxl_kpi_status_name(pxl_kpi_status status);

/** @brief How a KPI moved since the previous plan (docs/kpi-status.md). */
typedef enum pxl_kpi_trend {
    PXL_KPI_TREND_NOT_ASSESSABLE = 0, /**< "ej bedömbart": no previous row, a Nuläge that is no
                                           level, or no direction to judge by. */
    PXL_KPI_IMPROVED,                 /**< "förbättrat": Nuläge moved the way the KPI wants. */
    PXL_KPI_WORSENED,                 /**< "försämrat": it moved the other way. */
    PXL_KPI_UNCHANGED                 /**< "oförändrat": the same Nuläge. */
} pxl_kpi_trend;

/**
 * @brief Compare a KPI's Nuläge with the same KPI's in the previous plan.
 *
 * The direction is the one pxl_kpi_assess() judges @p kpi by (a target word such as Öka
 * counts); both Nuläge must be numbers or percents (a plain number beside a percent as in
 * pxl_kpi_assess()).
 * @param previous The KPI in the previous plan; NULL when it had none.
 * @param kpi      The KPI now.
 * @return The trend.
 */
PXL_EXTERN pxl_kpi_trend pxl_kpi_compare(const pxl_kpi *previous, const pxl_kpi *kpi);

/**
 * @brief The trend as the committee reads it: "förbättrat", "försämrat", "oförändrat" or
 *        "ej bedömbart".
 * @param trend The trend.
 * @return A static string (Swedish in every locale, like pxl_kpi_status_name()).
 */
PXL_EXTERN const char *pxl_kpi_trend_name(pxl_kpi_trend trend);

/**
 * @brief Number of effect rows of the measure (amounts in tkr).
 * @param measure The measure.
 * @return The count.
 */
PXL_EXTERN size_t pxl_measure_effect_count(const pxl_measure *measure);

/**
 * @brief Effect row @p index of the measure.
 * @param measure The measure.
 * @param index   0-based, below pxl_measure_effect_count().
 * @return The effect row, owned by the plan; NULL when out of range.
 */
PXL_EXTERN const pxl_effect *pxl_measure_effect(const pxl_measure *measure, size_t index);

/**
 * @brief The effect row's description.
 * @param effect The effect row.
 * @return The text, owned by the plan, or "".
 */
PXL_EXTERN const char *pxl_effect_description(const pxl_effect *effect);

/**
 * @brief The effect in the current year, in tkr.
 * @param effect The effect row.
 * @return The value, owned by the plan; never NULL (an amount: NUMBER, MISSING or INVALID).
 */
PXL_EXTERN const pxl_value *pxl_effect_current_year(const pxl_effect *effect);

/**
 * @brief The effect over a full year (helårseffekt), in tkr.
 * @param effect The effect row.
 * @return The value, owned by the plan; never NULL (an amount: NUMBER, MISSING or INVALID).
 */
PXL_EXTERN const pxl_value *pxl_effect_full_year(const pxl_effect *effect);

/**
 * @brief The effect row's comment.
 * @param effect The effect row.
 * @return The text, owned by the plan, or "".
 */
PXL_EXTERN const char *pxl_effect_comment(const pxl_effect *effect);

/**
 * @brief The effect row's leftmost cell.
 * @param effect The effect row.
 * @return The cell reference, owned by the plan; never NULL.
 */
PXL_EXTERN const pxl_cellref *pxl_effect_cell(const pxl_effect *effect);

/**
 * @brief Number of declared totals under the measure's effect table.
 * @param measure The measure.
 * @return The count.
 */
PXL_EXTERN size_t pxl_measure_total_count(const pxl_measure *measure);

/**
 * @brief Declared total @p index of the measure.
 * @param measure The measure.
 * @param index   0-based, below pxl_measure_total_count().
 * @return The total, owned by the plan; NULL when out of range.
 */
PXL_EXTERN const pxl_total *pxl_measure_total(const pxl_measure *measure, size_t index);

/**
 * @brief The total's label as written ("Summa", "Netto", …).
 * @param total The total.
 * @return The text, owned by the plan.
 */
PXL_EXTERN const char *pxl_total_label(const pxl_total *total);

/**
 * @brief The stated current-year total, in tkr.
 * @param total The total.
 * @return The value, owned by the plan; never NULL.
 */
PXL_EXTERN const pxl_value *pxl_total_current_year(const pxl_total *total);

/**
 * @brief The stated full-year total, in tkr.
 * @param total The total.
 * @return The value, owned by the plan; never NULL.
 */
PXL_EXTERN const pxl_value *pxl_total_full_year(const pxl_total *total);

/**
 * @brief The total row's leftmost cell (its label).
 * @param total The total.
 * @return The cell reference, owned by the plan; never NULL.
 */
PXL_EXTERN const pxl_cellref *pxl_total_cell(const pxl_total *total);

/**
 * @brief The area a summary row names, as written.
 * @param total The total.
 * @return The name, owned by the plan ("" when the row names none); NULL for a summary row
 *         that totals the plan, and for totals that are no summary's.
 */
PXL_EXTERN const char *pxl_total_summary_area(const pxl_total *total);

/**
 * @brief Number of extra fields of a measure row: its cells in columns whose header the
 *        recogniser knows no word for (Ansvarig, Status, Klart datum), in column order.
 * @param measure The measure.
 * @return The count.
 */
PXL_EXTERN size_t pxl_measure_field_count(const pxl_measure *measure);

/**
 * @brief Extra field @p index of a measure row.
 * @param measure The measure.
 * @param index   0-based, below pxl_measure_field_count().
 * @return The field, owned by the plan; NULL when out of range.
 */
PXL_EXTERN const pxl_field *pxl_measure_field(const pxl_measure *measure, size_t index);

/**
 * @brief Number of extra fields of a KPI row (see pxl_measure_field_count()).
 * @param kpi The KPI row.
 * @return The count.
 */
PXL_EXTERN size_t pxl_kpi_field_count(const pxl_kpi *kpi);

/**
 * @brief Extra field @p index of a KPI row.
 * @param kpi   The KPI row.
 * @param index 0-based, below pxl_kpi_field_count().
 * @return The field, owned by the plan; NULL when out of range.
 */
PXL_EXTERN const pxl_field *pxl_kpi_field(const pxl_kpi *kpi, size_t index);

/**
 * @brief Number of extra fields of an effect row (see pxl_measure_field_count()).
 * @param effect The effect row.
 * @return The count.
 */
PXL_EXTERN size_t pxl_effect_field_count(const pxl_effect *effect);

/**
 * @brief Extra field @p index of an effect row.
 * @param effect The effect row.
 * @param index  0-based, below pxl_effect_field_count().
 * @return The field, owned by the plan; NULL when out of range.
 */
PXL_EXTERN const pxl_field *pxl_effect_field(const pxl_effect *effect, size_t index);

/**
 * @brief The field's column header, as written ("Ansvarig").
 * @param field The field.
 * @return The text, owned by the plan.
 */
PXL_EXTERN const char *pxl_field_header(const pxl_field *field);

/**
 * @brief The field's value: its cell's text (a number in its shortest form).
 * @param field The field.
 * @return The text, owned by the plan.
 */
PXL_EXTERN const char *pxl_field_value(const pxl_field *field);

/**
 * @brief The field's cell.
 * @param field The field.
 * @return The cell reference, owned by the plan; never NULL.
 */
PXL_EXTERN const pxl_cellref *pxl_field_cell(const pxl_field *field);

#ifdef __cplusplus
}
#endif
#endif /* PLANXL_PLAN_H */
