/*
 * comment.c - notes (legacy comments, ECMA-376 Part 1 §18.7): the checks of
 * fast_workbook_add_note(), the notes of the current sheet held until it ends,
 * and the comments part (xl/commentsN.xml, §18.7.6 comments) with its authors
 * (§18.7.2), written in the form Excel writes (XlsxWriter's Excel-made files).
 * The VML drawing that shows the notes is vml.c's.
 *
 * A sheet's notes are written after its rows, but a sheet may get a note on
 * every row: they wait compressed, in a raw deflate stream of their own (zlib),
 * as records (row, column, author index, box, visibility, text). Records are
 * staged uncompressed up to STAGE bytes, then compressed with a sync flush, so
 * the compressed size held is exact at every step and a note is refused before
 * anything is changed when the held bytes (compressed, staged, the duplicate
 * check's keys, the authors) would pass the limit. When the sheet ends the
 * stream is inflated twice: once for the comments part, once for the VML.
 */
#include "internal.h"
#include "comment.h"
#include "package.h"
#include "rules.h"
#include "workbook.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#define STAGE 65536
#define MIN_NOTES_MEMORY 65536
#define MAX_BOX 4096
#define REC_HEAD 25 /* row, col, author, width, height, text length: 6 x 4 bytes; visible: 1 */
#define FX_CT_COMMENTS FX_CT_PREFIX "spreadsheetml.comments+xml"
#define FX_CT_VML FX_CT_PREFIX "vmlDrawing"

static const char fn_add[] = "fast_workbook_add_note";

struct fx_notes {
    z_stream z;
    int z_open, z_done;
    unsigned char *zbuf; /* the compressed records */
    size_t zlen, zcap;
    unsigned char *stage;
    size_t slen, scap;
    /* The duplicate check: while notes come in (row, column) order, the last
     * cell is enough; the first note out of order builds a set of every cell
     * from the held stream (open addressing, row << 14 | col, plus 1; 0: empty). */
    uint64_t last_key;
    int unordered;
    uint64_t *keys;
    size_t nkeys, capkeys;
    char **authors;
    size_t *author_len;
    size_t nauthors, capauthors, author_bytes, last_author;
    size_t count;
    uint64_t raw; /* uncompressed record bytes */
    uint32_t part, first_block, nblocks;
};

void fx_notes_free(fx_notes *n)
{
    if (!n)
        return;
    if (n->z_open)
        deflateEnd(&n->z);
    free(n->zbuf);
    free(n->stage);
    free(n->keys);
    for (size_t i = 0; i < n->nauthors; i++)
        free(n->authors[i]);
    free(n->authors);
    free(n->author_len);
    free(n);
}

static size_t held_bytes(const fx_notes *n)
{
    return n->zlen + n->slen + n->capkeys * sizeof *n->keys + n->author_bytes +
           n->capauthors * (sizeof *n->authors + sizeof *n->author_len);
}

static uint64_t key_hash(uint64_t k)
{
    k *= 0x9E3779B97F4A7C15ull;
    return k ^ (k >> 29);
}

static int key_find(const fx_notes *n, uint64_t k)
{
    if (!n->capkeys)
        return 0;
    for (size_t i = key_hash(k) & (n->capkeys - 1);; i = (i + 1) & (n->capkeys - 1)) {
        if (n->keys[i] == k)
            return 1;
        if (!n->keys[i])
            return 0;
    }
}

static void key_put(uint64_t *keys, size_t cap, uint64_t k)
{
    size_t i = key_hash(k) & (cap - 1);
    while (keys[i])
        i = (i + 1) & (cap - 1);
    keys[i] = k;
}

/* Compress the staged records (with @flush Z_SYNC_FLUSH, or Z_FINISH to end
 * the stream) onto zbuf. */
