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
}
