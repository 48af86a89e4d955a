using System.Net;
using System.Net.Sockets;
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
                new DoctorCheck("path", CheckStatus.Failed, string.Format(Strings.Path_NoRoute, target, e.SocketErrorCode), Strings.Path_NoRoute_Advice),
                null, null);
        }

        if (IPAddress.IsLoopback(target))
        {
            return new PathResult(new DoctorCheck("path", CheckStatus.Passed, string.Format(Strings.Path_Loopback, target)), source, null);
        }

        var nic = local.FirstOrDefault(l => l.Address.Equals(source));
        var name = nic is null ? string.Empty : string.Format(Strings.Path_On, nic.InterfaceName);
        if (local.Any(l => l.Address.Equals(target)))
        {
            return new PathResult(new DoctorCheck("path", CheckStatus.Passed, string.Format(Strings.Path_OwnAddress, target, name)), source, nic);
        }

        var onLink = nic is not null && nic.PrefixLength > 0 && SameSubnet(source, target, nic.PrefixLength);
        var finding = onLink
            ? string.Format(Strings.Path_OnLink, target, name, source, nic!.PrefixLength)
            : string.Format(Strings.Path_Gateway, target, source, name);
        return new PathResult(new DoctorCheck("path", CheckStatus.Passed, finding), source, nic);
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
