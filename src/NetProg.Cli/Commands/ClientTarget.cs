using System.CommandLine;

namespace NetProg.Cli.Commands;

/// <summary>
/// The <c>[HOST] [PORT]</c> of every client command (time-client, echo-client, bench): 127.0.0.1 and 30000 by default,
/// <c>HOST:PORT</c> accepted, a port given both ways refused.
/// </summary>
internal sealed class ClientTarget
{
    private readonly Argument<HostArgument> _host = CommonOptions.Host();
    private readonly Argument<int> _port = CommonOptions.PortArgument();

    private ClientTarget()
    {
    }

    /// <summary>Adds HOST and PORT to <paramref name="command"/>, in that order, with the check on a port given twice.</summary>
    public static ClientTarget AddTo(Command command)
    {
        var target = new ClientTarget();
        command.Add(target._host);
        command.Add(target._port);
        CommonOptions.RefusePortTwice(command, target._host, target._port);
        return target;
    }

    /// <summary>The host and port to use: the port of HOST:PORT, else PORT (or its default).</summary>
    public (string Host, int Port) Read(ParseResult result) => CommonOptions.Target(result, _host, _port);
}
