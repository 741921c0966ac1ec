/* Header synonyms of plan tables: Swedish words as data, matched after folding. */
#include <stdlib.h>
#include <string.h>

#include "headers.h"
#include "util/unicode.h"

/* Most words in a total label that starts with Summa/Totalt ("Summa effekt för åtgärden"). */
#define TOTAL_LABEL_MAX_WORDS 4
/* Most words after "Totalt för" in a label that closes the plan ("vård- och omsorgsnämnden"). */
#define CLOSING_LABEL_MAX_WORDS 6
/* Longest header text worth folding; longer cells are prose, not headers. */
#define HEADER_TEXT_MAX 128

static const struct synonym {
    const char *folded;  /* lower case, single spaces, unit suffix removed */
    pxl_header_role role;
} synonyms[] = {
    {"verksamhet", PXL_HEADER_AREA},
    {"verksamhetsområde", PXL_HEADER_AREA},
    {"område", PXL_HEADER_SECTION},
    {"åtgärd", PXL_HEADER_MEASURE},
    {"åtgärder", PXL_HEADER_MEASURE},
    {"beskrivning", PXL_HEADER_DESCRIPTION},
    {"beskrivning av åtgärd", PXL_HEADER_DESCRIPTION},
    {"beskrivning av åtgärden", PXL_HEADER_DESCRIPTION},
    {"beskrivning av effekt", PXL_HEADER_EFFECT_TEXT},
    {"beskrivning av effekten", PXL_HEADER_EFFECT_TEXT},
    {"effektbeskrivning", PXL_HEADER_EFFECT_TEXT},
    {"nyckeltal", PXL_HEADER_KPI},
    {"mål", PXL_HEADER_TARGET},
    {"målvärde", PXL_HEADER_TARGET},
    {"målnivå", PXL_HEADER_TARGET},
    {"utfall", PXL_HEADER_CURRENT},
    {"nuläge", PXL_HEADER_CURRENT},
    {"kommentar", PXL_HEADER_COMMENT},
    {"kommentarer", PXL_HEADER_COMMENT},
    {"helårseffekt", PXL_HEADER_EFFECT_FULL},
    {"effekt helår", PXL_HEADER_EFFECT_FULL},
    {"effekt innevarande år", PXL_HEADER_EFFECT_YEAR},
};

/* Unit suffixes on amount headers: "Effekt 2024 (tkr)", "Helårseffekt, tkr". The first that
 * matches is removed, so " i tkr" comes before " tkr" ("Effekt 2024 i tkr" is no "Effekt 2024 i"). */
static const char *const unit_suffixes[] = {" (tkr)", ", tkr", " i tkr", " tkr", "(tkr)"};

/* Labels of a declared total row under an effect table (matched exactly after folding). */
static const char *const total_labels[] = {
    "summa", "totalt", "total", "netto", "summa netto", "netto totalt", "totalt netto",
    "summa totalt", "totalsumma", "summa effekt", "summa effekter", "total effekt",
};

/* First words that make any label a total ("Summa Äldreomsorg", "Totalt för åtgärden"). */
static const char *const total_first_words[] = {"summa", "totalt"};

/* Total words that may start a label that closes an area or the plan (folded, with their space). */
static const char *const closing_total_words[] = {"summa totalt ", "totalsumma ", "summa ", "totalt ", "total "};
/* Words between the total word and what it closes ("Totalt för Hemtjänst"). */
static const char *const closing_total_links[] = {"för ", "inom "};
/* What closes the area whatever its name. */
static const char *const closes_area[] = {
    "verksamhet", "verksamheten", "verksamhetsområde", "verksamhetsområdet",
};
/* What closes the measures: the area's only after a measure's own total (else "Summa åtgärder"
 * under an effect table headed "Åtgärder" is that table's total). */
static const char *const closes_measures[] = {"åtgärder", "åtgärderna", "alla åtgärder", "samtliga åtgärder"};
/* What closes the whole plan; also anything ending in "nämnden"/"nämnd" or naming a förvaltning. */
static const char *const closes_plan[] = {
    "planen", "hela planen", "alla verksamheter", "samtliga verksamheter", "verksamheterna", "alla områden",
};

