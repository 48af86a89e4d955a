using System.CommandLine;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using NetProg.Diagnostics.Doctor;

namespace NetProg.Cli.Commands;

/// <summary><c>netprog doctor HOST [PORT] [--udp] [--timeout 3s] [--json]</c>: exit 0 when the service answered, 1 otherwise.</summary>
internal static class DoctorCommand
{
    public static Command Create(ICliConsole console)
    {
        var host = new Argument<string>("HOST") { Description = Strings.Doctor_Argument_Host };
        var port = new Argument<int?>("PORT")
        {
            Description = Strings.Doctor_Argument_Port,
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = r =>
            {
                if (r.Tokens.Count == 0)
                {
                    return null;
                }

                var text = r.Tokens[0].Value;
                if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 65535)
                {
                    return value;
                }

                r.AddError(string.Format(Strings.Usage_InvalidPort, text));
                return null;
            },
        };
        var udp = CommonOptions.Udp(Strings.Doctor_Option_Udp);
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = Strings.Doctor_Option_Timeout,
            DefaultValueFactory = _ => TimeSpan.FromSeconds(3),
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                if (Duration.TryParse(text, out var value) && value > TimeSpan.Zero)
                {
                    return value;
                }

                r.AddError(string.Format(Strings.Usage_InvalidTime, "--timeout", text));
                return TimeSpan.FromSeconds(3);
            },
            HelpName = "TIME",
        };
        var json = new Option<bool>("--json") { Description = Strings.Doctor_Option_Json };

        var command = new Command("doctor", Strings.Doctor_Description)
        {
            host, port, udp, timeout, json,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            var typed = result.GetValue(host)!;
            var (split, error) = HostSyntax.Split(typed);
            if (error is not null)
            {
                throw new UsageException(error);
            }

            var target = split.Host;
            var portNumber = result.GetValue(port);
            if (split.Port is { } inHost)
            {
                if (result.GetResult(port) is { Tokens.Count: > 0 } portResult)
                {
                    throw new UsageException(CommonOptions.PortTwice(typed, target, inHost, portResult.Tokens[0].Value));
                }

                portNumber = inHost;
            }

            if (result.GetValue(json))
            {
                // Output for scripts is the same in every language (README.md, "Language"): the findings in the neutral
                // (English) resources.
                System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
            }

            var report = await Doctor.RunAsync(new DoctorRequest(target, portNumber, result.GetValue(udp), result.GetValue(timeout)) { Program = ProgramName.Current }, token).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                console.Out.WriteLine(DoctorJson.Serialize(report));
            }
            else
            {
                foreach (var line in DoctorText.Lines(report))
                {
                    console.Out.WriteLine(line);
                }
            }

            var ok = report.Port is null ? report.Checks.All(c => c.Status != CheckStatus.Failed) : report.ServiceAnswered;
            return ok ? ExitCode.Success : ExitCode.Failure;
        }, ct));
        return command;
    }
}