static fast_status compress_stage(fast_workbook *wb, fx_notes *n, int flush)
{
    n->z.next_in = n->stage;
    n->z.avail_in = (uInt)n->slen;
    for (;;) {
        if (n->zcap - n->zlen < 4096) {
            size_t cap = n->zlen + n->slen / 2 + 16384; /* grown in steps: capacity stays near the held size */
            unsigned char *p = realloc(n->zbuf, cap);
            if (!p)
                return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory holding notes", fn_add);
            n->zbuf = p;
            n->zcap = cap;
        }
        n->z.next_out = n->zbuf + n->zlen;
        n->z.avail_out = (uInt)(n->zcap - n->zlen);
        int rc = deflate(&n->z, flush);
        n->zlen = n->zcap - n->z.avail_out;
        if (rc == Z_STREAM_END)
            break;
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            return fx_fail(&wb->err, FAST_ERROR_COMPRESSION, "%s: deflate failed (%d) holding notes", fn_add, rc);
        if (n->z.avail_in == 0 && n->z.avail_out > 0 && flush != Z_FINISH)
            break;
    }
    n->slen = 0;
    return FAST_OK;
}

static fast_status keys_from_stream(fast_workbook *wb, fx_sheet *sh, fx_notes *n, const char *where,
                                    size_t limit);

static void put32(unsigned char *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

static uint32_t get32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static fast_status check_text(fast_workbook *wb, const fx_sheet *sh, const char *where, const char *what,
                              const char *s, size_t len, size_t max, int controls)
{
    size_t chars = 0, bad = 0;
    unsigned cp = 0;
    if (!s && len)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s', cell %s: NULL %s with length %zu",
                         fn_add, sh->name, where, what, len);
    if (!fx_utf8_check(s, len, &chars, &bad))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_UTF8, "%s: sheet '%s', cell %s: %s: invalid UTF-8 at byte %zu",
                         fn_add, sh->name, where, what, bad);
    if (chars > max)
        return fx_reject(&wb->err, FAST_ERROR_STRING_TOO_LONG,
                         "%s: sheet '%s', cell %s: %s of %zu characters is longer than the limit of %zu", fn_add,
                         sh->name, where, what, chars, max);
    if (controls && (bad = fx_has_xml_controls(s, len, &cp)) != 0)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s', cell %s: %s has control character U+%04X at byte %zu", fn_add, sh->name,
                         where, what, cp, bad);
    return FAST_OK;
}