/* Beginnings of title rows that name a plan or a table, not an area. */
static const char *const plan_title_starts[] = {
    "åtgärd", "handlingsplan", "åtgärdsplan", "plan för", "bilaga", "tabell", "sammanställning", "uppföljning",
};

/* Words that make a title row a committee's, not an area's. */
static const char *const plan_title_words[] = {"nämnd"};

static const char *const cover_sheet_names[] = {
    "framsida", "försättsblad", "omslag", "titelsida", "förstasida",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

char *pxl_fold(char *buf, size_t size, const char *text)
{
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t n = 0;
    int pending_space = 0;
    if (size == 0)
        return buf;
    while (*s) {
        size_t sp = pxl_space_len((const char *)(s));
        if (sp) {
            pending_space = n > 0;
            s += sp;
            continue;
        }
        /* Copy one UTF-8 sequence whole, or stop: never cut a character in two. */
        size_t len = *s < 0x80 ? 1 : *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : *s >= 0xC0 ? 2 : 1;
        for (size_t k = 1; k < len; k++)
            if (s[k] == 0)
                len = k;
        if (n + pending_space + len >= size)
            break;
        if (pending_space)
            buf[n++] = ' ';
        pending_space = 0;
        if (len == 1) {
            buf[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + ('a' - 'A') : *s);
        } else if (len == 2 && s[0] == 0xC3 && s[1] >= 0x80 && s[1] <= 0x9E && s[1] != 0x97) {
            /* Latin-1 capitals U+00C0..U+00DE (but U+00D7 ×) lie 0x20 below their small letters. */
            buf[n++] = (char)s[0];
            buf[n++] = (char)(s[1] + 0x20);
        } else {
            memcpy(buf + n, s, len);
            n += len;
        }
        s += len;
    }
    buf[n] = '\0';
    return buf;
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* Fold @p text and drop a trailing ':' and an amount unit; 0 when it is too long to be a header. */
static int fold_header(char *buf, size_t size, const char *text)
{
    if (!text || strlen(text) >= size)
        return 0;
    pxl_fold(buf, size, text);
    size_t n = strlen(buf);
    while (n > 0 && (buf[n - 1] == ':' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    for (size_t i = 0; i < COUNT(unit_suffixes); i++)
        if (ends_with(buf, n, unit_suffixes[i])) {
            n -= strlen(unit_suffixes[i]);
            buf[n] = '\0';
            break;
        }
    return 1;
}

pxl_header_role pxl_header_classify(const char *text, int *year)
{
    char buf[HEADER_TEXT_MAX];
    if (year)
        *year = 0;
    if (!fold_header(buf, sizeof buf, text))
        return PXL_HEADER_NONE;
    for (size_t i = 0; i < COUNT(synonyms); i++)
        if (strcmp(buf, synonyms[i].folded) == 0)
            return synonyms[i].role;
    /* "Effekt 2024": the current year's effect, named by its year. */
    const char *prefix = "effekt ";
    size_t plen = strlen(prefix);
    if (strncmp(buf, prefix, plen) == 0 && strlen(buf) == plen + 4) {
        const char *y = buf + plen;
        if (y[0] >= '1' && y[0] <= '2' && y[1] >= '0' && y[1] <= '9' && y[2] >= '0' && y[2] <= '9' &&
            y[3] >= '0' && y[3] <= '9') {
            if (year)
                *year = atoi(y);
            return PXL_HEADER_EFFECT_YEAR;
        }
    }
    return PXL_HEADER_NONE;
}

int pxl_header_is_total_label(const char *text)
{
    char buf[HEADER_TEXT_MAX];
    if (!fold_header(buf, sizeof buf, text))
        return 0;
    for (size_t i = 0; i < COUNT(total_labels); i++)
        if (strcmp(buf, total_labels[i]) == 0)
            return 1;
    /* "Summa Äldreomsorg" is a label; "Totalt minskar antalet tjänster med fem" is a sentence. */
    size_t words = 1, n = strlen(buf);
    for (size_t i = 0; i < n; i++)
        words += buf[i] == ' ';
    if (words > TOTAL_LABEL_MAX_WORDS || (n > 0 && buf[n - 1] == '.'))
        return 0;
    for (size_t i = 0; i < COUNT(total_first_words); i++) {
        size_t len = strlen(total_first_words[i]);
        if (strncmp(buf, total_first_words[i], len) == 0 && buf[len] == ' ')
            return 1;
    }
    return 0;
}

static int in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

pxl_total_level pxl_header_total_level(const char *text, const char *area_name)
{
    char buf[HEADER_TEXT_MAX];
    if (!fold_header(buf, sizeof buf, text))
        return PXL_TOTAL_NONE;
    const char *rest = NULL;
    for (size_t i = 0; i < COUNT(closing_total_words) && !rest; i++) {
        size_t len = strlen(closing_total_words[i]);
        if (strncmp(buf, closing_total_words[i], len) == 0)
            rest = buf + len;
    }
    if (rest) {
        for (size_t i = 0; i < COUNT(closing_total_links); i++) {
            size_t len = strlen(closing_total_links[i]);
            if (strncmp(rest, closing_total_links[i], len) == 0) {
                rest += len;
                break;
            }
        }
        char area[HEADER_TEXT_MAX];
        size_t n = strlen(rest);
        if (in_list(rest, closes_area, COUNT(closes_area)) ||
            (area_name && *area_name && strlen(area_name) < sizeof area &&
             strcmp(rest, pxl_fold(area, sizeof area, area_name)) == 0))
            return PXL_TOTAL_AREA;
        if (in_list(rest, closes_measures, COUNT(closes_measures)))
            return PXL_TOTAL_MEASURES;
        /* "Totalt för vård- och omsorgsnämnden"; a sentence ("Totalt sett bedömer förvaltningen
         * att …") is no label: a few words, and the committee's name last */
        size_t words = 1;
        for (size_t i = 0; i < n; i++)
            words += rest[i] == ' ';
        if (in_list(rest, closes_plan, COUNT(closes_plan)) ||
            (words <= CLOSING_LABEL_MAX_WORDS &&
             (ends_with(rest, n, "nämnden") || ends_with(rest, n, "nämnd") ||
              ends_with(rest, n, "förvaltningen") || ends_with(rest, n, "förvaltning"))))
            return PXL_TOTAL_PLAN;
    }
    return pxl_header_is_total_label(text) ? PXL_TOTAL_MEASURE : PXL_TOTAL_NONE;
}

int pxl_header_is_plan_title(const char *text)
{
    char buf[HEADER_TEXT_MAX];
    if (!fold_header(buf, sizeof buf, text))
        return 0;
    for (size_t i = 0; i < COUNT(plan_title_starts); i++)
        if (strncmp(buf, plan_title_starts[i], strlen(plan_title_starts[i])) == 0)
            return 1;
    for (size_t i = 0; i < COUNT(plan_title_words); i++)
        if (strstr(buf, plan_title_words[i]))
            return 1;
    return 0;
}

int pxl_header_is_unit_note(const char *text)
{
    static const char *const notes[] = {
        "tkr", "(tkr)", "i tkr", "belopp i tkr", "belopp anges i tkr", "alla belopp i tkr",
        "alla belopp anges i tkr", "belopp (tkr)", "belopp i tusentals kronor", "belopp i tusen kronor",
        "belopp anges i tusentals kronor", "alla belopp i tusentals kronor",
    };
    char buf[HEADER_TEXT_MAX];
    if (!text || strlen(text) >= sizeof buf)
        return 0;
    pxl_fold(buf, sizeof buf, text);
    size_t n = strlen(buf);
    while (n > 0 && (buf[n - 1] == ':' || buf[n - 1] == '.' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    for (size_t i = 0; i < COUNT(notes); i++)
        if (strcmp(buf, notes[i]) == 0)
            return 1;
    return 0;
}

int pxl_header_is_cover_sheet(const char *name)
{
    char buf[HEADER_TEXT_MAX];
    if (!fold_header(buf, sizeof buf, name))
        return 0;
    for (size_t i = 0; i < COUNT(cover_sheet_names); i++)
        if (strcmp(buf, cover_sheet_names[i]) == 0)
            return 1;
    return 0;
}
