/*
 * pipeline.c - the workers that render and compress (see pipeline.h).
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
            return fx_fail(&j->err, FAST_ERROR_NOMEM, "cannot grow a worker's compressed output to %zu bytes",
                           cap);
        o->data = d;
        o->cap = cap;
    }
    memcpy(o->data + o->len, data, len);
    o->len += len;
    return FAST_OK;
}

/* Rendering a row job (on a worker, or on the caller's thread): the XML is kept
 * where it was rendered, in the job's buffer, which grows so that a whole XML
 * buffer always fits after it. */
static fast_status render_out(void *ctx, const void *data, size_t len)
{
    fx_render_ctx *r = ctx;
    fx_job *j = r->j;
    (void)data; /* it is at j->buf + j->total */
    j->total += len;
    if (j->cap - j->total < r->xb->cap) {
        size_t cap = 2 * j->cap;
        unsigned char *b = realloc(j->buf, cap);
        if (!b)
            return fx_fail(&j->err, FAST_ERROR_NOMEM, "cannot grow a worker's XML to %zu bytes", cap);
        j->buf = b;
        j->cap = cap;
    }
    r->xb->data = (char *)j->buf + j->total;
    return FAST_OK;
}

/* Start rendering row job @j into its buffer through @xb. */
static void start_render(fx_pipeline *p, fx_job *j, fx_render_ctx *rc, fx_xmlbuf *xb)
{
    j->total = 0;
    *rc = (fx_render_ctx){j, xb};
    *xb = (fx_xmlbuf){(char *)j->buf, 0, p->xb_cap, render_out, rc};
}

static void set_dict(fx_job *j, const unsigned char *dict, size_t len)
{
    memcpy(j->dict, dict, len);
    j->dict_len = len;
}

/* A row job's dictionary: the end of the job before it, once that one's XML
 * (and its own dictionary) is there; the job before it stays until this one has
 * taken it (deliver_head() waits for dict_ready). */
static void take_dict(fx_pipeline *p, fx_job *j)
{
    pthread_mutex_lock(&p->mu);
    j->rendered = 1;
    pthread_cond_broadcast(&p->cv_dict);
    fx_job *prev = j->prev;
    while (!j->dict_ready && !(prev->rendered && prev->dict_ready))
        pthread_cond_wait(&p->cv_dict, &p->mu);
    pthread_mutex_unlock(&p->mu);
    if (!j->dict_ready) {
        set_dict(j, prev->dict, prev->dict_len);
        fx_zip_dict_update(j->dict, &j->dict_len, prev->buf, prev->total);
        pthread_mutex_lock(&p->mu);
        j->dict_ready = 1;
        pthread_cond_broadcast(&p->cv_dict);
        if (prev->state == JOB_DONE)
            pthread_cond_signal(&p->cv_done); /* the caller may be waiting to deliver prev */
        pthread_mutex_unlock(&p->mu);
    }
}

/* Worker's side: a row job's XML from its batch. */
static void render_rows(fx_pipeline *p, fx_job *j)
{
    fx_render_ctx rc;
    fx_xmlbuf xb;
    start_render(p, j, &rc, &xb);
    if (fx_batch_render(&xb, &j->batch) == FAST_OK)
        fx_xb_flush(&xb);
}

/* Worker's side: CRC-32 and, unless the entry is stored, the chunk's deflate
 * bytes: an XML job fed piece by piece exactly as lib/zip.c feeds them, a row
 * job's XML in one piece. */