static fx_notes *notes_open(fast_workbook *wb, fx_sheet *sh)
{
    if (sh->notes)
        return sh->notes;
    fx_notes *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    /* Raw deflate (no zlib header), level 1: the notes are read back once, soon. */
    if (deflateInit2(&n->z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(n);
        return NULL;
    }
    n->z_open = 1;
    (void)wb;
    return sh->notes = n;
}

FAST_API fast_status fast_workbook_set_notes_memory_limit(fast_workbook *wb, size_t bytes)
{
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    if (wb->err.status != FAST_OK)
        return wb->err.status;
    if (wb->closed)
        return fx_reject(&wb->err, FAST_ERROR_CLOSED, "fast_workbook_set_notes_memory_limit: the workbook is already closed");
    if (bytes < MIN_NOTES_MEMORY)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_set_notes_memory_limit: %zu bytes is below the minimum %u", bytes,
                         MIN_NOTES_MEMORY);
    wb->notes_memory = bytes;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_add_note(fast_workbook *wb, uint32_t row, uint32_t col, const char *text,
                                            size_t text_len, const char *author, size_t author_len, int visible,
                                            uint32_t width, uint32_t height)
{
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    fx_sheet *sh = NULL;
    fast_status st = fx_rules_sheet(wb, fn_add, &sh);
    if (st != FAST_OK)
        return st;
    if (row >= wb->rows_per_sheet || col >= FAST_MAX_COLUMNS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': cell (row %u, column %u) is outside the sheet's %u rows and %u columns",
                         fn_add, sh->name, (unsigned)row, (unsigned)col, (unsigned)wb->rows_per_sheet,
                         (unsigned)FAST_MAX_COLUMNS);
    char where[FX_A1_MAX + 1];
    size_t w = fx_col_name(col, where);
    snprintf(where + w, sizeof where - w, "%u", (unsigned)row + 1);
    if (text_len == 0)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s', cell %s: empty note text", fn_add,
                         sh->name, where);
    if ((st = check_text(wb, sh, where, "note text", text, text_len, FAST_MAX_NOTE_CHARS, 0)) != FAST_OK ||
        (st = check_text(wb, sh, where, "author", author, author_len, FAST_MAX_NOTE_AUTHOR_CHARS, 1)) != FAST_OK)
        return st;
    if (width > MAX_BOX || height > MAX_BOX)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s', cell %s: box of %u x %u pixels is out of range (1..%u each, 0: default)",
                         fn_add, sh->name, where, (unsigned)width, (unsigned)height, MAX_BOX);
    if (!width || !height) {
        width = FAST_DEFAULT_NOTE_WIDTH;
        height = FAST_DEFAULT_NOTE_HEIGHT;
    }
    uint64_t key = ((uint64_t)row << 14 | col) + 1;
    size_t limit = wb->notes_memory ? wb->notes_memory : FAST_DEFAULT_NOTES_MEMORY;
    fx_notes *n = notes_open(wb, sh);
    if (!n)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn_add);
    if (n->count && !n->unordered && key < n->last_key &&
        (st = keys_from_stream(wb, sh, n, where, limit)) != FAST_OK)
        return st;
    if (n->count && (n->unordered ? key_find(n, key) : key == n->last_key))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s', cell %s already has a note", fn_add,
                         sh->name, where);

    /* The author's index; a new author is added only once the note is taken. */
    size_t a = n->nauthors;
    if (n->last_author < n->nauthors && n->author_len[n->last_author] == author_len &&
        (!author_len || memcmp(n->authors[n->last_author], author, author_len) == 0))
        a = n->last_author;
    for (size_t i = 0; i < n->nauthors && a == n->nauthors; i++)
        if (n->author_len[i] == author_len && (!author_len || memcmp(n->authors[i], author, author_len) == 0))
            a = i;

    /* What taking the note adds to the held bytes, checked before anything changes. */
    size_t rec = REC_HEAD + text_len;
    size_t grow = rec + 64; /* the record staged, and a sync flush's few bytes */
    size_t newcap = n->capkeys;
    if (n->unordered && (n->nkeys + 1) * 2 > n->capkeys) {
        newcap = n->capkeys ? n->capkeys * 2 : 1024;
        grow += (newcap - n->capkeys) * sizeof *n->keys;
    }
    if (a == n->nauthors)
        grow += author_len + 1 + (n->nauthors == n->capauthors ? (n->capauthors + 8) * 2 * sizeof(void *) : 0);
    if (held_bytes(n) + grow > limit)
        return fx_reject(&wb->err, FAST_ERROR_MEMORY_LIMIT,
                         "%s: sheet '%s', cell %s: the sheet's notes would hold more than the notes memory limit of "
                         "%zu bytes (%zu notes held in %zu bytes)",
                         fn_add, sh->name, where, limit, n->count, held_bytes(n));

    /* Make room first, so that no failure leaves the note half taken. */
    if (newcap != n->capkeys) {
        uint64_t *k = calloc(newcap, sizeof *k);
        if (!k)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn_add);
        for (size_t i = 0; i < n->capkeys; i++)
            if (n->keys[i])
                key_put(k, newcap, n->keys[i]);
        free(n->keys);
        n->keys = k;
        n->capkeys = newcap;
    }
    if (n->slen + rec > n->scap) {
        size_t cap = n->slen + rec > STAGE ? n->slen + rec : STAGE;
        unsigned char *p = realloc(n->stage, cap);
        if (!p)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn_add);
        n->stage = p;
        n->scap = cap;
    }
    if (a == n->nauthors) {
        if (n->nauthors == n->capauthors) {
            size_t cap = (n->capauthors + 8) * 2;
            char **p = realloc(n->authors, cap * sizeof *p);
            if (p)
                n->authors = p;
            size_t *q = p ? realloc(n->author_len, cap * sizeof *q) : NULL;
            if (!q)
                return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn_add);
            n->author_len = q;
            n->capauthors = cap;
        }
        char *copy = malloc(author_len + 1);
        if (!copy)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn_add);
        if (author_len)
            memcpy(copy, author, author_len);
        copy[author_len] = 0;
        n->authors[n->nauthors] = copy;
        n->author_len[n->nauthors++] = author_len;
        n->author_bytes += author_len + 1;
    }
    n->last_author = a;
    if (n->unordered) {
        key_put(n->keys, n->capkeys, key);
        n->nkeys++;
    }
    n->last_key = key;
    unsigned char *p = n->stage + n->slen;
    put32(p, row);
    put32(p + 4, col);
    put32(p + 8, (uint32_t)a);
    put32(p + 12, width);
    put32(p + 16, height);
    put32(p + 20, (uint32_t)text_len);
    p[24] = visible ? 1 : 0;
    memcpy(p + REC_HEAD, text, text_len);
    n->slen += rec;
    n->raw += rec;
    n->count++;
    if (n->slen >= STAGE)
        return compress_stage(wb, n, Z_SYNC_FLUSH);
    return FAST_OK;
}

