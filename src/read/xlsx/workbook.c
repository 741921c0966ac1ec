/*
 * The workbook part: found through the package relationships (_rels/.rels), its own
 * relationships (which part each sheet is, where the styles and shared strings are), the
 * sheets in workbook order with their state, the date system and the defined names.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error_internal.h"
#include "xlsx.h"
#include "xml.h"

/* Relationship types end in these (transitional and strict namespaces differ before them). */
static int type_is(const char *type, const char *suffix)
{
    size_t n = type ? strlen(type) : 0, s = strlen(suffix);
    return n >= s && !strcmp(type + n - s, suffix) && (n == s || type[n - s - 1] == '/');
}

char *pxl_xlsx_resolve(const char *source, const char *target)
{
    size_t cap = strlen(source) + strlen(target) + 2;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    out[0] = '\0';
    if (target[0] == '/') {
        target++;
    } else {
        const char *slash = strrchr(source, '/');
        if (slash) {
            memcpy(out, source, (size_t)(slash - source + 1));
            out[slash - source + 1] = '\0';
        }
    }
    /* Append target segment by segment, folding "." and "..". */
    const char *p = target;
    while (*p) {
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 2 && !strncmp(p, "..", 2)) {
            size_t n = strlen(out);
            if (n)
                n--; /* the trailing '/' */
            while (n && out[n - 1] != '/')
                n--;
            out[n] = '\0';
        } else if (!(len == 1 && p[0] == '.') && len) {
            strncat(out, p, len);
            if (e)
                strcat(out, "/");
        }
        p = e ? e + 1 : p + len;
    }
    return out;
}

typedef struct rel {
    char *id, *type, *target;
} rel;

typedef struct rels_reader {
    const char *source;
    rel *rels;
    size_t count, cap;
} rels_reader;

static void free_rels(rels_reader *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->rels[i].id);
        free(r->rels[i].type);
        free(r->rels[i].target);
    }
    free(r->rels);
}

static void rels_start(pxl_xml *x, const char *name, const char **attrs)
{
    rels_reader *r = x->ctx;
    if (strcmp(name, "Relationship"))
        return;
    const char *id = pxl_xml_attr(attrs, "Id"), *type = pxl_xml_attr(attrs, "Type");
    const char *target = pxl_xml_attr(attrs, "Target"), *mode = pxl_xml_attr(attrs, "TargetMode");
    if (!id || !target || (mode && !strcmp(mode, "External")))
        return;
    if (r->count >= PXL_XLSX_MAX_ENTRIES) {
        pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: more than %d relationships: refused", x->path, x->part,
                                 PXL_XLSX_MAX_ENTRIES));
        return;
    }
    if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        rel *n = realloc(r->rels, cap * sizeof *n);
        if (!n) {
            pxl_xml_stop(x, pxl_fail_nomem());
            return;
        }
        r->rels = n;
        r->cap = cap;
    }
    rel *o = &r->rels[r->count];
    o->id = strdup(id);
    o->type = strdup(type ? type : "");
    o->target = pxl_xlsx_resolve(r->source, target);
    r->count++;
    if (!o->id || !o->type || !o->target)
        pxl_xml_stop(x, pxl_fail_nomem());
}

/* The relationships part of @p source ("xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"). */
static pxl_error read_rels(pxl_xlsx_book *book, const char *source, rels_reader *r, int required)
{
    const char *slash = strrchr(source, '/');
    size_t dir = slash ? (size_t)(slash - source + 1) : 0;
    size_t len = strlen(source) + sizeof "_rels/" + sizeof ".rels";
    char *part = malloc(len);
    if (!part)
        return pxl_fail_nomem();
    snprintf(part, len, "%.*s_rels/%s.rels", (int)dir, source, source + dir);
    memset(r, 0, sizeof *r);
    r->source = source;
    pxl_error e = PXL_OK;
    if (required || pxl_zip_has(book->zip, part)) {
        pxl_xml x = { .start = rels_start, .ctx = r };
        e = pxl_xml_parse(book->zip, part, &x);
        pxl_xml_free(&x);
    }
    free(part);
    return e;
}

static const rel *find_rel(const rels_reader *r, const char *id, const char *type)
{
    for (size_t i = 0; i < r->count; i++)
        if ((!id || !strcmp(r->rels[i].id, id)) && (!type || type_is(r->rels[i].type, type)))
            return &r->rels[i];
    return NULL;
}

/* Every <sheet> of the workbook, worksheets or not: a defined name's localSheetId counts them all. */
typedef struct all_sheet {
    char *name, *rid;
    pxl_xlsx_state state;
} all_sheet;

typedef struct defined {
    char *name;
    long local; /* -1: workbook-wide */
    int hidden, macro;
} defined;

