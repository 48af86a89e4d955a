using System.CommandLine;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using NetProg.Diagnostics.Interfaces;

namespace NetProg.Cli.Commands;

/// <summary><c>netprog ip [--json]</c>: the interfaces and what each address means, like <c>ip a</c> or <c>ifconfig</c>.</summary>
internal static class IpCommand
{
    public static Command Create(ICliConsole console)
    {
        var json = new Option<bool>("--json") { Description = Strings.Option_JsonTable };
        var command = new Command("ip", Strings.Ip_Description) { json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, _ =>
        {
            if (result.GetValue(json))
            {
                // Output for scripts is the same in every language (README.md, "Language"): the labels in the neutral
                // (English) resources.
                System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
            }

            var list = NetworkInterfaces.List();
            if (list.Interfaces.Count == 0 && list.Reason is not null)
            {
                return Task.FromResult((ExitCode)CommandRunner.Fail(console, list.Reason, ExitCode.Failure));
            }

            if (result.GetValue(json))
            {
                IpJson.Write(console.Out, list);
            }
            else
            {
                IpView.Write(console.Out, list);
            }

            return Task.FromResult(ExitCode.Success);
        }, ct));
        return command;
    }
}
