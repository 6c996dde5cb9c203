/*
 * pipeline.h - the workers. They sit between the worksheet writer and the ZIP
 * framing, and data flows one way: the caller's thread fills jobs, the workers
 * turn each job into compressed entry data, and the caller's thread hands those
 * outputs, in order, to the ZIP writer and so to the sink. The workers never
 * touch the sink: the write callback, file and descriptor writes all happen on
 * the caller's thread, inside the fast_workbook_* calls (bindings whose
 * callbacks must run on their own thread rely on this).
 *
 * Two kinds of job:
 * - XML jobs: the caller renders straight into the job's buffer, one XML buffer
 *   at a time (each flush of the XML buffer is one piece); the job is handed to
 *   the workers when it holds fx_zip.chunk_bytes or more, or when the ZIP writer
 *   syncs (a flush, the end of an entry). Parts other than worksheet rows (and
 *   rows held back to fit column widths) go this way.
 * - Row jobs: worksheet rows prepared by the caller's thread (checked, cellXfs
 *   and SST indexes looked up, lib/render.h) and copied into a row batch of
 *   one XML buffer's size; the worker renders the batch's XML
 *   (fx_batch_render) into the job's buffer, then compresses it.
 * Each job is one deflate chunk: compressed on its own with the FX_DEFLATE_DICT
 * bytes before it as its dictionary, ended with a sync flush
 * (fx_deflate_backend.chunk_begin), its CRC-32 combined in order on the caller's
 * thread. A row job's dictionary is the end of the job before it, which another
 * worker may still be rendering: the worker waits for that job's XML (not for
 * its compression), takes the dictionary, and only then may the job before it
 * be delivered. Chunk boundaries depend only on the rows, the buffer size and
 * the flushes, so the package does not depend on the number of workers nor on
 * which one did what.
 *
 * The caller's thread works too: while the workers are behind it renders a row
 * job itself as the rows come (no copy into the batch), and rather than wait
 * for the oldest job it runs the oldest waiting one (help()).
 *
 * Memory: @nworkers + 3 jobs, each with a buffer of FX_ZIP_CHUNK_BUFFERS + 1 XML
 * buffers (grown while rendering a batch whose XML is larger), a row batch, a
 * dictionary (FX_DEFLATE_DICT) and an output buffer (about the compressed size of a
 * chunk), and one compressor per worker and one for the caller's thread.
 *
 * Errors: a worker records its failures (compression, memory) in its job; the
 * caller's thread merges them into the workbook's error when it delivers the
 * job, so the workbook's error is only ever written by the caller's thread.
 */
#ifndef FX_PIPELINE_H
#define FX_PIPELINE_H

#include "internal.h"
#include "render.h"
#include "xmlbuf.h"
#include "zip.h"

#include <pthread.h>

/* Most workers (fast_workbook_set_threads() takes one more: the caller's thread). */
#define FX_PIPELINE_MAX_WORKERS 63

typedef struct fx_pipe_out {
    unsigned char *data;
    size_t len, cap;
} fx_pipe_out;

typedef struct fx_job {
    int state;              /* FREE, FILLING, QUEUED, RUNNING, DONE (pipeline.c) */
    int rows;               /* a row job: @batch holds its rows, the worker renders them into @buf */
    int self;               /* a row job the caller's thread renders into @buf as the rows come */
    size_t row_bytes;       /* the row job's rows, as fx_batch_row_bytes() counts them */
    unsigned char *buf;     /* the chunk's XML: the pieces one after another, or the rendered rows */
    size_t cap, total;
    size_t *pieces;         /* the length of each piece, as the caller gave them */
    size_t npieces, cappieces;
    fx_batch batch;         /* a row job's rows */
    unsigned char *dict;    /* the FX_DEFLATE_DICT bytes before the chunk */
    size_t dict_len;
    /* A row job whose dictionary is the end of @prev (a row job still in
     * flight): @dict_ready once taken. @rendered: @buf holds the whole XML. */
    struct fx_job *prev, *next;
    int dict_ready, rendered;

    fx_pipe_out out;        /* the compressed chunk */
    uint32_t crc;           /* CRC-32 of the chunk */
    fx_error err;           /* a worker's failure */
} fx_job;

struct fx_pipeline;

/* Where a row job's XML is rendered: its buffer, through @xb (lib/pipeline.c). */
typedef struct fx_render_ctx {
    fx_job *j;
    fx_xmlbuf *xb;
} fx_render_ctx;

typedef struct fx_worker {
    pthread_t thread;
    fx_deflater *deflater;
    struct fx_pipeline *p;
    int started;
} fx_worker;

typedef struct fx_pipeline {
    pthread_mutex_t mu;
    pthread_cond_t cv_job, cv_done, cv_dict; /* a job queued; a job done (the caller waits); XML or a dictionary ready (workers wait) */
    int stop, running;
    fx_worker *workers;
    size_t nworkers;
    fx_worker self;         /* the caller's thread's compressor, for the jobs it runs itself */
    fx_job *jobs;           /* a ring: head .. fill in order */
    size_t njobs, head, fill;
    fx_job *chain;          /* the last row job handed over and not yet delivered */
    size_t batch_bytes;     /* a row job is handed over once its rows take this many batch bytes */
    size_t xb_cap;          /* the XML buffer's capacity, for the workers' rendering */
    fx_xmlbuf rxb;          /* the caller's thread rendering a row job itself */
    /* Whether the caller's thread renders row jobs itself: -1 (the default) while
     * the workers are behind; for tests and the benchmark's stages, 1 always, 0
     * never (nor does it run queued jobs while it waits). */
    int self_render;
    fx_render_ctx rctx;
    fx_zip *zip;
    fx_xmlbuf *xb;          /* the caller's XML buffer: it points into the job being filled */
    char *xb_own;           /* its own buffer, given back when the pipeline stops */
    fx_error *main_err;
} fx_pipeline;

/* Start @nworkers (1..FX_PIPELINE_MAX_WORKERS) workers for @xb's buffers and
 * route @xb's output through them (xb->out). Returns FAST_OK or records and
 * returns an error in @main_err. */
fast_status fx_pipeline_start(fx_pipeline *p, fx_zip *zip, fx_xmlbuf *xb, size_t nworkers, fx_error *main_err);
/* Caller's thread: hand the chunk being filled to the workers, wait for all of
 * them, merge their errors and deliver all compressed output to the ZIP writer.
 * Afterwards the ZIP writer may frame. */
fast_status fx_pipeline_drain(fx_pipeline *p);
/* An fx_out_fn (ctx: the pipeline), caller's thread: @len (<= the XML buffer's
 * capacity) more bytes of the open entry. The XML buffer's own data is taken
 * where it was rendered, in the job's buffer; other data is copied. */
fast_status fx_pipeline_out(void *ctx, const void *data, size_t len);
/* Caller's thread: append prepared row @r (its cells @c, texts at their
 * addresses: they are copied) to the open entry, after whatever XML came before.
 * The row is rendered by a worker. */
fast_status fx_pipeline_put_row(fx_pipeline *p, const fx_rrow *r, const fx_rcell *c);
/* Stop and join the workers; safe to call on a pipeline that never started. */
void fx_pipeline_stop(fx_pipeline *p);

#endif /* FX_PIPELINE_H */