typedef struct workbook_reader {
    pxl_xlsx_book *book;
    all_sheet *sheets;
    size_t sheet_count, sheet_cap;
    defined *names;
    char **formulas;
    size_t name_count, name_cap;
    int in_name;
} workbook_reader;

static int truthy(const char *v)
{
    return v && (!strcmp(v, "1") || !strcmp(v, "true"));
}

static void *grow(void *p, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return p;
    size_t n = *cap ? *cap * 2 : 8;
    void *q = realloc(p, n * size);
    if (q)
        *cap = n;
    return q;
}

static void workbook_start(pxl_xml *x, const char *name, const char **attrs)
{
    workbook_reader *w = x->ctx;
    if (!strcmp(name, "workbookPr")) {
        w->book->date1904 = truthy(pxl_xml_attr(attrs, "date1904"));
    } else if (!strcmp(name, "sheet")) {
        const char *n = pxl_xml_attr(attrs, "name"), *rid = pxl_xml_attr(attrs, "id");
        const char *state = pxl_xml_attr(attrs, "state");
        if (w->sheet_count >= PXL_XLSX_MAX_ENTRIES) {
            pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: more than %d sheets: refused", x->path, x->part,
                                     PXL_XLSX_MAX_ENTRIES));
            return;
        }
        all_sheet *s = grow(w->sheets, &w->sheet_cap, w->sheet_count, sizeof *s);
        if (!s) {
            pxl_xml_stop(x, pxl_fail_nomem());
            return;
        }
        w->sheets = s;
        s = &w->sheets[w->sheet_count++];
        s->name = strdup(n ? n : "");
        s->rid = strdup(rid ? rid : "");
        s->state = !state ? PXL_XLSX_VISIBLE : !strcmp(state, "veryHidden") ? PXL_XLSX_VERY_HIDDEN
                 : !strcmp(state, "hidden") ? PXL_XLSX_HIDDEN : PXL_XLSX_VISIBLE;
        if (!s->name || !s->rid)
            pxl_xml_stop(x, pxl_fail_nomem());
    } else if (!strcmp(name, "definedName")) {
        const char *n = pxl_xml_attr(attrs, "name"), *local = pxl_xml_attr(attrs, "localSheetId");
        if (!n)
            return;
        if (w->name_count >= PXL_XLSX_MAX_ENTRIES) {
            pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: more than %d defined names: refused", x->path,
                                     x->part, PXL_XLSX_MAX_ENTRIES));
            return;
        }
        size_t cap = w->name_cap;
        defined *d = grow(w->names, &cap, w->name_count, sizeof *d);
        if (d)
            w->names = d;
        char **f = d ? grow(w->formulas, &w->name_cap, w->name_count, sizeof *f) : NULL;
        if (!f) {
            pxl_xml_stop(x, pxl_fail_nomem());
            return;
        }
        w->formulas = f;
        d = &w->names[w->name_count];
        d->name = strdup(n);
        d->local = local ? strtol(local, NULL, 10) : -1;
        d->hidden = truthy(pxl_xml_attr(attrs, "hidden"));
        d->macro = truthy(pxl_xml_attr(attrs, "function")) || truthy(pxl_xml_attr(attrs, "vbProcedure")) ||
                   truthy(pxl_xml_attr(attrs, "xlm"));
        w->formulas[w->name_count] = NULL;
        w->name_count++;
        if (!d->name)
            pxl_xml_stop(x, pxl_fail_nomem());
        w->in_name = 1;
        pxl_xml_keep_text(x);
    }
}

static void workbook_end(pxl_xml *x, const char *name)
{
    workbook_reader *w = x->ctx;
    if (w->in_name && !strcmp(name, "definedName")) {
        w->in_name = 0;
        pxl_xml_stop_text(x);
        if (x->text_len && !(w->formulas[w->name_count - 1] = strdup(x->text)))
            pxl_xml_stop(x, pxl_fail_nomem());
    }
}

/* Excel's built-in names are stored as "_xlnm.Print_Area"; the grid gives "Print_Area", as the BIFF reader does. */
#define PXL_XLNM_PREFIX "_xlnm."

