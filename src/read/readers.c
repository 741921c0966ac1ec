/*
 * The readers' table: which reader reads which file format for each choice of
 * pxl_grid_options.reader. A new reader is its own files in read/ and one line here.
 */
#include "read/auto.h"
#include "read/biff/biff_reader.h"
#include "read/freexl.h"
#include "read/xlsx/xlsx.h"

const pxl_reader pxl_readers[] = {
    {"auto", ".xls and .xlsx", PXL_READER_AUTO, PXL_FORMAT_XLS, pxl_auto_open},
    {"auto", ".xls and .xlsx", PXL_READER_AUTO, PXL_FORMAT_ZIP, pxl_xlsx_open},
    {"freexl", ".xls only", PXL_READER_FREEXL, PXL_FORMAT_XLS, pxl_freexl_open},
    {"biff", ".xls only", PXL_READER_BIFF, PXL_FORMAT_XLS, pxl_biff_open},
    {"xlsx", ".xlsx and .xlsm only", PXL_READER_XLSX, PXL_FORMAT_ZIP, pxl_xlsx_open},
    {NULL, NULL, 0, 0, NULL},
};
