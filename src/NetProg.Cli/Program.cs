using NetProg.Cli.Infrastructure;

namespace NetProg.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var console = new SystemConsole();
        try
        {
            return await CliApp.RunAsync(args, console, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A bug, not a network condition: still one line, and where to report it.
            return CommandRunner.Fail(console, string.Format(Strings.Error_Internal, e.GetType().Name, e.Message), ExitCode.Failure);
        }
    }
}
