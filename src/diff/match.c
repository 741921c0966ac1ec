/* Matching the measures of two plans (match.h). */
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "util/error_internal.h"
#include "util/unicode.h"

typedef struct sorted_key {
    const char *key;
    size_t index;
} sorted_key;

static int compare_sorted(const void *a, const void *b)
{
    const sorted_key *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

pxl_error pxl_pair_keys(char *const *old_keys, size_t old_count, char *const *new_keys, size_t new_count,
                        size_t *old_partner, size_t *new_partner)
{
    sorted_key *sorted = malloc((new_count ? new_count : 1) * sizeof *sorted);
    if (!sorted)
        return pxl_fail_nomem();
    size_t n = 0;
    for (size_t j = 0; j < new_count; j++)
        if (new_keys[j] && new_partner[j] == PXL_NO_PARTNER)
            sorted[n++] = (sorted_key){new_keys[j], j};
    qsort(sorted, n, sizeof *sorted, compare_sorted);
    for (size_t i = 0; i < old_count; i++) {
        if (!old_keys[i] || old_partner[i] != PXL_NO_PARTNER)
            continue;
        /* The first entry of the key's run, then the first of it still free. */
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(sorted[mid].key, old_keys[i]) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < n && !strcmp(sorted[lo].key, old_keys[i]); lo++) {
            size_t j = sorted[lo].index;
            if (new_partner[j] == PXL_NO_PARTNER) {
                new_partner[j] = i;
                old_partner[i] = j;
                break;
            }
        }
    }
    free(sorted);
    return PXL_OK;
}

static size_t plan_measure_count(const pxl_plan *plan)
{
    size_t n = 0;
    for (size_t a = 0; a < plan->area_count; a++)
        n += plan->areas[a]->measure_count;
    return n;
}

static pxl_error side_init(pxl_match_side *side, const pxl_plan *plan)
{
    size_t n = plan_measure_count(plan), cap = n ? n : 1;
    side->count = n;
    side->measures = malloc(cap * sizeof *side->measures);
    side->area_of = malloc(cap * sizeof *side->area_of);
    side->partner = malloc(cap * sizeof *side->partner);
    side->how = calloc(cap, sizeof *side->how);
    if (!side->measures || !side->area_of || !side->partner || !side->how)
        return pxl_fail_nomem();
    size_t k = 0;
    for (size_t a = 0; a < plan->area_count; a++)
        for (size_t m = 0; m < plan->areas[a]->measure_count; m++) {
            side->measures[k] = plan->areas[a]->measures[m];
            side->area_of[k] = a;
            side->partner[k] = PXL_NO_PARTNER;
            k++;
        }
    return PXL_OK;
}

static void side_free(pxl_match_side *side)
{
    free(side->measures);
    free(side->area_of);
    free(side->partner);
    free(side->how);
    memset(side, 0, sizeof *side);
}

void pxl_match_free(pxl_measure_match *match)
{
    side_free(&match->old_side);
    side_free(&match->new_side);
}

/* A separator no cell text holds, between the parts of a composite key. */
#define KEY_SEPARATOR "\x1f"

/* Append @p text folded to the malloc'd *key (NULL: start one); 0 on success. */
static int key_append(char **key, const char *text)
{
    char *folded = pxl_fold_key(text);
    if (!folded)
        return -1;
    size_t have = *key ? strlen(*key) : 0, add = strlen(folded);
    char *grown = realloc(*key, have + add + sizeof KEY_SEPARATOR);
    if (!grown) {
        free(folded);
        return -1;
    }
    memcpy(grown + have, folded, add);
    memcpy(grown + have + add, KEY_SEPARATOR, sizeof KEY_SEPARATOR);
    *key = grown;
    free(folded);
    return 0;
}

typedef enum key_stage { KEY_AREA_TITLE, KEY_TITLE, KEY_AREA_SECTION_EFFECTS } key_stage;

