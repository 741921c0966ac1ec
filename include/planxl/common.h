/**
 * @file common.h
 * @brief What every public header needs: the export macro and the row/column type.
 *
 * The shared library is built with hidden visibility by default
 * (-fvisibility=hidden), so only what a public header marks with
 * ::PXL_EXTERN is exported: the library's internal functions, though
 * they share the `pxl_` prefix, are not part of its ABI. The static
 * library keeps them all linkable for planxl's own tests and CLI.
 */
#ifndef PLANXL_COMMON_H
#define PLANXL_COMMON_H

#include <stdint.h>

/**
 * @brief Marks a declaration as part of the public API: exported from the
 *        shared library.
 */
#if defined(__GNUC__) || defined(__clang__)
#define PXL_EXTERN __attribute__((visibility("default")))
#else
#define PXL_EXTERN
#endif

/**
 * @brief A 0-based row or column number, wherever the public API takes or
 *        gives one (cells, cell references, progress). 32 bits hold Excel's
 *        largest sheet (1 048 576 rows, 16 384 columns); sheet and list
 *        positions are size_t.
 */
typedef uint32_t pxl_index;

/**
 * @brief The language of a message (finding texts, error messages).
 *
 * Messages are looked up in gettext's text domain "planxl" (the library uses
 * dgettext(), so a host's own textdomain() is left alone). ::PXL_LANGUAGE_ENVIRONMENT
 * follows the calling thread's LC_MESSAGES (and LANGUAGE), as a host program set it
 * with setlocale(); English where no catalogue answers. ::PXL_LANGUAGE_SWEDISH is
 * Swedish whatever the locale, when the system has an sv_SE locale (tools/setup.sh
 * makes sv_SE.UTF-8); without one, English.
 */
typedef enum pxl_language {
    PXL_LANGUAGE_ENVIRONMENT = 0, /**< The thread's LC_MESSAGES. */
    PXL_LANGUAGE_ENGLISH,         /**< English, the messages as written in the source. */
    PXL_LANGUAGE_SWEDISH          /**< Swedish, from po/sv.po. */
} pxl_language;

#endif /* PLANXL_COMMON_H */
