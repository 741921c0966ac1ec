/* Placeholder until the check command lands: says so and fails. */
#include "cli.h"

int cmd_check(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("'check' is not built yet");
    return 70;
}
