/*
 * The changes between two plans (planxl/diff.h, docs/diff.md): measures matched by
 * match.c, then within each pair of measures the effect rows and KPIs matched by their
 * folded description and name, and every amount and KPI value compared.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "planxl/diff.h"
#include "util/error_internal.h"
#include "util/unicode.h"

struct pxl_diff {
    pxl_diff_change *changes;
    size_t count, cap;
};

/* An amount is kept to a hundredth of a tkr in any plan (ten kronor); closer is equal. Relative
 * for large sums, so a sum's rounding in the last bits is no change. */
static int numbers_equal(double a, double b)
{
    double scale = fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) <= 1e-9 * scale;
}

/* 1 when the folded texts are equal (0 also when out of memory: then the change is reported). */
static int texts_equal(const char *a, const char *b)
{
    char *x = pxl_fold_key(a ? a : ""), *y = pxl_fold_key(b ? b : "");
    int equal = x && y && !strcmp(x, y);
    free(x);
    free(y);
    return equal;
}

static int values_equal(const pxl_value *a, const pxl_value *b)
{
    if (a->kind != b->kind)
        return 0;
    switch (a->kind) {
    case PXL_VALUE_MISSING: return 1;
    case PXL_VALUE_NUMBER:
    case PXL_VALUE_PERCENT: return numbers_equal(a->number, b->number);
    case PXL_VALUE_DIRECTION: return a->direction == b->direction;
    case PXL_VALUE_TEXT:
    case PXL_VALUE_INVALID: return texts_equal(a->text, b->text);
    }
    return 0;
}

static pxl_diff_trend numbers_trend(double old_number, double new_number)
{
    if (numbers_equal(old_number, new_number))
        return PXL_DIFF_TREND_CHANGED;
    return new_number > old_number ? PXL_DIFF_TREND_INCREASED : PXL_DIFF_TREND_DECREASED;
}

static pxl_diff_trend values_trend(const pxl_value *a, const pxl_value *b)
{
    /* A number and a percent are not one scale ("0.54" against "54 %"): only like with like. */
    if (a->kind == b->kind && (a->kind == PXL_VALUE_NUMBER || a->kind == PXL_VALUE_PERCENT))
        return numbers_trend(a->number, b->number);
    return PXL_DIFF_TREND_CHANGED;
}

