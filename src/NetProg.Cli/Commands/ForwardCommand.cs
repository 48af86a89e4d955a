using System.CommandLine;
using System.CommandLine.Parsing;
using NetProg.Cli.Infrastructure;
using NetProg.Protocols.Forwarding;
using NetProg.Services.Forward;
using NetProg.Services.Hosting;
using NetProg.Transport;

namespace NetProg.Cli.Commands;

/// <summary>
/// <c>netprog forward --listen [ADDR:]PORT[-PORT] --to HOST[:PORT[-PORT]] [--udp | --both] [--allow CIDR ...]</c>: a router's
/// port-forwarding rule in software.
/// </summary>
internal static class ForwardCommand
{
    // Up to this many ports, one "listening on" line per socket, as the servers print; past it, one line per address and protocol.
    private const int MaxPortsListed = 8;

    // No -l and no -t: in sockets (as in ss and netstat) they mean --listening and --tcp, and a short form means one thing.
    private const string ListenOption = "--listen";

    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    public static Command Create(ICliConsole console)
    {
        var listen = new Option<ListenSpec>(ListenOption)
        {
            Description = Strings.Forward_Option_Listen,
            HelpName = "[ADDR:]PORT[-PORT]",
            Required = true,
            CustomParser = r => Parse<ListenSpec>(r, ListenSpec.TryParse),
        };
        var to = new Option<TargetSpec>("--to")
        {
            Description = Strings.Forward_Option_To,
            HelpName = "HOST[:PORT[-PORT]]",
            Required = true,
            CustomParser = r => Parse<TargetSpec>(r, TargetSpec.TryParse),
        };
        var udp = CommonOptions.Udp(Strings.Forward_Option_Udp);
        var both = new Option<bool>("--both") { Description = Strings.Forward_Option_Both };
        var allow = new Option<AllowList>("--allow", "-a")
        {
            Description = Strings.Forward_Option_Allow,
            HelpName = "CIDR",
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => AllowList.Everyone,
            CustomParser = ParseAllow,
        };
        var maxConnections = CommonOptions.MaxConnections();
        maxConnections.Description = Strings.Forward_Option_MaxConnections;
        var maxPerAddress = CommonOptions.MaxPerAddress();
        maxPerAddress.Description = Strings.Forward_Option_MaxPerAddress;
        var idleTimeout = CommonOptions.IdleTimeout();
        var udpTimeout = CommonOptions.UdpTimeout();
        var quiet = CommonOptions.Quiet();

        var command = new Command("forward", Strings.Forward_Description)
        {
            listen, to, udp, both, allow, maxConnections, maxPerAddress, idleTimeout, udpTimeout, quiet,
        };
        command.SetAction((result, ct) =>
        {
            var listenSpec = result.GetValue(listen)!;
            var target = result.GetValue(to)!;
            if (!PortMapping.TryCreate(listenSpec.Ports, target.Ports, out var mapping, out var error))
            {
                return Task.FromResult(CommandRunner.Fail(console, string.Format(Strings.Usage_SeeHelp, error, CommandPath.Help(command)), ExitCode.Usage));
            }

            var protocols = result.GetValue(both) ? ProtocolSelection.Both : result.GetValue(udp) ? ProtocolSelection.Udp : ProtocolSelection.Tcp;
            var plan = new Plan(
                listenSpec,
                target.Host,
                mapping,
                protocols,
                result.GetValue(allow)!,
                result.GetValue(maxConnections),
                result.GetValue(maxPerAddress),
                result.GetValue(idleTimeout),
                result.GetValue(udpTimeout));
            return CommandRunner.RunAsync(console, token => ForwardAsync(console, plan, result.GetValue(quiet), token), ct, ListenOption);
        });
        return command;
    }

