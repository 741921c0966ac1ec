/*
 * The batch behind `planxl convert FILE... [-j N]` (batch.h).
 *
 * Workers are forked once and fed file indices over a pipe; each converts
 * file after file and sends back, over a pipe of its own, its warnings and
 * each file's result (outcome, message, counts). A process per file paid its
 * page faults afresh for every file: on this virtualised 2-core machine that
 * made -j 2 1.74x slower than -j 1 on the 647 corpus files (issue 10); a
 * long-lived worker reuses its heap. Processes rather than threads: freexl
 * and libxlsxwriter were never shown to be thread-safe, and a worker that
 * crashes on a hostile file costs that file only.
 *
 * Only this process writes to the terminal, so progress, warnings and
 * summaries never interleave. Each message is one write() of at most
 * PIPE_BUF bytes, so it arrives whole.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"
#include "cli_signal.h"
#include "util/output.h"

/* The progress line is redrawn at most this often (milliseconds). */
#define PROGRESS_INTERVAL_MS 100

/* ---- signals ----
 *
 * In this process the handler is reset on first use (a second Ctrl-C ends
 * planxl at once); the workers keep theirs, so a second signal from the
 * terminal never kills one half-way through a file. Workers end with their
 * parent (worker_main). */

/* ---- the progress line (this process only) ---- */

static struct {
    int drawn;
    struct timespec last;
} line;

void batch_clear_progress(void)
{
    if (line.drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        line.drawn = 0;
    }
}

static long elapsed_ms(const struct timespec *since, const struct timespec *now)
{
    return (long)(now->tv_sec - since->tv_sec) * 1000 + (now->tv_nsec - since->tv_nsec) / 1000000;
}

/* ---- one file ---- */

typedef struct convert_ctx {
    const batch_hooks *hooks; /* in this process */
    int result_fd;            /* in a worker: where warnings go; -1 in this process */
    size_t index, count;
    const char *name;
    int draw;                 /* draw sheet and row progress */
} convert_ctx;

enum { MSG_WARNING = 1, MSG_DONE = 2 };

typedef struct wire {
    uint32_t kind;
    uint32_t index;
    batch_result result;      /* a warning: its text in result.message */
} wire;

_Static_assert(sizeof(wire) <= PIPE_BUF, "a message must be one atomic pipe write");

/* Write all of @p buf; 0, or -1 (EPIPE: the other end is gone). */
static int write_full(int fd, const void *buf, size_t size)
{
    const char *p = buf;
    while (size > 0) {
        ssize_t n = write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        size -= (size_t)n;
    }
    return 0;
}

/* Read @p size bytes; the count read (less at end of file). With @p stop_on_signal, an
 * interruption before any byte arrived returns 0. */
static size_t read_full(int fd, void *buf, size_t size, int stop_on_signal)
{
    char *p = buf;
    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, p + got, size - got);
        if (n < 0 && errno == EINTR) {
            if (stop_on_signal && cli_interrupted && got == 0)
                return 0;
            continue;
        }
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    return got;
}

static int on_progress(void *ctx, size_t sheet, size_t sheet_count, uint32_t row)
{
    convert_ctx *c = ctx;
    if (cli_interrupted)
        return 1;
    if (!c->draw || sheet >= sheet_count) /* the last call, before the file is put into place */
        return 0;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (line.drawn && elapsed_ms(&line.last, &now) < PROGRESS_INTERVAL_MS)
        return 0;
    line.last = now;
    fputs("\r\033[K", stderr);
    fprintf(stderr, _("[%zu/%zu] %s: sheet %zu/%zu, row %lu"), c->index + 1, c->count, c->name, sheet + 1,
            sheet_count, (unsigned long)row + 1);
    fflush(stderr);
    line.drawn = 1;
    return 0;
}

