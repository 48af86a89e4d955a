using NetProg.Transport;

namespace NetProg.Diagnostics.Doctor;

public static partial class Doctor
{
    internal readonly record struct PathResult(DoctorCheck Check, IPAddress? Source, LocalAddress? Interface);

    /// <summary>
    /// The source address the OS would choose for <paramref name="target"/>: connect() on a UDP socket sends nothing but makes
    /// the kernel pick a route and a source address, which getsockname() then reports.
    /// </summary>
    internal static PathResult PathTo(IPAddress target, IReadOnlyList<LocalAddress> local)
    {
        IPAddress source;
        try
        {
            using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(new IPEndPoint(target, 9));
            source = EndPointText.Normalize(((IPEndPoint)socket.LocalEndPoint!).Address);
        }
        catch (SocketException e)
        {
            return new PathResult(
                new DoctorCheck(
                    DoctorCheckId.Path, CheckStatus.Failed, DoctorFinding.PathNoRoute,
                    new DoctorFacts { Address = target, SocketError = e.SocketErrorCode },
                    new DoctorFix(FixCode.CheckRoute)),
                null, null);
        }

        if (IPAddress.IsLoopback(target))
        {
            return new PathResult(new DoctorCheck(DoctorCheckId.Path, CheckStatus.Passed, DoctorFinding.PathLoopback, new DoctorFacts { Address = target }), source, null);
        }

        var nic = local.FirstOrDefault(l => l.Address.Equals(source));
        if (local.Any(l => l.Address.Equals(target)))
        {
            return new PathResult(
                new DoctorCheck(DoctorCheckId.Path, CheckStatus.Passed, DoctorFinding.PathOwnAddress, new DoctorFacts { Address = target, Interface = nic?.InterfaceName }),
                source, nic);
        }

        var onLink = nic is not null && nic.PrefixLength > 0 && SameSubnet(source, target, nic.PrefixLength);
        var check = onLink
            ? new DoctorCheck(DoctorCheckId.Path, CheckStatus.Passed, DoctorFinding.PathOnLink, new DoctorFacts { Address = target, Interface = nic!.InterfaceName, Source = source, PrefixLength = nic.PrefixLength })
            : new DoctorCheck(DoctorCheckId.Path, CheckStatus.Passed, DoctorFinding.PathGateway, new DoctorFacts { Address = target, Source = source, Interface = nic?.InterfaceName });
        return new PathResult(check, source, nic);
    }

    internal static bool SameSubnet(IPAddress a, IPAddress b, int prefixLength)
    {
        var x = a.GetAddressBytes();
        var y = b.GetAddressBytes();
        if (x.Length != y.Length)
        {
            return false;
        }

        for (var bit = 0; bit < prefixLength && bit < x.Length * 8; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            if ((x[bit / 8] & mask) != (y[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
