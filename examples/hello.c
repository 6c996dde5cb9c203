/*
 * hello.c - the smallest complete fastxlsx program: one sheet, a header row and
 * a few typed rows, every status checked.
 *
 *   cc hello.c $(pkg-config --cflags --libs fastxlsx) -o hello && ./hello hello.xlsx
 */
#include <fastxlsx.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "hello.xlsx";
    fast_workbook *wb = fast_workbook_new(path);
    if (!wb) {
        perror(path);
        return 1;
    }
    fast_cells *row = fast_cells_new(4);
    if (!row) {
        fast_workbook_free(wb);
        perror("fast_cells_new");
        return 1;
    }

    static const char *const header[] = {"item", "quantity", "price", "in stock"};
    fast_status st = fast_workbook_add_worksheet(wb, "Stock", strlen("Stock"));
    if (st == FAST_OK)
        st = fast_workbook_write_row_strings(wb, header, NULL, 4);

    static const struct { const char *item; long long qty; double price; int in_stock; } items[] = {
        {"apples", 120, 0.35, 1}, {"pears", 0, 0.55, 0}, {"plums", 42, 1.25, 1},
    };
    for (size_t i = 0; st == FAST_OK && i < sizeof items / sizeof items[0]; i++) {
        fast_cells_set_string(row, 0, items[i].item, strlen(items[i].item));
        fast_cells_set_integer(row, 1, items[i].qty);
        fast_cells_set_number(row, 2, items[i].price);
        fast_cells_set_boolean(row, 3, items[i].in_stock);
        st = fast_workbook_write_row(wb, row, 4);
    }

    if (st == FAST_OK)
        st = fast_workbook_close(wb);
    if (st != FAST_OK)
        fprintf(stderr, "%s: %s: %s\n", path, fast_strerror(st), fast_workbook_error_message(wb));
    else
        printf("wrote %s\n", path);
    fast_cells_free(row);
    fast_workbook_free(wb);
    return st == FAST_OK ? 0 : 1;
}
