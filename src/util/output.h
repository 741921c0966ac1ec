/*
 * Writing an output file safely: into a temporary file beside the target,
 * renamed into place only when complete, never over an input, nothing
 * partial left behind on error.
 */
#ifndef PLANXL_OUTPUT_H
#define PLANXL_OUTPUT_H

#include "planxl/error.h"

typedef struct pxl_output {
    char *target;   /* the path the caller asked for */
    char *temp;     /* where the writer writes: "<dir>/.<name>.XXXXXX" */
} pxl_output;

/*
 * Check @p target (exists and !overwrite: PXL_ERR_EXISTS; same file as one of
 * @p inputs, even through another name: PXL_ERR_SAME_FILE) and reserve a
 * temporary name beside it.
 */
pxl_error pxl_output_begin(pxl_output *out, const char *target, int overwrite,
                           const char *const *inputs, size_t input_count);
/* Rename the finished temporary file onto the target. */
pxl_error pxl_output_commit(pxl_output *out);
/* Remove the temporary file (if any) and free; safe after commit. */
void pxl_output_end(pxl_output *out);

/* The directory for scratch files (libxlsxwriter's parts, a workbook staged for standard
 * output): $TMPDIR when it is set and not empty, as other tools honour it; else @p fallback. */
char *pxl_temp_dir(char *fallback);

#endif
