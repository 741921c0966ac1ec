/*
 * Header words of plan tables, as data. Real workbooks name the same column
 * in several ways (Mål/Målvärde, Utfall/Nuläge, "Effekt 2024 (tkr)" /
 * "Effekt innevarande år (tkr)"), so the recogniser asks this table what a
 * header cell means instead of comparing strings itself.
 */
#ifndef PLANXL_HEADERS_H
#define PLANXL_HEADERS_H

#include <stddef.h>

/* What a header cell names. */
typedef enum pxl_header_role {
    PXL_HEADER_NONE = 0,
    PXL_HEADER_AREA,         /* Verksamhet, Verksamhetsområde */
    PXL_HEADER_SECTION,      /* Område */
    PXL_HEADER_MEASURE,      /* Åtgärd, Åtgärder (over an effect table: the effect's description) */
    PXL_HEADER_DESCRIPTION,  /* Beskrivning */
    PXL_HEADER_EFFECT_TEXT,  /* Beskrivning av effekt */
    PXL_HEADER_KPI,          /* Nyckeltal */
    PXL_HEADER_TARGET,       /* Mål, Målvärde */
    PXL_HEADER_CURRENT,      /* Utfall, Nuläge */
    PXL_HEADER_COMMENT,      /* Kommentar, Kommentarer */
    PXL_HEADER_EFFECT_YEAR,  /* Effekt 2024 (tkr), Effekt innevarande år (tkr) */
    PXL_HEADER_EFFECT_FULL,  /* Helårseffekt (tkr), Helårseffekt, tkr */
    PXL_HEADER_ROLE_COUNT
} pxl_header_role;

/*
 * What @p text means as a column header, or PXL_HEADER_NONE. For
 * PXL_HEADER_EFFECT_YEAR, *year receives the year it names ("Effekt 2024" →
 * 2024) or 0 ("innevarande år"); @p year may be NULL.
 */
pxl_header_role pxl_header_classify(const char *text, int *year);

/* 1 when @p text labels a declared total row (Summa, Totalt, Netto, Summa netto …). */
int pxl_header_is_total_label(const char *text);

/* What a total row closes, by its label. */
typedef enum pxl_total_level {
    PXL_TOTAL_NONE = 0,  /* no total label */
    PXL_TOTAL_MEASURE,   /* Summa, Totalt, Netto …: the effect table above it */
    PXL_TOTAL_MEASURES,  /* Summa åtgärder: the area after a measure's own total, else the effect table */
    PXL_TOTAL_AREA,      /* Summa <the area's name>, Summa verksamhet(en), Totalt för <area> */
    PXL_TOTAL_PLAN       /* Totalt nämnden, Summa socialnämnden, Summa förvaltningen, Totalt alla verksamheter */
} pxl_total_level;

/*
 * The level of a total label: a total word (Summa, Totalt, Total, Summa totalt, Totalsumma),
 * optionally "för"/"inom", then what it closes. @p area_name is the area the row lies in
 * (NULL: none); a label naming another area is no area total. Anything else that
 * pxl_header_is_total_label() accepts is PXL_TOTAL_MEASURE.
 */
pxl_total_level pxl_header_total_level(const char *text, const char *area_name);

/*
 * 1 when @p text titles a plan or a committee's part of it rather than naming an
 * area ("Åtgärder inom vård- och omsorgsnämnden", "Handlingsplan 2024", "Bilaga 2").
 */
int pxl_header_is_plan_title(const char *text);

/* 1 when @p text is a note of the amounts' unit ("Belopp i tkr:", "Belopp anges i tkr.", "(tkr)"):
 * decoration, what the header's unit suffixes say already. */
int pxl_header_is_unit_note(const char *text);

/* 1 when @p name is the name of a cover sheet (Framsida, Försättsblad …). */
int pxl_header_is_cover_sheet(const char *name);

/*
 * Fold @p text for comparison into @p buf: lower case (ASCII and Latin-1
 * letters such as Å Ä Ö), every run of white space (including U+00A0 and
 * line breaks) one space, no leading or trailing space. Returns @p buf; the
 * result is cut at @p size - 1 bytes.
 */
char *pxl_fold(char *buf, size_t size, const char *text);

#endif
