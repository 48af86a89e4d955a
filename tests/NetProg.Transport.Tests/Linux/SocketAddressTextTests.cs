using NetProg.Transport.Linux;

namespace NetProg.Transport.Tests.Linux;

public sealed class SocketAddressTextTests
{
    [Fact]
    public void Should_read_a_sockaddr_in()
    {
        // sin_family = AF_INET (host order), sin_port = 30000 (network order), 192.0.2.7, 8 bytes of zero.
        byte[] raw = [2, 0, 0x75, 0x30, 192, 0, 2, 7, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 30000), SocketAddressText.Parse(raw));
    }

    [Fact]
    public void Should_read_a_sockaddr_in6_with_its_scope()
    {
        var raw = new byte[28];
        raw[0] = 10; // AF_INET6
        raw[2] = 0x9c;
        raw[3] = 0x40; // port 40000
        IPAddress.Parse("fe80::1").GetAddressBytes().CopyTo(raw, 8);
        BitConverter.GetBytes(3u).CopyTo(raw, 24);

        var endPoint = SocketAddressText.Parse(raw);

        Assert.NotNull(endPoint);
        Assert.Equal(40000, endPoint.Port);
        Assert.Equal(IPAddress.Parse("fe80::1%3"), endPoint.Address);
    }

    [Theory]
    [InlineData(new byte[] { 2, 0, 0x75 })]
    [InlineData(new byte[] { 1, 0, 0x75, 0x30, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 10, 0, 0x75, 0x30, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Should_refuse_what_is_not_a_whole_IP_address(byte[] raw) => Assert.Null(SocketAddressText.Parse(raw));
}
