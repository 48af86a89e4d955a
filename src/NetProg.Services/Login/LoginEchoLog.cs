using Microsoft.Extensions.Logging;

namespace NetProg.Services.Login;

/// <summary>Login echo events (4xx IDs). Names are logged, passwords never: no event takes one.</summary>
internal static partial class LoginEchoLog
{
    [LoggerMessage(401, LogLevel.Information, "login/tcp {Remote}: {User} logged in")]
    public static partial void LoggedIn(ILogger logger, string remote, string user);

    [LoggerMessage(402, LogLevel.Warning, "login/tcp {Remote}: login failed for {User}")]
    public static partial void LoginFailed(ILogger logger, string remote, string user);

    [LoggerMessage(403, LogLevel.Warning, "login/tcp {Remote}: throttled ({User}), retry in {RetryAfterSeconds:0.#} s")]
    public static partial void Throttled(ILogger logger, string remote, string user, double retryAfterSeconds);

    [LoggerMessage(404, LogLevel.Debug, "login/tcp {Remote}: TLS handshake failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, string remote, string reason);

    [LoggerMessage(405, LogLevel.Error, "login/tcp {Remote}: the account store failed: {Reason}")]
    public static partial void StoreFailed(ILogger logger, string remote, string reason);

    [LoggerMessage(406, LogLevel.Information, "login/tcp {Remote}: password hash of {User} upgraded to the current parameters")]
    public static partial void Rehashed(ILogger logger, string remote, string user);

    [LoggerMessage(407, LogLevel.Warning, "login/tcp {Remote}: {Capacity} login records already wait for the account store; this one (last-login time, failure count) is dropped, and more are not logged until one is written")]
    public static partial void RecordsDropped(ILogger logger, string remote, int capacity);
}