/* ---- when the sheet ends ---------------------------------------------------------- */

fast_status fx_notes_tail(fast_workbook *wb, fx_sheet *sh)
{
    fx_notes *n = sh->notes;
    if (!n || !n->count)
        return FAST_OK;
    n->part = ++wb->note_parts;
    /* Shape ids 1024 * first + 1 .. 1024 * first + count: count / 1024 + 1 blocks. */
    n->nblocks = (uint32_t)(n->count / 1024 + 1);
    n->first_block = wb->note_blocks + 1;
    wb->note_blocks += n->nblocks;
    char target[FX_PART_NAME_MAX], buf[64];
    size_t vml_rid = 0, rid = 0;
    snprintf(target, sizeof target, "../drawings/vmlDrawing%u.vml", (unsigned)n->part);
    fast_status st = fx_rels_add(&sh->rels, &wb->err, "vmlDrawing", target, strlen(target), 0, &vml_rid);
    snprintf(target, sizeof target, "../comments%u.xml", (unsigned)n->part);
    if (st == FAST_OK)
        st = fx_rels_add(&sh->rels, &wb->err, "comments", target, strlen(target), 0, &rid);
    snprintf(buf, sizeof buf, "<legacyDrawing r:id=\"rId%zu\"/>", vml_rid);
    if (st == FAST_OK)
        st = fx_xb_puts(&wb->xb, buf);
    return st;
}

/* Reads the held records back, one at a time. */
typedef struct reader {
    z_stream z;
    unsigned char *buf;
    size_t len, pos, cap;
    int end;
} reader;

#define READ_BUF (REC_HEAD + 4 * FAST_MAX_NOTE_CHARS + 65536)

static int reader_open(reader *r, const fx_notes *n)
{
    memset(r, 0, sizeof *r);
    if (!(r->buf = malloc(READ_BUF)))
        return 0;
    r->cap = READ_BUF;
    if (inflateInit2(&r->z, -15) != Z_OK) {
        free(r->buf);
        return 0;
    }
    r->z.next_in = n->zbuf;
    r->z.avail_in = (uInt)n->zlen;
    return 1;
}

static void reader_close(reader *r)
{
    inflateEnd(&r->z);
    free(r->buf);
}

/* The next note into *@out (its text points into the reader's buffer): 1, or
 * 0 at the end, -1 if the stream is damaged. */
