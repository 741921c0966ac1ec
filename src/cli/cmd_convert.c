/*
 * planxl convert: .xls to .xlsx, one file or many (-d DIR, -j N worker
 * processes). Argument parsing, printing and exit codes only: the conversion
 * is pxl_convert(), the batch (workers, signals, progress) is batch.c.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"
#include "cli_options.h"
#include "planxl/planxl.h"

static const char help_text[] = N_(
    "usage: planxl convert IN.xls [-o OUT.xlsx] [options]\n"
    "       planxl convert IN.xls... [-d DIR] [-j N] [options]\n"
    "\n"
    "Convert Excel 97-2003 workbooks (.xls) to .xlsx: every sheet in order with its\n"
    "name, every cell with its type and value (numbers, text, dates, date-times and\n"
    "times as real dates, formulas as live formulas with their results where the\n"
    "reader gives their text).\n"
    "\n"
    "options:\n"
    "  -o, --output OUT.xlsx  where to write (one input only; default IN with .xlsx);\n"
    "                         '-' is standard output when it is not a terminal\n"
    "  -d, --dir DIR          write every output into DIR, made if missing (default:\n"
    "                         beside each input)\n"
    "  -j, --jobs N           convert with N worker processes (default 1, at most 64)\n"
    "  -f, --force            replace existing output files (never an input)\n"
    "      --reader KIND      biff (default), auto, freexl or xlsx\n"
    "  -q, --quiet            errors only: no progress, summaries or warnings\n"
    "  -v, --verbose          per-file summary on standard output, with what was not carried\n"
    "  -h, --help             this text\n"
    "\n"
    "What is not carried over (the summary counts what it can):\n"
    "  - formula cells: live formulas with their cached results (biff, auto); the\n"
    "    cached value alone where the formula cannot be decoded; --reader freexl\n"
    "    does not see formula cells at all\n"
    "  (the next four are --reader freexl's losses only: auto takes those cells\n"
    "  from planxl's own BIFF reader instead)\n"
    "  - dates: freexl gives a date-formatted cell's date without its time, and a\n"
    "    time-formatted cell's time of day without its days\n"
    "  - booleans: freexl gives TRUE/FALSE as 1/0, so they are written as numbers\n"
    "    (a formula's TRUE/FALSE result is kept: it comes from planxl's BIFF reader)\n"
    "  - error cells (#DIV/0!, #N/A, ...): freexl gives them as numbers or not at\n"
    "    all; with any reader they are written as their text\n"
    "  - sub-second times: freexl gives times to the second\n"
    "  - defined names: written (auto, biff), except built-in ones other than\n"
    "    print areas, print titles and autofilters (the sheet's settings), macro\n"
    "    names and names planxl cannot decode, each with a warning; hidden names\n"
    "    become visible; --reader freexl sees none\n"
    "  - cell formats (number formats, fonts, fills, borders, alignment) come from\n"
    "    the BIFF reader: with --reader auto or freexl only dates get a format;\n"
    "    the sheet layout (widths, heights, merged cells, panes, print setup) and\n"
    "    cell comments are carried but with --reader freexl; hyperlinks are not\n"
    "  - sheet names Excel does not allow (over 31 characters, [ ] : * ? / \\,\n"
    "    same apart from case) are renamed, with a warning\n"
    "\n"
    "Ctrl-C (or TERM, HUP) cancels: the file in hand is not written and nothing\n"
    "partial is left, or, when the signal comes as the file is put into place, it\n"
    "is written and said so; a second Ctrl-C ends planxl at once.\n"
    "\n"
    "Several files end with \"N converted, M failed\" on standard error and then\n"
    "each failed file on a line of its own with the reason.\n"
    "\n"
    "exit status: 0 all converted; 1 an output not written (it exists, it is an\n"
    "input, writing failed); 2 an input could not be read; 64 usage error; 70 out\n"
    "of memory; 128+N interrupted by signal N (the highest that applies; planxl(1))\n");


/* A line built piece by piece; a piece that does not fit is cut, never overflows. */
typedef struct line_buf {
    char text[8192 + 1024]; /* two paths of up to PATH_MAX and the counts */
    size_t len;
} line_buf;

