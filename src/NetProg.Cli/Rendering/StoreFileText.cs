using NetProg.Accounts;

namespace NetProg.Cli.Rendering;

/// <summary>A store file others can reach (<see cref="StoreFileWarning"/>) in one line: what is wrong and what to do.</summary>
internal static class StoreFileText
{
    public static string Describe(StoreFileWarning warning) => warning.Problem switch
    {
        StoreFileProblem.OpenToOthers => string.Format(Strings.Store_OpenToOthers, warning.Path, Octal(warning.Mode)),
        StoreFileProblem.OwnedByAnotherUser => string.Format(Strings.Store_OwnedByAnotherUser, warning.Path, warning.OwnerId, warning.UserId),
        _ => throw new ArgumentOutOfRangeException(nameof(warning), warning.Problem, null),
    };

    /// <summary>The mode as chmod and ls -l users know it: <c>0644</c>.</summary>
    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0xFFF, 8).PadLeft(4, '0');
}
