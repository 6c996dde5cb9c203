/*
 * pipeline.h - the optional compression thread. It sits between the XML buffer
 * and the ZIP framing, and data flows one way: the caller's thread fills XML
 * buffers; the worker computes CRC-32 and compresses each full buffer into an
 * output buffer; the caller's thread hands that output to the ZIP writer and so
 * to the sink. The worker never touches the sink: the write callback, file and
 * descriptor writes all happen on the caller's thread, inside the fast_workbook_*
 * calls (bindings whose callbacks must run on their own thread rely on this).
 *
 * Double-buffered both ways: while the worker compresses one XML buffer, the
 * caller fills the next and delivers the output of the one before. Memory stays
 * bounded by two XML buffers and two output buffers (each about the size of the
 * compressed data of one XML buffer).
 *
 * Errors: the worker records its failures (compression, memory) in the
 * pipeline's own fx_error; the caller's thread merges it into the workbook's
 * whenever it waits for the worker, so the workbook's error is only ever written
 * by the caller's thread.
 */
#ifndef FX_PIPELINE_H
#define FX_PIPELINE_H

#include "internal.h"
#include "zip.h"

#include <pthread.h>

typedef struct fx_pipe_out {
    unsigned char *data;
    size_t len, cap;
} fx_pipe_out;

typedef struct fx_pipeline {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv_job, cv_idle;
    int has_job, stop, running;
    unsigned char *buf; /* the XML being compressed */
    size_t cap, len;
    fx_pipe_out work;    /* the worker's output for the job in flight */
    fx_pipe_out ready;   /* output of the previous job, for the caller to deliver */
    fx_zip *zip;
    fx_xmlbuf *xb;       /* the caller's XML buffer: full buffers are swapped, not copied */
    fx_error err;        /* failures of the worker's side */
    fx_error *main_err;
} fx_pipeline;

/* Start the worker for @xb's buffers (of @xb->cap bytes) and route @xb's output
 * through it (xb->out). Returns FAST_OK or records and returns an error in
 * @main_err. */
fast_status fx_pipeline_start(fx_pipeline *p, fx_zip *zip, fx_xmlbuf *xb, fx_error *main_err);
/* Caller's thread: wait until the worker is idle, merge its errors and deliver
 * all compressed output to the ZIP writer. Afterwards the ZIP writer may frame. */
fast_status fx_pipeline_drain(fx_pipeline *p);
/* An fx_out_fn (ctx: the pipeline), caller's thread: hand @len bytes to the
 * worker. When @data is the XML buffer's own, the worker takes that buffer and
 * the XML buffer gets the worker's previous one; other data is copied (@len <= cap). */
fast_status fx_pipeline_out(void *ctx, const void *data, size_t len);
/* Stop and join the worker; safe to call on a pipeline that never started. */
void fx_pipeline_stop(fx_pipeline *p);

#endif /* FX_PIPELINE_H */
