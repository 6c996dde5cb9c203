/*
 * sink.h - where the package bytes go: a write callback, a file descriptor, or a
 * path: a file written atomically (temporary file, fsync, rename, fsync of the
 * directory) or a device, FIFO or socket written in place.
 * Bytes are collected in a small buffer and handed on in chunks.
 */
#ifndef FX_SINK_H
#define FX_SINK_H

#include "internal.h"

#define FX_SINK_BUFFER 65536
/* FX_SINK_FILE: the writeback of every this many bytes is started as they are written. */
#define FX_SINK_WRITEBACK (4u << 20)

/* FX_SINK_FILE: a regular file (new, or replaced through a temporary file);
 * FX_SINK_STREAM: a path naming a device, FIFO or socket, written in place. */
typedef enum fx_sink_kind { FX_SINK_CALLBACK, FX_SINK_FD, FX_SINK_FILE, FX_SINK_STREAM } fx_sink_kind;

typedef struct fx_sink {
    fx_sink_kind kind;
    fast_write_fn write;
    void *user;
    int fd;         /* FX_SINK_FD, FX_SINK_FILE, FX_SINK_STREAM; -1 otherwise */
    int seekable;   /* fx_sink_patch() works */
    uint64_t base;  /* descriptor offset where the package starts */
    uint64_t offset;/* bytes accepted so far: the position of the next byte */
    unsigned char *buf;
    size_t len;     /* buffered bytes: they are [offset - len, offset) */
    int dir_fd;     /* FX_SINK_FILE: the destination's directory, synced after the rename */
    char *path;     /* FX_SINK_FILE: the destination after following links (the
                     * file replaced) and the temporary file beside it;
                     * FX_SINK_STREAM: the path as given */
    char *tmp_path;
    char *name;     /* FX_SINK_FILE: the last components of path and tmp_path */
    char *tmp_name;
    uint64_t written_back; /* FX_SINK_FILE: package bytes whose writeback was started */
    int created;    /* the temporary file has its name: remove it unless committed */
    int unnamed;    /* FX_SINK_FILE: the temporary file was opened with O_TMPFILE */
    int existed;    /* FX_SINK_FILE: the destination existed when the workbook started */
    char *label;    /* FX_SINK_FILE: the temporary file in messages: "'TMP_PATH'" or, while it
                     * has no name, "the temporary file of 'PATH'" */
    size_t label_cap;
    uint64_t seed;  /* FX_SINK_FILE: for temporary names */
    fx_error *err;
} fx_sink;

/* Each returns 0, or -1 with errno set (nothing to free then). */
int fx_sink_init_callback(fx_sink *sk, fast_write_fn write, void *user, fx_error *err);
int fx_sink_init_fd(fx_sink *sk, int fd, fx_error *err);
int fx_sink_init_file(fx_sink *sk, const char *path, fx_error *err);

fast_status fx_sink_write(fx_sink *sk, const void *data, size_t len);
/* Hand every buffered byte to the destination. */
fast_status fx_sink_flush(fx_sink *sk);
/* Overwrite @len bytes already written at package offset @offset (seekable sinks only). */
fast_status fx_sink_patch(fx_sink *sk, uint64_t offset, const void *data, size_t len);
/* Flush; for a file: fsync, give an unnamed temporary file a name (the
 * destination's, when there was none, else a temporary one), rename over the
 * destination, fsync the directory (FAST_ERROR_NOT_DURABLE if only that fails);
 * for a stream: close it. */
fast_status fx_sink_commit(fx_sink *sk);
/* Release everything; an uncommitted temporary file is removed. */
void fx_sink_free(fx_sink *sk);

#endif /* FX_SINK_H */
