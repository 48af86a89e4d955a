using System.Text.Json;

namespace NetProg.Cli.Tests;

/// <summary><c>netprog ip</c> and <c>netprog route</c> in-process, on this machine's own interfaces and routes.</summary>
public sealed class IpRouteCommandTests
{
    [Fact]
    public async Task Should_list_the_loopback_address_in_the_ip_table()
    {
        // When
        var (exit, console) = await Cli.RunAsync("ip");

        // Then
        Assert.Equal(0, exit);
        Assert.Contains("127.0.0.1/8", console.OutWriter.Text, StringComparison.Ordinal);
        Assert.Contains("loopback", console.OutWriter.Text, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains(console.OutWriter.Lines, l => l.TrimStart().StartsWith("lo ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Should_print_ip_json_that_parses_and_holds_the_loopback_address()
    {
        // When
        var (exit, console) = await Cli.RunAsync("ip", "--json");

        // Then
        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(console.OutWriter.Text);
        var addresses = document.RootElement.GetProperty("interfaces").EnumerateArray()
            .SelectMany(i => i.GetProperty("addresses").EnumerateArray()).ToList();
        var loopback = Assert.Single(addresses, a => a.GetProperty("address").GetString() == "127.0.0.1");
        Assert.Equal("loopback", loopback.GetProperty("scope").GetString());
        Assert.Equal(8, loopback.GetProperty("prefixLength").GetInt32());
        Assert.Equal("ipv4", loopback.GetProperty("family").GetString());
    }

    [Fact]
    public async Task Should_list_every_route_of_proc_net_route_and_mark_the_default_gateway()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the routes are compared with Linux /proc/net/route
        }

        // When
        var (exit, console) = await Cli.RunAsync("route", "--json");

        // Then: as many IPv4 routes as /proc/net/route has lines after its header.
        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(console.OutWriter.Text);
        var routes = document.RootElement.GetProperty("routes").EnumerateArray().ToList();
        var expected = File.ReadAllLines("/proc/net/route").Skip(1).Count(l => l.Trim().Length > 0);
        Assert.Equal(expected, routes.Count(r => r.GetProperty("family").GetString() == "ipv4"));
        Assert.All(routes.Where(r => r.GetProperty("isDefault").GetBoolean()), r => Assert.Equal(0, r.GetProperty("prefixLength").GetInt32()));
    }

    [Fact]
    public async Task Should_print_the_route_table_with_default_and_on_link()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // When
        var (exit, console) = await Cli.RunAsync("route");

        // Then
        Assert.Equal(0, exit);
        Assert.Contains("IPv4 routes", console.OutWriter.Text, StringComparison.Ordinal);
        Assert.Contains("default gateway:", console.OutWriter.Text, StringComparison.Ordinal);
        var hasDefault = File.ReadAllLines("/proc/net/route").Skip(1).Any(l => l.Split('\t', StringSplitOptions.RemoveEmptyEntries) is [_, "00000000", _, ..] cols && cols[7] == "00000000");
        if (hasDefault)
        {
            Assert.Contains(console.OutWriter.Lines, l => l.TrimStart().StartsWith("default", StringComparison.Ordinal));
        }

        Assert.Empty(console.ErrorWriter.Text);
    }
}
