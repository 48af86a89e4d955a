using System.CommandLine;
using NetProg.Accounts;
using NetProg.Services.Login;

namespace NetProg.Cli.Commands;

/// <summary>The options of <c>echo-server --login</c>.</summary>
internal sealed class LoginOptionSet
{
    public Option<bool> Login { get; } = new("--login")
    {
        Description = Strings.Login_Option_Login,
    };

    public Option<string?> Db { get; } = UsersCommand.DbOption();

    public Option<bool> Tls { get; } = new("--tls")
    {
        Description = Strings.Login_Option_Tls,
    };

    public Option<string?> TlsCert { get; } = new("--tls-cert") { Description = Strings.Login_Option_TlsCert, HelpName = "FILE" };

    public Option<string?> TlsKey { get; } = new("--tls-key") { Description = Strings.Login_Option_TlsKey, HelpName = "FILE" };

    public Option<int> ThrottleFailures { get; } = new("--throttle-failures")
    {
        Description = string.Format(Strings.Login_Option_ThrottleFailures, new LoginThrottleOptions().FreeFailuresPerAccount),
        DefaultValueFactory = _ => new LoginThrottleOptions().FreeFailuresPerAccount,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1)
            {
                return value;
            }

            r.AddError(string.Format(Strings.Usage_InvalidPositive, "--throttle-failures", text));
            return 1;
        },
        HelpName = "N",
    };

    /// <summary>The login echo's timeouts: <paramref name="idleTimeout"/> (the server's <c>--idle-timeout</c>) and <c>--login-timeout</c>.</summary>
    public LoginEchoOptions ReadEcho(ParseResult result, TimeSpan idleTimeout) => new()
    {
        IdleTimeout = idleTimeout,
        LoginTimeout = result.GetValue(LoginTimeout),
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
        Description = Strings.Login_Option_ThrottleMaxDelay,
        DefaultValueFactory = _ => new LoginThrottleOptions().MaxDelay,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
            if (Infrastructure.Duration.TryParse(text, out var value) && value > TimeSpan.Zero)
            {
                return value;
            }

            r.AddError(string.Format(Strings.Usage_InvalidTime, "--throttle-max-delay", text));
            return TimeSpan.FromSeconds(60);
        },
        HelpName = "TIME",
    };

    public Option<TimeSpan> LoginTimeout { get; } = CommonOptions.DurationOption("--login-timeout", Strings.Login_Option_LoginTimeout, new LoginEchoOptions().LoginTimeout);

    public void AddTo(Command command)
    {
        command.Add(Login);
        command.Add(Db);
        command.Add(Tls);
        command.Add(TlsCert);
        command.Add(TlsKey);
        command.Add(ThrottleFailures);
        command.Add(ThrottleMaxDelay);
        command.Add(LoginTimeout);
    }
}
