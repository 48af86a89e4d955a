using NetProg.Protocols.Forwarding;

namespace NetProg.Protocols.Tests.Forwarding;

public sealed class ForwardSpecTests
{
    [Theory]
    [InlineData("30000-40000", null, 30000, 40000)]
    [InlineData("0.0.0.0:30000", "0.0.0.0", 30000, 30000)]
    [InlineData("[::1]:30000-30010", "::1", 30000, 30010)]
    [InlineData("localhost:0", "localhost", 0, 0)]
    public void Should_read_the_listening_address_and_ports(string text, string? address, int first, int last)
    {
        Assert.True(ListenSpec.TryParse(text, out var spec, out var error), error);
        Assert.Equal(address, spec.Address);
        Assert.Equal(new PortRange(first, last), spec.Ports);
    }

    [Theory]
    [InlineData("::1:30000", "brackets")]
    [InlineData(":30000", "empty")]
    [InlineData("127.0.0.1:x", "invalid port 'x'")]
    [InlineData("127.0.0.1:0-5", "invalid port range")]
    public void Should_refuse_a_listening_spec_that_cannot_be_read(string text, string expected)
    {
        Assert.False(ListenSpec.TryParse(text, out _, out var error));
        Assert.StartsWith($"invalid --listen '{text}'", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("172.30.1.54", "172.30.1.54", null, null)]
    [InlineData("172.30.1.54:30000", "172.30.1.54", 30000, 30000)]
    [InlineData("inner.lab:30000-40000", "inner.lab", 30000, 40000)]
    [InlineData("fd00::5", "fd00::5", null, null)]
    [InlineData("[fd00::5]", "fd00::5", null, null)]
    [InlineData("[fd00::5]:30000", "fd00::5", 30000, 30000)]
    public void Should_read_the_target_host_and_its_optional_ports(string text, string host, int? first, int? last)
    {
        Assert.True(TargetSpec.TryParse(text, out var spec, out var error), error);
        Assert.Equal(host, spec.Host);
        Assert.Equal(first is null ? null : new PortRange(first.Value, last!.Value), spec.Ports);
    }

    [Theory]
    [InlineData("", "name the host")]
    [InlineData(":30000", "name the host")]
    [InlineData("10.0.0.5:0", "invalid port")]
    [InlineData("[fd00::5]30000", "[IPv6-ADDRESS]:PORT")]
    [InlineData("[fd00::5", "IPv6")]
    public void Should_refuse_a_target_that_cannot_be_read(string text, string expected)
    {
        Assert.False(TargetSpec.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.OrdinalIgnoreCase);
    }
}
