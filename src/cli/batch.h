/*
 * Converting many files: long-lived worker processes fed file after file, the
 * batch's safety checks (collisions), Ctrl-C and TERM, and the progress line.
 * What is printed for each file and at the end is the caller's (cmd_convert.c).
 */
#ifndef PLANXL_CLI_BATCH_H
#define PLANXL_CLI_BATCH_H

#include <stddef.h>

#include "planxl/convert.h"

/* Enough for any message the library makes (two paths and a reason). */
#define BATCH_MESSAGE_SIZE 3072

typedef struct batch_file {
    const char *in;
    char *out;              /* owned by the caller */
    const char *refused;    /* set by batch_check_collisions(): why it is not converted */
    int refused_exit;       /* and the exit code that goes with it */
} batch_file;

typedef enum batch_outcome {
    BATCH_CONVERTED,
    BATCH_FAILED,           /* message says why */
    BATCH_INTERRUPTED       /* cancelled by Ctrl-C/TERM, or not started: nothing written */
} batch_outcome;

typedef struct batch_result {
    batch_outcome outcome;
    int exit_code;          /* the exit table's code for this file (cli.h) */
    pxl_convert_stats stats;
    char message[BATCH_MESSAGE_SIZE];
} batch_result;

typedef struct batch_hooks {
    /* Each file's end, in the order they end (every file gets one call, interrupted ones too). */
    void (*done)(void *ctx, size_t index, const batch_result *result);
    /* A warning of the conversion of file @p index. */
    void (*warning)(void *ctx, size_t index, const char *message);
    void *ctx;
} batch_hooks;

typedef struct batch_options {
    pxl_convert_options convert; /* reader and overwrite; the callbacks are the batch's own */
    int jobs;                    /* worker processes; 1: in this process */
    int progress;                /* draw the progress line on stderr (a terminal, not --quiet) */
} batch_options;

/*
 * Refuse, before anything is converted, what the library cannot see file by
 * file: two inputs writing the same output (a/x.xls and b/x.xls with -d), an
 * output that is another input of the batch, and (without @p overwrite) an
 * output that exists already. Sorting, then comparing neighbours or searching:
 * O(n log n) comparisons and one stat() per input and per output.
 * Returns 0, or -1 when out of memory.
 */
int batch_check_collisions(batch_file *files, size_t count, int overwrite);

/*
 * Convert every file; hooks are called in this process. Ctrl-C and TERM
 * cancel: the files in hand are not written (the library removes its
 * temporary file), the rest are not started; a second Ctrl-C ends planxl at
 * once. Returns 0, or the number of the signal that interrupted the batch.
 */
int batch_run(batch_file *files, size_t count, const batch_options *options, const batch_hooks *hooks);

/* Clear the progress line (before printing on stderr from a hook). */
void batch_clear_progress(void);

#endif
