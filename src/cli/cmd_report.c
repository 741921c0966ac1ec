/* Placeholder until the report command lands: says so and fails. */
#include "cli.h"

int cmd_report(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("'report' is not built yet");
    return 70;
}
