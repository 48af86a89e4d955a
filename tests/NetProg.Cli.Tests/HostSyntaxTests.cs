using NetProg.Cli.Commands;

namespace NetProg.Cli.Tests;

public sealed class HostSyntaxTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("fe80::1%2")]
    [InlineData("localhost")]
    [InlineData("ec2-3-4-5-6.ap-northeast-2.compute.amazonaws.com")]
    [InlineData("my_host")]
    public void Should_accept(string host) => Assert.Null(HostSyntax.Check(host));

    [Theory]
    [InlineData("", "empty host")]
    [InlineData("999.1.1.1", "invalid IPv4 address")]
    [InlineData("192.168.1", "invalid IPv4 address")]
    [InlineData("1..2.3", "invalid IPv4 address")]
    [InlineData("1.2.3.4.5", "invalid IPv4 address")]
    [InlineData("0001.2.3.4", "invalid IPv4 address")]
    [InlineData("1:2:3:4:5:6:7:8:9", "invalid IPv6 address")]
    [InlineData("host name", "invalid host name")]
    [InlineData("http://example.com", "is a URL")]
    public void Should_reject(string host, string expected) => Assert.Contains(expected, HostSyntax.Check(host));

    [Theory]
    [InlineData("127.0.0.1:30000", "127.0.0.1", 30000)]
    [InlineData("localhost:42999", "localhost", 42999)]
    [InlineData("[::1]:42999", "::1", 42999)]
    [InlineData("[fe80::1%2]:30001", "fe80::1%2", 30001)]
    public void Should_split_a_port_typed_after_the_host(string text, string host, int port)
    {
        var (value, error) = HostSyntax.Split(text);

        Assert.Null(error);
        Assert.Equal(new HostArgument(host, port), value);
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[::1]")]
    [InlineData("2001:db8::30")]
    [InlineData("127.0.0.1")]
    public void Should_never_split_a_bare_address(string text)
    {
        var (value, error) = HostSyntax.Split(text);

        Assert.Null(error);
        Assert.Equal(new HostArgument(text, null), value);
    }

    [Theory]
    [InlineData("127.0.0.1:", "invalid port in '127.0.0.1:'")]
    [InlineData("127.0.0.1:0", "invalid port in '127.0.0.1:0'")]
    [InlineData("127.0.0.1:65536", "invalid port in")]
    [InlineData("127.0.0.1:http", "not 'http'")]
    [InlineData("[::1]x", "invalid IPv6 address")]
    [InlineData("999.1.1.1:30000", "invalid IPv4 address '999.1.1.1'")]
    [InlineData(":30000", "empty host")]
    [InlineData("http://example.com:80", "is a URL")]
    [InlineData("[]:80", "empty host")]
    [InlineData("[::1", "invalid IPv6 address")]
    [InlineData("a:b:c", "invalid IPv6 address")]
    public void Should_reject_a_bad_host_or_port(string text, string expected) => Assert.Contains(expected, HostSyntax.Split(text).Error);
}
