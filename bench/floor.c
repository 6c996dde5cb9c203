/*
 * floor - the bare minimum for writing a package whose XML is already made: the
 * floor that bench_write's fastxlsx times are measured against.
 *
 *   bench_floor --input STORED.xlsx [--threads N] [--level N] [--buffer BYTES] -o FILE
 *
 * STORED.xlsx is a package written by bench_write with --level 0 (every entry
 * stored, so its bytes are the rendered XML). Its entries are read into memory
 * first; the time measured covers only what any writer of that output must do
 * with them: CRC-32, the library's deflate backend at the same level, ZIP
 * framing and writing to FILE the way fast_workbook_new() does (temporary file,
 * fsync, rename). It uses the library's own ZIP writer and output sink, so the
 * result is the same package bytes fastxlsx writes, minus the cost of producing
 * the XML.
 *
 * --threads N (2 or more) uses the library's N - 1 workers as
 * fast_workbook_set_threads(wb, N) does for parts other than rows: the XML is
 * copied into the XML buffer (standing in for rendering it) and compressed on
 * the workers, and on the caller's thread when it would wait for them.
 *
 * Prints one line of key=value pairs like bench_write: engine=floor ... seconds
 * (wall, CLOCK_MONOTONIC) user_s sys_s bytes peak_rss_kib.
 */
#include "internal.h"
#include "pipeline.h"
#include "sink.h"
#include "zip.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

typedef struct entry {
    char name[256];
    const unsigned char *data;
    size_t len;
} entry;

static void die(const char *what)
{
    fprintf(stderr, "bench_floor: %s\n", what);
    exit(1);
}

static unsigned get16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The stored entries of the package in @zip[0..size), from its central directory
 * (APPNOTE 4.3.12, 4.3.16); classic records only. */
