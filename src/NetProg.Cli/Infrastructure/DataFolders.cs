namespace NetProg.Cli.Infrastructure;

/// <summary>Where netprog keeps its files: the user's local application-data folder (e.g. ~/.local/share/netprog, %LOCALAPPDATA%\netprog).</summary>
internal static class DataFolders
{
    public static string Root => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "netprog");
}