static int reader_next(reader *r, fx_note *out)
{
    for (;;) {
        size_t have = r->len - r->pos;
        if (have >= REC_HEAD) {
            const unsigned char *p = r->buf + r->pos;
            size_t len = get32(p + 20);
            if (have >= REC_HEAD + len) {
                *out = (fx_note){get32(p), get32(p + 4), get32(p + 8), get32(p + 12), get32(p + 16), p[24],
                                 (const char *)p + REC_HEAD, len};
                r->pos += REC_HEAD + len;
                return 1;
            }
        }
        if (r->end)
            return have ? -1 : 0;
        memmove(r->buf, r->buf + r->pos, have);
        r->len = have;
        r->pos = 0;
        r->z.next_out = r->buf + r->len;
        r->z.avail_out = (uInt)(r->cap - r->len);
        int rc = inflate(&r->z, Z_NO_FLUSH);
        r->len = r->cap - r->z.avail_out;
        if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && r->z.avail_in == 0)) /* the end, or all held so far */
            r->end = 1;
        else if (rc != Z_OK)
            return -1;
    }
}

/* The first note out of (row, column) order: the set of the cells that have
 * notes, from the held stream (flushed so that all of it can be read). */
static fast_status keys_from_stream(fast_workbook *wb, fx_sheet *sh, fx_notes *n, const char *where,
                                    size_t limit)
{
    size_t cap = 1024;
    while (cap < (n->count + 1) * 2)
        cap *= 2;
    if (held_bytes(n) + cap * sizeof *n->keys + 64 > limit)
        return fx_reject(&wb->err, FAST_ERROR_MEMORY_LIMIT,
                         "%s: sheet '%s', cell %s: a note out of row order needs a duplicate check of %zu bytes, "
                         "past the notes memory limit of %zu bytes (%zu notes held in %zu bytes)",
                         fn_add, sh->name, where, cap * sizeof *n->keys, limit, n->count, held_bytes(n));
    uint64_t *keys = calloc(cap, sizeof *keys);
    if (!keys)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn_add);
    fast_status st = n->slen ? compress_stage(wb, n, Z_SYNC_FLUSH) : FAST_OK;
    reader r;
    if (st == FAST_OK && !reader_open(&r, n))
        st = fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn_add);
    if (st != FAST_OK) {
        free(keys);
        return st;
    }
    fx_note note;
    int rc;
    size_t k = 0;
    while ((rc = reader_next(&r, &note)) == 1) {
        key_put(keys, cap, ((uint64_t)note.row << 14 | note.col) + 1);
        k++;
    }
    reader_close(&r);
    if (rc < 0 || k != n->count) {
        free(keys);
        return fx_fail(&wb->err, FAST_ERROR_COMPRESSION, "%s: sheet '%s': the held notes could not be read back",
                       fn_add, sh->name);
    }
    n->keys = keys;
    n->capkeys = cap;
    n->nkeys = k;
    n->unordered = 1;
    return FAST_OK;
}