static void on_warning(void *ctx, const char *message)
{
    convert_ctx *c = ctx;
    if (c->result_fd >= 0) {
        wire w;
        w.kind = MSG_WARNING;
        w.index = (uint32_t)c->index;
        snprintf(w.result.message, sizeof w.result.message, "%s", message);
        if (write_full(c->result_fd, &w, sizeof w) != 0)
            cli_interrupted = SIGPIPE; /* nobody listens any more: stop */
        return;
    }
    batch_clear_progress();
    c->hooks->warning(c->hooks->ctx, c->index, message);
}

static void convert_file(const batch_file *f, const batch_options *o, convert_ctx *c, batch_result *r)
{
    memset(&r->stats, 0, sizeof r->stats);
    r->message[0] = '\0';
    r->exit_code = PXL_EXIT_OK;
    if (f->refused) {
        r->outcome = BATCH_FAILED;
        r->exit_code = f->refused_exit;
        snprintf(r->message, sizeof r->message, "%s: %s", f->in, f->refused);
        return;
    }
    if (cli_interrupted) {
        r->outcome = BATCH_INTERRUPTED;
        r->exit_code = PXL_EXIT_SIGNAL + cli_interrupted;
        snprintf(r->message, sizeof r->message, _("%s: interrupted before it was started"), f->in);
        return;
    }
    pxl_convert_options options = o->convert;
    /* Always called: it also notices an interruption. It draws only with c->draw. */
    options.progress = on_progress;
    options.progress_ctx = c;
    options.warning = on_warning;
    options.warning_ctx = c;
    pxl_error err = pxl_convert(f->in, f->out, &options, &r->stats);
    if (err == PXL_OK) {
        r->outcome = BATCH_CONVERTED;
    } else if (cli_interrupted) {
        r->outcome = BATCH_INTERRUPTED;
        r->exit_code = PXL_EXIT_SIGNAL + cli_interrupted;
        snprintf(r->message, sizeof r->message, _("%s: interrupted; %s was not written"), f->in, f->out);
    } else {
        r->outcome = BATCH_FAILED;
        r->exit_code = cli_exit_for(err);
        snprintf(r->message, sizeof r->message, "%s", cli_error_text(err));
    }
}

/* ---- the batch's safety checks ---- */

static batch_file *sort_files; /* qsort has no context argument */

static int compare_outputs(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(sort_files[x].out, sort_files[y].out);
    return c ? c : (x > y) - (x < y);
}

typedef struct identity {
    dev_t dev;
    ino_t ino;
    size_t index;
} identity;

static int compare_identities(const void *a, const void *b)
{
    const identity *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return 0;
}

int batch_check_collisions(batch_file *files, size_t count, int overwrite)
{
    size_t *order = malloc((count ? count : 1) * sizeof *order);
    identity *inputs = malloc((count ? count : 1) * sizeof *inputs);
    if (!order || !inputs) {
        free(order);
        free(inputs);
        return -1;
    }
    /* Two inputs, one output name: the first in command-line order keeps it. */
    for (size_t i = 0; i < count; i++)
        order[i] = i;
    sort_files = files;
    qsort(order, count, sizeof *order, compare_outputs);
    for (size_t i = 1; i < count; i++)
        if (!strcmp(files[order[i]].out, files[order[i - 1]].out) && !files[order[i]].refused) {
            files[order[i]].refused = _("another input of this run writes the same output file; not converted");
            files[order[i]].refused_exit = PXL_EXIT_FINDINGS;
        }

    /* An output that is another input, even through another name: the same device and inode. */
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        if (stat(files[i].in, &st) == 0)
            inputs[n++] = (identity){st.st_dev, st.st_ino, i};
    }
    qsort(inputs, n, sizeof *inputs, compare_identities);
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        if (files[i].refused || stat(files[i].out, &st) != 0)
            continue;
        identity key = {st.st_dev, st.st_ino, 0};
        identity *hit = bsearch(&key, inputs, n, sizeof *inputs, compare_identities);
        int other_input = 0, own_input = 0;
        if (hit) {
            /* Equal identities sit side by side: look at all of them. */
            while (hit > inputs && !compare_identities(hit - 1, &key))
                hit--;
            for (; hit < inputs + n && !compare_identities(hit, &key); hit++) {
                other_input |= hit->index != i;
                own_input |= hit->index == i;
            }
        }
        if (other_input) {
            files[i].refused = _("its output file is another input of this run; not converted");
            files[i].refused_exit = PXL_EXIT_FINDINGS;
        } else if (!own_input && !overwrite) {
            /* Said before the workbook is read, not after (a re-run into a folder of outputs). */
            files[i].refused = _("its output file already exists (use --force to replace it); not converted");
            files[i].refused_exit = PXL_EXIT_FINDINGS;
        }
        /* its own input: pxl_convert() refuses it and says so */
    }
    free(order);
    free(inputs);
    return 0;
}

