using System.Buffers;
using System.IO.Pipelines;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using NetProg.Accounts;
using NetProg.Protocols.Lines;
using NetProg.Protocols.Login;
using NetProg.Transport;
using NetProg.Transport.Tcp;
using NetProg.Transport.Tls;

namespace NetProg.Services.Login;

/// <summary>
/// The course's homework, done as a security engineer would sign off on it: echo after a login (docs/PROTOCOL.md). The
/// protocol decisions are <see cref="LoginSession"/>'s (pure); this class does the I/O: lines in, replies and echoes out,
/// password checks against the store (off the I/O path, in <see cref="PasswordHasher"/>), throttling, and TLS when asked.
/// </summary>
public sealed class LoginEchoService : IAsyncDisposable
{
    private readonly IAccountStore _store;
    private readonly PasswordHasher _hasher;
    private readonly LoginThrottle _throttle;
    private readonly LoginEchoOptions _options;
    private readonly X509Certificate2? _certificate;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly LoginRecords _records;
    private int _recordsFullLogged;

    public LoginEchoService(
        IAccountStore store, PasswordHasher hasher, LoginThrottle throttle, LoginEchoOptions options, X509Certificate2? certificate, TimeProvider clock, ILogger logger)
    {
        _store = store;
        _hasher = hasher;
        _throttle = throttle;
        _options = options;
        _certificate = certificate;
        _clock = clock;
        _logger = logger;
        _records = new LoginRecords(options.RecordsDrainTimeout);
    }

    /// <summary>Every login record queued so far is written (or failed): what a test waits for before it reads the store.</summary>
    public Task FlushRecordsAsync() => _records.FlushAsync();

    /// <summary>Writes the login records still queued (bounded by <see cref="LoginEchoOptions.RecordsDrainTimeout"/>).</summary>
    public ValueTask DisposeAsync() => _records.DisposeAsync();

