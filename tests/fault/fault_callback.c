/*
 * fault_callback.c - the write callback fails at its Nth call, for every N of a
 * complete multi-sheet workbook, in each way a callback can fail (returning 0,
 * -1, or more than it was given), with and without the compression thread.
 * The callback takes at most CHUNK bytes per call (a legal short write), so
 * that N runs over a few hundred calls. Each run must end in
 * FAST_ERROR_CALLBACK from the call that failed and from every later call,
 * with a message saying what the callback returned; the callback is not called
 * again after it failed. Leaks are found by running this under valgrind or
 * LeakSanitizer (make fault-test does both where it can).
 */
#include "fault.h"

#include <pthread.h>

#define CHUNK 37

typedef struct out {
    pthread_mutex_t lock;
    long calls;
    long fail_at; /* 0: never */
    int how;      /* 0: return 0, 1: return -1, 2: return len + 1 */
    long after;   /* calls after the failing one */
    size_t bytes;
} out;

static int write_cb(const void *buf, size_t len, void *user)
{
    (void)buf;
    out *o = user;
    pthread_mutex_lock(&o->lock);
    long n = ++o->calls;
    int r = (int)(len < CHUNK ? len : CHUNK);
    if (o->fail_at && n > o->fail_at)
        o->after++;
    if (n == o->fail_at)
        r = o->how == 0 ? 0 : o->how == 1 ? -1 : (int)len + 1;
    else
        o->bytes += (size_t)r;
    pthread_mutex_unlock(&o->lock);
    return r;
}

static void run_once(out *o, unsigned threads, fault_run *run)
{
    o->calls = o->after = 0;
    o->bytes = 0;
    fast_workbook *wb = fast_workbook_new_callback(write_cb, o);
    if (!wb) {
        fprintf(stderr, "fast_workbook_new_callback failed\n");
        exit(2);
    }
    fault_scenario(wb, threads, -1, run);
}

int main(void)
{
    static const char *hows[] = {"0", "-1", "len+1"};
    out o = {.lock = PTHREAD_MUTEX_INITIALIZER};
    long runs = 0;
    for (unsigned threads = 1; threads <= 2; threads++) {
        fault_run run;
        o.fail_at = 0;
        run_once(&o, threads, &run);
        CHECK(run.first == FAST_OK, "threads %u: clean run failed: %s", threads, run.message);
        long total = o.calls;
        size_t size = o.bytes;
        for (long n = 1; n <= total; n++) {
            for (int how = 0; how < 3; how++) {
                o.fail_at = n;
                o.how = how;
                run_once(&o, threads, &run);
                runs++;
                char ctx[96];
                snprintf(ctx, sizeof ctx, "threads %u, call %ld of %ld returning %s", threads, n, total, hows[how]);
                CHECK(run.first == FAST_ERROR_CALLBACK, "%s: first status %d (%s) from %s: %s", ctx,
                      (int)run.first, fast_strerror(run.first), run.where ? run.where : "-", run.message);
                CHECK(!run.not_sticky, "%s: a later call returned another status", ctx);
                CHECK(run.close == FAST_ERROR_CALLBACK, "%s: close returned %d", ctx, (int)run.close);
                CHECK(strstr(run.message, "write callback returned") != NULL, "%s: message: %s", ctx,
                      run.message);
                CHECK(o.after == 0, "%s: the callback was called %ld more times after it failed", ctx,
                      o.after);
            }
        }
        printf("fault_callback: threads %u: %ld calls (%zu bytes) in a clean run, each failed 3 ways\n",
               threads, total, size);
    }
    printf("fault_callback: %ld runs, %d failed checks\n", runs, fault_failures);
    return fault_failures ? 1 : 0;
}