/* The measure's key for @p stage into *key (NULL when it takes no part in that stage). */
static int measure_key(char **key, const pxl_measure *m, const char *area_name, key_stage stage)
{
    *key = NULL;
    int failed = 0;
    switch (stage) {
    case KEY_AREA_TITLE:
        /* An empty Åtgärd is a missing field (check), not a name to match by. */
        if (!m->title || !*m->title)
            return 0;
        failed = key_append(key, area_name) || key_append(key, m->title);
        break;
    case KEY_TITLE:
        if (!m->title || !*m->title)
            return 0;
        failed = key_append(key, m->title);
        break;
    case KEY_AREA_SECTION_EFFECTS:
        /* Without effect rows there is nothing but the Område to know it by: too little. */
        if (m->effect_count == 0)
            return 0;
        failed = key_append(key, area_name) || key_append(key, m->section);
        for (size_t e = 0; e < m->effect_count && !failed; e++)
            failed = key_append(key, m->effects[e]->description);
        break;
    }
    if (failed) {
        free(*key);
        *key = NULL;
        return -1;
    }
    /* A key of white space only names nothing. */
    if (*key && strspn(*key, KEY_SEPARATOR) == strlen(*key)) {
        free(*key);
        *key = NULL;
    }
    return 0;
}

static void keys_free(char **keys, size_t n)
{
    if (!keys)
        return;
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}

/* The keys of @p side's still unmatched measures for @p stage (NULL for matched ones). */
static char **stage_keys(const pxl_match_side *side, const pxl_plan *plan, key_stage stage)
{
    char **keys = calloc(side->count ? side->count : 1, sizeof *keys);
    if (!keys)
        return NULL;
    for (size_t i = 0; i < side->count; i++) {
        if (side->how[i] != PXL_MATCH_NONE)
            continue;
        if (measure_key(&keys[i], side->measures[i], plan->areas[side->area_of[i]]->name, stage) != 0) {
            keys_free(keys, side->count);
            return NULL;
        }
    }
    return keys;
}

static pxl_error match_stage(pxl_measure_match *match, const pxl_plan *old_plan, const pxl_plan *new_plan,
                             key_stage stage, pxl_match_how how)
{
    char **old_keys = stage_keys(&match->old_side, old_plan, stage);
    char **new_keys = old_keys ? stage_keys(&match->new_side, new_plan, stage) : NULL;
    if (!new_keys) {
        keys_free(old_keys, match->old_side.count);
        return pxl_fail_nomem();
    }
    pxl_error err = pxl_pair_keys(old_keys, match->old_side.count, new_keys, match->new_side.count,
                                  match->old_side.partner, match->new_side.partner);
    for (size_t i = 0; err == PXL_OK && i < match->old_side.count; i++) {
        size_t j = match->old_side.partner[i];
        if (j == PXL_NO_PARTNER || match->old_side.how[i] != PXL_MATCH_NONE)
            continue;
        match->old_side.how[i] = how;
        match->new_side.how[j] = how;
    }
    keys_free(old_keys, match->old_side.count);
    keys_free(new_keys, match->new_side.count);
    return err;
}

pxl_error pxl_match_measures(pxl_measure_match *match, const pxl_plan *old_plan, const pxl_plan *new_plan)
{
    memset(match, 0, sizeof *match);
    pxl_error err = side_init(&match->old_side, old_plan);
    if (err == PXL_OK)
        err = side_init(&match->new_side, new_plan);
    /* Most specific first: a measure keeps its own name and area before it is looked for elsewhere. */
    if (err == PXL_OK)
        err = match_stage(match, old_plan, new_plan, KEY_AREA_TITLE, PXL_MATCH_SAME);
    if (err == PXL_OK)
        err = match_stage(match, old_plan, new_plan, KEY_TITLE, PXL_MATCH_MOVED);
    if (err == PXL_OK)
        err = match_stage(match, old_plan, new_plan, KEY_AREA_SECTION_EFFECTS, PXL_MATCH_RENAMED);
    if (err != PXL_OK)
        pxl_match_free(match);
    return err;
}
