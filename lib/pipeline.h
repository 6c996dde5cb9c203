/*
 * pipeline.h - optional two-thread pipeline: the caller's thread produces XML,
 * one worker thread computes CRC-32, compresses and writes. Double-buffered: the
 * caller fills the next XML buffer while the worker handles a copy of the last
 * one, so memory stays bounded by two buffers.
 *
 * Errors: while a job is in flight, the ZIP writer and the sink record failures
 * in the pipeline's own fx_error; the caller's thread merges it into the
 * workbook's whenever it waits for the worker, so the workbook's error is only
 * ever written by the caller's thread.
 */
#ifndef FX_PIPELINE_H
#define FX_PIPELINE_H

#include "internal.h"

#include <pthread.h>

struct fx_zip;

typedef struct fx_pipeline {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv_job, cv_idle;
    int has_job, stop, running;
    unsigned char *buf;
    size_t cap, len;
    struct fx_zip *zip;
    fx_xmlbuf *xb;     /* the caller's XML buffer: full buffers are swapped, not copied */
    fx_error err;      /* failures of the worker's side */
    fx_error *main_err;
} fx_pipeline;

/* Start the worker for @xb's buffers (of @xb->cap bytes). Returns FAST_OK or
 * records and returns an error in @main_err. */
fast_status fx_pipeline_start(fx_pipeline *p, struct fx_zip *zip, fx_xmlbuf *xb, fx_error *main_err);
/* Caller's thread: wait until the worker is idle and merge its errors. */
fast_status fx_pipeline_wait(fx_pipeline *p);
/* Caller's thread: hand @len bytes to the worker. When @data is the XML
 * buffer's own, the worker takes that buffer and the XML buffer gets the
 * worker's previous one; other data is copied (@len <= cap). */
fast_status fx_pipeline_submit(fx_pipeline *p, const void *data, size_t len);
/* Stop and join the worker; safe to call on a pipeline that never started. */
void fx_pipeline_stop(fx_pipeline *p);

#endif /* FX_PIPELINE_H */
