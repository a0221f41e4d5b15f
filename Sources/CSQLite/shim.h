#include <sqlite3.h>

/// Turns off SQLite's memory statistics. With them on, every allocation SQLite makes takes a
/// process-wide mutex; a bulk insert makes several per row, and this alone costs about a
/// quarter of its CPU time. Must run before the first connection opens (`sqlite3_config` is
/// variadic, which Swift cannot call, hence this wrapper).
static inline int propel_sqlite3_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