static entry *read_entries(const unsigned char *zip, size_t size, size_t *count)
{
    size_t eocd = size >= 22 ? size - 22 : 0;
    while (eocd > 0 && get32(zip + eocd) != 0x06054b50)
        eocd--;
    if (size < 22 || get32(zip + eocd) != 0x06054b50)
        die("no end of central directory record");
    size_t n = get16(zip + eocd + 10);
    size_t cd = get32(zip + eocd + 16);
    entry *e = calloc(n ? n : 1, sizeof *e);
    if (!e)
        die("out of memory");
    for (size_t i = 0; i < n; i++) {
        if (cd + 46 > size || get32(zip + cd) != 0x02014b50)
            die("bad central directory record");
        unsigned method = get16(zip + cd + 10);
        uint32_t csize = get32(zip + cd + 20), usize = get32(zip + cd + 24);
        unsigned nlen = get16(zip + cd + 28), xlen = get16(zip + cd + 30), clen = get16(zip + cd + 32);
        uint32_t off = get32(zip + cd + 42);
        if (method != 0 || csize != usize || csize == 0xFFFFFFFFu || off == 0xFFFFFFFFu)
            die("every entry must be stored and smaller than 4 GiB (write the input with --level 0)");
        if (nlen >= sizeof e[i].name || off + 30 > size)
            die("bad entry");
        memcpy(e[i].name, zip + cd + 46, nlen);
        size_t data = off + 30 + get16(zip + off + 26) + get16(zip + off + 28);
        if (data + csize > size)
            die("entry data beyond the end of the file");
        e[i].data = zip + data;
        e[i].len = csize;
        cd += 46 + nlen + xlen + clen;
    }
    *count = n;
    return e;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void check(fast_status st, fx_error *err, const char *what)
{
    if (st != FAST_OK) {
        fprintf(stderr, "bench_floor: %s: %s: %s\n", what, fast_strerror(st), err->message);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    const char *in = NULL, *out = NULL;
    long threads = 1, level = 1, buffer = 256 * 1024;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--input"))
            in = argv[i + 1];
        else if (!strcmp(argv[i], "-o"))
            out = argv[i + 1];
        else if (!strcmp(argv[i], "--threads"))
            threads = strtol(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "--level"))
            level = strtol(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "--buffer"))
            buffer = strtol(argv[i + 1], NULL, 10);
        else
            die("usage: bench_floor --input STORED.xlsx [--threads N] [--level N] [--buffer BYTES] -o FILE");
    }
    if (!in || !out || level < 0 || level > 9 || buffer < FX_XB_MIN_CAPACITY)
        die("usage: bench_floor --input STORED.xlsx [--threads N] [--level N] [--buffer BYTES] -o FILE");

    FILE *f = fopen(in, "rb");
    if (!f)
        die(strerror(errno));
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0)
        die(strerror(errno));
    unsigned char *zip = malloc((size_t)sb.st_size + 1);
    if (!zip || fread(zip, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size)
        die("cannot read the input");
    fclose(f);
    size_t n, total = 0;
    entry *e = read_entries(zip, (size_t)sb.st_size, &n);
    for (size_t i = 0; i < n; i++)
        total += e[i].len;

    double t0 = now();
    static fx_error err;
    static fx_sink sink;
    static fx_zip zw;
    static fx_xmlbuf xb;
    static fx_pipeline pipe;
    if (fx_sink_init_file(&sink, out, &err) != 0)
        die(strerror(errno));
    check(fx_zip_init(&zw, &sink, (int)level, &err), &err, "zip");
    zw.chunk_bytes = FX_ZIP_CHUNK_BUFFERS * (size_t)buffer; /* as fast_workbook_new() sets it */
    check(fx_xb_init(&xb, (size_t)buffer, &err), &err, "buffer");
    xb.out = fx_zip_out;
    xb.out_ctx = &zw;
    if (threads >= 2)
        check(fx_pipeline_start(&pipe, &zw, &xb, threads - 1 > FX_PIPELINE_MAX_WORKERS ? FX_PIPELINE_MAX_WORKERS
                                                                                   : (size_t)threads - 1,
                                &err),
              &err, "thread");
    for (size_t i = 0; i < n; i++) {
        check(fx_zip_begin(&zw, e[i].name), &err, "begin");
        if (threads >= 2) {
            /* Copied into the XML buffer, whose full buffers go to the worker. */
            check(fx_xb_write(&xb, e[i].data, e[i].len), &err, "write");
            check(fx_xb_flush(&xb), &err, "flush");
        } else {
            /* Straight from memory, in pieces of the buffer's size. */
            for (size_t at = 0; at < e[i].len; at += (size_t)buffer) {
                size_t k = e[i].len - at < (size_t)buffer ? e[i].len - at : (size_t)buffer;
                check(fx_zip_write(&zw, e[i].data + at, k), &err, "write");
            }
        }
        check(fx_zip_end(&zw, NULL), &err, "end");
    }
    check(fx_zip_finish(&zw), &err, "finish");
    check(fx_sink_commit(&sink), &err, "commit");
    fx_pipeline_stop(&pipe);
    fx_xb_free(&xb);
    fx_zip_free(&zw);
    fx_sink_free(&sink);
    double secs = now() - t0;

    struct stat ob;
    if (stat(out, &ob) != 0)
        die(strerror(errno));
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
#ifdef FX_HAVE_ISAL
    const char *backend = "isal";
#else
    const char *backend = "zlib";
#endif
    printf("engine=floor input=%s entries=%zu xml_bytes=%zu backend=%s level=%ld threads=%ld buffer=%ld "
           "seconds=%.3f user_s=%.3f sys_s=%.3f mb_per_s=%.2f bytes=%lld peak_rss_kib=%ld\n",
           in, n, total, backend, level, threads, buffer, secs,
           (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6,
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6,
           secs > 0 ? (double)ob.st_size / 1e6 / secs : 0.0, (long long)ob.st_size, ru.ru_maxrss);
    free(e);
    free(zip);
    return 0;
}
