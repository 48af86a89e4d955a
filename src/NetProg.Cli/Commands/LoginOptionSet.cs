using System.CommandLine;
using NetProg.Accounts;

namespace NetProg.Cli.Commands;

/// <summary>The options of <c>echo-server --login</c>.</summary>
internal sealed class LoginOptionSet
{
    public Option<bool> Login { get; } = new("--login")
    {
        Description = "Ask for a user name and password before echoing (USER/PASS, docs/PROTOCOL.md). TCP only.",
    };

    public Option<string?> Db { get; } = UsersCommand.DbOption();

    public Option<bool> Tls { get; } = new("--tls")
    {
        Description = "Wrap each connection in TLS. Without --tls-cert a self-signed certificate is made once and kept; its fingerprint is printed.",
    };

    public Option<string?> TlsCert { get; } = new("--tls-cert") { Description = "Certificate for --tls: PEM (with --tls-key) or PFX.", HelpName = "FILE" };

    public Option<string?> TlsKey { get; } = new("--tls-key") { Description = "Private key (PEM) of --tls-cert.", HelpName = "FILE" };

    public Option<int> ThrottleFailures { get; } = new("--throttle-failures")
    {
        Description = $"Failed logins per account name before each further attempt must wait (1 s, doubling). Default: {new LoginThrottleOptions().FreeFailuresPerAccount}.",
        DefaultValueFactory = _ => new LoginThrottleOptions().FreeFailuresPerAccount,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1)
            {
                return value;
            }

            r.AddError($"invalid value for --throttle-failures: '{text}'. Use a whole number of 1 or more.");
            return 1;
        },
        HelpName = "N",
    };

    /// <summary>
    /// The throttle the flags describe. The delays that depend on the longest one follow it: the first delay is never longer
    /// than the longest, and failures are remembered at least as long as the longest delay lasts.
    /// </summary>
    public LoginThrottleOptions ReadThrottle(ParseResult result)
    {
        var defaults = new LoginThrottleOptions();
        var maxDelay = result.GetValue(ThrottleMaxDelay);
        return defaults with
        {
            FreeFailuresPerAccount = result.GetValue(ThrottleFailures),
            MaxDelay = maxDelay,
            FirstDelay = maxDelay < defaults.FirstDelay ? maxDelay : defaults.FirstDelay,
            ForgetAfter = maxDelay > defaults.ForgetAfter ? maxDelay : defaults.ForgetAfter,
        };
    }

    public Option<TimeSpan> ThrottleMaxDelay { get; } = new("--throttle-max-delay")
    {
        Description = "The longest wait a throttled account or address gets. Default: 60s.",
        DefaultValueFactory = _ => new LoginThrottleOptions().MaxDelay,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
            if (Infrastructure.Duration.TryParse(text, out var value) && value > TimeSpan.Zero)
            {
                return value;
            }

            r.AddError($"invalid time for --throttle-max-delay: '{text}'. Use a number with ms, s, m or h, e.g. 60s.");
            return TimeSpan.FromSeconds(60);
        },
        HelpName = "TIME",
    };

    public void AddTo(Command command)
    {
        command.Add(Login);
        command.Add(Db);
        command.Add(Tls);
        command.Add(TlsCert);
        command.Add(TlsKey);
        command.Add(ThrottleFailures);
        command.Add(ThrottleMaxDelay);
    }
}