static fast_status comments_xml(fast_workbook *wb, const fx_sheet *sh, fx_notes *n, reader *r)
{
    fx_xmlbuf *xb = &wb->xb;
    fast_status st = fx_xb_puts(xb, FX_XML_DECL "<comments xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                                                "<authors>");
    for (size_t i = 0; i < n->nauthors && st == FAST_OK; i++) {
        st = fx_xb_puts(xb, "<author>");
        if (st == FAST_OK)
            st = fx_xml_write_escaped(xb, n->authors[i], n->author_len[i], 0);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</author>");
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</authors><commentList>");
    fx_note note;
    int rc = 0;
    while (st == FAST_OK && (rc = reader_next(r, &note)) == 1) {
        char head[96], ref[FX_A1_MAX + 1];
        size_t w = fx_col_name(note.col, ref);
        snprintf(ref + w, sizeof ref - w, "%u", (unsigned)note.row + 1);
        snprintf(head, sizeof head, "<comment ref=\"%s\" authorId=\"%u\"><text><r>", ref, (unsigned)note.author);
        st = fx_xb_puts(xb, head);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "<rPr><sz val=\"8\"/><color indexed=\"81\"/><rFont val=\"Tahoma\"/><family val=\"2\"/></rPr>");
        if (st == FAST_OK)
            st = fx_xb_puts(xb, fx_xml_needs_preserve(note.text, note.len) ? "<t xml:space=\"preserve\">" : "<t>");
        if (st == FAST_OK)
            st = fx_xml_write_escaped(xb, note.text, note.len, 0);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</t></r></text></comment>");
    }
    if (st == FAST_OK && rc < 0)
        st = fx_fail(&wb->err, FAST_ERROR_COMPRESSION, "sheet '%s': the held notes could not be read back", sh->name);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</commentList></comments>");
    return st;
}

static fast_status vml_xml(fast_workbook *wb, const fx_sheet *sh, fx_notes *n, reader *r)
{
    fx_xmlbuf *xb = &wb->xb;
    fx_vml_grid g;
    if (fx_vml_grid_init(&g, &sh->setup) != FAST_OK)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "sheet '%s': out of memory writing its notes", sh->name);
    fast_status st = fx_vml_head(xb, n->first_block, n->nblocks);
    fx_note note;
    int rc = 0;
    for (size_t k = 1; st == FAST_OK && (rc = reader_next(r, &note)) == 1; k++)
        st = fx_vml_note(xb, &g, &note, n->first_block, k);
    fx_vml_grid_free(&g);
    if (st == FAST_OK && rc < 0)
        st = fx_fail(&wb->err, FAST_ERROR_COMPRESSION, "sheet '%s': the held notes could not be read back", sh->name);
    if (st == FAST_OK)
        st = fx_vml_foot(xb);
    return st;
}

static fast_status write_part(fast_workbook *wb, const fx_sheet *sh, fx_notes *n, int vml)
{
    char name[FX_PART_NAME_MAX];
    if (vml)
        snprintf(name, sizeof name, "xl/drawings/vmlDrawing%u.vml", (unsigned)n->part);
    else
        snprintf(name, sizeof name, "xl/comments%u.xml", (unsigned)n->part);
    /* ZIP64 when the part could pass 4 GiB: each text byte becomes at most 7
     * (an _xHHHH_ escape of a 1-byte control), each note at most 1 KiB of markup. */
    int zip64 = n->raw * 7 + n->count * 1024 > 0xFFFFFFFFull / 2;
    reader r;
    if (!reader_open(&r, n))
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "sheet '%s': out of memory writing its notes", sh->name);
    fast_status st = vml ? fx_package_add_default(wb, "vml", FX_CT_VML) : FAST_OK;
    if (st == FAST_OK)
        st = fx_part_begin(wb, name, vml ? NULL : FX_CT_COMMENTS, zip64);
    if (st == FAST_OK)
        st = vml ? vml_xml(wb, sh, n, &r) : comments_xml(wb, sh, n, &r);
    reader_close(&r);
    if (st == FAST_OK)
        st = fx_xb_flush(&wb->xb);
    if (st == FAST_OK)
        st = fx_zip_end(&wb->zip, NULL);
    return st;
}

fast_status fx_notes_write_parts(fast_workbook *wb, fx_sheet *sh)
{
    fx_notes *n = sh->notes;
    if (!n || !n->count)
        return FAST_OK;
    fast_status st = compress_stage(wb, n, Z_FINISH);
    if (st == FAST_OK) {
        deflateEnd(&n->z);
        n->z_open = 0;
        free(n->stage);
        n->stage = NULL;
        free(n->keys);
        n->keys = NULL;
    }
    if (st == FAST_OK)
        st = write_part(wb, sh, n, 0);
    if (st == FAST_OK)
        st = write_part(wb, sh, n, 1);
    fx_notes_free(n);
    sh->notes = NULL;
    return st;
}
