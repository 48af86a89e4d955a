using System.Buffers;
using System.Text;
using NetProg.Protocols.Lines;
using NetProg.Protocols.Login;

namespace NetProg.Fuzz.Targets;

/// <summary>
/// A whole login conversation: the input, framed by <see cref="LineReader"/> as the service frames it, drives a
/// <see cref="LoginSession"/> the way the service does (Start, OnLine, CompleteVerification, OnLineTooLong, OnThrottled,
/// OnIdleTimeout, OnLoginTimeout). Every action is compared with the protocol as docs/PROTOCOL.md states it, restated here as a small
/// model, and every reply must encode to exactly one CRLF-terminated line.
/// </summary>
/// <remarks>
/// Input: byte 0 sets the allowed failures (1 + bits 0-1), whether the connection is throttled at connect (bit 2) and
/// whether the idle timer fires after the last line (bit 3), the lines allowed before login (bits 4-5: 0 is the default,
/// 20, so that older seeds keep their meaning; 1, 2, 3 are 2, 8, 14) and whether the login deadline fires after the last line, before 230 (bit 6, ahead of the idle timer); the rest is what the client sends. The password check
/// succeeds for alice / wonderland only; the password "throttle" makes the service throttle instead of verifying.
/// </remarks>
public sealed class LoginTarget : IFuzzTarget
{
    private const string KnownUser = "alice";
    private const string KnownPassword = "wonderland";
    private const string ThrottlePassword = "throttle";

    /// <inheritdoc />
    public string Name => "login";

    /// <inheritdoc />
    public string Description => "LoginSession driven by framed lines, against a model of the protocol's replies";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        byte flags = input[0];
        int maxFailures = 1 + (flags & 0x3);
        int commandBits = (flags >> 4) & 0x3;
        int maxCommands = commandBits == 0 ? LoginSession.DefaultMaxCommandsBeforeLogin : 2 + (6 * (commandBits - 1));
        var session = new LoginSession("netprog fuzz", maxFailures, maxCommands);
        var model = new Model(maxFailures, maxCommands);

        if ((flags & 0x4) != 0)
        {
            // The service refuses a throttled address at connect, before the greeting.
            ExpectReply(session.OnThrottled(), ReplyCode.ServiceNotAvailable, close: true, session);
            ExpectClosed(session);
            return;
        }

        ExpectReply(session.Start(), ReplyCode.ServiceReady, close: false, session);

        var buffer = new ReadOnlySequence<byte>(input[1..].ToArray());
        while (session.State != LoginState.Closed)
        {
            LineReadStatus status = LineReader.TryReadLine(ref buffer, LineReader.DefaultMaxLineLength, out ReadOnlySequence<byte> line);
            if (status == LineReadStatus.TooLong)
            {
                ExpectReply(session.OnLineTooLong(), ReplyCode.LineTooLong, close: true, session);
                break;
            }

            if (status == LineReadStatus.NeedMoreData)
            {
                if ((flags & 0x40) != 0 && session.State is LoginState.ExpectUser or LoginState.ExpectPass)
                {
                    ExpectReply(session.OnLoginTimeout(), ReplyCode.ServiceNotAvailable, close: true, session);
                }
                else if ((flags & 0x8) != 0)
                {
                    ExpectReply(session.OnIdleTimeout(), ReplyCode.ServiceNotAvailable, close: true, session);
                }

                break;
            }

            byte[] bytes = line.ToArray();
            Check(session, model, session.OnLine(bytes), model.OnLine(bytes));
        }

