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
        var host = new Argument<string>("HOST") { Description = "The server's name or address." };
        var port = new Argument<int?>("PORT")
        {
            Description = "The server's port. Without it, only the name and the path are checked.",
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

                r.AddError($"invalid port '{text}': a port is a whole number from 1 to 65535.");
                return null;
            },
        };
        var udp = CommonOptions.Udp("Probe UDP instead of TCP.");
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long to wait for each answer. Default: 3s.",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(3),
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                if (Duration.TryParse(text, out var value) && value > TimeSpan.Zero)
                {
                    return value;
                }

                r.AddError($"invalid time for --timeout: '{text}'. Use a number with ms, s, m or h, e.g. 3s.");
                return TimeSpan.FromSeconds(3);
            },
            HelpName = "TIME",
        };
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON." };

        var command = new Command("doctor", "Say, step by step, why a client can or cannot reach a server: name, path, port, what answers, and the usual causes.")
        {
            host, port, udp, timeout, json,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            var target = result.GetValue(host)!;
            if (HostSyntax.Check(target) is { } error)
            {
                throw new UsageException(error);
            }

            var report = await Doctor.RunAsync(new DoctorRequest(target, result.GetValue(port), result.GetValue(udp), result.GetValue(timeout)), token).ConfigureAwait(false);
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
