/*
 * floor — the fastest .xls to .xlsx conversion the two libraries allow: freexl
 * reads every cell, libxlsxwriter writes it in constant-memory mode, nothing
 * else (no checks, no names fixed, no temp file, no progress). planxl convert
 * is measured against it (issue 5: within 1.10x of this in wall time and RSS).
 *
 *   floor IN.xls OUT.xlsx
 *
 * Dates, date-times and times (which freexl gives as text) are written as
 * numbers with a date format, as planxl must. A sheet name libxlsxwriter
 * refuses gets its default name ("Sheet3"): renaming is planxl's job.
 */
#include <stdio.h>
#include <stdlib.h>

#include <freexl.h>
#include <xlsxwriter.h>

#include "date_serial.h"

static int fail(const char *path, const char *what, int code)
{
    fprintf(stderr, "floor: %s: %s (%d)\n", path, what, code);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: floor IN.xls OUT.xlsx\n");
        return 2;
    }
    const char *in = argv[1], *out = argv[2];

    const void *xls = NULL;
    int rc = freexl_open(in, &xls);
    if (rc != FREEXL_OK)
        return fail(in, "freexl_open failed", rc);
    unsigned int sheets = 0;
    rc = freexl_get_info(xls, FREEXL_BIFF_SHEET_COUNT, &sheets);
    if (rc != FREEXL_OK)
        return fail(in, "cannot count the sheets", rc);

    lxw_workbook_options options = {.constant_memory = LXW_TRUE};
    lxw_workbook *book = workbook_new_opt(out, &options);
    if (book == NULL)
        return fail(out, "cannot create the workbook", 0);
    lxw_format *date_fmt = workbook_add_format(book);
    format_set_num_format(date_fmt, "yyyy-mm-dd");
    lxw_format *datetime_fmt = workbook_add_format(book);
    format_set_num_format(datetime_fmt, "yyyy-mm-dd hh:mm:ss");
    lxw_format *time_fmt = workbook_add_format(book);
    format_set_num_format(time_fmt, "hh:mm:ss");

    for (unsigned int s = 0; s < sheets; s++) {
        const char *name = NULL;
        freexl_get_worksheet_name(xls, (unsigned short)s, &name);
        lxw_worksheet *sheet = workbook_add_worksheet(book, name);
        if (sheet == NULL)
            sheet = workbook_add_worksheet(book, NULL);
        rc = freexl_select_active_worksheet(xls, (unsigned short)s);
        if (rc != FREEXL_OK)
            return fail(in, "cannot select a sheet", rc);
        unsigned int rows = 0;
        unsigned short cols = 0;
        rc = freexl_worksheet_dimensions(xls, &rows, &cols);
        if (rc != FREEXL_OK)
            return fail(in, "cannot read a sheet's size", rc);
        for (unsigned int r = 0; r < rows; r++) {
            for (unsigned short c = 0; c < cols; c++) {
                FreeXL_CellValue v;
                rc = freexl_get_cell_value(xls, r, c, &v);
                if (rc != FREEXL_OK)
                    return fail(in, "cannot read a cell", rc);
                double serial;
                switch (v.type) {
                case FREEXL_CELL_INT:
                    worksheet_write_number(sheet, r, c, v.value.int_value, NULL);
                    break;
                case FREEXL_CELL_DOUBLE:
                    worksheet_write_number(sheet, r, c, v.value.double_value, NULL);
                    break;
                case FREEXL_CELL_TEXT:
                case FREEXL_CELL_SST_TEXT:
                    worksheet_write_string(sheet, r, c, v.value.text_value, NULL);
                    break;
                case FREEXL_CELL_DATE:
                case FREEXL_CELL_DATETIME:
                case FREEXL_CELL_TIME:
                    if (bench_date_serial(v.type, v.value.text_value, &serial))
                        worksheet_write_number(sheet, r, c, serial,
                                               v.type == FREEXL_CELL_DATE ? date_fmt
                                               : v.type == FREEXL_CELL_TIME ? time_fmt
                                                                            : datetime_fmt);
                    else
                        worksheet_write_string(sheet, r, c, v.value.text_value, NULL);
                    break;
                default: /* FREEXL_CELL_NULL: nothing to write */
                    break;
                }
            }
        }
    }
    lxw_error err = workbook_close(book);
    freexl_close(xls);
    if (err != LXW_NO_ERROR)
        return fail(out, lxw_strerror(err), (int)err);
    return 0;
}
