using System.CommandLine;
using System.CommandLine.Parsing;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using NetProg.Protocols.Ports;
using NetProg.Services.Check;
using NetProg.Services.Check.Clients;
using NetProg.Services.Check.Login;
using NetProg.Protocols.Text;

namespace NetProg.Cli.Commands;

/// <summary>
/// <c>netprog check KIND [HOST] [PORT] | -- PROGRAM ARGS... [--port P] [--only IDS] [--timeout 5s] [--json] [--targets FILE]</c>:
/// tests a student's server or client from the outside and says what is wrong with it. Exit 0 when no check failed, 1
/// when one did, 2 for usage.
/// </summary>
internal static class CheckCommand
{
    private const string DefaultHost = "127.0.0.1";
    private const int DefaultPort = 30000;
    private const int TargetsAtOnce = 4;
    private const long MaxTargetsFileBytes = 256 * 1024;

    public static Command Create(ICliConsole console)
    {
        var kind = new Argument<string>("KIND")
        {
            Description = string.Format(Strings.Check_Argument_Kind, string.Join(", ", CheckKinds.All)),
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                if (!CheckKinds.TryParse(text, out _))
                {
                    r.AddError(string.Format(Strings.Check_UnknownKind, text, string.Join(", ", CheckKinds.All)));
                }

                return text;
            },
        };
        kind.CompletionSources.Add(CheckKinds.All.ToArray());
        var rest = new Argument<string[]>("ARGS") { Description = Strings.Check_Argument_Args, Arity = ArgumentArity.ZeroOrMore };
        var port = new Option<int?>("--port", "-p")
        {
            Description = Strings.Check_Option_Port,
            HelpName = "PORT",
            CustomParser = CommonOptions.ParseOptionalPort,
        };
        var only = new Option<string?>("--only") { Description = Strings.Check_Option_Only, HelpName = "ID,..." };
        var timeout = CommonOptions.DurationOption("--timeout", Strings.Check_Option_Timeout, TimeSpan.FromSeconds(5));
        var json = new Option<bool>("--json") { Description = Strings.Check_Option_Json };
        var targets = new Option<string?>("--targets") { Description = Strings.Check_Option_Targets, HelpName = "FILE" };
        var script = new Option<string?>("--script") { Description = Strings.Check_Option_Script, HelpName = "FILE" };
        var user = new Option<string?>("--user") { Description = Strings.Check_Option_User, HelpName = "NAME" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = Strings.Check_Option_PasswordStdin };

        var command = new Command("check", Strings.Check_Description) { kind, rest, port, only, timeout, json, targets, script, user, passwordStdin };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            _ = CheckKinds.TryParse(result.GetValue(kind)!, out var what);
            var (before, program) = SplitAtDoubleDash(result, rest);
            if (result.GetValue(json))
            {
                // Output for scripts is the same in every language: the texts in the neutral (English) resources.
                CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            }

            var options = new CheckOptions
            {
                Timeout = result.GetValue(timeout),
                Only = Only(result.GetValue(only), what),
                // reachable quotes the doctor when the server cannot be reached: in the doctor's own words.
                DoctorWords = check => (DoctorWords.Finding(check), DoctorWords.Advice(check.Fix)),
            };
            var login = Login(console, what, result.GetValue(script), result.GetValue(user), result.GetValue(passwordStdin));
            if (result.GetValue(targets) is { } file)
            {
                if (!CheckKinds.IsServer(what))
                {
                    throw new UsageException(Strings.Check_TargetsServerOnly);
                }

                if (before.Count > 0 || program is not null || result.GetValue(port) is not null)
                {
                    throw new UsageException(Strings.Check_TargetsWithOther);
                }

                var reports = await CheckManyAsync(what, file, options, login, token).ConfigureAwait(false);
                WriteLines(console, result.GetValue(json) ? [CheckJson.Serialize(what, reports)] : CheckView.Table(what, file, reports));
                return reports.Any(r => r.Failed) ? ExitCode.Failure : ExitCode.Success;
            }

