/*
 * planxl convert: .xls to .xlsx, one file or many (-d DIR, -j N worker
 * processes). Argument parsing, progress and printing only; the conversion
 * is pxl_convert().
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "planxl/planxl.h"

/* More workers than this only thrash: each holds a whole workbook in memory (freexl). */
#define CONVERT_MAX_JOBS 64
/* Progress is redrawn at most this often (milliseconds). */
#define PROGRESS_INTERVAL_MS 100

static const char help_text[] =
    "usage: planxl convert IN.xls [-o OUT.xlsx] [options]\n"
    "       planxl convert IN.xls... [-d DIR] [-j N] [options]\n"
    "\n"
    "Convert Excel 97-2003 workbooks (.xls) to .xlsx: every sheet in order with its\n"
    "name, every cell with its type and value (numbers, text, dates, date-times and\n"
    "times as real dates, formulas as live formulas with their results where the\n"
    "reader gives their text).\n"
    "\n"
    "options:\n"
    "  -o, --output OUT.xlsx  where to write (one input only; default IN with .xlsx)\n"
    "  -d, --dir DIR          write every output into DIR (default: beside each input)\n"
    "  -j, --jobs N           convert N files at a time in separate processes (default 1)\n"
    "      --force            replace existing output files (never an input)\n"
    "      --reader KIND      auto (default), freexl or biff\n"
    "  -q, --quiet            no progress and no per-file summary (errors still shown)\n"
    "  -v, --verbose          per-file summary on standard output, with what was not carried\n"
    "  -h, --help             this text\n"
    "\n"
    "What is not carried over (the summary counts what it can):\n"
    "  - formula cells: live formulas with their cached results (auto, biff); the\n"
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
    "  - defined names: written (auto, biff), except built-in ones (print areas,\n"
    "    print titles, filters), macro names and names planxl cannot decode, each\n"
    "    with a warning; hidden names become visible; --reader freexl sees none\n"
    "  - formatting (fonts, colours, borders, number formats other than dates,\n"
    "    column widths, row heights) and merged cells\n"
    "  - sheet names Excel does not allow (over 31 characters, [ ] : * ? / \\,\n"
    "    same apart from case) are renamed, with a warning\n"
    "\n"
    "Ctrl-C (or TERM) cancels: the file in hand is not written, nothing partial is\n"
    "left; a second Ctrl-C ends planxl at once.\n"
    "\n"
    "exit status: 0 all converted, 1 some failed (named on standard error), 64 usage\n"
    "error, 128+N interrupted by signal N\n";

typedef struct convert_job {
    const char *in;
    char *out;
    const char *refused;   /* set before converting: why this file is not converted */
} convert_job;

typedef struct convert_cli {
    pxl_convert_options options;
    int quiet;
    int verbose;
    int progress_tty;      /* stderr is a terminal and not --quiet */
    size_t file_index;     /* for the progress line */
    size_t file_count;
    const char *current;
    struct timespec last_draw;
    int drawn;             /* a progress line is on the screen */
    int shared_tty;        /* a worker of a parallel run: the parent draws progress on stderr */
    int show_progress;     /* this conversion draws its progress line */
} convert_cli;

static void usage_error(const char *fmt, const char *arg)
{
    fputs("planxl: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n(see 'planxl convert --help')\n", stderr);
}

static long elapsed_ms(const struct timespec *since, const struct timespec *now)
{
    return (long)(now->tv_sec - since->tv_sec) * 1000 + (now->tv_nsec - since->tv_nsec) / 1000000;
}

static void clear_progress(convert_cli *cli)
{
    if (cli->drawn || cli->shared_tty) {
        fputs("\r\033[K", stderr);
        cli->drawn = 0;
    }
}

/*
 * Ctrl-C or a TERM: the conversion in hand is cancelled through the progress
 * callback, so pxl_convert() removes its temporary file — nothing partial is
 * left. The handler is reset on its first use, so a second Ctrl-C ends
 * planxl at once (while freexl is still loading a workbook, say).
 */
static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    interrupted = sig;
}

