/*
 * Ctrl-C, TERM and HUP for the commands that write workbooks (convert, report):
 * the signal only sets a flag, and the work in hand is cancelled through the
 * library's callbacks, which are asked once more just before an output is put
 * into place. So a signal either stops a file before it is committed (not
 * written, said so, exit 128+N) or comes too late to stop it (written, said so,
 * exit 0): never a replaced file with a failure status.
 */
#ifndef PLANXL_CLI_SIGNAL_H
#define PLANXL_CLI_SIGNAL_H

#include <signal.h>

/* The number of the signal that asked planxl to stop, or 0. */
extern volatile sig_atomic_t cli_interrupted;

/*
 * Catch SIGINT, SIGTERM and SIGHUP (except one ignored when planxl started:
 * nohup, a background job); ignore SIGPIPE, so that a reader gone away gives
 * EPIPE and a message rather than death half-way. With @p reset the handler
 * is reset on first use: a second signal ends planxl at once (an unnamed
 * temporary output disappears with the process; util/output.h).
 */
void cli_catch_signals(int reset);

/* A cancellation callback for the library: non-zero once a signal came. */
int cli_cancelled(void *ctx);

#endif
