/* Placeholder until the dump command lands: says so and fails. */
#include "cli.h"

int cmd_dump(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("'dump' is not built yet");
    return 70;
}