static void catch_interrupts(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    static const int signals[] = {SIGINT, SIGTERM};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        /* A signal ignored when planxl started (nohup, a background job) stays ignored. */
        struct sigaction old;
        if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(signals[i], &sa, NULL);
    }
}

static int on_progress(void *ctx, size_t sheet, size_t sheet_count, uint32_t row)
{
    convert_cli *cli = ctx;
    if (interrupted)
        return 1;
    if (!cli->show_progress)
        return 0;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (cli->drawn && elapsed_ms(&cli->last_draw, &now) < PROGRESS_INTERVAL_MS)
        return 0;
    cli->last_draw = now;
    fprintf(stderr, "\r\033[K[%zu/%zu] %s: sheet %zu/%zu, row %lu", cli->file_index + 1, cli->file_count,
            cli->current, sheet + 1, sheet_count, (unsigned long)row + 1);
    fflush(stderr);
    cli->drawn = 1;
    return 0;
}

static void on_warning(void *ctx, const char *message)
{
    convert_cli *cli = ctx;
    clear_progress(cli);
    fprintf(stderr, "planxl: warning: %s\n", message);
}

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

/* The per-file summary: what was written and what was not carried. One write, so lines from
 * parallel workers do not interleave. */
static void print_summary(convert_cli *cli, const convert_job *job, const pxl_convert_stats *s)
{
    line_buf line = {.len = 0};
    line_add(&line, "%s -> %s: %zu %s, %zu %s (%zu dates, %zu live formulas", job->in, job->out, s->sheets,
             s->sheets == 1 ? "sheet" : "sheets", s->cells, s->cells == 1 ? "cell" : "cells", s->dates,
             s->formulas_live);
    if (s->names)
        line_add(&line, ", %zu defined %s", s->names, s->names == 1 ? "name" : "names");
    line_add(&line, ")");
    if (cli->verbose)
        line_add(&line, "\n  read by %s", s->fell_back ? "planxl's BIFF reader (freexl could not open the file)"
                                          : s->reader == PXL_READER_BIFF ? "planxl's BIFF reader"
                                          : s->reader == PXL_READER_XLSX ? "planxl's .xlsx reader"
                                          : cli->options.grid.reader == PXL_READER_AUTO
                                              ? "freexl, formulas by planxl's BIFF reader"
                                              : "freexl");
    const char *sep = "\n  not carried: ";
    if (s->formulas_as_values) {
        line_add(&line, "%s%zu formula cells kept as values only", sep, s->formulas_as_values);
        sep = "; ";
    }
    if (s->errors) {
        line_add(&line, "%s%zu error cells written as text", sep, s->errors);
        sep = "; ";
    }
    if (s->sheets_renamed) {
        line_add(&line, "%s%zu %s renamed", sep, s->sheets_renamed, s->sheets_renamed == 1 ? "sheet" : "sheets");
        sep = "; ";
    }
    if (s->names_not_carried) {
        line_add(&line, "%s%zu defined %s", sep, s->names_not_carried, s->names_not_carried == 1 ? "name" : "names");
        sep = "; ";
    }
    if (cli->verbose) {
        if (cli->options.grid.reader == PXL_READER_FREEXL) {
            /* AUTO takes these cells from the BIFF pass (docs/auto-reader.md): only freexl alone loses them */
            line_add(&line, "%sformula cells and defined names (the freexl reader does not see them); any "
                            "TRUE/FALSE as 1/0, date cells without their time, times to the second (freexl)", sep);
            sep = "; ";
        }
        line_add(&line, "%sformatting and merged cells", sep);
    }
    line.text[line.len++] = '\n';
    FILE *f = cli->verbose ? stdout : stderr;
    if (f == stderr)
        clear_progress(cli);
    fwrite(line.text, 1, line.len, f);
    fflush(f);
}

