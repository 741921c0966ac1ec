/*
 * The readers' table: which reader reads which file format for each choice of
 * pxl_grid_options.reader. A new reader is its own files in read/ and one line here.
 */
#include "read/auto.h"
#include "read/biff/biff_reader.h"
#include "read/freexl.h"

const pxl_reader pxl_readers[] = {
    {PXL_READER_AUTO, PXL_FORMAT_XLS, pxl_auto_open},
    {PXL_READER_FREEXL, PXL_FORMAT_XLS, pxl_freexl_open},
    {PXL_READER_BIFF, PXL_FORMAT_XLS, pxl_biff_open},
    {0, 0, NULL},
};
