/*
 * pipeline.c - the compression worker thread (see pipeline.h).
 */
#include "internal.h"
#include "pipeline.h"
#include "zip.h"

#include <stdlib.h>

/* Point the ZIP writer's and the sink's error records at @err. Only while the
 * worker is idle. */
static void route_errors(fx_pipeline *p, fx_error *err)
{
    p->zip->err = err;
    p->zip->sink->err = err;
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
        fx_zip_write(p->zip, p->buf, p->len); /* failures land in p->err */
        pthread_mutex_lock(&p->mu);
        p->has_job = 0;
        pthread_cond_signal(&p->cv_idle);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

fast_status fx_pipeline_start(fx_pipeline *p, struct fx_zip *zip, fx_xmlbuf *xb, fx_error *main_err)
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
    return FAST_OK;
}

fast_status fx_pipeline_wait(fx_pipeline *p)
{
    pthread_mutex_lock(&p->mu);
    while (p->has_job)
        pthread_cond_wait(&p->cv_idle, &p->mu);
    pthread_mutex_unlock(&p->mu);
    if (p->err.status != FAST_OK && p->main_err->status == FAST_OK)
        *p->main_err = p->err;
    route_errors(p, p->main_err);
    return p->main_err->status;
}

fast_status fx_pipeline_submit(fx_pipeline *p, const void *data, size_t len)
{
    fast_status st = fx_pipeline_wait(p);
    if (st != FAST_OK)
        return st;
    if (data == p->xb->data) {
        unsigned char *full = (unsigned char *)p->xb->data;
        p->xb->data = (char *)p->buf;
        p->buf = full;
    } else {
        memcpy(p->buf, data, len);
    }
    p->len = len;
    route_errors(p, &p->err);
    pthread_mutex_lock(&p->mu);
    p->has_job = 1;
    pthread_cond_signal(&p->cv_job);
    pthread_mutex_unlock(&p->mu);
    return FAST_OK;
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
    route_errors(p, p->main_err);
    pthread_cond_destroy(&p->cv_idle);
    pthread_cond_destroy(&p->cv_job);
    pthread_mutex_destroy(&p->mu);
    free(p->buf);
    p->buf = NULL;
    p->running = 0;
}