/* Convert one file; 0 on success. */
static int convert_one(convert_cli *cli, const convert_job *job, int show_progress)
{
    if (job->refused) {
        clear_progress(cli);
        cli_error("%s: %s", job->in, job->refused);
        return 1;
    }
    cli->current = job->in;
    if (show_progress) {
        /* freexl reads the whole workbook before the first cell: say so for big files. */
        fprintf(stderr, "\r\033[K[%zu/%zu] %s: reading", cli->file_index + 1, cli->file_count, job->in);
        fflush(stderr);
        cli->drawn = 1;
    }
    pxl_convert_options options = cli->options;
    /* Always called: it also notices an interrupt. It draws only with show_progress. */
    cli->show_progress = show_progress;
    options.progress = on_progress;
    options.progress_ctx = cli;
    options.warning = on_warning;
    options.warning_ctx = cli;
    pxl_convert_stats stats;
    pxl_error err = pxl_convert(job->in, job->out, &options, &stats);
    clear_progress(cli);
    if (err != PXL_OK && interrupted) {
        cli_error("%s: interrupted; %s was not written", job->in, job->out);
        return 1;
    }
    if (err != PXL_OK) {
        const char *msg = pxl_error_message();
        cli_error("%s", msg[0] ? msg : pxl_strerror(err));
        return 1;
    }
    if (!cli->quiet || cli->verbose)
        print_summary(cli, job, &stats);
    return 0;
}

/* NAME.xlsx for IN, in @p dir or beside IN. */
static char *output_for(const char *in, const char *dir)
{
    const char *slash = strrchr(in, '/');
    const char *base = slash ? slash + 1 : in;
    size_t base_len = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot != base)
        base_len = (size_t)(dot - base);
    const char *prefix = dir ? dir : in;
    size_t prefix_len = dir ? strlen(dir) : (size_t)(base - in);
    int need_slash = dir && prefix_len > 0 && dir[prefix_len - 1] != '/';
    size_t size = prefix_len + 1 + base_len + sizeof ".xlsx";
    char *out = malloc(size);
    if (out)
        snprintf(out, size, "%.*s%s%.*s.xlsx", (int)prefix_len, prefix, need_slash ? "/" : "", (int)base_len, base);
    return out;
}

static int compare_outputs(const void *a, const void *b)
{
    const convert_job *x = *(const convert_job *const *)a, *y = *(const convert_job *const *)b;
    int c = strcmp(x->out, y->out);
    return c ? c : (x < y ? -1 : x > y);
}

/*
 * Batch safety the library cannot see: two inputs that would write the same
 * output (a/x.xls and b/x.xls with -d), and an output that is another input of
 * the batch (pxl_convert guards only its own input).
 */
static void refuse_collisions(convert_job *jobs, size_t count)
{
    convert_job **order = malloc(count * sizeof *order);
    if (!order)
        return;
    for (size_t i = 0; i < count; i++)
        order[i] = &jobs[i];
    qsort(order, count, sizeof *order, compare_outputs);
    for (size_t i = 1; i < count; i++)
        if (!strcmp(order[i]->out, order[i - 1]->out))
            order[i]->refused = "another input of this run writes the same output file; not converted";
    free(order);

    for (size_t i = 0; i < count; i++) {
        struct stat out_st, in_st;
        if (stat(jobs[i].out, &out_st) != 0)
            continue;
        for (size_t j = 0; j < count; j++)
            if (j != i && stat(jobs[j].in, &in_st) == 0 && in_st.st_dev == out_st.st_dev &&
                in_st.st_ino == out_st.st_ino) {
                jobs[i].refused = "its output file is another input of this run; not converted";
                break;
            }
    }
}

