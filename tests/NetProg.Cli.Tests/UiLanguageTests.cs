using NetProg.Cli.Infrastructure;

namespace NetProg.Cli.Tests;

/// <summary>How the language is chosen (README.md, "Language"): --lang, then $NETPROG_LANG, then LC_ALL / LC_MESSAGES / LANG.</summary>
public sealed class UiLanguageTests
{
    [Theory]
    [InlineData(new[] { "ip", "--lang", "ko" }, "ko")]
    [InlineData(new[] { "--lang=en", "ip" }, "en")]
    [InlineData(new[] { "--lang:ko" }, "ko")]
    [InlineData(new[] { "--lang", "ko", "--lang", "en" }, "en")]
    [InlineData(new[] { "--lang" }, "")]
    [InlineData(new[] { "echo-client", "--", "--lang", "ko" }, null)]
    [InlineData(new[] { "ip" }, null)]
    public void Should_find_the_lang_option_anywhere_before_the_end_of_options(string[] args, string? expected)
    {
        Assert.Equal(expected, UiLanguage.FromArguments(args));
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("KO", "ko")]
    [InlineData(" ko ", "ko")]
    [InlineData("fr", null)]
    [InlineData("ko_KR", null)]
    [InlineData("", null)]
    public void Should_accept_only_en_and_ko_when_chosen_explicitly(string text, string? expected)
    {
        Assert.Equal(expected, UiLanguage.ParseExplicit(text));
    }

    [Theory]
    [InlineData(null, null, "ko_KR.UTF-8", "ko")]
    [InlineData(null, null, "ko", "ko")]
    [InlineData(null, null, "C.UTF-8", "en")]
    [InlineData(null, null, "de_DE.UTF-8", "en")]
    [InlineData("C", null, "ko_KR.UTF-8", "en")]
    [InlineData("ko_KR.UTF-8", null, "C", "ko")]
    [InlineData(null, "ko_KR.UTF-8", "en_US.UTF-8", "ko")]
    [InlineData("", "", "ko_KR.eucKR", "ko")]
    [InlineData(null, null, null, "en")]
    public void Should_follow_POSIX_precedence_on_Unix(string? lcAll, string? lcMessages, string? lang, string expected)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows takes the user's UI language, not the POSIX variables.
        }

        var environment = new Dictionary<string, string?> { ["LC_ALL"] = lcAll, ["LC_MESSAGES"] = lcMessages, ["LANG"] = lang };

        Assert.Equal(expected, UiLanguage.FromOs(name => environment.GetValueOrDefault(name), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Should_exit_2_with_one_line_When_the_language_is_unknown()
    {
        var (exit, console) = await Cli.RunAsync("ip", "--lang", "fr");

        Assert.Equal(2, exit);
        Assert.Equal("netprog: invalid --lang 'fr'. Use en or ko.", console.ErrorWriter.Text.TrimEnd());
    }

    [Fact]
    public async Task Should_show_the_lang_option_in_every_command_s_help()
    {
        var (exit, console) = await Cli.RunAsync("time-client", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--lang <en|ko>", console.OutWriter.Text);
    }
}
