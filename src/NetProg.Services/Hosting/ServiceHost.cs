using Microsoft.Extensions.Logging;
using NetProg.Transport;
using NetProg.Transport.Tcp;
using NetProg.Transport.Udp;

namespace NetProg.Services.Hosting;

/// <summary>
/// One service (time or echo) on TCP, UDP or both, on one port. Binding happens in <see cref="Bind"/>, so that the caller can
/// print the <c>listening on</c> lines before serving; <see cref="RunAsync"/> serves until cancelled and then drains.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private const int BindAttempts = 8;

    private readonly ServiceDefinition _service;
    private readonly TcpServer? _tcp;
    private readonly UdpServer? _udp;
    private readonly ILogger _logger;
    private readonly int _rateLimit;

    private ServiceHost(ServiceDefinition service, TcpServer? tcp, UdpServer? udp, ILogger logger, int rateLimit)
    {
        _service = service;
        _rateLimit = rateLimit;
        _tcp = tcp;
        _udp = udp;
        _logger = logger;

        var listening = new List<ListeningSocket>();
        if (tcp is not null)
        {
            listening.AddRange(tcp.LocalEndPoints.Select(e => new ListeningSocket(service.Name, e, TransportProtocol.Tcp)));
            tcp.ConnectionClosed = OnConnectionClosed;
            tcp.ConnectionRejected = (remote, limit) =>
            {
                Stats.ConnectionRejected();
                if (limit == ConnectionLimit.Address)
                {
                    ServiceLog.AddressFull(_logger, _service.Name, EndPointText.Format(remote), tcp.Options.MaxConnectionsPerAddress);
                }
                else
                {
                    ServiceLog.ConnectionRejected(_logger, _service.Name, EndPointText.Format(remote), tcp.ActiveConnections);
                }
            };
        }

        if (udp is not null)
        {
            listening.AddRange(udp.LocalEndPoints.Select(e => new ListeningSocket(service.Name, e, TransportProtocol.Udp)));
            udp.DatagramHandled = OnDatagram;
            udp.DatagramDropped = _ => Stats.DatagramDropped();
        }

        Listening = listening;
    }

    public IReadOnlyList<ListeningSocket> Listening { get; }

    public ServerStats Stats { get; } = new();

    /// <summary>The one port this service listens on.</summary>
    public int Port => Listening[0].EndPoint.Port;

    /// <summary>Binds every socket of the service, or none: throws <see cref="NetworkException"/> on the first that fails.</summary>
    public static ServiceHost Bind(ServiceDefinition service, ServiceHostOptions options, ILogger logger)
    {
        if (service.UdpHandler is null && options.Protocols.HasFlag(ProtocolSelection.Udp))
        {
            throw new ArgumentException($"the {service.Name} service has no UDP form", nameof(options));
        }

        for (var attempt = 1; ; attempt++)
        {
            TcpServer? tcp = null;
            try
            {
                var port = options.Port;
                if (options.Protocols.HasFlag(ProtocolSelection.Tcp))
                {
                    tcp = TcpServer.Bind(options.Addresses, port, options.Tcp with { InlineHandlers = service.InlineHandlers }, logger);
                    port = tcp.LocalEndPoints[0].Port;
                }

                var udp = options.Protocols.HasFlag(ProtocolSelection.Udp)
                    ? UdpServer.Bind(options.Addresses, port, options.Udp, logger)
                    : null;
                return new ServiceHost(service, tcp, udp, logger, options.Udp.RateLimitPerSecond);
            }
            catch (NetworkException e) when (options.Port == 0 && tcp is not null && e.Kind == SocketErrorKind.AddressInUse && attempt < BindAttempts)
            {
                // The free TCP port is taken for UDP: pick another pair.
                tcp.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch
            {
                tcp?.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw;
            }
        }
    }

    /// <summary>Serves until <paramref name="stopping"/> fires, then lets in-flight exchanges finish (bounded) and returns.</summary>
    public Task RunAsync(CancellationToken stopping)
    {
        var tasks = new List<Task>(2);
        if (_tcp is not null)
        {
            tasks.Add(_tcp.RunAsync(TrackedHandler, stopping));
        }

        if (_udp is not null)
        {
            tasks.Add(_udp.RunAsync(_service.UdpHandler!, stopping));
        }

        return Task.WhenAll(tasks);
    }

    public async ValueTask DisposeAsync()
    {
        if (_tcp is not null)
        {
            await _tcp.DisposeAsync().ConfigureAwait(false);
        }

        if (_udp is not null)
        {
            await _udp.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ValueTask TrackedHandler(TcpConnection connection, CancellationToken stopping)
    {
        Stats.ConnectionOpened();
        return _service.TcpHandler(connection, stopping);
    }

    private void OnConnectionClosed(ConnectionSummary summary)
    {
        Stats.ConnectionClosed(summary.BytesReceived, summary.BytesSent);
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return; // --quiet: not even the address text is made.
        }

        ServiceLog.ClientServed(
            _logger, _service.Name, "tcp", EndPointText.Format(summary.RemoteEndPoint), summary.BytesReceived, summary.BytesSent,
            summary.Duration.TotalMilliseconds, Describe(summary.Reason));
    }

    private void OnDatagram(DatagramSummary summary)
    {
        if (summary.DropReason == UdpDropReason.None)
        {
            Stats.DatagramAnswered(summary.BytesReceived, summary.BytesSent);
            if (!_logger.IsEnabled(LogLevel.Information))
            {
                return; // --quiet: not even the address text is made.
            }

            ServiceLog.ClientServed(
                _logger, _service.Name, "udp", EndPointText.Format(summary.RemoteEndPoint), summary.BytesReceived, summary.BytesSent,
                summary.Duration.TotalMilliseconds, string.Empty);
        }
        else if (summary.DroppedCount <= 1 && summary.Duration == TimeSpan.Zero)
        {
            ServiceLog.DatagramDropped(_logger, _service.Name, EndPointText.Format(summary.RemoteEndPoint), Describe(summary.DropReason));
        }
        else
        {
            ServiceLog.DatagramsDropped(
                _logger, _service.Name, EndPointText.Format(summary.RemoteEndPoint), summary.DroppedCount, summary.Duration.TotalMinutes,
                Describe(summary.DropReason));
        }
    }

    private static string Describe(CloseReason reason) => reason switch
    {
        CloseReason.Completed => string.Empty,
        CloseReason.PeerReset => " (reset by the client)",
        CloseReason.IdleTimeout => " (closed: idle timeout)",
        CloseReason.ServerStopped => " (closed: server stopping)",
        _ => " (failed)",
    };

    private string Describe(UdpDropReason reason) => reason switch
    {
        UdpDropReason.SourcePortZero => "source port 0",
        UdpDropReason.PrivilegedSourcePort => "source port below 1024, where other services live (loop guard; --no-loop-guard to allow)",
        UdpDropReason.NfsSourcePort => "source port 2049 (NFS) (loop guard; --no-loop-guard to allow)",
        UdpDropReason.OwnServicePort => "source port is one this process serves: answering could loop (loop guard; --no-loop-guard to allow)",
        UdpDropReason.BroadcastSource => "broadcast source address",
        UdpDropReason.MulticastSource => "multicast or unspecified source address",
        UdpDropReason.ReflectedLoop => "for 5 s it sent back exactly what it was answered: a loop between two services (loop guard; --no-loop-guard to allow)",
        UdpDropReason.RateLimited => string.Create(
            CultureInfo.InvariantCulture, $"too many datagrams from this address: over --rate-limit {_rateLimit}/s (a far address; loopback, private and on-link ones are not limited)"),
        UdpDropReason.FarSourcesRateLimited => string.Create(
            CultureInfo.InvariantCulture, $"too many datagrams from far addresses together: over {_rateLimit * UdpServerOptions.FarSourcesFactor}/s in all ({UdpServerOptions.FarSourcesFactor} x --rate-limit {_rateLimit}): a flood from many addresses"),
        _ => reason.ToString(),
    };
}