/* Run the jobs in up to @p workers child processes; returns the number that failed. */
static size_t run_parallel(convert_cli *cli, convert_job *jobs, size_t count, int workers, int *failed)
{
    pid_t *pids = calloc((size_t)workers, sizeof *pids);
    size_t *slot_job = calloc((size_t)workers, sizeof *slot_job);
    if (!pids || !slot_job) {
        free(pids);
        free(slot_job);
        return SIZE_MAX;
    }
    size_t next = 0, done = 0, failures = 0;
    int running = 0, forwarded = 0;
    while (done < count) {
        while (running < workers && next < count && !interrupted) {
            int slot = 0;
            while (pids[slot])
                slot++;
            fflush(stdout);
            fflush(stderr);
            pid_t pid = fork();
            if (pid == 0) {
                cli->shared_tty = cli->progress_tty;
                free(pids);
                free(slot_job);
                int rc = convert_one(cli, &jobs[next], 0);
                fflush(stdout);
                fflush(stderr);
                _exit(rc);
            }
            if (pid < 0) {
                /* No more processes: convert this one here. */
                failed[next] = convert_one(cli, &jobs[next], 0) != 0;
                failures += (size_t)failed[next];
                next++;
                done++;
                continue;
            }
            pids[slot] = pid;
            slot_job[slot] = next++;
            running++;
        }
        if (running == 0) {
            if (interrupted)
                break; /* the files not started are counted as not converted below */
            continue;
        }
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno != EINTR)
                break;
            /* A TERM sent to planxl alone is passed on to the workers, which then cancel
             * and clean up; Ctrl-C reaches the whole process group by itself. */
            if (interrupted == SIGTERM && !forwarded) {
                for (int slot = 0; slot < workers; slot++)
                    if (pids[slot])
                        kill(pids[slot], SIGTERM);
                forwarded = 1;
            }
            continue;
        }
        for (int slot = 0; slot < workers; slot++) {
            if (pids[slot] != pid)
                continue;
            size_t j = slot_job[slot];
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                if (WIFSIGNALED(status))
                    cli_error("%s: the conversion stopped abnormally (signal %d)", jobs[j].in, WTERMSIG(status));
                failed[j] = 1;
                failures++;
            }
            pids[slot] = 0;
            running--;
            done++;
            if (cli->progress_tty) {
                fprintf(stderr, "\r\033[K[%zu/%zu] files done", done, count);
                fflush(stderr);
                cli->drawn = 1;
            }
            break;
        }
    }
    clear_progress(cli);
    for (size_t j = next; j < count; j++) {
        failed[j] = 1; /* interrupted before it started */
        failures++;
    }
    free(pids);
    free(slot_job);
    return failures;
}

/* A short option with a value: "-o X" or "-oX". */
static int short_option_value(int argc, char **argv, int *i, char letter, const char **value)
{
    const char *arg = argv[*i];
    if (arg[0] != '-' || arg[1] != letter)
        return 0;
    if (arg[2] != '\0') {
        *value = arg + 2;
        return 1;
    }
    if (*i + 1 >= argc)
        return -1;
    *value = argv[++*i];
    return 1;
}

