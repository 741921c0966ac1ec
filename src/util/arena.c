/* A bump allocator for the plan model: no per-object free, one free at the end. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define ARENA_BLOCK_SIZE 16384

struct pxl_arena_block {
    pxl_arena_block *next;
    size_t used, size;
    max_align_t data[];
};

void *pxl_arena_alloc(pxl_arena *arena, size_t size)
{
    const size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    pxl_arena_block *b = arena->head;
    if (!b || b->size - b->used < size) {
        size_t want = size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE;
        b = malloc(sizeof *b + want);
        if (!b)
            return NULL;
        b->next = arena->head;
        b->used = 0;
        b->size = want;
        arena->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *pxl_arena_strndup(pxl_arena *arena, const char *s, size_t len)
{
    char *p = pxl_arena_alloc(arena, len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

void pxl_arena_free(pxl_arena *arena)
{
    pxl_arena_block *b = arena->head;
    while (b) {
        pxl_arena_block *next = b->next;
        free(b);
        b = next;
    }
    arena->head = NULL;
}
