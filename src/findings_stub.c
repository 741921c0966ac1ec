/*
 * TEMPORARY (branch report only): stand-ins for the checks (branch check) until they land, so that the library and the CLI link. Delete this file and its
 * CMake line when merging those branches.
 */
#include <stddef.h>
#include "error_internal.h"
#include "planxl/check.h"
#include "planxl/plan.h"

size_t pxl_findings_count(const pxl_findings *findings) { (void)findings; return 0; }
const pxl_finding *pxl_findings_get(const pxl_findings *findings, size_t index) { (void)findings; (void)index; return NULL; }
size_t pxl_findings_count_severity(const pxl_findings *findings, pxl_severity severity) { (void)findings; (void)severity; return 0; }
void pxl_findings_free(pxl_findings *findings) { (void)findings; }
pxl_error pxl_check_run(pxl_findings **out, const pxl_plan *plan, const pxl_check_options *options)
{
    (void)plan; (void)options; *out = NULL; return PXL_OK;
}
