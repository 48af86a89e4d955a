using System.CommandLine;
using NetProg.Services.Hosting;
using NetProg.Transport.Tcp;
using NetProg.Transport.Udp;

namespace NetProg.Cli.Commands;

/// <summary>The options every server command has. One instance per command: an option belongs to one command.</summary>
internal sealed class ServerOptionSet(int defaultPort = CommonOptions.DefaultPort, bool withProtocolChoice = true)
{
    public Option<int> Port { get; } = CommonOptions.Port(defaultPort);

    public Option<string[]> Bind { get; } = CommonOptions.Bind();

    public Option<bool> Udp { get; } = CommonOptions.Udp(Strings.ServerOption_Udp);

    public Option<bool> Both { get; } = CommonOptions.Both();

    public Option<bool> Quiet { get; } = CommonOptions.Quiet();

    public Option<int> MaxConnections { get; } = CommonOptions.MaxConnections();

    public Option<int> MaxPerAddress { get; } = CommonOptions.MaxPerAddress();

    public Option<TimeSpan> IdleTimeout { get; } = CommonOptions.IdleTimeout();

    public Option<int> RateLimit { get; } = CommonOptions.RateLimit();

    public Option<bool> NoLoopGuard { get; } = CommonOptions.NoLoopGuard();

    public Option<TransportEngine?> Engine { get; } = EngineOption.Create();

    public void AddTo(Command command)
    {
        command.Add(Port);
        command.Add(Bind);
        if (withProtocolChoice)
        {
            command.Add(Udp);
            command.Add(Both);
        }

        command.Add(MaxConnections);
        command.Add(MaxPerAddress);
        command.Add(IdleTimeout);
        command.Add(RateLimit);
        command.Add(NoLoopGuard);
        command.Add(Engine);
        command.Add(Quiet);
    }

    public ServerSettings Read(ParseResult result, ServedPortsHolder? shared = null)
    {
        var protocols = !withProtocolChoice || result.GetValue(Both)
            ? ProtocolSelection.Both
            : result.GetValue(Udp) ? ProtocolSelection.Udp : ProtocolSelection.Tcp;
        return new ServerSettings(
            result.GetValue(Port),
            result.GetValue(Bind) ?? [],
            protocols,
            result.GetValue(Quiet),
            EngineOption.Apply(
                new TcpServerOptions
                {
                    MaxConnections = result.GetValue(MaxConnections),
                    MaxConnectionsPerAddress = result.GetValue(MaxPerAddress),
                    IdleTimeout = result.GetValue(IdleTimeout),
                },
                result.GetValue(Engine),
                Environment.GetEnvironmentVariable),
            new UdpServerOptions
            {
                RateLimitPerSecond = result.GetValue(RateLimit),
                LoopGuard = !result.GetValue(NoLoopGuard),
                ServedPorts = shared?.Ports ?? new(),
            });
    }
}
