/*
 * pipeline.c - the compression workers (see pipeline.h).
 */
#include "internal.h"
#include "pipeline.h"

#include <stdlib.h>

enum { JOB_FREE, JOB_FILLING, JOB_QUEUED, JOB_RUNNING, JOB_DONE };

/* Worker's side: collect the compressed bytes of a job. */
static fast_status collect(void *ctx, const void *data, size_t len)
{
    fx_job *j = ctx;
    fx_pipe_out *o = &j->out;
    if (len > o->cap - o->len) {
        size_t cap = o->cap ? o->cap : 65536;
        while (cap - o->len < len)
            cap *= 2;
        unsigned char *d = realloc(o->data, cap);
        if (!d)
            return fx_fail(&j->err, FAST_ERROR_NOMEM, "cannot grow a compression worker's output to %zu bytes",
                           cap);
        o->data = d;
        o->cap = cap;
    }
    memcpy(o->data + o->len, data, len);
    o->len += len;
    return FAST_OK;
}

/* Worker's side: CRC-32 and, unless the entry is stored, the chunk's deflate
 * bytes, fed piece by piece exactly as lib/zip.c feeds them. */
static void run_job(fx_pipeline *p, fx_worker *w, fx_job *j)
{
    j->crc = fx_crc32(0, j->buf, j->total);
    const fx_zip *zip = p->zip;
    if (zip->level == 0)
        return; /* stored: the chunk is its own output */
    const fx_deflate_backend *be = zip->backend;
    fast_status st = be->chunk_begin(w->deflater, j->dict, j->dict_len);
    size_t at = 0;
    for (size_t k = 0; k < j->npieces && st == FAST_OK; k++) {
        st = be->chunk_feed(w->deflater, j->buf + at, j->pieces[k], 0, collect, j);
        at += j->pieces[k];
    }
    if (st == FAST_OK)
        st = be->chunk_feed(w->deflater, NULL, 0, 1, collect, j);
    if (st == FAST_ERROR_COMPRESSION)
        fx_fail(&j->err, st, "the %s compressor failed in ZIP entry '%s'", be->name,
                zip->records[zip->nrecords - 1].name);
}

