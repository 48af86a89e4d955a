namespace NetProg.Accounts;

/// <summary>
/// Whether opening an SQLite account store may create it. The one rule for folders, in both modes: the per-user default
/// store's folder is created when missing; the folder of an explicit <c>--db</c> / <c>NETPROG_DB</c> path must exist (a mistyped
/// path should fail, not grow a folder tree). PostgreSQL databases are never created; their tables are, in both modes.
/// </summary>
public enum AccountStoreMode
{
    /// <summary>A missing SQLite file is created (with the schema).</summary>
    CreateIfMissing,

    /// <summary>A missing SQLite file is <see cref="AccountErrorKind.StoreMissing"/>; nothing is created.</summary>
    MustExist,
}
