using System.CommandLine;
using NetProg.Cli.Commands;
using NetProg.Cli.Infrastructure;

namespace NetProg.Cli;

/// <summary>The command tree, and the one place where a wrong command line becomes one line and exit code 2.</summary>
internal static class CliApp
{
    // The OS's UI language as the process started, before UiLanguage.Apply changes the current one (Windows reads it; in a
    // globalization-invariant process CurrentUICulture is the invariant culture there, so Windows is asked directly).
    private static readonly System.Globalization.CultureInfo OsUiCulture =
        OperatingSystem.IsWindows() ? WindowsUiLanguage.Culture() : System.Globalization.CultureInfo.CurrentUICulture;

    public static RootCommand Build(ICliConsole console)
    {
        var root = new RootCommand(Strings.Root_Description)
        {
            // Read before the tree is built (ChooseLanguage); declared here so that it is accepted after any command and shown in help.
            new Option<string>(UiLanguage.OptionName) { Description = Strings.Option_Lang, HelpName = "en|ko", Recursive = true },
            LabCommand.Create(console),
            TimeServerCommand.Create(console),
            TimeClientCommand.Create(console),
            EchoServerCommand.Create(console),
            EchoClientCommand.Create(console),
            UsersCommand.Create(console),
            DoctorCommand.Create(console),
            IpCommand.Create(console),
            RouteCommand.Create(console),
            SocketsCommand.Create(console),
            ForwardCommand.Create(console),
            CaptureCommand.Create(console),
            BenchCommand.Create(console),
            CompletionCommand.Create(console),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, ICliConsole console, CancellationToken cancellationToken)
    {
        // The language first: help texts are read from the resources while the tree is built.
        if (ChooseLanguage(args) is { } languageError)
        {
            return CommandRunner.Fail(console, languageError, ExitCode.Usage);
        }

        var root = Build(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            var help = command == root ? "netprog --help" : $"netprog {command.Name} --help";
            return CommandRunner.Fail(console, string.Format(Strings.Usage_SeeHelp, parse.Errors[0].Message.TrimEnd('.'), help), ExitCode.Usage);
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // Signals are ours (ShutdownSignal): servers drain in-flight work before exiting.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets the UI language from --lang, else $NETPROG_LANG, else the OS. An unknown value is a usage error, reported in the
    /// language the other sources choose.
    /// </summary>
    private static string? ChooseLanguage(string[] args)
    {
        var language = UiLanguage.FromOs(Environment.GetEnvironmentVariable, OsUiCulture);
        string? badVariable = null;
        if (Environment.GetEnvironmentVariable(UiLanguage.EnvironmentVariable) is { Length: > 0 } variable)
        {
            language = UiLanguage.ParseExplicit(variable) ?? language;
            badVariable = UiLanguage.ParseExplicit(variable) is null ? variable : null;
        }

        string? badOption = null;
        if (UiLanguage.FromArguments(args) is { } option)
        {
            language = UiLanguage.ParseExplicit(option) ?? language;
            badOption = UiLanguage.ParseExplicit(option) is null ? option : null;
            // An explicit --lang en|ko makes a wrong $NETPROG_LANG irrelevant.
            badVariable = badOption is null ? null : badVariable;
        }

        UiLanguage.Apply(language);
        return badOption is not null ? string.Format(Strings.Usage_InvalidLang, badOption)
            : badVariable is not null ? string.Format(Strings.Usage_InvalidLangVariable, badVariable)
            : null;
    }
}
