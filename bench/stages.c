/*
 * stages.c - for bench_write --render workers: the one internal setting the
 * benchmark touches. With it the caller's thread never renders row batches
 * itself (lib/pipeline.c), so its CPU time is the preparing stage alone and the
 * workers' is rendering and compression; the scaling table in bench/README.md
 * splits the stages with it. Compiled with -Ilib, apart from bench_write.c,
 * which uses only the public API.
 */
#include "internal.h"
#include "workbook.h"

void bench_render_on_workers(fast_workbook *wb);

/* Call after the first worksheet is added (the workers start then). */
void bench_render_on_workers(fast_workbook *wb)
{
    if (wb->pipe.running)
        wb->pipe.self_render = 0;
}