static void *worker(void *arg)
{
    fx_worker *w = arg;
    fx_pipeline *p = w->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        /* The oldest queued job, so that output is ready in order. */
        fx_job *j = NULL;
        for (size_t k = 0, i = p->head; k < p->njobs; k++, i = (i + 1) % p->njobs)
            if (p->jobs[i].state == JOB_QUEUED) {
                j = &p->jobs[i];
                break;
            }
        if (!j) {
            if (p->stop)
                break;
            pthread_cond_wait(&p->cv_job, &p->mu);
            continue;
        }
        j->state = JOB_RUNNING;
        pthread_mutex_unlock(&p->mu);
        run_job(p, w, j);
        pthread_mutex_lock(&p->mu);
        j->state = JOB_DONE;
        pthread_cond_broadcast(&p->cv_done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static fast_status drain_hook(void *ctx)
{
    return fx_pipeline_drain(ctx);
}

static void free_jobs(fx_pipeline *p)
{
    for (size_t i = 0; p->jobs && i < p->njobs; i++) {
        free(p->jobs[i].buf);
        free(p->jobs[i].pieces);
        free(p->jobs[i].dict);
        free(p->jobs[i].out.data);
    }
    free(p->jobs);
    p->jobs = NULL;
}

fast_status fx_pipeline_start(fx_pipeline *p, fx_zip *zip, fx_xmlbuf *xb, size_t nworkers, fx_error *main_err)
{
    memset(p, 0, sizeof *p);
    p->zip = zip;
    p->xb = xb;
    p->main_err = main_err;
    p->nworkers = nworkers;
    p->njobs = nworkers + 1;
    p->jobs = calloc(p->njobs, sizeof *p->jobs);
    p->workers = calloc(nworkers, sizeof *p->workers);
    if (!p->jobs || !p->workers)
        goto nomem;
    for (size_t i = 0; i < p->njobs; i++) {
        fx_job *j = &p->jobs[i];
        j->cap = zip->chunk_bytes + xb->cap;
        j->cappieces = zip->chunk_bytes / xb->cap + 2;
        j->buf = malloc(j->cap);
        j->pieces = malloc(j->cappieces * sizeof *j->pieces);
        j->dict = malloc(FX_DEFLATE_DICT);
        if (!j->buf || !j->pieces || !j->dict)
            goto nomem;
    }
    for (size_t i = 0; i < nworkers; i++) {
        p->workers[i].p = p;
        if (zip->level > 0 && !(p->workers[i].deflater = zip->backend->create(zip->level)))
            goto nomem;
    }
    p->jobs[0].state = JOB_FILLING; /* before any worker looks */
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv_job, NULL);
    pthread_cond_init(&p->cv_done, NULL);
    p->running = 1; /* from here on fx_pipeline_stop() cleans up */
    for (size_t i = 0; i < nworkers; i++) {
        int e = pthread_create(&p->workers[i].thread, NULL, worker, &p->workers[i]);
        if (e != 0) {
            fx_pipeline_stop(p);
            return fx_fail(main_err, FAST_ERROR_THREAD, "cannot start compression worker %zu (error %d)", i + 1, e);
        }
        p->workers[i].started = 1;
    }
    p->xb_own = xb->data;
    xb->data = (char *)p->jobs[0].buf;
    xb->out = fx_pipeline_out;
    xb->out_ctx = p;
    zip->drain = drain_hook;
    zip->drain_ctx = p;
    return FAST_OK;
nomem:
    for (size_t i = 0; p->workers && i < nworkers; i++)
        if (p->workers[i].deflater)
            zip->backend->destroy(p->workers[i].deflater);
    free(p->workers);
    p->workers = NULL;
    free_jobs(p);
    return fx_fail(main_err, FAST_ERROR_NOMEM, "cannot allocate %zu compression workers' buffers", nworkers);
}

/* Caller's thread: wait for the oldest job and hand its output to the ZIP writer. */
static fast_status deliver_head(fx_pipeline *p)
{
    fx_job *j = &p->jobs[p->head];
    pthread_mutex_lock(&p->mu);
    while (j->state != JOB_DONE)
        pthread_cond_wait(&p->cv_done, &p->mu);
    pthread_mutex_unlock(&p->mu);
    fast_status st = p->main_err->status;
    if (j->err.status != FAST_OK && st == FAST_OK) {
        *p->main_err = j->err;
        st = j->err.status;
    }
    if (st == FAST_OK) {
        if (p->zip->level == 0)
            st = fx_zip_put_chunk(p->zip, j->crc, j->total, j->buf, j->total);
        else
            st = fx_zip_put_chunk(p->zip, j->crc, j->total, j->out.data, j->out.len);
    }
    j->total = j->npieces = j->out.len = 0;
    j->err.status = FAST_OK;
    pthread_mutex_lock(&p->mu);
    j->state = JOB_FREE;
    p->head = (p->head + 1) % p->njobs;
    pthread_mutex_unlock(&p->mu);
    return st;
}

/* Caller's thread: queue the job being filled and make the next one the job to
 * fill, delivering the oldest first when it is still in use. The XML buffer's
 * unflushed bytes (@keep of them) move along. */
static fast_status submit(fx_pipeline *p, size_t keep)
{
    fast_status st = FAST_OK;
    fx_job *j = &p->jobs[p->fill];
    pthread_mutex_lock(&p->mu);
    j->state = JOB_QUEUED;
    pthread_cond_signal(&p->cv_job);
    pthread_mutex_unlock(&p->mu);
    p->fill = (p->fill + 1) % p->njobs;
    fx_job *n = &p->jobs[p->fill];
    pthread_mutex_lock(&p->mu);
    int busy = n->state != JOB_FREE;
    pthread_mutex_unlock(&p->mu);
    if (busy) /* the ring is full: this is the oldest */
        st = deliver_head(p);
    pthread_mutex_lock(&p->mu);
    n->state = JOB_FILLING;
    pthread_mutex_unlock(&p->mu);
    if (keep)
        memcpy(n->buf, p->xb->data, keep);
    p->xb->data = (char *)n->buf;
    /* Output that is ready goes out now, without waiting. */
    while (st == FAST_OK && p->head != p->fill) {
        pthread_mutex_lock(&p->mu);
        int done = p->jobs[p->head].state == JOB_DONE;
        pthread_mutex_unlock(&p->mu);
        if (!done)
            break;
        st = deliver_head(p);
    }
    return st;
}

fast_status fx_pipeline_out(void *ctx, const void *data, size_t len)
{
    fx_pipeline *p = ctx;
    fast_status st = p->main_err->status;
    if (st != FAST_OK || len == 0)
        return st;
    fx_job *j = &p->jobs[p->fill];
    if (j->npieces == 0) { /* a new chunk: its dictionary is what came before */
        memcpy(j->dict, p->zip->dict ? p->zip->dict : j->dict, p->zip->dict ? p->zip->dict_len : 0);
        j->dict_len = p->zip->dict ? p->zip->dict_len : 0;
    }
    if ((const unsigned char *)data != j->buf + j->total)
        memcpy(j->buf + j->total, data, len);
    if (p->zip->dict)
        fx_zip_dict_update(p->zip->dict, &p->zip->dict_len, j->buf + j->total, len);
    if (j->npieces == j->cappieces) { /* small pieces (flushes): more of them */
        size_t *pc = realloc(j->pieces, 2 * j->cappieces * sizeof *pc);
        if (!pc)
            return fx_fail(p->main_err, FAST_ERROR_NOMEM, "out of memory for a compression job's pieces");
        j->pieces = pc;
        j->cappieces *= 2;
    }
    j->pieces[j->npieces++] = len;
    j->total += len;
    if (j->total >= p->zip->chunk_bytes)
        return submit(p, 0);
    p->xb->data = (char *)j->buf + j->total; /* render the next piece right after */
    return FAST_OK;
}

fast_status fx_pipeline_drain(fx_pipeline *p)
{
    fast_status st = p->main_err->status;
    if (p->jobs[p->fill].npieces > 0) {
        size_t keep = p->xb->len;
        st = submit(p, keep);
    }
    while (p->head != p->fill) {
        fast_status s2 = deliver_head(p);
        if (st == FAST_OK)
            st = s2;
    }
    return st == FAST_OK ? p->main_err->status : st;
}

void fx_pipeline_stop(fx_pipeline *p)
{
    if (!p->running)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_broadcast(&p->cv_job);
    pthread_mutex_unlock(&p->mu);
    for (size_t i = 0; i < p->nworkers; i++)
        if (p->workers[i].started)
            pthread_join(p->workers[i].thread, NULL);
    for (size_t i = 0; i < p->njobs; i++)
        if (p->jobs[i].err.status != FAST_OK && p->main_err->status == FAST_OK)
            *p->main_err = p->jobs[i].err;
    if (p->xb_own) {
        p->xb->data = p->xb_own;
        p->xb->len = 0;
    }
    p->zip->drain = NULL;
    p->zip->drain_ctx = NULL;
    for (size_t i = 0; i < p->nworkers; i++)
        if (p->workers[i].deflater)
            p->zip->backend->destroy(p->workers[i].deflater);
    free(p->workers);
    p->workers = NULL;
    free_jobs(p);
    pthread_cond_destroy(&p->cv_done);
    pthread_cond_destroy(&p->cv_job);
    pthread_mutex_destroy(&p->mu);
    p->running = 0;
}