/* ---- workers ---- */

typedef struct worker {
    pid_t pid;        /* 0: none */
    int task_fd;      /* we write file indices; -1 once closed (no more work) */
    int result_fd;    /* we read its messages; -1 once it has ended */
    long task;        /* the file it is converting, or -1 */
} worker;

typedef struct pool {
    batch_file *files;
    size_t count;
    const batch_options *options;
    const batch_hooks *hooks;
    worker *workers;
    int worker_count;
    size_t *order;    /* the files to hand out, biggest first */
    size_t next;      /* into order */
    char *delivered;  /* delivered[i]: hooks->done was called for file i */
    size_t done;
    wire *msg;
} pool;

static void worker_main(pool *p, int task_fd, int result_fd, pid_t parent)
{
    cli_catch_signals(0);
#ifdef __linux__
    /* A worker ends with its parent (kill -9 of planxl, a second Ctrl-C): no orphan goes on
     * writing outputs nobody will report. SIGKILL, as the parent's own death was: the output
     * in hand is unnamed until committed (util/output.h), so nothing is left behind. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    /* The parent may have died before prctl() took effect: then we were adopted already. */
    if (getppid() != parent)
        _exit(0);
    wire *w = p->msg;
    uint32_t index;
    while (!cli_interrupted && read_full(task_fd, &index, sizeof index, 1) == sizeof index && index < p->count) {
        convert_ctx c = {NULL, result_fd, index, p->count, p->files[index].in, 0};
        convert_file(&p->files[index], p->options, &c, &w->result);
        w->kind = MSG_DONE;
        w->index = index;
        if (write_full(result_fd, w, sizeof *w) != 0)
            break;
    }
    /* No exit handlers, no stdio flush: the parent's buffers are not ours. */
    _exit(0);
}

static int spawn(pool *p, int k)
{
    int tasks[2], results[2];
    if (pipe(tasks) != 0)
        return -1;
    if (pipe(results) != 0) {
        close(tasks[0]);
        close(tasks[1]);
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        close(tasks[1]);
        close(results[0]);
        /* Another worker's pipe ends held here would keep it from seeing the end of its work. */
        for (int j = 0; j < p->worker_count; j++) {
            if (p->workers[j].task_fd >= 0)
                close(p->workers[j].task_fd);
            if (p->workers[j].result_fd >= 0)
                close(p->workers[j].result_fd);
        }
        worker_main(p, tasks[0], results[1], parent);
    }
    close(tasks[0]);
    close(results[1]);
    if (pid < 0) {
        close(tasks[1]);
        close(results[0]);
        return -1;
    }
    p->workers[k] = (worker){pid, tasks[1], results[0], -1};
    return 0;
}

static void deliver(pool *p, size_t index, const batch_result *r)
{
    if (p->delivered[index])
        return;
    p->delivered[index] = 1;
    p->done++;
    batch_clear_progress();
    p->hooks->done(p->hooks->ctx, index, r);
}

static void draw_files_done(pool *p)
{
    if (!p->options->progress)
        return;
    fputs("\r\033[K", stderr);
    fprintf(stderr, _("[%zu/%zu] files done"), p->done, p->count);
    fflush(stderr);
    line.drawn = 1;
}

