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

    /// <summary>Every command, by the name it is invoked with: the order is the order of <c>netprog --help</c>.</summary>
    private static readonly (string Name, Func<ICliConsole, Command> Create)[] AllCommands =
    [
        ("lab", LabCommand.Create),
        ("time-server", TimeServerCommand.Create),
        ("time-client", TimeClientCommand.Create),
        ("echo-server", EchoServerCommand.Create),
        ("echo-client", EchoClientCommand.Create),
        ("users", UsersCommand.Create),
        ("doctor", DoctorCommand.Create),
        ("check", CheckCommand.Create),
        ("ip", IpCommand.Create),
        ("route", RouteCommand.Create),
        ("sockets", SocketsCommand.Create),
        ("forward", ForwardCommand.Create),
        ("capture", CaptureCommand.Create),
        ("bench", BenchCommand.Create),
        ("completion", CompletionCommand.Create),
    ];

    /// <summary>The names <see cref="AllCommands"/> lists, for the test that keeps them equal to the commands' own.</summary>
    internal static IEnumerable<string> CommandNames => AllCommands.Select(c => c.Name);

    /// <summary>The whole command tree.</summary>
    public static RootCommand Build(ICliConsole console) => BuildWith(console, AllCommands.Select(c => c.Create));

    /// <summary>
    /// The tree a command line needs: when it names a command, the root with that command only; otherwise (help,
    /// version, a typo to suggest a command for, <c>completion</c>, which walks every command) the whole tree. Building
    /// all of them costs every start ~300 resource lookups and thousands of objects that one command never looks at
    /// (bench/history/2026-11-steps-1-27.md, step 17); what a named command parses, prints and returns does not depend
    /// on its siblings.
    /// </summary>
    public static RootCommand Build(ICliConsole console, IReadOnlyList<string> args) =>
        InvokedCommand(args) is { } create ? BuildWith(console, [create]) : Build(console);

    private static RootCommand BuildWith(ICliConsole console, IEnumerable<Func<ICliConsole, Command>> commands)
    {
        var root = new RootCommand(Strings.Root_Description)
        {
            // Read before the tree is built (ChooseLanguage); declared here so that it is accepted after any command and shown in help.
            new Option<string>(UiLanguage.OptionName) { Description = Strings.Option_Lang, HelpName = "en|ko", Recursive = true },
        };
        foreach (var option in root.Options)
        {
            // netprog's own help page (HelpPage) in place of System.CommandLine's, and both built-in options described in our words.
            switch (option)
            {
                case System.CommandLine.Help.HelpOption help:
                    help.Description = Strings.Option_Help;
                    help.Action = new HelpPageAction(console);
                    break;
                case VersionOption version:
                    version.Description = Strings.Option_Version;
                    break;
            }
        }

        foreach (var create in commands)
        {
            root.Add(create(console));
        }

        return root;
    }

    /// <summary>
    /// The command the first word names (after any <c>--lang X</c>), or null when it names none, or names
    /// <c>completion</c>, or comes after something else: an option, a response file (<c>@file</c>) or a directive
    /// (<c>[suggest]</c>) are left to the parser and the whole tree.
    /// </summary>
    private static Func<ICliConsole, Command>? InvokedCommand(IReadOnlyList<string> args)
    {
        var i = 0;
        while (i < args.Count && (args[i] == UiLanguage.OptionName || args[i].StartsWith(UiLanguage.OptionName + "=", StringComparison.Ordinal)
                                  || args[i].StartsWith(UiLanguage.OptionName + ":", StringComparison.Ordinal)))
        {
            i += args[i] == UiLanguage.OptionName ? 2 : 1;
        }

        if (i >= args.Count || args[i] == "completion")
        {
            return null;
        }

        foreach (var (name, create) in AllCommands)
        {
            if (string.Equals(name, args[i], StringComparison.Ordinal))
            {
                return create;
            }
        }

        return null;
    }

    public static async Task<int> RunAsync(string[] args, ICliConsole console, CancellationToken cancellationToken)
    {
        // The language first: help texts are read from the resources while the tree is built.
        if (ChooseLanguage(args) is { } languageError)
        {
            return CommandRunner.Fail(console, languageError, ExitCode.Usage);
        }

        var root = Build(console, args);
        var parse = root.Parse(args);
        if (CommandLineErrors.IsBareGroup(parse))
        {
            // `netprog`, `netprog users`, `netprog bench` alone: the list of what can follow, and success, as gh and kubectl do.
            HelpPage.Write(parse.CommandResult.Command, console.Out, console.Width);
            return (int)ExitCode.Success;
        }

        if (parse.Errors.Count > 0)
        {
            return CommandRunner.Fail(console, CommandLineErrors.Describe(parse, args), ExitCode.Usage);
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