static void line_add(line_buf *l, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void line_add(line_buf *l, const char *fmt, ...)
{
    size_t room = sizeof l->text - 1 - l->len; /* keep one byte for the newline */
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(l->text + l->len, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        l->len += (size_t)n < room ? (size_t)n : room - 1;
}

typedef struct convert_run {
    const cli_args *args;
    batch_file *files;
    size_t converted, failed, interrupted;
    int status;            /* the highest exit code of any file */
    char **reasons;        /* reasons[i]: why file i failed (a batch lists them at the end) */
    int batch;             /* more than one input */
} convert_run;

/* The per-file summary: what was written and what was not carried. */
static void print_summary(const convert_run *run, const batch_file *file, const pxl_convert_stats *s)
{
    line_buf line = {.len = 0};
    const char *out = run->args->output && !strcmp(run->args->output, "-") ? _("standard output") : file->out;
    line_add(&line, "%s -> %s: ", file->in, out);
    line_add(&line, pxl_ntext("%zu sheet", "%zu sheets", s->sheets), s->sheets);
    line_add(&line, ", ");
    line_add(&line, pxl_ntext("%zu cell", "%zu cells", s->cells), s->cells);
    line_add(&line, _(" (%zu dates, %zu live formulas"), s->dates, s->formulas_live);
    if (s->names) {
        line_add(&line, ", ");
        line_add(&line, pxl_ntext("%zu defined name", "%zu defined names", s->names), s->names);
    }
    line_add(&line, ")");
    if (run->args->verbose)
        line_add(&line, _("\n  read by %s"),
                 s->fell_back ? _("planxl's BIFF reader (instead of freexl, which could not open the file or would "
                                  "need too much memory for its declared size)")
                 : s->reader == PXL_READER_BIFF ? _("planxl's BIFF reader")
                 : s->reader == PXL_READER_XLSX ? _("planxl's .xlsx reader")
                 : run->args->reader == PXL_READER_AUTO ? _("freexl, formulas by planxl's BIFF reader")
                                                        : "freexl");
    const char *sep = _("\n  not carried: ");
    if (s->formulas_as_values) {
        line_add(&line, "%s", sep);
        line_add(&line, pxl_ntext("%zu formula cell kept as a value only", "%zu formula cells kept as values only",
                                  s->formulas_as_values), s->formulas_as_values);
        sep = "; ";
    }
    if (s->errors) {
        line_add(&line, "%s", sep);
        line_add(&line, pxl_ntext("%zu error cell written as text", "%zu error cells written as text", s->errors),
                 s->errors);
        sep = "; ";
    }
    if (s->sheets_renamed) {
        line_add(&line, "%s", sep);
        line_add(&line, pxl_ntext("%zu sheet renamed", "%zu sheets renamed", s->sheets_renamed), s->sheets_renamed);
        sep = "; ";
    }
    if (s->names_not_carried) {
        line_add(&line, "%s", sep);
        line_add(&line, pxl_ntext("%zu defined name", "%zu defined names", s->names_not_carried),
                 s->names_not_carried);
        sep = "; ";
    }
    if (run->args->verbose)
        line_add(&line, "%s%s", sep, pxl_convert_not_carried(run->args->reader));
    line.text[line.len++] = '\n';
    /* With -o - standard output holds the workbook. */
    FILE *f = run->args->verbose && !(run->args->output && !strcmp(run->args->output, "-")) ? stdout : stderr;
    fwrite(line.text, 1, line.len, f);
    fflush(f);
}

static void on_done(void *ctx, size_t index, const batch_result *r)
{
    convert_run *run = ctx;
    if (r->exit_code > run->status)
        run->status = r->exit_code;
    if (r->outcome == BATCH_CONVERTED) {
        run->converted++;
        if (!run->args->quiet)
            print_summary(run, &run->files[index], &r->stats);
        return;
    }
    if (r->outcome == BATCH_INTERRUPTED)
        run->interrupted++;
    else
        run->failed++;
    /* One file: its error now. A batch: the failures are listed after the tally, one a line. */
    if (!run->batch) {
        cli_error("%s", r->message);
        return;
    }
    if (r->outcome == BATCH_INTERRUPTED)
        return; /* counted in the tally */
    run->reasons[index] = strdup(r->message);
    if (!run->reasons[index] && run->status < PXL_EXIT_NOMEM)
        run->status = PXL_EXIT_NOMEM;
}

static void on_warning(void *ctx, size_t index, const char *message)
{
    convert_run *run = ctx;
    (void)index;
    if (!run->args->quiet)
        fprintf(stderr, _("planxl: warning: %s\n"), message);
}

static const cli_command command = {
    "convert",
    CLI_OPT_FORCE | CLI_OPT_QUIET | CLI_OPT_VERBOSE | CLI_OPT_OUTPUT | CLI_OPT_JOBS | CLI_OPT_DIR | CLI_OPT_READER,
    NULL,
    help_text,
    /* formats come from the BIFF reader, and it is faster and leaner than freexl (issue 13) */
    PXL_READER_BIFF,
};

int cmd_convert(int argc, char **argv)
{
    cli_args args;
    int status = cli_parse(&command, argc, argv, &args);
    if (status >= 0)
        return status;
    if (args.file_count == 0) {
        cli_usage_error(&command, "no input file given");
        return PXL_EXIT_USAGE;
    }
    if (args.output && args.file_count > 1) {
        cli_usage_error(&command, "-o names one output file; with several inputs use -d DIR");
        return PXL_EXIT_USAGE;
    }
    if (args.output && args.dir) {
        cli_usage_error(&command, "-o and -d cannot be used together");
        return PXL_EXIT_USAGE;
    }
    char *to_stdout = NULL;
    if (args.output && !strcmp(args.output, "-")) {
        to_stdout = cli_workbook_temp("convert", &status);
        if (!to_stdout)
            return status;
    }
    if (args.dir && cli_make_dir(args.dir) != 0)
        return PXL_EXIT_FINDINGS;

    size_t count = args.file_count;
    convert_run run = {&args, NULL, 0, 0, 0, PXL_EXIT_OK, NULL, count > 1};
    run.files = calloc(count, sizeof *run.files);
    run.reasons = calloc(count, sizeof *run.reasons);
    if (!run.files || !run.reasons) {
        free(run.files);
        free(run.reasons);
        cli_workbook_temp_end(to_stdout);
        cli_error("out of memory");
        return PXL_EXIT_NOMEM;
    }
    status = PXL_EXIT_OK;
    for (size_t i = 0; i < count && status == PXL_EXIT_OK; i++) {
        run.files[i].in = args.files[i];
        run.files[i].out = to_stdout ? strdup(to_stdout) : args.output ? strdup(args.output)
                                                                       : cli_xlsx_path_for(args.files[i], args.dir);
        if (!run.files[i].out)
            status = PXL_EXIT_NOMEM;
    }
    if (status == PXL_EXIT_OK && count > 1 && batch_check_collisions(run.files, count, args.force) != 0)
        status = PXL_EXIT_NOMEM;

    int signal_number = 0;
    if (status == PXL_EXIT_OK) {
        batch_options options = {PXL_CONVERT_OPTIONS_INIT, args.jobs, !args.quiet && isatty(STDERR_FILENO)};
        options.convert.grid.reader = args.reader;
        options.convert.overwrite = args.force;
        batch_hooks hooks = {on_done, on_warning, &run};
        signal_number = batch_run(run.files, count, &options, &hooks);
        if (signal_number < 0)
            status = PXL_EXIT_NOMEM;
        else
            status = run.status;
    } else {
        cli_error("out of memory");
    }
    if (to_stdout && status == PXL_EXIT_OK && run.converted == 1)
        status = cli_workbook_to_stdout(to_stdout);

    if (run.batch && signal_number >= 0 && (!args.quiet || run.failed || run.interrupted)) {
        fprintf(stderr, _("%zu converted, %zu failed"), run.converted, run.failed);
        if (run.interrupted)
            fprintf(stderr, _(", %zu not converted (interrupted)"), run.interrupted);
        fputc('\n', stderr);
        for (size_t i = 0; i < count; i++)
            if (run.reasons[i])
                fprintf(stderr, "planxl: %s\n", run.reasons[i]);
    }
    /* Interrupted: the shell's convention, 128 + the signal, when a file was not written for it.
     * A signal that came too late to stop anything (every file was put into place, and each
     * reported as written) changes nothing: a written file never goes with a failure status. */
    if (signal_number > 0 && run.interrupted)
        status = PXL_EXIT_SIGNAL + signal_number;
    for (size_t i = 0; i < count; i++) {
        free(run.files[i].out);
        free(run.reasons[i]);
    }
    free(run.files);
    free(run.reasons);
    cli_workbook_temp_end(to_stdout);
    return status;
}
