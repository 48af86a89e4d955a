namespace NetProg.Transport.Client;

/// <summary>Connects to a host name or address, trying every address the name resolves to, each within the timeout.</summary>
public static class TcpConnector
{
    public static async Task<TcpClientConnection> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var addresses = await HostResolver.ResolveAsync(host, timeout, TransportProtocol.Tcp, cancellationToken).ConfigureAwait(false);
        var failures = new List<ConnectAttempt>();
        NetworkException? first = null;
        foreach (var address in addresses)
        {
            var endPoint = new IPEndPoint(address, port);
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var start = Stopwatch.GetTimestamp();
            try
            {
                // Our own deadline: the OS gives up after ~21 s on Windows and minutes on Linux (dotnet/runtime#57468;
                // tcp(7), tcp_syn_retries).
                await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
                return new TcpClientConnection(socket, endPoint, failures, Stopwatch.GetElapsedTime(start));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                failures.Add(new ConnectAttempt(endPoint, SocketErrorKind.TimedOut));
                first ??= new NetworkException(SocketErrorKind.TimedOut, NetworkOperation.Connect, TransportProtocol.Tcp, endPoint, host, string.Format(Strings.Detail_NoAnswer, timeout.TotalSeconds));
            }
            catch (SocketException e)
            {
                socket.Dispose();
                var error = NetworkException.From(e, NetworkOperation.Connect, TransportProtocol.Tcp, endPoint, host);
                failures.Add(new ConnectAttempt(endPoint, error.Kind));
                first ??= error;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw Failed(first!, failures, host);
    }

    internal static NetworkException Failed(NetworkException first, IReadOnlyList<ConnectAttempt> failures, string host)
    {
        if (failures.Count <= 1)
        {
            return first;
        }

        // Every address of the name failed: say so for each, the first one's class leading (it is the preferred address).
        var detail = string.Join("; ", failures.Select(f => $"{EndPointText.Format(f.EndPoint)} {Describe(f.Error)}"));
        return new NetworkException(first.Kind, first.Operation, first.Protocol, first.EndPoint, host, detail, first.InnerException);
    }

    private static string Describe(SocketErrorKind kind) => kind switch
    {
        SocketErrorKind.ConnectionRefused => "refused",
        SocketErrorKind.TimedOut => "timed out",
        SocketErrorKind.HostUnreachable => "host unreachable",
        SocketErrorKind.NetworkUnreachable => "network unreachable",
        _ => kind.ToString(),
    };
}
