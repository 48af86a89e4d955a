namespace NetProg.Accounts.Internal;

internal enum StoreKind
{
    Sqlite,
    PostgreSql,
}
