/* Signals as a flag the work polls (cli_signal.h). */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "cli_signal.h"

volatile sig_atomic_t cli_interrupted;

static void on_signal(int sig)
{
    cli_interrupted = sig;
}

void cli_catch_signals(int reset)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = reset ? SA_RESETHAND : 0; /* no SA_RESTART: poll() and read() return EINTR */
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction old;
        if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(signals[i], &sa, NULL);
    }
    signal(SIGPIPE, SIG_IGN);
}

int cli_cancelled(void *ctx)
{
    (void)ctx;
    return cli_interrupted != 0;
}