            var report = CheckKinds.IsServer(what)
                ? await ServerChecker.RunAsync(ServerRequest(what, before, program, result.GetValue(port), options) with { Login = login }, token).ConfigureAwait(false)
                : await ClientChecker.RunAsync(ClientRequest(what, before, program, result.GetValue(port), options), token).ConfigureAwait(false);
            WriteLines(console, result.GetValue(json) ? [CheckJson.Serialize(report)] : CheckView.Lines(report));
            return report.Failed ? ExitCode.Failure : ExitCode.Success;
        }, ct));
        return command;
    }

    /// <summary>
    /// The arguments before <c>--</c> (HOST, PORT) and the program after it (null without <c>--</c>). The parser gives
    /// both to one argument; the position of the <c>--</c> token among the parsed tokens tells them apart.
    /// </summary>
    private static (IReadOnlyList<string> Before, ProgramCommand? Program) SplitAtDoubleDash(ParseResult result, Argument<string[]> rest)
    {
        var all = result.Tokens;
        var dash = -1;
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Type == TokenType.DoubleDash)
            {
                dash = i;
                break;
            }
        }

        var mine = result.GetResult(rest)?.Tokens ?? [];
        var before = new List<string>();
        var after = new List<string>();
        foreach (var token in mine)
        {
            var at = IndexOf(all, token);
            (dash >= 0 && at > dash ? after : before).Add(token.Value);
        }

        if (dash < 0)
        {
            return (before, null);
        }

        if (after.Count == 0)
        {
            throw new UsageException(Strings.Check_NothingAfterDash);
        }

        return (before, new ProgramCommand(ResolveProgram(after[0]), after.Skip(1).ToList()) { Typed = after[0] });
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
            {
                return i;
            }
        }

        return -1;
    }

    private static ServerCheckRequest ServerRequest(CheckKind kind, IReadOnlyList<string> before, ProgramCommand? program, int? portOption, CheckOptions options)
    {
        if (before.Count > 2)
        {
            throw new UsageException(string.Format(Strings.Check_TooManyArguments, before[2]));
        }

        var host = DefaultHost;
        int? port = null;
        if (before.Count > 0)
        {
            var (split, error) = HostSyntax.Split(before[0]);
            if (error is not null)
            {
                throw new UsageException(error);
            }

            host = split.Host;
            port = split.Port;
            if (before.Count > 1)
            {
                if (port is not null)
                {
                    throw new UsageException(CommonOptions.PortTwice(before[0], host, port.Value, before[1]));
                }

                port = ParsePort(before[1]) ?? throw new UsageException(string.Format(Strings.Usage_InvalidPort, before[1]));
            }
        }

        if (portOption is { } optionPort)
        {
            if (port is not null)
            {
                throw new UsageException(CommonOptions.PortTwice(string.Join(' ', before), host, port.Value, $"--port {optionPort}"));
            }

            port = optionPort;
        }

        // The port expected: as given, else the first number among the program's arguments (./echo_server 30000), else the course's.
        port ??= program?.Arguments.Select(ParsePort).FirstOrDefault(p => p is not null) ?? DefaultPort;
        return new ServerCheckRequest(kind, host, port.Value) { Options = options, Program = program };
    }

    private static ClientCheckRequest ClientRequest(CheckKind kind, IReadOnlyList<string> before, ProgramCommand? program, int? portOption, CheckOptions options)
    {
        var example = $"{ProgramName.Current} check {CheckKinds.Name(kind)} -- ./{CheckKinds.Name(kind).Replace('-', '_')} {{host}} {{port}}";
        if (program is null)
        {
            throw new UsageException(string.Format(Strings.Check_ClientNeedsProgram, CheckKinds.Name(kind), example));
        }

        if (before.Count > 0 || portOption is not null)
        {
            throw new UsageException(Strings.Check_ClientNoHost);
        }

        if (!program.Arguments.Any(a => a.Contains("{port}", StringComparison.Ordinal)))
        {
            throw new UsageException(string.Format(Strings.Check_ClientNeedsPort, example));
        }

        return new ClientCheckRequest(kind, program) { Options = options };
    }

    /// <summary>
    /// The login settings of a <c>login-server</c> check: the <c>--script</c> transcript, checked before anything runs, and
    /// the account (the password asked for without echo, or the first line of stdin with <c>--password-stdin</c>).
    /// </summary>
    private static LoginCheckSettings? Login(ICliConsole console, CheckKind kind, string? script, string? user, bool passwordStdin)
    {
        if (kind != CheckKind.LoginServer)
        {
            if (script is not null || user is not null || passwordStdin)
            {
                throw new UsageException(Strings.Check_LoginOptionsOnly);
            }

            return null;
        }

        if (passwordStdin && user is null)
        {
            throw new UsageException(Strings.EchoClient_PasswordStdinWithoutUser);
        }

        var password = user is null ? null : PasswordInput.Read(console, passwordStdin, null, string.Format(Strings.EchoClient_PasswordPrompt, user));
        if (script is null)
        {
            return user is null ? null : new LoginCheckSettings { User = user, Password = password };
        }

        var settings = LoginCheckSettings.FromFile(script, user, password);
        return settings.Problem() is { } problem ? throw new CheckException(problem) : settings;
    }

    private static async Task<IReadOnlyList<CheckReport>> CheckManyAsync(CheckKind kind, string file, CheckOptions options, LoginCheckSettings? login, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            var info = new FileInfo(file);
            if (info.Exists && info.Length > MaxTargetsFileBytes)
            {
                throw new CheckException(string.Format(Strings.Check_Targets_TooLarge, file, $"{MaxTargetsFileBytes / 1024} KiB"));
            }

            text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckException(string.Format(Strings.Check_Targets_Unreadable, file, FileErrorText.Cause(e, file)));
        }

        var (targets, bad, tooMany) = CheckTargetList.Parse(text);
        if (bad is { } line)
        {
            throw new CheckException(string.Format(Strings.Check_Targets_Line, file, line.Line, string.Format(Strings.Check_Targets_BadLine, PrintableText.Printable(line.Text))));
        }

        if (tooMany)
        {
            throw new CheckException(string.Format(Strings.Check_Targets_TooMany, file, CheckTargetList.MaxTargets));
        }

        if (targets.Count == 0)
        {
            throw new CheckException(string.Format(Strings.Check_Targets_Empty, file));
        }

        // A few at a time: each target's checks run one after the other (they depend on each other's state), the targets
        // beside each other; the table keeps the file's order.
        var reports = new CheckReport[targets.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, targets.Count),
            new ParallelOptions { MaxDegreeOfParallelism = TargetsAtOnce, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var target = targets[i];
                var request = new ServerCheckRequest(kind, target.Host, target.Port) { Options = options, Label = target.Label, Login = login };
                reports[i] = await ServerChecker.RunAsync(request, token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return reports;
    }

    private static IReadOnlySet<string>? Only(string? text, CheckKind kind)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var known = CheckIds.For(kind);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!known.Contains(id))
            {
                var closest = Suggestions.Closest(id, known);
                var hint = closest.Count > 0 ? string.Format(Strings.Check_DidYouMean, string.Join(", ", closest)) : string.Empty;
                throw new UsageException(string.Format(Strings.Check_UnknownId, id, CheckKinds.Name(kind), hint, string.Join(", ", known)));
            }

            ids.Add(id);
        }

        return ids;
    }

    /// <summary>
    /// The program after <c>--</c> as a path: one with a folder in it as given (made absolute), a bare name looked up on PATH
    /// as a shell does, then in the current folder (where a student's freshly built program is).
    /// </summary>
    private static string ResolveProgram(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal) || (OperatingSystem.IsWindows() && name.Contains('\\', StringComparison.Ordinal)))
        {
            return Path.GetFullPath(name);
        }

        var extensions = OperatingSystem.IsWindows()
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE").Split(';', StringSplitOptions.RemoveEmptyEntries).Prepend(string.Empty).ToArray()
            : [string.Empty];
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Environment.CurrentDirectory);
        foreach (var folder in folders)
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(folder, name + extension);
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new CheckException(string.Format(Strings.Check_ProgramNotFound, name));
    }

    private static int? ParsePort(string text) => PortSyntax.TryParsePort(text, allowZero: false, out var port, out _) ? port : null;

    private static void WriteLines(ICliConsole console, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            console.Out.WriteLine(line);
        }
    }
}
