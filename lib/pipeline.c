/*
 * pipeline.c - the compression worker thread (see pipeline.h).
 */
#include "internal.h"
#include "pipeline.h"

#include <stdlib.h>

/* Worker's side: collect compressed bytes of the job in flight. */
static fast_status collect(void *ctx, const void *data, size_t len)
{
    fx_pipeline *p = ctx;
    fx_pipe_out *o = &p->work;
    if (len > o->cap - o->len) {
        size_t cap = o->cap ? o->cap : 65536;
        while (cap - o->len < len)
            cap *= 2;
        unsigned char *d = realloc(o->data, cap);
        if (!d)
            return fx_fail(&p->err, FAST_ERROR_NOMEM, "cannot grow the compression thread's output to %zu bytes",
                           cap);
        o->data = d;
        o->cap = cap;
    }
    memcpy(o->data + o->len, data, len);
    o->len += len;
    return FAST_OK;
}

static void *worker(void *arg)
{
    fx_pipeline *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->has_job && !p->stop)
            pthread_cond_wait(&p->cv_job, &p->mu);
        if (!p->has_job)
            break; /* stopping, nothing left */
        pthread_mutex_unlock(&p->mu);
        fx_zip_encode(p->zip, p->buf, p->len, collect, p, &p->err); /* failures land in p->err */
        pthread_mutex_lock(&p->mu);
        p->has_job = 0;
        pthread_cond_signal(&p->cv_idle);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static fast_status drain_hook(void *ctx)
{
    return fx_pipeline_drain(ctx);
}

fast_status fx_pipeline_start(fx_pipeline *p, fx_zip *zip, fx_xmlbuf *xb, fx_error *main_err)
{
    size_t cap = xb->cap;
    memset(p, 0, sizeof *p);
    p->zip = zip;
    p->xb = xb;
    p->main_err = main_err;
    p->cap = cap;
    p->buf = malloc(cap);
    if (!p->buf)
        return fx_fail(main_err, FAST_ERROR_NOMEM, "cannot allocate the %zu-byte pipeline buffer", cap);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv_job, NULL);
    pthread_cond_init(&p->cv_idle, NULL);
    int e = pthread_create(&p->thread, NULL, worker, p);
    if (e != 0) {
        pthread_cond_destroy(&p->cv_idle);
        pthread_cond_destroy(&p->cv_job);
        pthread_mutex_destroy(&p->mu);
        free(p->buf);
        p->buf = NULL;
        return fx_fail(main_err, FAST_ERROR_THREAD, "cannot start the compression thread (error %d)", e);
    }
    p->running = 1;
    xb->out = fx_pipeline_out;
    xb->out_ctx = p;
    zip->drain = drain_hook;
    zip->drain_ctx = p;
    return FAST_OK;
}

/* Wait until the worker is idle and merge its errors into the workbook's. */
static fast_status wait_idle(fx_pipeline *p)
{
    pthread_mutex_lock(&p->mu);
    while (p->has_job)
        pthread_cond_wait(&p->cv_idle, &p->mu);
    pthread_mutex_unlock(&p->mu);
    if (p->err.status != FAST_OK && p->main_err->status == FAST_OK)
        *p->main_err = p->err;
    return p->main_err->status;
}

/* Caller's thread: hand the output of a finished job to the ZIP writer. */
static fast_status deliver(fx_pipeline *p, fx_pipe_out *o)
{
    fast_status st = p->main_err->status;
    if (st == FAST_OK && o->len)
        st = fx_zip_put(p->zip, o->data, o->len);
    o->len = 0;
    return st;
}

fast_status fx_pipeline_drain(fx_pipeline *p)
{
    fast_status st = wait_idle(p);
    if (st == FAST_OK)
        st = deliver(p, &p->ready);
    if (st == FAST_OK)
        st = deliver(p, &p->work);
    return st;
}

fast_status fx_pipeline_out(void *ctx, const void *data, size_t len)
{
    fx_pipeline *p = ctx;
    fast_status st = wait_idle(p);
    if (st != FAST_OK)
        return st;
    /* The worker's last output becomes ready; the emptied buffer takes the next. */
    st = deliver(p, &p->ready);
    if (st != FAST_OK)
        return st;
    fx_pipe_out t = p->ready;
    p->ready = p->work;
    p->work = t;
    if (data == p->xb->data) {
        unsigned char *full = (unsigned char *)p->xb->data;
        p->xb->data = (char *)p->buf;
        p->buf = full;
    } else {
        memcpy(p->buf, data, len);
    }
    p->len = len;
    pthread_mutex_lock(&p->mu);
    p->has_job = 1;
    pthread_cond_signal(&p->cv_job);
    pthread_mutex_unlock(&p->mu);
    /* Deliver the previous job's output while the worker compresses this one. */
    return deliver(p, &p->ready);
}

void fx_pipeline_stop(fx_pipeline *p)
{
    if (!p->running)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_signal(&p->cv_job);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    if (p->err.status != FAST_OK && p->main_err->status == FAST_OK)
        *p->main_err = p->err;
    p->zip->drain = NULL;
    p->zip->drain_ctx = NULL;
    pthread_cond_destroy(&p->cv_idle);
    pthread_cond_destroy(&p->cv_job);
    pthread_mutex_destroy(&p->mu);
    free(p->buf);
    free(p->work.data);
    free(p->ready.data);
    p->buf = NULL;
    p->work.data = p->ready.data = NULL;
    p->running = 0;
}