    public async ValueTask HandleConnectionAsync(TcpConnection connection, CancellationToken stopping)
    {
        var remote = EndPointText.Format(connection.RemoteEndPoint);
        if (_certificate is null)
        {
            await RunSessionAsync(connection.RemoteEndPoint, remote, connection.Input, connection.Output).ConfigureAwait(false);
            return;
        }

        TlsDuplex tls;
        try
        {
            tls = await TlsDuplex.AuthenticateAsServerAsync(connection, _certificate, _options.HandshakeTimeout, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or TimeoutException or IOException or OperationCanceledException)
        {
            // A plain-text client, a client that refused our certificate, or one that said nothing.
            LoginEchoLog.HandshakeFailed(_logger, remote, e.Message);
            return;
        }

        await using (tls.ConfigureAwait(false))
        {
            await RunSessionAsync(connection.RemoteEndPoint, remote, tls.Input, tls.Output).ConfigureAwait(false);
        }
    }

    private async Task RunSessionAsync(IPEndPoint client, string remote, PipeReader input, PipeWriter output)
    {
        var session = new LoginSession(_options.Banner, _options.MaxFailedPasswords, _options.MaxCommandsBeforeLogin);
        var connected = _clock.GetTimestamp();
        Write(output, (SendReply)session.Start());
        await output.FlushAsync().ConfigureAwait(false);

        // One timer for both clocks: the idle timeout, and before 230 the login deadline, whichever comes first. Which one it
        // was set for is kept, not worked out again when it fires: a timer may fire a tick before the clock says it is due.
        var (timeout, loginDeadline) = NextTimeout(session, connected);
        using var idle = new CancellationTokenSource(timeout, _clock);
        while (true)
        {
            ReadResult result;
            try
            {
                // Not the server's stopping token: on stop the transport ends our input, and what was read is still answered.
                result = await input.ReadAsync(idle.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Write(output, (SendReply)(loginDeadline ? session.OnLoginTimeout() : session.OnIdleTimeout()));
                await output.CompleteAsync().ConfigureAwait(false);
                return;
            }

            var buffer = result.Buffer;
            var close = false;
            var lines = false;
            try
            {
                while (!close)
                {
                    var status = LineReader.TryReadLine(ref buffer, LineReader.DefaultMaxLineLength, out var line, out var raw);
                    if (status == LineReadStatus.NeedMoreData)
                    {
                        break;
                    }

                    LoginAction action;
                    if (status == LineReadStatus.TooLong)
                    {
                        action = session.OnLineTooLong();
                    }
                    else
                    {
                        lines = true;
                        action = session.OnLine(line.IsSingleSegment ? line.FirstSpan : line.ToArray());
                    }

                    if (action is VerifyPassword verify)
                    {
                        action = await VerifyAsync(session, verify, client, remote).ConfigureAwait(false);
                    }

                    switch (action)
                    {
                        case EchoLine:
                            foreach (var segment in raw)
                            {
                                output.Write(segment.Span);
                            }

                            break;
                        case SendReply reply:
                            Write(output, reply);
                            close = reply.ThenClose;
                            break;
                    }
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (lines)
            {
                // After the batch, not per line: a login in it ends the login deadline.
                (timeout, loginDeadline) = NextTimeout(session, connected);
                idle.CancelAfter(timeout);
            }

            // One flush per batch of lines read: many lines in one segment are echoed with one send.
            var flush = await output.FlushAsync().ConfigureAwait(false);
            if (close || result.IsCompleted || flush.IsCompleted)
            {
                await output.CompleteAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>The idle timeout, or before 230 what is left of the login deadline when that is sooner (then true).</summary>
    private (TimeSpan Timeout, bool LoginDeadline) NextTimeout(LoginSession session, long connected)
    {
        if (session.State == LoginState.LoggedIn)
        {
            return (_options.IdleTimeout, false);
        }

        var left = _options.LoginTimeout - _clock.GetElapsedTime(connected);
        return left < _options.IdleTimeout ? (left <= TimeSpan.Zero ? TimeSpan.Zero : left, true) : (_options.IdleTimeout, false);
    }

    private async Task<LoginAction> VerifyAsync(LoginSession session, VerifyPassword verify, IPEndPoint client, string remote)
    {
        var shownName = verify.UserName ?? "(invalid name)";
        // Invalid names share one throttle bucket: they are all guesses.
        using var attempt = _throttle.TryBegin(client.Address, verify.UserName ?? string.Empty, out var retryAfter);
        if (attempt is null)
        {
            LoginEchoLog.Throttled(_logger, remote, shownName, retryAfter.TotalSeconds);
            return session.OnThrottled();
        }

        Account? account;
        PasswordVerification verification;
        try
        {
            account = verify.UserName is null ? null : await _store.FindAsync(verify.UserName).ConfigureAwait(false);
            // An unknown name is checked against a dummy hash: the same work, so the same time (no user enumeration).
            verification = await _hasher.VerifyAsync(verify.Password, account?.PasswordHash).ConfigureAwait(false);
        }
        catch (AccountException e)
        {
            LoginEchoLog.StoreFailed(_logger, remote, e.Message);
            return new SendReply(ReplyCode.ServiceNotAvailable, "service not available, try later", ThenClose: true);
        }

        var ok = account is not null && verification.Succeeded;
        if (ok)
        {
            attempt.Succeeded();
            LoginEchoLog.LoggedIn(_logger, remote, account!.Name);
        }
        else
        {
            attempt.Failed();
            LoginEchoLog.LoginFailed(_logger, remote, shownName);
        }

        if (account is not null)
        {
            Record(account, ok, verification.NeedsRehash ? verify.Password : null, remote);
        }

        return session.CompleteVerification(ok);
    }

    /// <summary>
    /// Queues the store's bookkeeping of a login to a real account (<see cref="LoginRecords"/>): nothing that depends on
    /// whether the name exists may run between the reply and reading the next command. <paramref name="rehashPassword"/>:
    /// the password, when the login succeeded and its hash was made with parameters raised since.
    /// </summary>
    private void Record(Account account, bool ok, string? rehashPassword, string remote)
    {
        var at = _clock.GetUtcNow();
        var queued = _records.TryAdd(async () =>
        {
            try
            {
                await _store.RecordLoginAsync(account.Name, ok, at).ConfigureAwait(false);
                if (ok && rehashPassword is not null)
                {
                    // Parameters were raised since this hash was made (PHC string): upgrade it now that we know the password.
                    await _store.SetPasswordHashAsync(account.Name, await _hasher.HashAsync(rehashPassword).ConfigureAwait(false)).ConfigureAwait(false);
                    LoginEchoLog.Rehashed(_logger, remote, account.Name);
                }
            }
            catch (AccountException e)
            {
                LoginEchoLog.StoreFailed(_logger, remote, e.Message);
            }
            finally
            {
                Volatile.Write(ref _recordsFullLogged, 0);
            }
        });
        if (!queued && Interlocked.Exchange(ref _recordsFullLogged, 1) == 0)
        {
            LoginEchoLog.RecordsDropped(_logger, remote, LoginRecords.Capacity);
        }
    }

    private static void Write(PipeWriter output, SendReply reply)
    {
        var span = output.GetSpan(ReplyWriter.GetByteCount(reply.Text));
        output.Advance(ReplyWriter.Write(reply.Code, reply.Text, span));
    }
}