static pxl_error fill_defined(workbook_reader *w, pxl_grid *grid)
{
    if (!w->name_count)
        return PXL_OK;
    pxl_defined_name *out = calloc(w->name_count, sizeof *out);
    if (!out)
        return pxl_fail_nomem();
    grid->defined = out;
    grid->defined_count = w->name_count;
    for (size_t i = 0; i < w->name_count; i++) {
        defined *d = &w->names[i];
        pxl_defined_name *o = &out[i];
        int builtin = !strncmp(d->name, PXL_XLNM_PREFIX, strlen(PXL_XLNM_PREFIX));
        o->name = strdup(builtin ? d->name + strlen(PXL_XLNM_PREFIX) : d->name);
        o->builtin = builtin;
        o->hidden = d->hidden;
        o->macro = d->macro;
        if (d->local >= 0 && (size_t)d->local < w->sheet_count) {
            o->sheet = strdup(w->sheets[d->local].name);
            if (!o->sheet)
                return pxl_fail_nomem();
        } else if (d->local >= 0) {
            o->why = "it belongs to a sheet the workbook does not have";
        }
        if (!o->why && w->formulas[i]) {
            o->formula = w->formulas[i];
            w->formulas[i] = NULL;
        } else if (!o->why) {
            o->why = "it stands for nothing (no formula)";
        }
        if (!o->name)
            return pxl_fail_nomem();
    }
    return PXL_OK;
}

static void free_workbook_reader(workbook_reader *w)
{
    for (size_t i = 0; i < w->sheet_count; i++) {
        free(w->sheets[i].name);
        free(w->sheets[i].rid);
    }
    free(w->sheets);
    for (size_t i = 0; i < w->name_count; i++) {
        free(w->names[i].name);
        free(w->formulas[i]);
    }
    free(w->names);
    free(w->formulas);
}

/* The workbook part's name: the package's officeDocument relationship, else Excel's usual place. */
static pxl_error workbook_part(pxl_xlsx_book *book, char **part)
{
    rels_reader root;
    pxl_error e = read_rels(book, "", &root, 0);
    if (e) {
        free_rels(&root);
        return e;
    }
    const rel *r = find_rel(&root, NULL, "officeDocument");
    *part = strdup(r ? r->target : "xl/workbook.xml");
    free_rels(&root);
    return *part ? PXL_OK : pxl_fail_nomem();
}

pxl_error pxl_xlsx_read_workbook(pxl_xlsx_book *book, pxl_grid *grid)
{
    char *part = NULL;
    pxl_error e = workbook_part(book, &part);
    if (e)
        return e;
    rels_reader rels;
    workbook_reader w = { .book = book };
    e = read_rels(book, part, &rels, 1);
    if (e == PXL_OK) {
        pxl_xml x = { .start = workbook_start, .end = workbook_end, .ctx = &w };
        e = pxl_xml_parse(book->zip, part, &x);
        pxl_xml_free(&x);
    }
    if (e == PXL_OK && w.sheet_count && !(book->sheets = calloc(w.sheet_count, sizeof *book->sheets)))
        e = pxl_fail_nomem();
    /* Worksheets only (grid.h): chart sheets, dialog and macro sheets are left out. */
    for (size_t i = 0; e == PXL_OK && i < w.sheet_count; i++) {
        const rel *r = find_rel(&rels, w.sheets[i].rid, NULL);
        if (!r || !type_is(r->type, "worksheet")) {
            pxl_other_sheet kind = !r                                 ? PXL_OTHER_UNKNOWN
                                   : type_is(r->type, "chartsheet")   ? PXL_OTHER_CHART
                                   : type_is(r->type, "dialogsheet")  ? PXL_OTHER_DIALOG
                                   : type_is(r->type, "xlMacrosheet") || type_is(r->type, "xlIntlMacrosheet")
                                       ? PXL_OTHER_MACRO
                                       : PXL_OTHER_UNKNOWN;
            e = pxl_grid_add_other_sheet(grid, w.sheets[i].name, kind);
            continue;
        }
        pxl_xlsx_sheet *s = &book->sheets[book->sheet_count];
        if (!(s->name = strdup(w.sheets[i].name)) || !(s->part = strdup(r->target))) {
            free(s->name);
            e = pxl_fail_nomem();
            break;
        }
        s->state = w.sheets[i].state;
        book->sheet_count++;
        e = pxl_grid_add_sheet(grid, s->name);
    }
    if (e == PXL_OK && w.sheet_count == 0)
        e = pxl_fail(PXL_ERR_CORRUPT, "%s: %s: the workbook lists no sheets", book->path, part);
    if (e == PXL_OK && book->sheet_count == 0)
        e = pxl_fail(PXL_ERR_UNSUPPORTED, "%s: holds no worksheet, only %zu chart, macro or dialog sheet(s), "
                     "which planxl does not read", book->path, w.sheet_count);
    if (e == PXL_OK) {
        const rel *styles = find_rel(&rels, NULL, "styles"), *strings = find_rel(&rels, NULL, "sharedStrings");
        if ((styles && !(book->styles_part = strdup(styles->target))) ||
            (strings && !(book->strings_part = strdup(strings->target))))
            e = pxl_fail_nomem();
    }
    if (e == PXL_OK)
        e = fill_defined(&w, grid);
    free_workbook_reader(&w);
    free_rels(&rels);
    free(part);
    return e;
}
