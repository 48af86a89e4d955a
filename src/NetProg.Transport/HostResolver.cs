namespace NetProg.Transport;

/// <summary>Name resolution with a deadline: a resolver that cannot be reached must not hang a client.</summary>
public static class HostResolver
{
    public static async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, TimeSpan timeout, TransportProtocol protocol, CancellationToken cancellationToken)
    {
        if (EndPointText.TryParseAddress(host, out var literal))
        {
            return [literal];
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, deadline.Token).ConfigureAwait(false);
            // Keep the resolver's order (it applies RFC 6724 preferences) but drop families this OS cannot use.
            var usable = addresses
                .Select(EndPointText.Normalize)
                .Where(a => a.AddressFamily == AddressFamily.InterNetwork || (a.AddressFamily == AddressFamily.InterNetworkV6 && Socket.OSSupportsIPv6))
                .Distinct()
                .ToArray();
            if (usable.Length == 0)
            {
                throw new NetworkException(SocketErrorKind.HostNotFound, NetworkOperation.Resolve, protocol, null, host, Strings.Detail_NoAddress);
            }

            return usable;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NetworkException(SocketErrorKind.TimedOut, NetworkOperation.Resolve, protocol, null, host, string.Format(Strings.Detail_ResolverTimeout, timeout.TotalSeconds));
        }
        catch (SocketException e)
        {
            throw NetworkException.From(e, NetworkOperation.Resolve, protocol, null, host);
        }
        catch (ArgumentException e)
        {
            // Dns throws ArgumentException for names longer than 255 characters or with invalid characters.
            throw new NetworkException(SocketErrorKind.HostNotFound, NetworkOperation.Resolve, protocol, null, host, e.Message);
        }
    }
}
