using System.Collections;
using System.Reflection;
using System.Resources;

namespace NetProg.Cli.Tests;

/// <summary>
/// Every message exists in English and in Korean, and each pair takes the same arguments (README.md, "Language"): a key
/// missing in either language, an empty text, or a placeholder ({0}, {1:N0}, ...) that differs fails here, not at a
/// student's terminal.
/// </summary>
public sealed partial class ResourceParityTests
{
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko");

    public static TheoryData<string> ResourceSets => new()
    {
        "NetProg.Cli.Strings",
        "NetProg.Cli.DoctorStrings",
        "NetProg.Diagnostics.Strings",
        "NetProg.Capture.Strings",
        "NetProg.Accounts.Strings",
        "NetProg.Transport.Strings",
        "NetProg.Protocols.Strings",
        "NetProg.Services.Check.CheckText",
        "NetProg.Services.Check.Tcp.TcpServerText",
        "NetProg.Services.Check.Login.LoginCheckText",
        "NetProg.Services.Check.Udp.UdpServerText",
        "NetProg.Services.Check.Local.LocalCheckText",
        "NetProg.Services.Check.Clients.ClientCheckText",
    };

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void Should_have_every_key_in_both_languages(string baseName)
    {
        var (english, korean) = Load(baseName);

        Assert.NotEmpty(english);
        Assert.Empty(english.Keys.Except(korean.Keys).Select(k => $"{baseName}: '{k}' has no Korean text"));
        Assert.Empty(korean.Keys.Except(english.Keys).Select(k => $"{baseName}: '{k}' has no English text"));
    }

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void Should_have_no_empty_text(string baseName)
    {
        var (english, korean) = Load(baseName);

        Assert.Empty(english.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{baseName}: '{p.Key}' is empty in English"));
        Assert.Empty(korean.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{baseName}: '{p.Key}' is empty in Korean"));
    }

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void Should_have_the_same_placeholders_in_both_languages(string baseName)
    {
        var (english, korean) = Load(baseName);

        var differences = english.Keys.Intersect(korean.Keys)
            .Where(k => Placeholders(english[k]) != Placeholders(korean[k]))
            .Select(k => $"{baseName}: '{k}' has {Placeholders(english[k])} in English but {Placeholders(korean[k])} in Korean");
        Assert.Empty(differences);
    }

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void Should_have_formats_that_string_Format_accepts(string baseName)
    {
        var (english, korean) = Load(baseName);

        foreach (var (language, texts) in new[] { ("English", english), ("Korean", korean) })
        {
            foreach (var (key, text) in texts)
            {
                var arguments = PlaceholderRegex().Matches(text).Select(m => int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max() + 1;
                if (arguments == 0)
                {
                    continue;
                }

                var exception = Record.Exception(() => string.Format(CultureInfo.InvariantCulture, text, Enumerable.Repeat<object?>(1, arguments).ToArray()));
                Assert.True(exception is null, $"{baseName}: '{key}' in {language} is not a valid format: {exception?.Message}");
            }
        }
    }

    [Fact]
    public void Should_find_Korean_text_for_the_ko_KR_culture()
    {
        var manager = new ResourceManager("NetProg.Cli.Strings", typeof(CliApp).Assembly);

        var text = manager.GetString("Error_Tcp_Refused", CultureInfo.GetCultureInfo("ko-KR"));

        Assert.Matches(HangulRegex(), text);
    }

    /// <summary>The sorted placeholders of a text, e.g. "{0} {1:N0}"; "{{" and "}}" are literal braces, not placeholders.</summary>
    private static string Placeholders(string text) =>
        string.Join(' ', PlaceholderRegex().Matches(text.Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal))
            .Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));

    private static (Dictionary<string, string> English, Dictionary<string, string> Korean) Load(string baseName)
    {
        var assembly = AssemblyOf(baseName);
        var manager = new ResourceManager(baseName, assembly);
        // tryParents: false: the Korean set alone, not filled in from English.
        return (Read(manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)),
                Read(manager.GetResourceSet(Korean, createIfNotExists: true, tryParents: false)));
    }

    private static Dictionary<string, string> Read(ResourceSet? set)
    {
        Assert.NotNull(set);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in set)
        {
            texts[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return texts;
    }

    private static Assembly AssemblyOf(string baseName) => baseName switch
    {
        "NetProg.Cli.Strings" or "NetProg.Cli.DoctorStrings" => typeof(CliApp).Assembly,
        "NetProg.Diagnostics.Strings" => typeof(NetProg.Diagnostics.Doctor.Doctor).Assembly,
        "NetProg.Capture.Strings" => typeof(NetProg.Capture.Text.PacketText).Assembly,
        "NetProg.Accounts.Strings" => typeof(NetProg.Accounts.AccountException).Assembly,
        "NetProg.Transport.Strings" => typeof(NetProg.Transport.NetworkException).Assembly,
        "NetProg.Protocols.Strings" => typeof(NetProg.Protocols.Forwarding.PortRange).Assembly,
        _ when baseName.StartsWith("NetProg.Services.", StringComparison.Ordinal) => typeof(NetProg.Services.Check.ServerChecker).Assembly,
        _ => throw new ArgumentException(baseName, nameof(baseName)),
    };

    [GeneratedRegex(@"\{(?<index>\d+)(?:,-?\d+)?(?::[^}]*)?\}")]
    private static partial Regex PlaceholderRegex();

    [GeneratedRegex(@"[\uAC00-\uD7A3]")]
    private static partial Regex HangulRegex();
}
