#ifndef FARELEGAMI_CSQLITE_SHIM_H
#define FARELEGAMI_CSQLITE_SHIM_H

// Debian's libsqlite3 is built with the session extension, but sqlite3.h hides its API
// unless these are defined before the include (see shared/PLATFORM-NOTES.md).
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

/// SQLITE_TRANSIENT does not import into Swift: SQLite must copy the bound bytes.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

/// SQLITE_STATIC does not import into Swift: the bound bytes outlive the statement step.
static inline sqlite3_destructor_type csqlite_static(void) { return SQLITE_STATIC; }

/// Turns off SQLite's memory statistics for the process (sqlite3_config is variadic, which Swift
/// cannot call). With them on, every allocation takes a global mutex. Must run before the library
/// is initialised (the first open); afterwards it returns SQLITE_MISUSE and changes nothing.
static inline int csqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/// Turns the triggers stored in the database on or off for one connection (sqlite3_db_config is
/// variadic). A change expires the connection's prepared statements, which SQLite prepares again,
/// with or without the triggers, when they next run; a statement already running runs to its end.
static inline int csqlite_enable_triggers(sqlite3 *db, int on) {
    int now = 0;
    return sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, on, &now);
}

#endif
