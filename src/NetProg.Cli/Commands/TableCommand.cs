using System.CommandLine;
using NetProg.Cli.Infrastructure;

namespace NetProg.Cli.Commands;

/// <summary>
/// The shape of <c>ip</c> and <c>route</c>: read one table of this machine, print it, or with <c>--json</c> print it for
/// scripts; an empty table that comes with a reason (the OS would not say) is that reason and exit code 1.
/// </summary>
internal static class TableCommand
{
    public static Command Create<T>(
        ICliConsole console,
        string name,
        string description,
        Func<T> read,
        Func<T, string?> failure,
        Action<TextWriter, T> writeJson,
        Action<TextWriter, T> writeView)
    {
        var json = new Option<bool>("--json") { Description = Strings.Option_JsonTable };
        var command = new Command(name, description) { json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, _ =>
        {
            var asJson = result.GetValue(json);
            if (asJson)
            {
                // Output for scripts is the same in every language (README.md, "Language"): the labels in the neutral
                // (English) resources.
                CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            }

            var table = read();
            if (failure(table) is { } reason)
            {
                return Task.FromResult((ExitCode)CommandRunner.Fail(console, reason, ExitCode.Failure));
            }

            (asJson ? writeJson : writeView)(console.Out, table);
            return Task.FromResult(ExitCode.Success);
        }, ct));
        return command;
    }
}
