/*
 * Where a command's output goes: "-o FILE" written safely (the library's
 * temporary-file-then-rename, src/output.c), and "-" as standard output, for
 * a workbook only when standard output is not a terminal (a zip on a screen
 * helps nobody and can upset the terminal).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "util/output.h"

struct cli_text_output {
    FILE *file;
    int is_stdout;
    pxl_output target;
};

cli_text_output *cli_text_output_open(const char *path, int force, char *const *inputs, size_t input_count,
                                      int *exit_code)
{
    cli_text_output *out = calloc(1, sizeof *out);
    if (!out) {
        cli_error("out of memory");
        *exit_code = PXL_EXIT_NOMEM;
        return NULL;
    }
    if (!path || !strcmp(path, "-")) {
        out->file = stdout;
        out->is_stdout = 1;
        return out;
    }
    pxl_error err = pxl_output_begin(&out->target, path, force, (const char *const *)inputs, input_count);
    if (err != PXL_OK) {
        cli_error("%s", cli_error_text(err));
        *exit_code = err == PXL_ERR_NOMEM ? PXL_EXIT_NOMEM : PXL_EXIT_FINDINGS;
        free(out);
        return NULL;
    }
    out->file = fopen(out->target.temp, "w");
    if (!out->file) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        pxl_output_end(&out->target);
        free(out);
        *exit_code = PXL_EXIT_FINDINGS;
        return NULL;
    }
    return out;
}

FILE *cli_text_output_file(cli_text_output *out)
{
    return out->file;
}

int cli_text_output_close(cli_text_output *out, int discard)
{
    int status = PXL_EXIT_OK;
    const char *name = out->is_stdout ? _("standard output") : out->target.target;
    errno = 0;
    int failed = fflush(out->file) != 0 || ferror(out->file);
    int e = errno;
    if (!out->is_stdout && fclose(out->file) != 0) {
        failed = 1;
        e = e ? e : errno;
    }
    if (failed && !discard) {
        const char *why = pxl_output_errno_text(e);
        if (why)
            cli_error("%s: could not write it all: %s", name, why);
        else
            cli_error("%s: could not write it all", name);
        status = PXL_EXIT_FINDINGS;
    }
    if (!out->is_stdout) {
        if (!failed && !discard && pxl_output_commit(&out->target) != PXL_OK) {
            cli_error("%s", cli_error_text(PXL_ERR_IO));
            status = PXL_EXIT_FINDINGS;
        }
        pxl_output_end(&out->target);
    }
    free(out);
    return status;
}

char *cli_workbook_temp(const char *command, int *exit_code)
{
    if (isatty(STDOUT_FILENO)) {
        cli_error("%s: standard output is a terminal: redirect it ('> FILE.xlsx', '| ...') or give -o FILE.xlsx",
                  command);
        *exit_code = PXL_EXIT_USAGE;
        return NULL;
    }
    const char *tmpdir = pxl_temp_dir("/tmp");
    size_t size = strlen(tmpdir) + sizeof "/planxl-XXXXXX/out.xlsx";
    char *path = malloc(size);
    if (!path) {
        cli_error("out of memory");
        *exit_code = PXL_EXIT_NOMEM;
        return NULL;
    }
    snprintf(path, size, "%s/planxl-XXXXXX", tmpdir);
    if (!mkdtemp(path)) {
        cli_error("%s: cannot make a temporary directory: %s", tmpdir, strerror(errno));
        free(path);
        *exit_code = PXL_EXIT_FINDINGS;
        return NULL;
    }
    strcat(path, "/out.xlsx");
    return path;
}

int cli_workbook_to_stdout(const char *temp)
{
    FILE *in = fopen(temp, "rb");
    if (!in) {
        cli_error("%s: cannot read the finished workbook: %s", temp, strerror(errno));
        return PXL_EXIT_FINDINGS;
    }
    char buf[1 << 16];
    size_t n;
    int failed = 0, e = 0;
    errno = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, stdout) != n) {
            failed = 1;
            e = errno;
            break;
        }
    if (!failed && (ferror(in) || fflush(stdout) != 0)) {
        failed = 1;
        e = errno;
    }
    fclose(in);
    if (failed) {
        /* A reader gone away (EPIPE: SIGPIPE is ignored) is named too. */
        if (e == EPIPE || pxl_output_errno_text(e))
            cli_error("could not write the workbook to standard output: %s", strerror(e));
        else
            cli_error("could not write the workbook to standard output");
        return PXL_EXIT_FINDINGS;
    }
    return PXL_EXIT_OK;
}

void cli_workbook_temp_end(char *temp)
{
    if (!temp)
        return;
    unlink(temp);
    char *slash = strrchr(temp, '/');
    if (slash) {
        *slash = '\0';
        rmdir(temp);
    }
    free(temp);
}