    private static async Task<ExitCode> ForwardAsync(ICliConsole console, Plan plan, bool quiet, CancellationToken stopping)
    {
        // A relay's work per read is one non-blocking send (bench/forward). This process makes no socket before this line; the
        // forwarder keeps log writes off the socket engine's thread.
        InlineSocketCompletions.Enable();
        using var provider = new LineLoggerProvider(console.Error);
        using var loggers = Logging.Create(provider, quiet);
        var addresses = plan.Listen.Address is null
            ? ListenAddresses.Any()
            : await ListenAddresses.ResolveAsync([plan.Listen.Address], ResolveTimeout, stopping).ConfigureAwait(false);
        // The target is resolved once, as a router's rule holds an address: the first the resolver prefers (RFC 6724).
        var targets = await HostResolver.ResolveAsync(plan.TargetHost, ResolveTimeout, TransportProtocol.Tcp, stopping).ConfigureAwait(false);
        var options = new ForwardOptions
        {
            ListenAddresses = addresses,
            Ports = plan.Mapping,
            Target = targets[0],
            Protocols = plan.Protocols,
            Allow = plan.Allow,
            MaxConnections = plan.MaxConnections,
            MaxUdpSessions = plan.MaxConnections,
            MaxConnectionsPerAddress = plan.MaxPerAddress,
            IdleTimeout = plan.IdleTimeout,
            UdpTimeout = plan.UdpTimeout,
        };

        Forwarder forwarder;
        try
        {
            forwarder = Forwarder.Bind(options, loggers.CreateLogger("forward"));
        }
        catch (ForwardException e)
        {
            CommandRunner.Fail(console, e.Message, ExitCode.Failure);
            return ExitCode.Failure;
        }

        await using (forwarder.ConfigureAwait(false))
        {
            foreach (var line in Describe(forwarder, options))
            {
                // Scripts and tests wait for these lines: print them as soon as every socket is bound, and flush.
                console.Out.WriteLine(line);
            }

            console.Out.Flush();
            if (OpenToEveryone(options))
            {
                // As the login server warns about passwords in clear text: a relay on every address with no --allow is a free
                // open proxy to the target for whoever finds the port.
                CliLog.ForwardOpenToEveryone(loggers.CreateLogger("forward"));
            }

            await forwarder.RunAsync(stopping).ConfigureAwait(false);
        }

        return ExitCode.Success;
    }

    /// <summary>Listening beyond this machine (an address that is not loopback) and allowing every client.</summary>
    internal static bool OpenToEveryone(ForwardOptions options) =>
        options.Allow.IsEveryone && options.ListenAddresses.Any(a => !IPAddress.IsLoopback(EndPointText.Normalize(a)));

    private static IEnumerable<string> Describe(Forwarder forwarder, ForwardOptions options)
    {
        var listening = forwarder.Listening;
        var ports = options.Ports.Listen.Count;
        if (ports <= MaxPortsListed)
        {
            foreach (var socket in listening)
            {
                yield return $"listening on {socket}";
            }
        }
        else
        {
            foreach (var group in listening.GroupBy(l => (l.EndPoint.Address, l.Protocol)))
            {
                var first = group.First().EndPoint;
                var protocol = group.Key.Protocol == TransportProtocol.Tcp ? "tcp" : "udp";
                yield return $"listening on {EndPointText.Format(first.Address)}:{options.Ports.Listen}/{protocol} ({group.Count():N0} ports)";
            }
        }

        var actual = new PortRange(listening[0].EndPoint.Port, listening[0].EndPoint.Port + ports - 1);
        var over = options.Protocols switch
        {
            ProtocolSelection.Both => Strings.Forward_OverBoth,
            ProtocolSelection.Udp => "udp",
            _ => "tcp",
        };
        yield return string.Format(Strings.Forward_Started, actual, EndPointText.Format(options.Target), options.Ports.Target, over, options.Allow.IsEveryone ? Strings.Forward_AllowEveryone : options.Allow.ToString());
    }

    private delegate bool TryParser<T>(string text, out T value, out string error);

    private static T Parse<T>(ArgumentResult result, TryParser<T> parser)
        where T : class
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (parser(text, out var value, out var error))
        {
            return value;
        }

        result.AddError(error);
        return null!;
    }

    private static AllowList ParseAllow(ArgumentResult result)
    {
        var entries = result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (AllowList.TryParse(entries, out var list, out var error))
        {
            return list;
        }

        result.AddError(error);
        return AllowList.Everyone;
    }

    private sealed record Plan(
        ListenSpec Listen,
        string TargetHost,
        PortMapping Mapping,
        ProtocolSelection Protocols,
        AllowList Allow,
        int MaxConnections,
        int MaxPerAddress,
        TimeSpan IdleTimeout,
        TimeSpan UdpTimeout);
}
