namespace NetProg.Cli.Infrastructure;

/// <summary>
/// The language of every message a person reads: English or Korean. Chosen, in this order, by <c>--lang en|ko</c>, by
/// <c>$NETPROG_LANG</c>, and by the OS: on Unix the POSIX locale variables (LC_ALL, then LC_MESSAGES, then LANG), read
/// here rather than through <see cref="CultureInfo.CurrentUICulture"/> so that Korean works in globalization-invariant
/// mode too (no libicu: .NET then reports the invariant culture whatever LANG says); on Windows the user's UI language.
/// Only the UI culture is set: numbers and times keep their formatting, and machine output (--json, <c>listening on</c>
/// lines, protocol replies) never goes through the resources.
/// </summary>
internal static class UiLanguage
{
    public const string OptionName = "--lang";

    public const string EnvironmentVariable = "NETPROG_LANG";

    /// <summary>The value given to --lang (the last one wins, as System.CommandLine does), or null. Stops at <c>--</c>.</summary>
    public static string? FromArguments(IReadOnlyList<string> args)
    {
        string? value = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                break;
            }

            if (arg == OptionName)
            {
                value = i + 1 < args.Count ? args[++i] : string.Empty;
            }
            else if (arg.StartsWith(OptionName + "=", StringComparison.Ordinal) || arg.StartsWith(OptionName + ":", StringComparison.Ordinal))
            {
                value = arg[(OptionName.Length + 1)..];
            }
        }

        return value;
    }

    /// <summary>"en" or "ko" for an explicit choice (--lang, $NETPROG_LANG); null for anything else.</summary>
    public static string? ParseExplicit(string text) => text.Trim().ToLowerInvariant() switch
    {
        "en" => "en",
        "ko" => "ko",
        _ => null,
    };

    /// <summary>"ko" when the OS locale is Korean (ko, ko_KR.UTF-8, ko-KR), "en" for everything else (C, POSIX, unset...).</summary>
    public static string FromOs(Func<string, string?> environment, CultureInfo osUiCulture)
    {
        if (!OperatingSystem.IsWindows())
        {
            // POSIX precedence (XBD 8.2): LC_ALL overrides LC_MESSAGES, which overrides LANG; empty counts as unset.
            foreach (var name in (string[])["LC_ALL", "LC_MESSAGES", "LANG"])
            {
                if (environment(name) is { Length: > 0 } locale)
                {
                    return IsKorean(locale) ? "ko" : "en";
                }
            }
        }

        return IsKorean(osUiCulture.Name) ? "ko" : "en";
    }

    /// <summary>Makes <paramref name="language"/> the UI culture of this thread and of every thread started later.</summary>
    public static void Apply(string language)
    {
        CultureInfo culture;
        try
        {
            // predefinedOnly: false, with PredefinedCulturesOnly=false in the project, lets "ko" exist in invariant mode:
            // resource lookup needs only the name.
            culture = CultureInfo.GetCultureInfo(language, predefinedOnly: false);
        }
        catch (CultureNotFoundException)
        {
            culture = CultureInfo.InvariantCulture;
        }

        CultureInfo.DefaultThreadCurrentUICulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    private static bool IsKorean(string locale) =>
        locale.Equals("ko", StringComparison.OrdinalIgnoreCase)
        || locale.StartsWith("ko_", StringComparison.OrdinalIgnoreCase)
        || locale.StartsWith("ko-", StringComparison.OrdinalIgnoreCase)
        || locale.StartsWith("ko.", StringComparison.OrdinalIgnoreCase);
}
