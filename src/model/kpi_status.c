/*
 * A KPI's status against its target (issue 15, docs/kpi-status.md): uppnått, ej uppnått or
 * ej bedömbart, from Målvärde, Nuläge and the direction the KPI wants — stated in the target
 * ("minst 90 %", "högst 7", "Öka till 95 %") or implied by its name ("Andel ensamåkning":
 * less is better). A target without a direction is a level to reach: at least the target.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan_internal.h"
#include "util/unicode.h"

/* Words before a target's number that say which side of it is reached (folded). */
static const struct {
    const char *word;
    pxl_direction direction;
} target_prefixes[] = {
    {"minst", PXL_DIRECTION_INCREASE},   {"lägst", PXL_DIRECTION_INCREASE},  {"över", PXL_DIRECTION_INCREASE},
    {"öka till", PXL_DIRECTION_INCREASE}, {"höja till", PXL_DIRECTION_INCREASE}, {"≥", PXL_DIRECTION_INCREASE},
    {">=", PXL_DIRECTION_INCREASE},      {">", PXL_DIRECTION_INCREASE},
    {"högst", PXL_DIRECTION_DECREASE},   {"max", PXL_DIRECTION_DECREASE},    {"maximalt", PXL_DIRECTION_DECREASE},
    {"max.", PXL_DIRECTION_DECREASE},    {"under", PXL_DIRECTION_DECREASE},
    {"minska till", PXL_DIRECTION_DECREASE}, {"sänka till", PXL_DIRECTION_DECREASE},
    {"≤", PXL_DIRECTION_DECREASE},       {"<=", PXL_DIRECTION_DECREASE},     {"<", PXL_DIRECTION_DECREASE},
};

/*
 * Beginnings of words in a KPI's name that say less is better, or more: the verbs first
 * ("Minskad ensamåkning"), then what a care committee wants less of — a cost, a time, a
 * distance, staff per place, trips run empty or alone, places bought outside.
 */
static const struct {
    const char *word;
    pxl_direction direction;
} name_words[] = {
    {"minsk", PXL_DIRECTION_DECREASE},       {"lägre", PXL_DIRECTION_DECREASE},
    {"färre", PXL_DIRECTION_DECREASE},       {"sänk", PXL_DIRECTION_DECREASE},
    {"ök", PXL_DIRECTION_INCREASE},          {"högre", PXL_DIRECTION_INCREASE},
    {"fler", PXL_DIRECTION_INCREASE},        {"höj", PXL_DIRECTION_INCREASE},
    {"kostnad", PXL_DIRECTION_DECREASE},     {"ensamåkning", PXL_DIRECTION_DECREASE},
    {"bomkörning", PXL_DIRECTION_DECREASE},  {"kilometer", PXL_DIRECTION_DECREASE},
    {"årsarbetare", PXL_DIRECTION_DECREASE}, {"sjukfrånvaro", PXL_DIRECTION_DECREASE},
    {"väntetid", PXL_DIRECTION_DECREASE},    {"kötid", PXL_DIRECTION_DECREASE},
    {"övertid", PXL_DIRECTION_DECREASE},     {"extern regi", PXL_DIRECTION_DECREASE},
    {"externa placeringar", PXL_DIRECTION_DECREASE},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* 1 when @p word begins a word of @p text (at its start, or after a character no letter is). */
static int has_word_start(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        unsigned char before = p == text ? ' ' : (unsigned char)p[-1];
        /* ASCII letters and digits, and the continuation bytes of å, ä, ö … join words */
        int joined = (before >= 'a' && before <= 'z') || (before >= '0' && before <= '9') || before >= 0x80;
        if (!joined && n)
            return 1;
    }
    return 0;
}

static pxl_direction direction_of_name(const char *name)
{
    char *key = pxl_fold_key(name ? name : "");
    pxl_direction found = PXL_DIRECTION_NONE;
    for (size_t i = 0; key && i < COUNT(name_words) && found == PXL_DIRECTION_NONE; i++)
        if (has_word_start(key, name_words[i].word))
            found = name_words[i].direction;
    free(key);
    return found;
}

/* A level read from a value: NUMBER or PERCENT, with its kind; 0 when the value is no level. */
static int level_of(const pxl_value *v, pxl_value_kind *kind, double *level)
{
    if (v->kind != PXL_VALUE_NUMBER && v->kind != PXL_VALUE_PERCENT)
        return 0;
    *kind = v->kind;
    *level = v->number;
    return 1;
}