static void run_job(fx_pipeline *p, fx_worker *w, fx_job *j)
{
    if (j->rows && !j->self)
        render_rows(p, j);
    if (j->rows)
        take_dict(p, j);
    j->crc = fx_crc32(0, j->buf, j->total);
    const fx_zip *zip = p->zip;
    if (zip->level == 0 || j->err.status != FAST_OK)
        return; /* stored: the chunk is its own output */
    const fx_deflate_backend *be = zip->backend;
    fast_status st = be->chunk_begin(w->deflater, j->dict, j->dict_len);
    if (j->rows) {
        if (st == FAST_OK)
            st = be->chunk_feed(w->deflater, j->buf, j->total, 0, collect, j);
    } else {
        size_t at = 0;
        for (size_t k = 0; k < j->npieces && st == FAST_OK; k++) {
            st = be->chunk_feed(w->deflater, j->buf + at, j->pieces[k], 0, collect, j);
            at += j->pieces[k];
        }
    }
    if (st == FAST_OK)
        st = be->chunk_feed(w->deflater, NULL, 0, 1, collect, j);
    if (st == FAST_ERROR_COMPRESSION)
        fx_fail(&j->err, st, "the %s compressor failed in ZIP entry '%s'", be->name,
                zip->records[zip->nrecords - 1].name);
}

/* The oldest queued job (the lock held), so that output is ready in order. */
static fx_job *oldest_queued(fx_pipeline *p)
{
    for (size_t k = 0, i = p->head; k < p->njobs; k++, i = (i + 1) % p->njobs)
        if (p->jobs[i].state == JOB_QUEUED)
            return &p->jobs[i];
    return NULL;
}