static pxl_diff_change *add_change(pxl_diff *diff, pxl_diff_kind kind)
{
    if (pxl_grow((void **)&diff->changes, &diff->cap, diff->count, sizeof *diff->changes))
        return NULL;
    pxl_diff_change *c = &diff->changes[diff->count++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    return c;
}

/* A side naming a measure of @p area at its Åtgärd cell. */
static void measure_side(pxl_diff_side *side, const pxl_area *area, const pxl_measure *m)
{
    side->present = 1;
    side->area = area->name;
    side->title = m->title;
    side->measure = m;
    side->has_cell = 1;
    side->cell = m->title_cell;
}

/* The sum of the readable amounts of @p m's effect rows in @p column; *complete 0 when one was not. */
static double measure_sum(const pxl_measure *m, pxl_diff_column column, int *complete)
{
    double sum = 0;
    for (size_t e = 0; e < m->effect_count; e++) {
        const pxl_value *v = column == PXL_DIFF_COLUMN_CURRENT_YEAR ? &m->effects[e]->current_year
                                                                     : &m->effects[e]->full_year;
        if (v->kind == PXL_VALUE_NUMBER)
            sum += v->number;
        else if (v->kind != PXL_VALUE_MISSING)
            *complete = 0;
    }
    return sum;
}

static const pxl_diff_column columns[] = {PXL_DIFF_COLUMN_CURRENT_YEAR, PXL_DIFF_COLUMN_FULL_YEAR};

/* The plan's Effekt year: the first measure's that names one (0 when none does). */
static int plan_year(const pxl_plan *plan)
{
    for (size_t a = 0; a < plan->area_count; a++)
        for (size_t m = 0; m < plan->areas[a]->measure_count; m++)
            if (plan->areas[a]->measures[m]->current_year)
                return plan->areas[a]->measures[m]->current_year;
    return 0;
}

/* The pair of effect rows (or KPIs) of two measures, by folded description (name), in order. */
typedef struct row_pairs {
    size_t *old_partner, *new_partner;
} row_pairs;

static void row_pairs_free(row_pairs *p)
{
    free(p->old_partner);
    free(p->new_partner);
}

static pxl_error pair_texts(row_pairs *p, const char *const *old_texts, size_t old_count,
                            const char *const *new_texts, size_t new_count)
{
    pxl_error err = PXL_ERR_NOMEM;
    char **old_keys = calloc(old_count ? old_count : 1, sizeof *old_keys);
    char **new_keys = calloc(new_count ? new_count : 1, sizeof *new_keys);
    p->old_partner = malloc((old_count ? old_count : 1) * sizeof *p->old_partner);
    p->new_partner = malloc((new_count ? new_count : 1) * sizeof *p->new_partner);
    if (!old_keys || !new_keys || !p->old_partner || !p->new_partner)
        goto done;
    for (size_t i = 0; i < old_count; i++) {
        p->old_partner[i] = PXL_NO_PARTNER;
        if (!(old_keys[i] = pxl_fold_key(old_texts[i])))
            goto done;
    }
    for (size_t j = 0; j < new_count; j++) {
        p->new_partner[j] = PXL_NO_PARTNER;
        if (!(new_keys[j] = pxl_fold_key(new_texts[j])))
            goto done;
    }
    err = pxl_pair_keys(old_keys, old_count, new_keys, new_count, p->old_partner, p->new_partner);
done:
    for (size_t i = 0; old_keys && i < old_count; i++)
        free(old_keys[i]);
    for (size_t j = 0; new_keys && j < new_count; j++)
        free(new_keys[j]);
    free(old_keys);
    free(new_keys);
    if (err != PXL_OK) {
        row_pairs_free(p);
        return pxl_fail_nomem();
    }
    return PXL_OK;
}

typedef struct measure_pair {
    const pxl_area *old_area, *new_area;
    const pxl_measure *old_m, *new_m;   /* NULL on the side it is missing from */
} measure_pair;

static void pair_sides(const measure_pair *p, pxl_diff_change *c)
{
    if (p->old_m)
        measure_side(&c->old_side, p->old_area, p->old_m);
    if (p->new_m)
        measure_side(&c->new_side, p->new_area, p->new_m);
}

static int pair_year(const measure_pair *p)
{
    return p->new_m && p->new_m->current_year ? p->new_m->current_year : p->old_m ? p->old_m->current_year : 0;
}

static pxl_error diff_effects(pxl_diff *diff, const measure_pair *p)
{
    const pxl_measure *o = p->old_m, *n = p->new_m;
    const char **old_texts = malloc((o->effect_count ? o->effect_count : 1) * sizeof *old_texts);
    const char **new_texts = malloc((n->effect_count ? n->effect_count : 1) * sizeof *new_texts);
    if (!old_texts || !new_texts) {
        free(old_texts);
        free(new_texts);
        return pxl_fail_nomem();
    }
    for (size_t i = 0; i < o->effect_count; i++)
        old_texts[i] = o->effects[i]->description;
    for (size_t j = 0; j < n->effect_count; j++)
        new_texts[j] = n->effects[j]->description;
    row_pairs rows;
    pxl_error err = pair_texts(&rows, old_texts, o->effect_count, new_texts, n->effect_count);
    free(old_texts);
    free(new_texts);
    if (err != PXL_OK)
        return err;
    /* In the new measure's order: each row's amounts, or that it is new; then the rows gone. */
    for (size_t j = 0; j < n->effect_count && err == PXL_OK; j++) {
        const pxl_effect *ne = n->effects[j];
        size_t i = rows.new_partner[j];
        if (i == PXL_NO_PARTNER) {
            pxl_diff_change *c = add_change(diff, PXL_DIFF_EFFECT_ADDED);
            if (!c) {
                err = pxl_fail_nomem();
                break;
            }
            pair_sides(p, c);
            c->old_side = (pxl_diff_side){0};
            c->new_side.item = ne->description;
            c->new_side.cell = ne->cell;
            continue;
        }
        const pxl_effect *oe = o->effects[i];
        for (size_t k = 0; k < 2; k++) {
            const pxl_value *ov = columns[k] == PXL_DIFF_COLUMN_CURRENT_YEAR ? &oe->current_year : &oe->full_year;
            const pxl_value *nv = columns[k] == PXL_DIFF_COLUMN_CURRENT_YEAR ? &ne->current_year : &ne->full_year;
            if (values_equal(ov, nv))
                continue;
            pxl_diff_change *c = add_change(diff, PXL_DIFF_EFFECT_AMOUNT);
            if (!c) {
                err = pxl_fail_nomem();
                break;
            }
            pair_sides(p, c);
            c->column = columns[k];
            c->year = columns[k] == PXL_DIFF_COLUMN_CURRENT_YEAR ? pair_year(p) : 0;
            c->trend = ov->kind == PXL_VALUE_NUMBER && nv->kind == PXL_VALUE_NUMBER ? numbers_trend(ov->number, nv->number)
                                                                                   : PXL_DIFF_TREND_CHANGED;
            c->old_side.item = oe->description;
            c->new_side.item = ne->description;
            c->old_side.cell = ov->cell;
            c->new_side.cell = nv->cell;
            c->old_side.value = ov;
            c->new_side.value = nv;
            c->old_side.amount = ov->kind == PXL_VALUE_NUMBER ? ov->number : 0;
            c->new_side.amount = nv->kind == PXL_VALUE_NUMBER ? nv->number : 0;
            c->old_side.complete = ov->kind == PXL_VALUE_NUMBER || ov->kind == PXL_VALUE_MISSING;
            c->new_side.complete = nv->kind == PXL_VALUE_NUMBER || nv->kind == PXL_VALUE_MISSING;
        }
    }
    for (size_t i = 0; i < o->effect_count && err == PXL_OK; i++) {
        if (rows.old_partner[i] != PXL_NO_PARTNER)
            continue;
        pxl_diff_change *c = add_change(diff, PXL_DIFF_EFFECT_REMOVED);
        if (!c) {
            err = pxl_fail_nomem();
            break;
        }
        pair_sides(p, c);
        c->new_side = (pxl_diff_side){0};
        c->old_side.item = o->effects[i]->description;
        c->old_side.cell = o->effects[i]->cell;
    }
    row_pairs_free(&rows);
    return err;
}

/* An amount change of a sum (measure, area, plan) when the sums differ. */
static pxl_error sum_change(pxl_diff *diff, pxl_diff_kind kind, pxl_diff_column column, int year, double old_sum,
                            int old_complete, double new_sum, int new_complete, pxl_diff_change **out)
{
    *out = NULL;
    if (numbers_equal(old_sum, new_sum))
        return PXL_OK;
    pxl_diff_change *c = add_change(diff, kind);
    if (!c)
        return pxl_fail_nomem();
    c->column = column;
    c->year = column == PXL_DIFF_COLUMN_CURRENT_YEAR ? year : 0;
    c->trend = numbers_trend(old_sum, new_sum);
    c->old_side.present = c->new_side.present = 1;
    c->old_side.amount = old_sum;
    c->new_side.amount = new_sum;
    c->old_side.complete = old_complete;
    c->new_side.complete = new_complete;
    *out = c;
    return PXL_OK;
}

static pxl_error diff_measure_sums(pxl_diff *diff, const measure_pair *p)
{
    for (size_t k = 0; k < 2; k++) {
        int old_complete = 1, new_complete = 1;
        double old_sum = measure_sum(p->old_m, columns[k], &old_complete);
        double new_sum = measure_sum(p->new_m, columns[k], &new_complete);
        pxl_diff_change *c;
        pxl_error err = sum_change(diff, PXL_DIFF_MEASURE_AMOUNT, columns[k], pair_year(p), old_sum, old_complete,
                                   new_sum, new_complete, &c);
        if (err != PXL_OK)
            return err;
        if (c) {
            pair_sides(p, c);
            c->old_side.amount = old_sum;
            c->new_side.amount = new_sum;
            c->old_side.complete = old_complete;
            c->new_side.complete = new_complete;
        }
    }
    return PXL_OK;
}

static pxl_error diff_kpis(pxl_diff *diff, const measure_pair *p)
{
    const pxl_measure *o = p->old_m, *n = p->new_m;
    const char **old_texts = malloc((o->kpi_count ? o->kpi_count : 1) * sizeof *old_texts);
    const char **new_texts = malloc((n->kpi_count ? n->kpi_count : 1) * sizeof *new_texts);
    if (!old_texts || !new_texts) {
        free(old_texts);
        free(new_texts);
        return pxl_fail_nomem();
    }
    for (size_t i = 0; i < o->kpi_count; i++)
        old_texts[i] = o->kpis[i]->name;
    for (size_t j = 0; j < n->kpi_count; j++)
        new_texts[j] = n->kpis[j]->name;
    row_pairs rows;
    pxl_error err = pair_texts(&rows, old_texts, o->kpi_count, new_texts, n->kpi_count);
    free(old_texts);
    free(new_texts);
    if (err != PXL_OK)
        return err;
    for (size_t j = 0; j < n->kpi_count && err == PXL_OK; j++) {
        const pxl_kpi *nk = n->kpis[j];
        size_t i = rows.new_partner[j];
        if (i == PXL_NO_PARTNER) {
            pxl_diff_change *c = add_change(diff, PXL_DIFF_KPI_ADDED);
            if (!c) {
                err = pxl_fail_nomem();
                break;
            }
            pair_sides(p, c);
            c->old_side = (pxl_diff_side){0};
            c->new_side.item = nk->name;
            c->new_side.cell = nk->cell;
            continue;
        }
        const pxl_kpi *ok = o->kpis[i];
        static const pxl_diff_kind kinds[] = {PXL_DIFF_KPI_TARGET, PXL_DIFF_KPI_CURRENT};
        for (size_t k = 0; k < 2; k++) {
            const pxl_value *ov = k == 0 ? &ok->target : &ok->current;
            const pxl_value *nv = k == 0 ? &nk->target : &nk->current;
            if (values_equal(ov, nv))
                continue;
            pxl_diff_change *c = add_change(diff, kinds[k]);
            if (!c) {
                err = pxl_fail_nomem();
                break;
            }
            pair_sides(p, c);
            c->trend = values_trend(ov, nv);
            c->old_side.item = ok->name;
            c->new_side.item = nk->name;
            c->old_side.cell = ov->cell;
            c->new_side.cell = nv->cell;
            c->old_side.value = ov;
            c->new_side.value = nv;
        }
    }
    for (size_t i = 0; i < o->kpi_count && err == PXL_OK; i++) {
        if (rows.old_partner[i] != PXL_NO_PARTNER)
            continue;
        pxl_diff_change *c = add_change(diff, PXL_DIFF_KPI_REMOVED);
        if (!c) {
            err = pxl_fail_nomem();
            break;
        }
        pair_sides(p, c);
        c->new_side = (pxl_diff_side){0};
        c->old_side.item = o->kpis[i]->name;
        c->old_side.cell = o->kpis[i]->cell;
    }
    row_pairs_free(&rows);
    return err;
}

/* Every change of one measure: its own, then its effect rows, sums and KPIs (a matched pair). */
static pxl_error diff_measure(pxl_diff *diff, const measure_pair *p, pxl_match_how how)
{
    static const pxl_diff_kind own[] = {
        [PXL_MATCH_MOVED] = PXL_DIFF_MEASURE_MOVED,
        [PXL_MATCH_RENAMED] = PXL_DIFF_MEASURE_RENAMED,
    };
    if (!p->old_m || !p->new_m) {
        pxl_diff_change *c = add_change(diff, p->new_m ? PXL_DIFF_MEASURE_ADDED : PXL_DIFF_MEASURE_REMOVED);
        if (!c)
            return pxl_fail_nomem();
        pair_sides(p, c);
        return PXL_OK;
    }
    if (how == PXL_MATCH_MOVED || how == PXL_MATCH_RENAMED) {
        pxl_diff_change *c = add_change(diff, own[how]);
        if (!c)
            return pxl_fail_nomem();
        pair_sides(p, c);
    }
    pxl_error err = diff_effects(diff, p);
    if (err == PXL_OK)
        err = diff_measure_sums(diff, p);
    if (err == PXL_OK)
        err = diff_kpis(diff, p);
    return err;
}

/* The sum of an area's readable amounts (NULL area: 0, complete). */
static double area_sum(const pxl_area *area, pxl_diff_column column, int *complete)
{
    double sum = 0;
    for (size_t m = 0; area && m < area->measure_count; m++)
        sum += measure_sum(area->measures[m], column, complete);
    return sum;
}

static pxl_error diff_area_sums(pxl_diff *diff, const pxl_area *old_area, const pxl_area *new_area, int year)
{
    for (size_t k = 0; k < 2; k++) {
        int old_complete = 1, new_complete = 1;
        double old_sum = area_sum(old_area, columns[k], &old_complete);
        double new_sum = area_sum(new_area, columns[k], &new_complete);
        pxl_diff_change *c;
        pxl_error err = sum_change(diff, PXL_DIFF_AREA_AMOUNT, columns[k], year, old_sum, old_complete, new_sum,
                                   new_complete, &c);
        if (err != PXL_OK)
            return err;
        if (c) {
            /* An area the other plan lacks sums to 0 there: present, no measures. */
            c->old_side.area = old_area ? old_area->name : new_area->name;
            c->new_side.area = new_area ? new_area->name : old_area->name;
        }
    }
    return PXL_OK;
}

static pxl_error diff_total_sums(pxl_diff *diff, const pxl_plan *old_plan, const pxl_plan *new_plan, int year)
{
    for (size_t k = 0; k < 2; k++) {
        int old_complete = 1, new_complete = 1;
        double old_sum = 0, new_sum = 0;
        for (size_t a = 0; a < old_plan->area_count; a++)
            old_sum += area_sum(old_plan->areas[a], columns[k], &old_complete);
        for (size_t a = 0; a < new_plan->area_count; a++)
            new_sum += area_sum(new_plan->areas[a], columns[k], &new_complete);
        pxl_diff_change *c;
        pxl_error err = sum_change(diff, PXL_DIFF_TOTAL_AMOUNT, columns[k], year, old_sum, old_complete, new_sum,
                                   new_complete, &c);
        if (err != PXL_OK)
            return err;
    }
    return PXL_OK;
}

/* The old plan's area of the same folded name as @p name, or NULL. */
static const pxl_area *find_area(const pxl_plan *plan, const char *name, size_t *index)
{
    for (size_t a = 0; a < plan->area_count; a++)
        if (texts_equal(plan->areas[a]->name, name)) {
            *index = a;
            return plan->areas[a];
        }
    return NULL;
}

/* The removed measures of old area @p a, in its order. */
static pxl_error diff_removed(pxl_diff *diff, const pxl_plan *old_plan, const pxl_measure_match *match, size_t a)
{
    for (size_t i = 0; i < match->old_side.count; i++) {
        if (match->old_side.area_of[i] != a || match->old_side.how[i] != PXL_MATCH_NONE)
            continue;
        measure_pair p = {old_plan->areas[a], NULL, match->old_side.measures[i], NULL};
        pxl_error err = diff_measure(diff, &p, PXL_MATCH_NONE);
        if (err != PXL_OK)
            return err;
    }
    return PXL_OK;
}

static pxl_error diff_all(pxl_diff *diff, const pxl_plan *old_plan, const pxl_plan *new_plan,
                          const pxl_measure_match *match)
{
    int year = plan_year(new_plan) ? plan_year(new_plan) : plan_year(old_plan);
    unsigned char *old_area_done = calloc(old_plan->area_count ? old_plan->area_count : 1, 1);
    if (!old_area_done)
        return pxl_fail_nomem();
    pxl_error err = PXL_OK;
    size_t k = 0; /* the new side's measures, in plan order: area by area */
    for (size_t a = 0; a < new_plan->area_count && err == PXL_OK; a++) {
        const pxl_area *new_area = new_plan->areas[a];
        size_t old_index = 0;
        const pxl_area *old_area = find_area(old_plan, new_area->name, &old_index);
        if (old_area && old_area_done[old_index])
            old_area = NULL; /* two new areas folding to one old name: the first takes it */
        for (size_t m = 0; m < new_area->measure_count && err == PXL_OK; m++, k++) {
            measure_pair p = {NULL, new_area, NULL, match->new_side.measures[k]};
            pxl_match_how how = match->new_side.how[k];
            if (how != PXL_MATCH_NONE) {
                size_t i = match->new_side.partner[k];
                p.old_area = old_plan->areas[match->old_side.area_of[i]];
                p.old_m = match->old_side.measures[i];
            }
            err = diff_measure(diff, &p, how);
        }
        if (err == PXL_OK && old_area) {
            old_area_done[old_index] = 1;
            err = diff_removed(diff, old_plan, match, old_index);
        }
        if (err == PXL_OK)
            err = diff_area_sums(diff, old_area, new_area, year);
    }
    for (size_t a = 0; a < old_plan->area_count && err == PXL_OK; a++) {
        if (old_area_done[a])
            continue;
        err = diff_removed(diff, old_plan, match, a);
        if (err == PXL_OK)
            err = diff_area_sums(diff, old_plan->areas[a], NULL, year);
    }
    free(old_area_done);
    if (err == PXL_OK)
        err = diff_total_sums(diff, old_plan, new_plan, year);
    return err;
}

pxl_error pxl_diff_plans(pxl_diff **out, const pxl_plan *old_plan, const pxl_plan *new_plan,
                         const pxl_diff_options *options)
{
    if (out)
        *out = NULL;
    if (!out || !old_plan || !new_plan || (options && options->version != PXL_DIFF_OPTIONS_VERSION))
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "pxl_diff_plans: a plan is missing, or the options are of another version");
    pxl_diff *diff = calloc(1, sizeof *diff);
    if (!diff)
        return pxl_fail_nomem();
    pxl_measure_match match;
    pxl_error err = pxl_match_measures(&match, old_plan, new_plan);
    if (err == PXL_OK) {
        err = diff_all(diff, old_plan, new_plan, &match);
        pxl_match_free(&match);
    }
    if (err != PXL_OK) {
        pxl_diff_free(diff);
        return err;
    }
    *out = diff;
    return PXL_OK;
}