/* The target's level and the direction its text states ("minst 90 %"); 0 when it has no level. */
static int target_of(const pxl_value *target, pxl_value_kind *kind, double *level, pxl_direction *stated)
{
    *stated = PXL_DIRECTION_NONE;
    if (level_of(target, kind, level))
        return 1;
    if (target->kind != PXL_VALUE_TEXT || !target->text)
        return 0;
    char *key = pxl_fold_key(target->text);
    if (!key)
        return 0;
    int found = 0;
    for (size_t i = 0; i < COUNT(target_prefixes) && !found; i++) {
        size_t n = strlen(target_prefixes[i].word);
        if (strncmp(key, target_prefixes[i].word, n) != 0)
            continue;
        const char *rest = key + n;
        /* A word must end where it does ("maxi…" is no "max"); a symbol ("≥90 %") need not. */
        unsigned char last = (unsigned char)target_prefixes[i].word[n - 1];
        if (((last >= 'a' && last <= 'z') || last >= 0x80) && *rest != ' ' && *rest != '\0' &&
            strcmp(target_prefixes[i].word, "≥") && strcmp(target_prefixes[i].word, "≤"))
            continue;
        double number;
        pxl_value_kind k = pxl_parse_text(rest, PXL_PARSE_KPI, &number, NULL);
        if (k == PXL_VALUE_NUMBER || k == PXL_VALUE_PERCENT) {
            *kind = k;
            *level = number;
            *stated = target_prefixes[i].direction;
            found = 1;
        }
    }
    free(key);
    return found;
}

/* A plain number beside a percent as a fraction: a cell formatted as percent holds 0.54, a
 * typed 54 in a percent column means 54 %. */
static double as_fraction(double number)
{
    return fabs(number) <= 1 ? number : number / 100;
}

static int level_equal(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

pxl_kpi_status pxl_kpi_assess(const pxl_kpi *kpi, pxl_direction *direction)
{
    if (direction)
        *direction = PXL_DIRECTION_NONE;
    if (!kpi)
        return PXL_KPI_NOT_ASSESSABLE;
    pxl_value_kind target_kind, current_kind;
    double target, current;
    pxl_direction stated;
    /* Öka, Minska alone name no level to reach: the status needs the previous plan's Nuläge. */
    if (!target_of(&kpi->target, &target_kind, &target, &stated)) {
        /* No level; the direction is still the target's word or the name's (for the trend). */
        if (direction)
            *direction = kpi->target.kind == PXL_VALUE_DIRECTION ? kpi->target.direction : direction_of_name(kpi->name);
        return PXL_KPI_NOT_ASSESSABLE;
    }
    pxl_direction want = stated != PXL_DIRECTION_NONE ? stated : direction_of_name(kpi->name);
    if (want == PXL_DIRECTION_NONE)
        want = PXL_DIRECTION_INCREASE;
    if (direction)
        *direction = want;
    if (!level_of(&kpi->current, &current_kind, &current))
        return PXL_KPI_NOT_ASSESSABLE;
    if (target_kind != current_kind) {
        if (target_kind == PXL_VALUE_NUMBER)
            target = as_fraction(target);
        else
            current = as_fraction(current);
    }
    if (level_equal(current, target))
        return PXL_KPI_ACHIEVED;
    if (want == PXL_DIRECTION_DECREASE)
        return current < target ? PXL_KPI_ACHIEVED : PXL_KPI_NOT_ACHIEVED;
    return current > target ? PXL_KPI_ACHIEVED : PXL_KPI_NOT_ACHIEVED;
}

const char *pxl_kpi_status_name(pxl_kpi_status status)
{
    switch (status) {
    case PXL_KPI_ACHIEVED: return "uppnått";
    case PXL_KPI_NOT_ACHIEVED: return "ej uppnått";
    case PXL_KPI_NOT_ASSESSABLE: break;
    }
    return "ej bedömbart";
}

pxl_kpi_trend pxl_kpi_compare(const pxl_kpi *previous, const pxl_kpi *kpi)
{
    if (!previous || !kpi)
        return PXL_KPI_TREND_NOT_ASSESSABLE;
    pxl_value_kind before_kind, now_kind;
    double before, now;
    if (!level_of(&previous->current, &before_kind, &before) || !level_of(&kpi->current, &now_kind, &now))
        return PXL_KPI_TREND_NOT_ASSESSABLE;
    if (before_kind != now_kind) {
        if (before_kind == PXL_VALUE_NUMBER)
            before = as_fraction(before);
        else
            now = as_fraction(now);
    }
    if (level_equal(before, now))
        return PXL_KPI_UNCHANGED;
    pxl_direction want;
    pxl_kpi_assess(kpi, &want);
    if (want == PXL_DIRECTION_INCREASE)
        return now > before ? PXL_KPI_IMPROVED : PXL_KPI_WORSENED;
    if (want == PXL_DIRECTION_DECREASE)
        return now < before ? PXL_KPI_IMPROVED : PXL_KPI_WORSENED;
    /* Oförändrad, Bibehålla: any move is away from it */
    if (want == PXL_DIRECTION_UNCHANGED)
        return PXL_KPI_WORSENED;
    return PXL_KPI_TREND_NOT_ASSESSABLE;
}

const char *pxl_kpi_trend_name(pxl_kpi_trend trend)
{
    switch (trend) {
    case PXL_KPI_IMPROVED: return "förbättrat";
    case PXL_KPI_WORSENED: return "försämrat";
    case PXL_KPI_UNCHANGED: return "oförändrat";
    case PXL_KPI_TREND_NOT_ASSESSABLE: break;
    }
    return "ej bedömbart";
}