static void *worker(void *arg)
{
    fx_worker *w = arg;
    fx_pipeline *p = w->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        fx_job *j = oldest_queued(p);
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
        pthread_cond_signal(&p->cv_done); /* only the caller waits on it */
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
        free(p->jobs[i].batch.data);
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
    p->njobs = nworkers + 3;
    p->self_render = -1;
    p->batch_bytes = xb->cap; /* one XML buffer's worth of prepared rows */
    p->xb_cap = xb->cap;
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
        j->batch.cap = p->batch_bytes + 4096;
        j->batch.data = malloc(j->batch.cap);
        if (!j->buf || !j->pieces || !j->dict || !j->batch.data)
            goto nomem;
    }
    for (size_t i = 0; i < nworkers; i++) {
        p->workers[i].p = p;
        if (zip->level > 0 && !(p->workers[i].deflater = zip->backend->create(zip->level)))
            goto nomem;
    }
    p->self.p = p;
    if (zip->level > 0 && !(p->self.deflater = zip->backend->create(zip->level)))
        goto nomem;
    p->jobs[0].state = JOB_FILLING; /* before any worker looks */
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv_job, NULL);
    pthread_cond_init(&p->cv_done, NULL);
    pthread_cond_init(&p->cv_dict, NULL);
    p->running = 1; /* from here on fx_pipeline_stop() cleans up */
    for (size_t i = 0; i < nworkers; i++) {
        int e = pthread_create(&p->workers[i].thread, NULL, worker, &p->workers[i]);
        if (e != 0) {
            fx_pipeline_stop(p);
            return fx_fail(main_err, FAST_ERROR_THREAD, "cannot start worker %zu (error %d)", i + 1, e);
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
    if (p->self.deflater)
        zip->backend->destroy(p->self.deflater);
    p->self.deflater = NULL;
    free(p->workers);
    p->workers = NULL;
    free_jobs(p);
    return fx_fail(main_err, FAST_ERROR_NOMEM, "cannot allocate %zu workers' buffers", nworkers);
}

/* Caller's thread: wait for the oldest job (and for the job that takes its
 * dictionary from it to have taken it) and hand its output to the ZIP writer. */
static fast_status deliver_head(fx_pipeline *p)
{
    fx_job *j = &p->jobs[p->head];
    pthread_mutex_lock(&p->mu);
    while (j->state != JOB_DONE || (j->next && !j->next->dict_ready))
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
    if (j->rows && p->zip->dict) /* the caller's dictionary catches up with the rendered rows */
        fx_zip_dict_update(p->zip->dict, &p->zip->dict_len, j->buf, j->total);
    if (p->chain == j)
        p->chain = NULL;
    j->total = j->npieces = j->out.len = 0;
    j->batch.len = 0;
    j->row_bytes = 0;
    j->self = 0;
    j->err.status = FAST_OK;
    pthread_mutex_lock(&p->mu);
    j->state = JOB_FREE;
    j->rows = 0;
    j->prev = j->next = NULL;
    j->dict_ready = j->rendered = 0;
    p->head = (p->head + 1) % p->njobs;
    pthread_mutex_unlock(&p->mu);
    return st;
}

/* Caller's thread, instead of waiting for the oldest job: run queued jobs
 * itself, oldest first, until the oldest is done or none is left. So the
 * caller's thread is one of the threads that render and compress, and waking
 * a worker is seldom needed. */
static void help(fx_pipeline *p)
{
    if (p->self_render == 0)
        return;
    pthread_mutex_lock(&p->mu);
    while (p->jobs[p->head].state != JOB_DONE) {
        fx_job *j = oldest_queued(p);
        if (!j)
            break;
        j->state = JOB_RUNNING;
        pthread_mutex_unlock(&p->mu);
        run_job(p, &p->self, j);
        pthread_mutex_lock(&p->mu);
        j->state = JOB_DONE;
    }
    pthread_mutex_unlock(&p->mu);
}

/* Caller's thread: queue the job being filled and make the next one the job to
 * fill, delivering the oldest first when it is still in use. The XML buffer's
 * unflushed bytes (@keep of them) move along, before the job is queued: a row
 * job's worker renders into the buffer they are in. */
static fast_status submit(fx_pipeline *p, size_t keep)
{
    fast_status st = FAST_OK;
    fx_job *j = &p->jobs[p->fill];
    size_t nf = (p->fill + 1) % p->njobs;
    fx_job *n = &p->jobs[nf];
    pthread_mutex_lock(&p->mu);
    int busy = n->state != JOB_FREE;
    pthread_mutex_unlock(&p->mu);
    if (busy) { /* the ring is full: this is the oldest */
        help(p);
        st = deliver_head(p);
    }
    pthread_mutex_lock(&p->mu);
    n->state = JOB_FILLING;
    pthread_mutex_unlock(&p->mu);
    if (keep)
        memcpy(n->buf, p->xb->data, keep);
    p->xb->data = (char *)n->buf;
    if (j->rows && j->self) { /* the rest of the rows the caller's thread rendered */
        fast_status fs = fx_xb_flush(&p->rxb);
        if (fs != FAST_OK && st == FAST_OK)
            st = fs;
    }
    if (j->rows) {
        /* Its dictionary: what the caller has, unless a row job before it is in flight. */
        if (!p->zip->dict) {
            j->dict_len = 0;
            j->dict_ready = 1;
        } else if (p->chain) {
            j->prev = p->chain;
        } else {
            set_dict(j, p->zip->dict, p->zip->dict_len);
            j->dict_ready = 1;
        }
        p->chain = j;
    } else {
        j->dict_ready = j->rendered = 1;
    }
    pthread_mutex_lock(&p->mu);
    if (j->prev)
        j->prev->next = j;
    if (j->self)
        j->rendered = 1; /* the job after it may take its dictionary now */
    j->state = JOB_QUEUED;
    pthread_cond_signal(&p->cv_job);
    pthread_mutex_unlock(&p->mu);
    p->fill = nf;
    /* Output that is ready goes out now, without waiting. */
    while (st == FAST_OK && p->head != p->fill) {
        fx_job *h = &p->jobs[p->head];
        pthread_mutex_lock(&p->mu);
        int done = h->state == JOB_DONE && (!h->next || h->next->dict_ready);
        pthread_mutex_unlock(&p->mu);
        if (!done)
            break;
        st = deliver_head(p);
    }
    return st;
}

/* Caller's thread: deliver every job handed over, running waiting ones itself. */
static fast_status deliver_all(fx_pipeline *p)
{
    fast_status st = FAST_OK;
    while (p->head != p->fill) {
        help(p);
        fast_status s2 = deliver_head(p);
        if (st == FAST_OK)
            st = s2;
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
    if (j->rows) { /* XML after rows: the rows go first, and the XML's dictionary follows them */
        if (j->row_bytes) {
            if ((const char *)data != p->xb->data || len != p->xb->len ||
                (st = submit(p, len)) != FAST_OK) /* the XML moves along with the buffer */
                return st != FAST_OK ? st : fx_fail(p->main_err, FAST_ERROR_STATE, "internal: XML after rows");
            data = p->xb->data;
        }
        j = &p->jobs[p->fill];
        j->rows = 0;
    }
    if (p->chain && (st = deliver_all(p)) != FAST_OK)
        return st;
    if (j->npieces == 0) { /* a new chunk: its dictionary is what came before */
        if (p->zip->dict)
            set_dict(j, p->zip->dict, p->zip->dict_len);
        else
            j->dict_len = 0;
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

/* The caller's thread starts row job @j: it renders the rows itself while the
 * workers are behind (a job is waiting for them), else it copies them into the
 * batch for a worker. Either way the job ends at the same row, so the package
 * does not depend on which. XML written meanwhile waits in the spare buffer. */
static void begin_rows(fx_pipeline *p, fx_job *j)
{
    pthread_mutex_lock(&p->mu);
    int behind = p->self_render >= 0 ? p->self_render : oldest_queued(p) != NULL;
    pthread_mutex_unlock(&p->mu);
    j->rows = 1;
    j->self = behind;
    j->row_bytes = 0;
    if (behind)
        start_render(p, j, &p->rctx, &p->rxb);
    p->xb->data = p->xb_own;
}

fast_status fx_pipeline_put_row(fx_pipeline *p, const fx_rrow *r, const fx_rcell *c)
{
    fast_status st = p->main_err->status;
    if (st != FAST_OK)
        return st;
    if (p->xb->len && (st = fx_xb_flush(p->xb)) != FAST_OK) /* XML before the row goes first */
        return st;
    fx_job *j = &p->jobs[p->fill];
    if (!j->rows) {
        if (j->npieces && (st = submit(p, 0)) != FAST_OK)
            return st;
        j = &p->jobs[p->fill];
        begin_rows(p, j);
    }
    size_t need = fx_batch_row_bytes(r, c);
    if (j->self) {
        if ((st = fx_render_row(&p->rxb, r, c, 0)) != FAST_OK) {
            *p->main_err = j->err; /* render_out's failure, on this thread */
            return st;
        }
    } else {
        if (need > j->batch.cap - j->batch.len) { /* a row larger than the rest of the batch */
            size_t cap = j->batch.len + need;
            unsigned char *d = realloc(j->batch.data, cap);
            if (!d)
                return fx_fail(p->main_err, FAST_ERROR_NOMEM,
                               "out of memory copying a row of %zu bytes for a worker", need);
            j->batch.data = d;
            j->batch.cap = cap;
        }
        fx_batch_put_row(&j->batch, r, c);
    }
    j->row_bytes += need;
    if (j->row_bytes >= p->batch_bytes)
        return submit(p, 0);
    return FAST_OK;
}

fast_status fx_pipeline_drain(fx_pipeline *p)
{
    fast_status st = p->main_err->status;
    fx_job *j = &p->jobs[p->fill];
    if (j->rows ? j->row_bytes > 0 : j->npieces > 0)
        st = submit(p, p->xb->len);
    else
        j->rows = 0;
    fast_status s2 = deliver_all(p);
    if (st == FAST_OK)
        st = s2;
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
    if (p->self.deflater)
        p->zip->backend->destroy(p->self.deflater);
    p->self.deflater = NULL;
    free(p->workers);
    p->workers = NULL;
    free_jobs(p);
    pthread_cond_destroy(&p->cv_done);
    pthread_cond_destroy(&p->cv_dict);
    pthread_cond_destroy(&p->cv_job);
    pthread_mutex_destroy(&p->mu);
    p->running = 0;
}