/* Hand worker @p w its next file, or tell it there is none (its pipe closed). */
static void feed(pool *p, worker *w)
{
    while (!cli_interrupted && p->next < p->count && p->delivered[p->order[p->next]])
        p->next++;
    if (cli_interrupted || p->next >= p->count) {
        if (w->task_fd >= 0)
            close(w->task_fd);
        w->task_fd = -1;
        return;
    }
    uint32_t index = (uint32_t)p->order[p->next++];
    w->task = (long)index;
    if (write_full(w->task_fd, &index, sizeof index) != 0) {
        /* It has gone: its end of file comes next, and the file goes back to the queue. */
        w->task = -1;
        p->next--;
        close(w->task_fd);
        w->task_fd = -1;
    }
}

/* Worker @p w has ended (its pipe gave end of file). */
static void reap(pool *p, worker *w)
{
    close(w->result_fd);
    w->result_fd = -1;
    if (w->task_fd >= 0)
        close(w->task_fd);
    w->task_fd = -1;
    int status = 0;
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    w->pid = 0;
    if (w->task < 0)
        return;
    size_t index = (size_t)w->task;
    w->task = -1;
    batch_result *r = &p->msg->result;
    memset(&r->stats, 0, sizeof r->stats);
    if (cli_interrupted) {
        r->outcome = BATCH_INTERRUPTED;
        r->exit_code = PXL_EXIT_SIGNAL + cli_interrupted;
        snprintf(r->message, sizeof r->message, _("%s: interrupted; %s was not written"), p->files[index].in,
                 p->files[index].out);
    } else {
        r->outcome = BATCH_FAILED;
        r->exit_code = PXL_EXIT_UNREADABLE;
        if (WIFSIGNALED(status))
            snprintf(r->message, sizeof r->message, _("%s: the conversion stopped abnormally (signal %d)"),
                     p->files[index].in, WTERMSIG(status));
        else
            snprintf(r->message, sizeof r->message, _("%s: the conversion stopped abnormally (exit %d)"),
                     p->files[index].in, WEXITSTATUS(status));
    }
    deliver(p, index, r);
    draw_files_done(p);
}

static off_t *size_order_sizes;

static int compare_sizes(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (size_order_sizes[x] != size_order_sizes[y])
        return size_order_sizes[x] > size_order_sizes[y] ? -1 : 1;
    return (x > y) - (x < y);
}

/* Biggest first: a big file started last would leave the other workers idle at the end. */
static void order_by_size(pool *p)
{
    off_t *sizes = malloc(p->count * sizeof *sizes);
    for (size_t i = 0; i < p->count; i++)
        p->order[i] = i;
    if (!sizes)
        return;
    for (size_t i = 0; i < p->count; i++) {
        struct stat st;
        sizes[i] = stat(p->files[i].in, &st) == 0 ? st.st_size : 0;
    }
    size_order_sizes = sizes;
    qsort(p->order, p->count, sizeof *p->order, compare_sizes);
    free(sizes);
}