void pxl_diff_free(pxl_diff *diff)
{
    if (!diff)
        return;
    free(diff->changes);
    free(diff);
}

size_t pxl_diff_count(const pxl_diff *diff)
{
    return diff ? diff->count : 0;
}

const pxl_diff_change *pxl_diff_get(const pxl_diff *diff, size_t index)
{
    return diff && index < diff->count ? &diff->changes[index] : NULL;
}

size_t pxl_diff_count_kind(const pxl_diff *diff, pxl_diff_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; diff && i < diff->count; i++)
        n += diff->changes[i].kind == kind;
    return n;
}

const char *pxl_diff_kind_name(pxl_diff_kind kind)
{
    static const char *const names[] = {
        [PXL_DIFF_MEASURE_ADDED] = "measure-added",   [PXL_DIFF_MEASURE_REMOVED] = "measure-removed",
        [PXL_DIFF_MEASURE_RENAMED] = "measure-renamed", [PXL_DIFF_MEASURE_MOVED] = "measure-moved",
        [PXL_DIFF_EFFECT_ADDED] = "effect-added",     [PXL_DIFF_EFFECT_REMOVED] = "effect-removed",
        [PXL_DIFF_EFFECT_AMOUNT] = "effect-amount",   [PXL_DIFF_MEASURE_AMOUNT] = "measure-amount",
        [PXL_DIFF_AREA_AMOUNT] = "area-amount",       [PXL_DIFF_TOTAL_AMOUNT] = "total-amount",
        [PXL_DIFF_KPI_ADDED] = "kpi-added",           [PXL_DIFF_KPI_REMOVED] = "kpi-removed",
        [PXL_DIFF_KPI_TARGET] = "kpi-target",         [PXL_DIFF_KPI_CURRENT] = "kpi-current",
    };
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "unknown";
}

const char *pxl_diff_column_name(pxl_diff_column column)
{
    switch (column) {
    case PXL_DIFF_COLUMN_CURRENT_YEAR: return "current_year";
    case PXL_DIFF_COLUMN_FULL_YEAR: return "full_year";
    case PXL_DIFF_COLUMN_NONE: break;
    }
    return "none";
}

const char *pxl_diff_trend_name(pxl_diff_trend trend)
{
    switch (trend) {
    case PXL_DIFF_TREND_INCREASED: return "increased";
    case PXL_DIFF_TREND_DECREASED: return "decreased";
    case PXL_DIFF_TREND_CHANGED: return "changed";
    case PXL_DIFF_TREND_NONE: break;
    }
    return "none";
}
