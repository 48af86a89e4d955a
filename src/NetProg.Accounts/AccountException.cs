namespace NetProg.Accounts;

/// <summary>
/// An account operation failed in a way the user has to hear about. <see cref="Exception.Message"/> is one line, fit to print
/// as it is (it never contains a password or a connection string's password); <see cref="Kind"/> says what class of failure.
/// </summary>
public sealed class AccountException : Exception
{
    public AccountException(AccountErrorKind kind, string message, string? accountName = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        AccountName = accountName;
    }

    public AccountErrorKind Kind { get; }

    /// <summary>The account name involved, as given (possibly invalid); null for store-wide failures.</summary>
    public string? AccountName { get; }

    /// <summary>For <see cref="AccountErrorKind.StoreMissing"/>: the full path of the SQLite file that is not there.</summary>
    public string? StorePath { get; init; }

    internal static AccountException Duplicate(string name) =>
        new(AccountErrorKind.Duplicate, string.Format(Strings.Duplicate, name), name);

    internal static AccountException NotFound(string name) =>
        new(AccountErrorKind.NotFound, string.Format(Strings.NotFound, name), name);
}