static void run_workers(pool *p)
{
    int forwarded = 0, stopped = 0;
    for (int k = 0; k < p->worker_count; k++)
        p->workers[k] = (worker){0, -1, -1, -1};
    int alive = 0;
    for (int k = 0; k < p->worker_count && !cli_interrupted; k++)
        if (spawn(p, k) == 0) {
            alive++;
            feed(p, &p->workers[k]);
        }
    struct pollfd *fds = malloc((size_t)p->worker_count * sizeof *fds);
    int *who = malloc((size_t)p->worker_count * sizeof *who);
    if (!fds || !who)
        cli_interrupted = cli_interrupted ? cli_interrupted : SIGTERM; /* cannot watch them: stop them */
    while (alive > 0) {
        if (cli_interrupted && !stopped) {
            /* No more work: idle workers see the end of their pipe, busy ones cancel their file. */
            for (int k = 0; k < p->worker_count; k++)
                if (p->workers[k].task_fd >= 0) {
                    close(p->workers[k].task_fd);
                    p->workers[k].task_fd = -1;
                }
            stopped = 1;
        }
        if (cli_interrupted && cli_interrupted != SIGPIPE && !forwarded) {
            /* A signal sent to planxl alone is passed on. Ctrl-C reaches the whole process group
             * anyway: a worker keeps its handler, so the second copy does no harm. */
            for (int k = 0; k < p->worker_count; k++)
                if (p->workers[k].pid > 0)
                    kill(p->workers[k].pid, cli_interrupted);
            forwarded = 1;
        }
        if (!fds || !who) {
            /* Out of memory: wait for them one by one. */
            for (int k = 0; k < p->worker_count; k++)
                if (p->workers[k].result_fd >= 0) {
                    reap(p, &p->workers[k]);
                    alive--;
                }
            break;
        }
        nfds_t n = 0;
        for (int k = 0; k < p->worker_count; k++)
            if (p->workers[k].result_fd >= 0) {
                fds[n] = (struct pollfd){p->workers[k].result_fd, POLLIN, 0};
                who[n++] = k;
            }
        if (poll(fds, n, -1) < 0) {
            if (errno == EINTR)
                continue;
            cli_interrupted = SIGTERM; /* cannot go on watching: stop the workers */
            continue;
        }
        for (nfds_t i = 0; i < n; i++) {
            if (!fds[i].revents)
                continue;
            worker *w = &p->workers[who[i]];
            wire *m = p->msg;
            if (read_full(w->result_fd, m, sizeof *m, 0) != sizeof *m || m->index >= p->count) {
                reap(p, w);
                alive--;
                /* A worker lost to a crash is replaced while there is work. */
                if (!cli_interrupted && p->next < p->count && spawn(p, who[i]) == 0) {
                    alive++;
                    feed(p, w);
                }
                continue;
            }
            if (m->kind == MSG_WARNING) {
                batch_clear_progress();
                p->hooks->warning(p->hooks->ctx, m->index, m->result.message);
                draw_files_done(p);
                continue;
            }
            w->task = -1;
            deliver(p, m->index, &m->result);
            draw_files_done(p);
            feed(p, w);
        }
    }
    free(fds);
    free(who);
}

int batch_run(batch_file *files, size_t count, const batch_options *options, const batch_hooks *hooks)
{
    cli_interrupted = 0;
    cli_catch_signals(1);
    pool p = {files, count, options, hooks, NULL, 0, NULL, 0, NULL, 0, NULL};
    p.delivered = calloc(count ? count : 1, 1);
    p.msg = malloc(sizeof *p.msg);
    if (!p.delivered || !p.msg) {
        free(p.delivered);
        free(p.msg);
        return -1;
    }
    /* What is refused needs no worker. */
    for (size_t i = 0; i < count; i++)
        if (files[i].refused) {
            convert_ctx c = {hooks, -1, i, count, files[i].in, 0};
            convert_file(&files[i], options, &c, &p.msg->result);
            deliver(&p, i, &p.msg->result);
        }
    int workers = options->jobs;
    if ((size_t)workers > count - p.done)
        workers = (int)(count - p.done);
    if (workers > 1) {
        p.workers = calloc((size_t)workers, sizeof *p.workers);
        p.order = malloc(count * sizeof *p.order);
        if (p.workers && p.order) {
            p.worker_count = workers;
            order_by_size(&p);
            run_workers(&p);
        }
        free(p.workers);
        free(p.order);
    }
    /* One job, or what the workers did not do (none could be started): here, in order. */
    for (size_t i = 0; i < count; i++) {
        if (p.delivered[i])
            continue;
        convert_ctx c = {hooks, -1, i, count, files[i].in, options->progress};
        if (c.draw && !cli_interrupted) {
            /* freexl reads the whole workbook before the first cell: say so for big files. */
            fputs("\r\033[K", stderr);
            fprintf(stderr, _("[%zu/%zu] %s: reading"), i + 1, count, files[i].in);
            fflush(stderr);
            line.drawn = 1;
        }
        convert_file(&files[i], options, &c, &p.msg->result);
        deliver(&p, i, &p.msg->result);
    }
    batch_clear_progress();
    free(p.delivered);
    free(p.msg);
    return cli_interrupted == SIGPIPE ? 0 : cli_interrupted;
}