int cmd_convert(int argc, char **argv)
{
    convert_cli cli;
    memset(&cli, 0, sizeof cli);
    pxl_convert_options defaults = PXL_CONVERT_OPTIONS_INIT;
    cli.options = defaults;
    const char *output = NULL, *dir = NULL, *jobs_arg = NULL, *reader = NULL;
    char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    size_t input_count = 0;
    if (!inputs) {
        cli_error("out of memory");
        return 70;
    }
    int only_files = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *value = NULL;
        int m = 0;
        if (only_files || arg[0] != '-' || arg[1] == '\0') {
            inputs[input_count++] = argv[i];
            continue;
        }
        if (!strcmp(arg, "--")) {
            only_files = 1;
        } else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            fputs(help_text, stdout);
            free(inputs);
            return PXL_EXIT_OK;
        } else if (!strcmp(arg, "--force")) {
            cli.options.overwrite = 1;
        } else if (!strcmp(arg, "-q") || !strcmp(arg, "--quiet")) {
            cli.quiet = 1;
        } else if (!strcmp(arg, "-v") || !strcmp(arg, "--verbose")) {
            cli.verbose = 1;
        } else if ((m = cli_option_value(argc, argv, &i, "--output", &value)) != 0 ||
                   (m = short_option_value(argc, argv, &i, 'o', &value)) != 0) {
            output = value;
        } else if ((m = cli_option_value(argc, argv, &i, "--dir", &value)) != 0 ||
                   (m = short_option_value(argc, argv, &i, 'd', &value)) != 0) {
            dir = value;
        } else if ((m = cli_option_value(argc, argv, &i, "--jobs", &value)) != 0 ||
                   (m = short_option_value(argc, argv, &i, 'j', &value)) != 0) {
            jobs_arg = value;
        } else if ((m = cli_option_value(argc, argv, &i, "--reader", &value)) != 0) {
            reader = value;
        } else {
            usage_error("unknown option '%s'", arg);
            free(inputs);
            return PXL_EXIT_USAGE;
        }
        if (m < 0) {
            usage_error("option '%s' needs a value", arg);
            free(inputs);
            return PXL_EXIT_USAGE;
        }
    }

    int status = PXL_EXIT_USAGE;
    long jobs = 1;
    if (input_count == 0) {
        usage_error("%s", "no input file given");
        goto done;
    }
    if (output && input_count > 1) {
        usage_error("%s", "-o names one output file; with several inputs use -d DIR");
        goto done;
    }
    if (output && dir) {
        usage_error("%s", "-o and -d cannot be used together");
        goto done;
    }
    if (dir && !dir[0]) {
        usage_error("%s", "-d needs a directory");
        goto done;
    }
    if (jobs_arg) {
        char *end;
        errno = 0;
        jobs = strtol(jobs_arg, &end, 10);
        if (errno || *end || end == jobs_arg || jobs < 1 || jobs > CONVERT_MAX_JOBS) {
            char message[128];
            snprintf(message, sizeof message, "-j wants a number of processes from 1 to %d, not '%%s'",
                     CONVERT_MAX_JOBS);
            usage_error(message, jobs_arg);
            goto done;
        }
    }
    if (reader && cli_parse_reader(reader, &cli.options.grid.reader) != 0) {
        usage_error("--reader is auto, freexl or biff, not '%s'", reader);
        goto done;
    }
    if (dir) {
        struct stat st;
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            cli_error("%s: no such directory (create it first)", dir);
            status = PXL_EXIT_FINDINGS;
            goto done;
        }
    }

    convert_job *jobs_list = calloc(input_count, sizeof *jobs_list);
    int *failed = calloc(input_count, sizeof *failed);
    if (!jobs_list || !failed) {
        free(jobs_list);
        free(failed);
        cli_error("out of memory");
        status = 70;
        goto done;
    }
    for (size_t i = 0; i < input_count; i++) {
        jobs_list[i].in = inputs[i];
        jobs_list[i].out = output ? strdup(output) : output_for(inputs[i], dir);
        if (!jobs_list[i].out)
            jobs_list[i].refused = "out of memory";
    }
    if (input_count > 1)
        refuse_collisions(jobs_list, input_count);

    cli.progress_tty = !cli.quiet && isatty(STDERR_FILENO);
    catch_interrupts();
    cli.file_count = input_count;
    size_t failures = SIZE_MAX;
    if (jobs > 1 && input_count > 1)
        failures = run_parallel(&cli, jobs_list, input_count, (int)(jobs < (long)input_count ? jobs : (long)input_count),
                                failed);
    if (failures == SIZE_MAX) {
        failures = 0;
        for (size_t i = 0; i < input_count; i++) {
            cli.file_index = i;
            failed[i] = interrupted || convert_one(&cli, &jobs_list[i], cli.progress_tty) != 0;
            failures += (size_t)failed[i];
        }
    }
    if (failures && input_count > 1) {
        fprintf(stderr, "planxl: %zu of %zu files could not be converted:", failures, input_count);
        for (size_t i = 0; i < input_count; i++)
            if (failed[i])
                fprintf(stderr, " %s", jobs_list[i].in);
        fputc('\n', stderr);
    }
    /* Interrupted: the shell's convention, 128 + the signal. */
    status = interrupted ? 128 + interrupted : failures ? PXL_EXIT_FINDINGS : PXL_EXIT_OK;
    for (size_t i = 0; i < input_count; i++)
        free(jobs_list[i].out);
    free(jobs_list);
    free(failed);
done:
    free(inputs);
    return status;
}
