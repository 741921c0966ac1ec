/*
 * Where libxlsxwriter's scratch files go. It writes each part of a workbook
 * to a temporary file (a dozen a workbook, each created and unlinked at
 * once) before it zips them; on a disk file system each creation costs a
 * directory update, and two workers creating them side by side wait for one
 * another (bench/README.md, "Batch conversion").
 */
#ifndef PLANXL_SCRATCH_H
#define PLANXL_SCRATCH_H

#include <stdint.h>

/*
 * The directory for the scratch files of a workbook made from an input of
 * @p input_bytes: $TMPDIR when it is set (the user's choice wins); else the
 * memory file system /dev/shm when it is a writable tmpfs, the input is
 * small (PXL_SCRATCH_MEMORY_INPUT_MAX) and the tmpfs has room for several
 * times the parts' expected size; else NULL, libxlsxwriter's own default
 * (/tmp). The string is static or the environment's: never freed.
 */
char *pxl_scratch_dir(uint64_t input_bytes);

/* Inputs up to this size may keep their scratch files in memory. */
#define PXL_SCRATCH_MEMORY_INPUT_MAX ((uint64_t)16 << 20)

#endif
