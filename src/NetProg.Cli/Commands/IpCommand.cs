using System.CommandLine;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using NetProg.Diagnostics.Interfaces;

namespace NetProg.Cli.Commands;

/// <summary><c>netprog ip [--json]</c>: the interfaces and what each address means, like <c>ip a</c> or <c>ifconfig</c>.</summary>
internal static class IpCommand
{
    public static Command Create(ICliConsole console) => TableCommand.Create(
        console,
        "ip",
        Strings.Ip_Description,
        NetworkInterfaces.List,
        list => list.Interfaces.Count == 0 ? list.Reason : null,
        IpJson.Write,
        IpView.Write);
}