        if (session.State == LoginState.Closed)
        {
            ExpectClosed(session);
        }
    }

    private static void Check(LoginSession session, Model model, LoginAction action, Expected expected)
    {
        switch (expected.Kind)
        {
            case ExpectedKind.Echo:
                FuzzInvariantException.Check(action is EchoLine, $"expected an echo after login, got {action}");
                FuzzInvariantException.Check(session.State == LoginState.LoggedIn, "an echo outside LoggedIn");
                return;

            case ExpectedKind.Verify:
                var verify = action as VerifyPassword;
                FuzzInvariantException.Check(verify is not null, $"expected a password check, got {action}");
                FuzzInvariantException.Check(verify!.UserName == expected.UserName, $"the check is for '{verify.UserName}', the model says '{expected.UserName}'");
                FuzzInvariantException.Check(verify.UserName is null || UserName.IsValid(verify.UserName), "a password check for an invalid name");
                FuzzInvariantException.Check(verify.ToString().EndsWith("Password = *** }", StringComparison.Ordinal), "the action's text shows the password");
                FuzzInvariantException.Check(session.State == LoginState.Verifying, "no Verifying state during a password check");
                if (verify.Password == ThrottlePassword)
                {
                    model.Throttled();
                    ExpectReply(session.OnThrottled(), ReplyCode.ServiceNotAvailable, close: true, session);
                    return;
                }

                bool ok = verify.UserName == KnownUser && verify.Password == KnownPassword;
                Expected result = model.Complete(ok);
                ExpectReply(session.CompleteVerification(ok), result.Code, result.Close, session);
                if (result.Code == ReplyCode.LoggedIn)
                {
                    FuzzInvariantException.Check(session.UserName == KnownUser, "logged in under another name");
                }

                return;

            default:
                ExpectReply(action, expected.Code, expected.Close, session);
                return;
        }
    }

    private static void ExpectReply(LoginAction action, ReplyCode code, bool close, LoginSession session)
    {
        var reply = action as SendReply;
        FuzzInvariantException.Check(reply is not null, $"expected reply {(int)code}, got {action}");
        FuzzInvariantException.Check(reply!.Code == code, $"expected reply {(int)code}, got {(int)reply.Code} {reply.Text}");
        FuzzInvariantException.Check(reply.ThenClose == close, $"reply {(int)code}: ThenClose {reply.ThenClose}, expected {close}");
        FuzzInvariantException.Check(
            (session.State == LoginState.Closed) == close,
            $"reply {(int)code}: state {session.State} after ThenClose {close}");

        // Exactly one line on the wire: "<3 digits> <text>\r\n" with no other CR or LF.
        byte[] wire = new byte[ReplyWriter.GetByteCount(reply.Text)];
        int written = ReplyWriter.Write(reply.Code, reply.Text, wire);
        FuzzInvariantException.Check(written == wire.Length, "ReplyWriter wrote another length than it announced");
        FuzzInvariantException.Check(wire.AsSpan().IndexOfAny((byte)'\r', (byte)'\n') == wire.Length - 2, "a reply holds a CR or LF before its end");
        FuzzInvariantException.Check(
            wire.AsSpan(0, 4).SequenceEqual(Encoding.ASCII.GetBytes($"{(int)reply.Code} ")),
            "a reply does not start with its code and a space");
    }

    private static void ExpectClosed(LoginSession session)
    {
        try
        {
            session.OnLine("QUIT"u8);
        }
        catch (InvalidOperationException)
        {
            return;
        }

        throw new FuzzInvariantException("a closed session took another line");
    }

    private enum ExpectedKind
    {
        Reply,
        Echo,
        Verify,
    }

    private readonly record struct Expected(ExpectedKind Kind, ReplyCode Code, bool Close, string? UserName);

    // The protocol of docs/PROTOCOL.md, written independently of LoginSession: the reply each event must get.
    private sealed class Model(int maxFailures, int maxCommands)
    {
        private int _commands;
        private bool _expectPass;
        private bool _loggedIn;
        private string? _name;
        private int _failures;

        public Expected OnLine(byte[] line)
        {
            int space = Array.IndexOf(line, (byte)' ');
            string word = Encoding.Latin1.GetString(line, 0, space < 0 ? line.Length : space);
            if (space < 0 && Is(word, "QUIT"))
            {
                return new Expected(ExpectedKind.Reply, ReplyCode.Bye, true, null);
            }

            if (_loggedIn)
            {
                return new Expected(ExpectedKind.Echo, default, false, null);
            }

            if (++_commands > maxCommands)
            {
                return new Expected(ExpectedKind.Reply, ReplyCode.ServiceNotAvailable, true, null);
            }

            string argument = space < 0 ? string.Empty : Encoding.Latin1.GetString(line, space + 1, line.Length - space - 1);
            if (Is(word, "USER"))
            {
                _name = argument.Length is >= 1 and <= 32 && argument.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
                    ? argument
                    : null;
                _expectPass = true;
                return new Expected(ExpectedKind.Reply, ReplyCode.PasswordRequired, false, null);
            }

            if (Is(word, "PASS") && _expectPass)
            {
                return new Expected(ExpectedKind.Verify, default, false, _name);
            }

            return new Expected(ExpectedKind.Reply, ReplyCode.NotLoggedIn, false, null);
        }

        public Expected Complete(bool passwordOk)
        {
            if (passwordOk && _name is not null)
            {
                _loggedIn = true;
                return new Expected(ExpectedKind.Reply, ReplyCode.LoggedIn, false, _name);
            }

            _name = null;
            _expectPass = false;
            _failures++;
            return _failures >= maxFailures
                ? new Expected(ExpectedKind.Reply, ReplyCode.ServiceNotAvailable, true, null)
                : new Expected(ExpectedKind.Reply, ReplyCode.NotLoggedIn, false, null);
        }

        public void Throttled() => _expectPass = false;

        // Case-insensitive in ASCII only (RFC 959 section 5.3); Latin-1 keeps every byte one char, so no folding of 'ı'.
        private static bool Is(string word, string command) =>
            word.Length == command.Length && word.All(char.IsAscii) && string.Equals(word, command, StringComparison.OrdinalIgnoreCase);
    }
}
