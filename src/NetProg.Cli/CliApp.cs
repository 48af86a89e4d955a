using System.CommandLine;
using NetProg.Cli.Commands;
using NetProg.Cli.Infrastructure;

namespace NetProg.Cli;

/// <summary>The command tree, and the one place where a wrong command line becomes one line and exit code 2.</summary>
internal static class CliApp
{
    // The OS's UI language as the process started, before UiLanguage.Apply changes the current one (Windows reads it).
    private static readonly System.Globalization.CultureInfo OsUiCulture = System.Globalization.CultureInfo.CurrentUICulture;

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

    /// <summary>Sets the UI language from --lang, $NETPROG_LANG or the OS; a usage error (in the OS's language) for an unknown value.</summary>
    private static string? ChooseLanguage(string[] args)
    {
        UiLanguage.Apply(UiLanguage.FromOs(Environment.GetEnvironmentVariable, OsUiCulture));
        if (UiLanguage.FromArguments(args) is { } option)
        {
            if (UiLanguage.ParseExplicit(option) is not { } language)
            {
                return string.Format(Strings.Usage_InvalidLang, option);
            }

            UiLanguage.Apply(language);
        }
        else if (Environment.GetEnvironmentVariable(UiLanguage.EnvironmentVariable) is { Length: > 0 } variable)
        {
            if (UiLanguage.ParseExplicit(variable) is not { } language)
            {
                return string.Format(Strings.Usage_InvalidLangVariable, variable);
            }

            UiLanguage.Apply(language);
        }

        return null;
    }
}
