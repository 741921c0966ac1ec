/* Areas and measures: the area a title row names, the measure rows and tables belong to (recognizer.h). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error_internal.h"
#include "util/number_text.h"
#include "recognizer.h"

/* Copy @p len bytes of @p text into @p buf with white space runs folded to one space, trimmed. */
static size_t copy_folded_space(char *buf, size_t size, const char *text, size_t len)
{
    size_t n = 0;
    int space = 0;
    const unsigned char *s = (const unsigned char *)text, *end = s + len;
    for (; s < end && *s && n + 2 < size; s++) {
        if (*s == ' ' || (*s >= '\t' && *s <= '\r') || (s[0] == 0xC2 && s + 1 < end && s[1] == 0xA0)) {
            if (*s == 0xC2)
                s++;
            space = n > 0;
            continue;
        }
        if (space)
            buf[n++] = ' ';
        space = 0;
        buf[n++] = (char)*s;
    }
    buf[n] = '\0';
    return n;
}

/* 1 when @p name (white space folded) can be an area's name: short, a few words, no digits,
 * no note or sentence, no header word, no plan or committee title. */
static int name_like(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > AREA_NAME_MAX)
        return 0;
    size_t words = 1;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if ((c >= '0' && c <= '9') || c == ':' || c == '(' || c == '!' || c == '?')
            return 0;
        if (c == ' ')
            words++;
    }
    if (name[n - 1] == '.' || words > AREA_NAME_MAX_WORDS)
        return 0;
    return pxl_header_classify(name, NULL) == PXL_HEADER_NONE && !pxl_header_is_total_label(name) &&
           !pxl_header_is_plan_title(name);
}

/*
 * The area a title row names, or NULL. "Åtgärder inom vård- och omsorgsnämnden –
 * Äldreomsorg" names what follows its last dash ("Äldreomsorg – åtgärder 2024" what
 * precedes it); a short text of a few words names itself ("Funktionsstöd"). Dates, notes
 * ("Belopp i tkr:"), sentences and plan titles ("Åtgärder inom socialnämnden") are no
 * area names.
 */
const char *pxl_rec_area_from_title(char *buf, size_t size, const char *text)
{
    static const char *const dashes[] = {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " - "}; /* – — - */
    const char *last = NULL;
    size_t last_len = 0;
    for (size_t i = 0; i < sizeof dashes / sizeof dashes[0]; i++) {
        const char *p = text, *hit;
        while ((hit = strstr(p, dashes[i])) != NULL) {
            if (!last || hit > last) {
                last = hit;
                last_len = strlen(dashes[i]);
            }
            p = hit + 1;
        }
    }
    if (last) {
        const char *after = last + last_len;
        if (copy_folded_space(buf, size, after, strlen(after)) && name_like(buf))
            return buf;
        if (copy_folded_space(buf, size, text, (size_t)(last - text)) && name_like(buf))
            return buf;
        return NULL;
    }
    copy_folded_space(buf, size, text, strlen(text));
    return name_like(buf) ? buf : NULL;
}

pxl_area *pxl_rec_current_area(recognizer *r)
{
    if (!r->area) {
        r->area = pxl_plan_area_get(r->plan, r->area_name);
        if (!r->area)
            r->nomem = 1;
    }
    return r->area;
}

pxl_measure *pxl_rec_new_measure(recognizer *r, pxl_area *area, uint32_t row, long first_col)
{
    if (!area)
        return NULL;
    pxl_measure *m = pxl_area_add_measure(r->plan, area);
    if (!m) {
        r->nomem = 1;
        return NULL;
    }
    m->cell = m->title_cell = m->description_cell = pxl_rec_cellref(r, row, first_col);
    r->recognised++;
    return m;
}

/* The measure of a KPI or effect table that has no measure row above it: an untitled one. */
pxl_measure *pxl_rec_block_measure(recognizer *r, uint32_t row)
{
    if (!r->measure)
        r->measure = pxl_rec_new_measure(r, pxl_rec_current_area(r), row, r->block.first_col);
    return r->measure;
}

void pxl_rec_note_year(recognizer *r, pxl_measure *m, const table_header *h)
{
    if (!m || m->current_year)
        return;
    if (h->year) {
        m->current_year = h->year;
    } else if (h->year_unnamed && pxl_rec_has(h, PXL_HEADER_EFFECT_YEAR)) {
        /* "Effekt innevarande år": the plan period's year, once the cover sheet has been read. */
        if (pxl_grow((void **)&r->need_year, &r->need_year_cap, r->need_year_count, sizeof *r->need_year)) {
            r->nomem = 1;
            return;
        }
        for (size_t i = 0; i < r->need_year_count; i++)
            if (r->need_year[i] == m)
                return;
        r->need_year[r->need_year_count++] = m;
    }
}
