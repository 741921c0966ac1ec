/* A bump allocator: many small objects, freed all at once with their owner. */
#ifndef PLANXL_ARENA_H
#define PLANXL_ARENA_H

#include <stddef.h>

typedef struct pxl_arena_block pxl_arena_block;

typedef struct pxl_arena {
    pxl_arena_block *head;
} pxl_arena;

/* Zeroed memory aligned for any type, or NULL when out of memory. */
void *pxl_arena_alloc(pxl_arena *arena, size_t size);
/* A copy of @p len bytes of @p s plus a NUL, or NULL. */
char *pxl_arena_strndup(pxl_arena *arena, const char *s, size_t len);
void pxl_arena_free(pxl_arena *arena);

#endif
