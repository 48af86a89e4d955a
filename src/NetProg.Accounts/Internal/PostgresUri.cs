using Npgsql;

namespace NetProg.Accounts.Internal;

/// <summary>
/// Turns a libpq connection URI (<c>postgres://user:password@host:port/database?sslmode=require</c>,
/// https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS) into Npgsql's keyword form, which is
/// all Npgsql reads. Only the parameters listed in <see cref="ToBuilder"/> are taken; any other is refused rather than
/// ignored, so a security setting is never dropped silently.
/// </summary>
internal static class PostgresUri
{
    /// <summary>Reads the URI; query parameters: <c>sslmode</c>, <c>connect_timeout</c>, <c>application_name</c>, <c>host</c> (a socket folder).</summary>
    public static NpgsqlConnectionStringBuilder ToBuilder(string uri)
    {
        Uri parsed;
        try
        {
            parsed = new Uri(uri, UriKind.Absolute);
        }
        catch (UriFormatException e)
        {
            // The URI may hold a password: say why it failed, never echo it. Several hosts (h1,h2) also end here.
            throw Invalid($"{e.Message} (for several hosts use the Host=h1,h2;... form)");
        }

        var builder = new NpgsqlConnectionStringBuilder();
        var host = parsed.IdnHost;
        if (!string.IsNullOrEmpty(host))
        {
            builder.Host = host;
        }

        if (!parsed.IsDefaultPort && parsed.Port > 0)
        {
            builder.Port = parsed.Port;
        }

        if (parsed.UserInfo.Length > 0)
        {
            var colon = parsed.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? parsed.UserInfo : parsed.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(parsed.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in parsed.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            Apply(builder, key, value);
        }

        return builder;
    }

    private static void Apply(NpgsqlConnectionStringBuilder builder, string key, string value)
    {
        switch (key)
        {
            case "sslmode":
                builder.SslMode = value switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw Invalid($"sslmode={value} is not one of disable, allow, prefer, require, verify-ca, verify-full"),
                };
                break;
            case "connect_timeout":
                builder.Timeout = int.TryParse(value, out var seconds) && seconds >= 0
                    ? seconds
                    : throw Invalid($"connect_timeout={value} is not a number of seconds");
                break;
            case "application_name":
                builder.ApplicationName = value;
                break;
            case "host":
                builder.Host = value;
                break;
            default:
                throw Invalid($"parameter '{AccountNames.Quote(key).Trim('\'')}' is not supported here (use sslmode, connect_timeout, application_name, host; or the Host=...;Username=... form)");
        }
    }

    private static AccountException Invalid(string why) =>
        new(AccountErrorKind.InvalidLocation, $"invalid postgres:// URI: {AccountStoreLocation.OneLine(why)}");
}
