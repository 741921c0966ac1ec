/* The library's version. */
#include "planxl/planxl.h"

const char *pxl_version(void)
{
    return PXL_VERSION;
}
