/* A minimal SQLite extension for .ci/smoke: the published executable, with SQLite linked in
   statically, must load it with --load-extension and call its greeting() function. */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

static void greeting(sqlite3_context *context, int argc, sqlite3_value **argv) {
    (void)argc;
    (void)argv;
    sqlite3_result_text(context, "hello from an extension", -1, SQLITE_STATIC);
}

int sqlite3_extension_init(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
    (void)error;
    SQLITE_EXTENSION_INIT2(api);
    return sqlite3_create_function(db, "greeting", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC, 0, greeting, 0, 0);
}
