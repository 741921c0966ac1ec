/*
 * The BIFF built-in function table (MS-XLS 2.5.198.17 Ftab): the function
 * number stored in ptgFunc/ptgFuncVar to its name and argument counts.
 */
#ifndef PLANXL_BIFF_FUNCTIONS_H
#define PLANXL_BIFF_FUNCTIONS_H

#include <stdint.h>

/* ptgFuncVar's function number 255: a user-defined or add-in function whose
 * name is the call's first argument (MS-XLS 2.5.198.17, "User Defined Function"). */
#define PXL_FUNC_USER_DEFINED 255

/* A macro-sheet function (XLM): its name is known, its argument counts are not,
 * so a ptgFunc (which relies on the fixed count) naming it is not decoded. */
#define PXL_FUNC_MACRO 0x01

typedef struct pxl_biff_function {
    const char *name;
    uint8_t min_args, max_args; /* equal for a function called with ptgFunc */
    uint8_t flags;              /* PXL_FUNC_* */
} pxl_biff_function;

/* The function with BIFF number @p index, or NULL when the table does not know it. */
const pxl_biff_function *pxl_biff_function_find(unsigned index);

/* 1 when the @p len bytes at @p name are a function Excel 2007 made native — one an .xls
 * stores as the future function "_xlfn.NAME" and an .xlsx spells without the prefix. */
int pxl_biff_function_native_in_xlsx(const char *name, size_t len);

#endif
