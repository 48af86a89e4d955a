using NetProg.Cli.Infrastructure;

namespace NetProg.Cli.Tests;

/// <summary>Time values as ncat takes them (ncat --help, ncat(1)): a bare number is seconds.</summary>
public sealed class DurationTests
{
    [Theory]
    [InlineData("5", 5000)]
    [InlineData("5s", 5000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData(" 3S ", 3000)]
    public void Should_parse(string text, double milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(milliseconds, value.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("5x")]
    [InlineData("-1s")]
    [InlineData("1e9h")]
    [InlineData("five")]
    public void Should_reject(string text) => Assert.False(Duration.TryParse(text, out _));
}
