/*
 * The command line as one tool (issue 10): one option parser (combined short
 * flags, attached values), one exit-code table (man/planxl.1), --quiet,
 * the batch's tally, -d making its directory, "-" as standard output (and
 * refused on a terminal for workbooks), Ctrl-C and TERM in a batch, and -j 2
 * writing what -j 1 writes.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_tmpdir.h"

#define DATA PXL_TEST_DATA
#define CORPUS DATA "/corpus"
#define PLAN DATA "/plan-2024-08.xls"
#define WRONG DATA "/plan-2024-08-wrong-total.xls"
#define EDGE DATA "/convert/edge.xls"
#define GOOD CORPUS "/poi__SimpleMultiCell.xls"
#define GOOD2 CORPUS "/poi__DateFormats.xls"
#define BIG CORPUS "/phpspreadsheet__30templatebiff5.xls"
#define SAME PXL_TEST_PYTHON " " PXL_TEST_TOOLS "/xlsx_same.py"
#define OUTPUT_MAX (1 << 20)
#define STARTS(text, prefix) (strncmp((text), (prefix), strlen(prefix)) == 0)

static char out_text[OUTPUT_MAX], err_text[OUTPUT_MAX];

static void make_tmp(void)
{
    make_tmp_named("pxl_cli");
}


static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* Run a shell command in the scratch directory; its exit status (-1: it did not exit). */
static int sh(const char *fmt, ...)
{
    char cmd[8192], line[8192 + 512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    snprintf(line, sizeof line, "cd '%s' && %s", tmp, cmd);
    int status = system(line);
    ck_assert_msg(status != -1, "could not run: %s", cmd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* `planxl ARGS` in the scratch directory, stdout and stderr into out_text and err_text. */
static int planxl(const char *fmt, ...)
{
    char args[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    int rc = sh("'%s' %s >stdout.txt 2>stderr.txt", PXL_TEST_BIN, args);
    char path[300];
    read_text_file(in_tmp(path, sizeof path, "stdout.txt"), out_text, sizeof out_text);
    read_text_file(in_tmp(path, sizeof path, "stderr.txt"), err_text, sizeof err_text);
    unlink(in_tmp(path, sizeof path, "stdout.txt"));
    unlink(in_tmp(path, sizeof path, "stderr.txt"));
    return rc;
}

static int is_zip(const char *path)
{
    char head[4] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(head, 1, 4, f);
    fclose(f);
    return n == 4 && !memcmp(head, "PK\3\4", 4);
}

/* Files whose names start with '.' under the scratch directory: temporary files left behind. */
static int leftovers(void)
{
    return sh("test -z \"$(find . -name '.*' -type f)\"") != 0;
}

/* ---- one parser: combined flags and attached values ---- */

START_TEST(short_options_combine_and_take_attached_values)
{
    char out[300];
    in_tmp(out, sizeof out, "a.xlsx");
    /* -o/path attached; warnings of edge.xls (renamed sheets) silenced by -q */
    ck_assert_msg(planxl("convert -q -o'%s' '" EDGE "'", out) == 0, "%s", err_text);
    ck_assert(is_zip(out));
    ck_assert_str_eq(err_text, "");
    /* -fq: force and quiet in one word */
    ck_assert_msg(planxl("convert -fq '" EDGE "' -o '%s'", out) == 0, "%s", err_text);
    ck_assert_str_eq(err_text, "");
    ck_assert_str_eq(out_text, "");
    /* -fqo FILE: a value-taking option last in the group */
    ck_assert_msg(planxl("convert -fqo '%s' '" EDGE "'", out) == 0, "%s", err_text);
    /* -j2 -dDIR attached, options after the files, --opt=value */
    ck_assert_msg(planxl("convert '" GOOD "' '" GOOD2 "' -qj2 -dout --reader=biff") == 0, "%s", err_text);
    ck_assert(is_zip(in_tmp(out, sizeof out, "out/poi__SimpleMultiCell.xlsx")));
    ck_assert(is_zip(in_tmp(out, sizeof out, "out/poi__DateFormats.xlsx")));
    /* The same letters mean the same in the other commands. */
    ck_assert_msg(planxl("dump -qo d.json '" PLAN "'") == 0, "%s", err_text);
    ck_assert_int_eq(sh("grep -q '\"name\": \"Äldreomsorg\"' d.json"), 0);
    ck_assert_msg(planxl("dump -fqod.json --format=text '" PLAN "'") == 0, "%s", err_text);
    ck_assert_int_eq(sh("grep -q 'Äldreomsorg' d.json && ! grep -q '\"name\"' d.json"), 0);
    ck_assert_msg(planxl("report -fqo r.xlsx '" PLAN "'") == 0, "%s", err_text);
    ck_assert_str_eq(out_text, "");
    ck_assert(is_zip(in_tmp(out, sizeof out, "r.xlsx")));
    ck_assert_int_eq(planxl("check -qo c.txt '" PLAN "'"), 0);
    ck_assert_int_eq(sh("grep -qx '1 file checked: 0 errors, 3 warnings' c.txt"), 0);
    /* "--" ends the options: a file named like an option */
    ck_assert_int_eq(sh("cp '" GOOD "' ./-q.xls"), 0);
    ck_assert_msg(planxl("convert -q -- -q.xls") == 0, "%s", err_text);
    ck_assert(is_zip(in_tmp(out, sizeof out, "-q.xlsx")));
}
END_TEST

/* Usage errors: 64 and a message naming the command, whatever the command. */
static const char *const usage_cases[] = {
    "convert -qv '" GOOD "'",              /* contradictory: quiet is errors only */
    "check -vq '" PLAN "'",
    "dump --quiet --verbose '" PLAN "'",
    "report -j2 '" PLAN "' -o r.xlsx",     /* -j is convert's only */
    "check -d out '" PLAN "'",
    "convert -j0 '" GOOD "'",
    "convert -j 65 '" GOOD "'",
    "convert -jx '" GOOD "'",
    "convert '" GOOD "' -o",
    "convert -o '' '" GOOD "'",
    "convert -d '' '" GOOD "'",
    "convert --reader=excel '" GOOD "'",
    "dump --format=xml '" PLAN "'",
    "check --format '" PLAN "'",           /* the file is taken as the format */
    "dump -x '" PLAN "'",
    "convert",
    "report '" PLAN "'",
    "nosuchcommand",
};

START_TEST(usage_errors_exit_64)
{
    ck_assert_msg(planxl("%s", usage_cases[_i]) == 64, "%s: %s", usage_cases[_i], err_text);
    ck_assert_msg(strncmp(err_text, "planxl: ", 8) == 0, "%s: %s", usage_cases[_i], err_text);
    ck_assert_str_eq(out_text, "");
    ck_assert_int_eq(sh("test -z \"$(ls)\""), 0); /* nothing written */
}
END_TEST

/* ---- one exit-code table ---- */

static const struct {
    const char *args;
    int status;
} exit_cases[] = {
    {"dump --help", 0},
    {"convert -h", 0},
    {"dump '" PLAN "'", 0},
    {"check '" PLAN "'", 0},
    {"check '" WRONG "'", 1},                            /* errors found */
    {"check --werror '" PLAN "'", 1},                    /* warnings, with --werror */
    {"convert '" GOOD "' -o existing", 1},               /* an output that exists */
    {"report '" PLAN "' -o existing", 1},
    {"dump '" PLAN "' -o existing", 1},
    {"check '" PLAN "' -o existing", 1},
    {"report '" PLAN "' '" PLAN "' -o r.xlsx", 1},       /* duplicate measures */
    {"convert missing.xls -o x.xlsx", 2},                /* an input that cannot be read */
    {"convert bad.xls", 2},
    {"dump missing.xls", 2},
    {"check '" PLAN "' missing.xls", 2},
    {"report bad.xls -o r.xlsx", 2},
    {"convert -d out '" GOOD "' bad.xls", 2},            /* a batch: the highest applies */
    {"convert -j2 -d out '" GOOD "' bad.xls existing.xls", 2},
    {"check '" WRONG "' missing.xls", 2},
};

START_TEST(exit_codes_follow_one_table)
{
    write_file(in_tmp(err_text, 300, "existing"), "keep me");
    write_file(in_tmp(err_text, 300, "bad.xls"), "not a workbook");
    ck_assert_int_eq(sh("cp '" GOOD "' existing.xls && mkdir out && : > out/existing.xlsx"), 0);
    ck_assert_msg(planxl("%s", exit_cases[_i].args) == exit_cases[_i].status, "%s: %s", exit_cases[_i].args,
                  err_text);
    ck_assert_int_eq(sh("grep -qx 'keep me' existing"), 0);
    ck_assert(!leftovers());
}
END_TEST

/* ---- --quiet and the batch's tally ---- */

START_TEST(quiet_prints_errors_only)
{
    write_file(in_tmp(out_text, 300, "broken.xls"), "not a workbook");
    /* edge.xls warns of its renamed sheets; without -q the warnings and summaries are there */
    ck_assert_int_eq(planxl("convert -d loud '" EDGE "' '" GOOD "' broken.xls"), 2);
    ck_assert_ptr_nonnull(strstr(err_text, "planxl: warning: "));
    ck_assert_ptr_nonnull(strstr(err_text, "poi__SimpleMultiCell.xlsx: 3 sheets"));
    /* -q: no warning, no summary; the failure still said */
    ck_assert_int_eq(planxl("convert -q -d quiet '" EDGE "' '" GOOD "' broken.xls"), 2);
    ck_assert_str_eq(out_text, "");
    ck_assert_str_eq(err_text, "2 converted, 1 failed\n"
                               "planxl: broken.xls: not an Excel 97-2003 (.xls) workbook\n");
    /* -q and all is well: nothing at all */
    ck_assert_int_eq(planxl("convert -fq -d quiet '" EDGE "' '" GOOD "'"), 0);
    ck_assert_str_eq(err_text, "");
    /* check -q: the error lines and the summary, no warning line */
    ck_assert_int_eq(planxl("check -q '" WRONG "'"), 1);
    ck_assert_ptr_null(strstr(out_text, ": warning: "));
    ck_assert_ptr_nonnull(strstr(out_text, "Äldreomsorg!E44: error: total-mismatch: "));
    ck_assert_ptr_nonnull(strstr(out_text, "\n1 file checked: 2 errors, 3 warnings\n"));
    ck_assert_int_eq(planxl("check '" WRONG "'"), 1);
    ck_assert_ptr_nonnull(strstr(out_text, ": warning: "));
    /* report -q: no "wrote" line */
    ck_assert_int_eq(planxl("report -q '" PLAN "' -o r.xlsx"), 0);
    ck_assert_str_eq(out_text, "");
    ck_assert_str_eq(err_text, "");
}
END_TEST

START_TEST(batch_ends_with_the_tally_and_one_failure_a_line)
{
    write_file(in_tmp(out_text, 300, "a-broken.xls"), "not a workbook");
    write_file(in_tmp(out_text, 300, "z-empty.xls"), "");
    ck_assert_int_eq(sh("mkdir -p sub out && cp '" GOOD "' sub/poi__DateFormats.xls"), 0);
    /* sub/poi__DateFormats.xls would write the same output as GOOD2: refused before converting */
    ck_assert_int_eq(planxl("convert -j 2 -d out a-broken.xls '" GOOD "' '" GOOD2 "' sub/poi__DateFormats.xls "
                            "z-empty.xls"),
                     2);
    /* the tally, then the failures in command-line order, each with its reason */
    const char *tally = strstr(err_text, "2 converted, 3 failed\n");
    ck_assert_msg(tally != NULL, "%s", err_text);
    const char *rest = tally + strlen("2 converted, 3 failed\n");
    ck_assert_msg(STARTS(rest, "planxl: a-broken.xls: "), "%s", rest);
    rest = strchr(rest, '\n') + 1;
    ck_assert_msg(STARTS(rest, "planxl: sub/poi__DateFormats.xls: another input of this run writes the same "
                               "output file"),
                  "%s", rest);
    rest = strchr(rest, '\n') + 1;
    ck_assert_msg(STARTS(rest, "planxl: z-empty.xls: "), "%s", rest);
    rest = strchr(rest, '\n') + 1;
    ck_assert_str_eq(rest, "");
    /* the failures are not also said before the tally */
    ck_assert_ptr_eq(strstr(err_text, "a-broken.xls"), strstr(tally, "a-broken.xls"));

    /* Again into the same folder: the outputs exist, so all are refused before any is read. */
    ck_assert_int_eq(planxl("convert -q -d out '" GOOD "' '" GOOD2 "'"), 1);
    ck_assert_ptr_nonnull(strstr(err_text, "0 converted, 2 failed\n"));
    ck_assert_ptr_nonnull(strstr(err_text, "already exists (use --force to replace it)"));
    ck_assert_int_eq(planxl("convert -fq -d out '" GOOD "' '" GOOD2 "'"), 0);

    /* One file: its error, no tally. */
    ck_assert_int_eq(planxl("convert a-broken.xls"), 2);
    ck_assert_ptr_null(strstr(err_text, "converted,"));
    ck_assert_ptr_nonnull(strstr(err_text, "planxl: a-broken.xls: "));
}
END_TEST

/* An output that is another input of the batch, even through another name (a hard link). */
START_TEST(batch_never_writes_over_another_input)
{
    ck_assert_int_eq(sh("cp '" GOOD "' a.xls && cp '" GOOD2 "' b.xls && ln b.xls a.xlsx"), 0);
    ck_assert_int_eq(planxl("convert -f a.xls b.xls"), 1);
    ck_assert_ptr_nonnull(strstr(err_text, "planxl: a.xls: its output file is another input of this run"));
    ck_assert_int_eq(sh("cmp b.xls '" GOOD2 "'"), 0);
    ck_assert(is_zip(in_tmp(out_text, 300, "b.xlsx")));
}
END_TEST

/* ---- -d DIR ---- */

START_TEST(dir_is_made)
{
    ck_assert_int_eq(planxl("convert -q -d new/deeper/out '" GOOD "' '" GOOD2 "'"), 0);
    ck_assert(is_zip(in_tmp(out_text, 300, "new/deeper/out/poi__SimpleMultiCell.xlsx")));
    ck_assert(is_zip(in_tmp(out_text, 300, "new/deeper/out/poi__DateFormats.xlsx")));
    ck_assert_int_eq(planxl("convert -q -d 'slash//' '" GOOD "'"), 0);
    ck_assert(is_zip(in_tmp(out_text, 300, "slash/poi__SimpleMultiCell.xlsx")));
    /* a file in the way: a clear message, nothing written */
    write_file(in_tmp(out_text, 300, "plain"), "x");
    ck_assert_int_eq(planxl("convert -q -d plain/out '" GOOD "'"), 1);
    ck_assert_ptr_nonnull(strstr(err_text, "plain"));
    ck_assert_ptr_nonnull(strstr(err_text, "directory"));
}
END_TEST

/* ---- "-" ---- */

START_TEST(dash_is_standard_output)
{
    /* dump and check: "-o -" is what they print without -o */
    ck_assert_int_eq(sh("'%s' dump '" PLAN "' >plain.json && '%s' dump -o - '" PLAN "' >dash.json && "
                        "cmp plain.json dash.json",
                        PXL_TEST_BIN, PXL_TEST_BIN),
                     0);
    ck_assert_int_eq(sh("'%s' check '" WRONG "' >plain.txt; '%s' check -o- '" WRONG "' >dash.txt; "
                        "cmp plain.txt dash.txt && grep -q total-mismatch dash.txt",
                        PXL_TEST_BIN, PXL_TEST_BIN),
                     0);
    /* report and convert into a pipe: the workbook itself, the "wrote" line on stderr */
    ck_assert_int_eq(sh("SOURCE_DATE_EPOCH=1700000000 '%s' report '" PLAN "' -o - 2>report.err | cat >piped.xlsx",
                        PXL_TEST_BIN),
                     0);
    ck_assert_int_eq(sh("SOURCE_DATE_EPOCH=1700000000 '%s' report -q '" PLAN "' -o file.xlsx", PXL_TEST_BIN), 0);
    ck_assert_int_eq(sh("cmp piped.xlsx file.xlsx && grep -q 'wrote standard output' report.err"), 0);
    ck_assert_int_eq(sh("'%s' convert -q '" GOOD "' -o - | cat >conv-piped.xlsx", PXL_TEST_BIN), 0);
    ck_assert_int_eq(sh("'%s' convert -q '" GOOD "' -o conv-file.xlsx", PXL_TEST_BIN), 0);
    ck_assert_int_eq(sh(SAME " conv-piped.xlsx conv-file.xlsx"), 0);
    /* into a file through the shell too (not a terminal either) */
    ck_assert_int_eq(sh("'%s' convert -v '" GOOD "' -o - >conv-redirected.xlsx 2>conv.err", PXL_TEST_BIN), 0);
    ck_assert_int_eq(sh(SAME " conv-redirected.xlsx conv-file.xlsx && grep -q ' -> standard output: ' conv.err"), 0);
    /* no temporary file left, none in TMPDIR either */
    ck_assert_int_eq(sh("mkdir t && TMPDIR=$PWD/t '%s' convert -q '" GOOD "' -o - >/dev/null && test -z \"$(ls t)\"",
                        PXL_TEST_BIN),
                     0);
    ck_assert(!leftovers());
}
END_TEST

/* On a terminal (script(1) gives one) a workbook to standard output is refused, with a reason. */
static const char *const terminal_cases[] = {
    "report '" PLAN "' -o -",
    "convert '" GOOD "' -o -",
};

START_TEST(dash_refused_on_a_terminal)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "/usr/bin/script -q -e -c \"'%s' %s\" /dev/null >tty.txt 2>&1", PXL_TEST_BIN,
             terminal_cases[_i]);
    ck_assert_int_eq(sh("%s", cmd), 64);
    read_text_file(in_tmp(out_text, 300, "tty.txt"), err_text, sizeof err_text);
    ck_assert_msg(strstr(err_text, "standard output is a terminal") != NULL, "%s", err_text);
    ck_assert_ptr_null(strstr(err_text, "PK"));
    /* dump and check print text on a terminal as always */
    snprintf(cmd, sizeof cmd, "/usr/bin/script -q -e -c \"'%s' check -o - '" PLAN "'\" /dev/null >tty.txt 2>&1",
             PXL_TEST_BIN);
    ck_assert_int_eq(sh("%s", cmd), 0);
    ck_assert_int_eq(sh("grep -q '1 file checked' tty.txt"), 0);
    ck_assert_int_eq(sh("test -z \"$(ls | grep -v tty.txt)\""), 0);
}
END_TEST

/* ---- the batch: -j 2 as -j 1, interruptions ---- */

START_TEST(jobs_2_writes_what_jobs_1_writes)
{
    ck_assert_int_eq(planxl("convert -q -j 1 -d one '" CORPUS "'/*.xls"), 2); /* one corpus file is encrypted */
    static char one[OUTPUT_MAX];
    memcpy(one, err_text, sizeof one);
    ck_assert_int_eq(planxl("convert -q -j 2 -d two '" CORPUS "'/*.xls"), 2);
    ck_assert_str_eq(err_text, one); /* the same tally, the same failures in the same order */
    ck_assert_ptr_nonnull(strstr(one, " converted, 1 failed\n"));
    ck_assert_int_eq(sh(SAME " one two"), 0);
    /* the summaries: the same lines, in whatever order the workers finished */
    ck_assert_int_eq(sh("'%s' convert -f -j 1 -d one '" CORPUS "'/*.xls 2>&1 | sort >one.txt;"
                        "'%s' convert -f -j 2 -d two '" CORPUS "'/*.xls 2>&1 | sed 's# two/# one/#' | sort >two.txt;"
                        "cmp one.txt two.txt",
                        PXL_TEST_BIN, PXL_TEST_BIN),
                     0);
    ck_assert(!leftovers());
}
END_TEST

/* A batch long enough to interrupt: @p n names for the biggest corpus file. */
static void many_inputs(int n)
{
    ck_assert_int_eq(sh("mkdir in && for i in $(seq 1 %d); do ln -s '" BIG "' in/f$i.xls; done", n), 0);
}

/* 1 once the batch has written its first whole output into out/ (a name not starting with '.'). */
static int first_output_written(void)
{
    char path[300];
    DIR *d = opendir(in_tmp(path, sizeof path, "out"));
    if (!d)
        return 0;
    int found = 0;
    for (struct dirent *e; !found && (e = readdir(d));)
        found = e->d_name[0] != '.' && strstr(e->d_name, ".xlsx") != NULL;
    closedir(d);
    return found;
}

/* Start `planxl convert -j JOBS -d out in/\*.xls`, signal it @p delay_ms after its first output
 * is written (mid-batch whatever the machine's speed: a fixed delay let a fast machine finish
 * the batch first); its exit status. */
static int interrupt_batch(int jobs, int sig, int delay_ms)
{
    char path[300];
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (chdir(tmp) != 0)
            _exit(127);
        int e = open("stderr.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int o = open("/dev/null", O_WRONLY);
        dup2(o, 1);
        dup2(e, 2);
        char j[16];
        snprintf(j, sizeof j, "-j%d", jobs);
        execl("/bin/sh", "sh", "-c", "exec \"$0\" convert -q \"$1\" -d out in/*.xls", PXL_TEST_BIN, j, (char *)NULL);
        _exit(127);
    }
    struct timespec poll_step = {0, 2000000L}; /* 2 ms */
    for (int waited = 0; !first_output_written() && waited < 30000; waited += 2)
        nanosleep(&poll_step, NULL);
    struct timespec ts = {delay_ms / 1000, (long)(delay_ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    kill(pid, sig);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    read_text_file(in_tmp(path, sizeof path, "stderr.txt"), err_text, sizeof err_text);
    unlink(path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static const struct {
    int jobs, sig, status;
} interrupt_cases[] = {
    {2, SIGTERM, 143},
    {2, SIGINT, 130},
    {1, SIGINT, 130},
};

START_TEST(interrupted_batch_leaves_nothing_half_written)
{
    many_inputs(300);
    int rc = interrupt_batch(interrupt_cases[_i].jobs, interrupt_cases[_i].sig, 20);
    ck_assert_msg(rc == interrupt_cases[_i].status, "exit %d: %s", rc, err_text);
    ck_assert_msg(strstr(err_text, "not converted (interrupted)\n") != NULL, "%s", err_text);
    /* no temporary file; every output there is a whole workbook */
    ck_assert(!leftovers());
    ck_assert_int_eq(sh("n=0; for f in out/*.xlsx; do [ -e \"$f\" ] || continue; n=$((n+1)); "
                        "unzip -tq \"$f\" >/dev/null || exit 1; done; test $n -lt 300"),
                     0);
    /* and no worker left behind */
    ck_assert_int_eq(sh("sleep 0.3; ! pgrep -f -- '[-]d out in/' >/dev/null"), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cli");

    TCase *options = tcase_create("options");
    tcase_add_checked_fixture(options, make_tmp, remove_tmp);
    tcase_set_timeout(options, 60);
    tcase_add_test(options, short_options_combine_and_take_attached_values);
    tcase_add_loop_test(options, usage_errors_exit_64, 0, (int)(sizeof usage_cases / sizeof usage_cases[0]));
    tcase_add_loop_test(options, exit_codes_follow_one_table, 0, (int)(sizeof exit_cases / sizeof exit_cases[0]));
    suite_add_tcase(s, options);

    TCase *output = tcase_create("output");
    tcase_add_checked_fixture(output, make_tmp, remove_tmp);
    tcase_set_timeout(output, 60);
    tcase_add_test(output, quiet_prints_errors_only);
    tcase_add_test(output, dir_is_made);
    tcase_add_test(output, dash_is_standard_output);
    tcase_add_loop_test(output, dash_refused_on_a_terminal, 0,
                        (int)(sizeof terminal_cases / sizeof terminal_cases[0]));
    suite_add_tcase(s, output);

    TCase *batch = tcase_create("batch");
    tcase_add_checked_fixture(batch, make_tmp, remove_tmp);
    tcase_set_timeout(batch, 120);
    tcase_add_test(batch, batch_ends_with_the_tally_and_one_failure_a_line);
    tcase_add_test(batch, batch_never_writes_over_another_input);
    tcase_add_test(batch, jobs_2_writes_what_jobs_1_writes);
    tcase_add_loop_test(batch, interrupted_batch_leaves_nothing_half_written, 0,
                        (int)(sizeof interrupt_cases / sizeof interrupt_cases[0]));
    suite_add_tcase(s, batch);

    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
