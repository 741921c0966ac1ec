/* Placeholder until the convert command lands: says so and fails. */
#include "cli.h"

int cmd_convert(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("'convert' is not built yet");
    return 70;
}
