using System.Buffers;
using NetProg.Protocols.Lines;
using NetProg.Protocols.Login;
using NetProg.Protocols.Tests.Lines;

namespace NetProg.Protocols.Tests.Login;

/// <summary>
/// The three pieces together, driven the way the service drives them (minus the socket): frame lines, feed the
/// session, perform its actions. Shows that the APIs compose, and what the client sees byte for byte.
/// </summary>
public sealed class LoginConversationTests
{
    private const string Password = "open sesame";

    [Fact]
    public void Should_log_in_echo_lines_verbatim_with_their_own_ending_and_quit()
    {
        // Given a client that logs in, sends lines with mixed endings, arriving in arbitrary reads, then quits
        ReadOnlySequence<byte> input = TestSegment.Sequence(
            "USER alice\r\nPA", "SS open sesame\nhello\r", "\nworld\nUSER bob\n\r\n", "QUIT\r\nnever read\n");

        // When
        string output = Converse(input);

        // Then every reply ends in CRLF, while echoed lines keep the client's LF or CRLF
        Assert.Equal(
            "220 netprog echo\r\n331 password required\r\n230 welcome alice\r\nhello\r\nworld\nUSER bob\n\r\n221 bye\r\n",
            output);
    }

    [Fact]
    public void Should_give_the_same_answers_for_unknown_and_invalid_names_and_close_after_three_failures()
    {
        // Given three failed logins: unknown name, invalid name, known name with a wrong password
        ReadOnlySequence<byte> input = TestSegment.Sequence(
            "USER mallory\nPASS open sesame\nUSER no such!\nPASS open sesame\nUSER alice\nPASS guess\nUSER alice\nPASS open sesame\n");

        // When
        string output = Converse(input);

        // Then the client cannot tell the three apart, and the connection closes before a fourth try
        Assert.Equal(
            "220 netprog echo\r\n"
            + "331 password required\r\n530 login incorrect\r\n"
            + "331 password required\r\n530 login incorrect\r\n"
            + "331 password required\r\n421 too many failed logins\r\n",
            output);
    }

    [Fact]
    public void Should_answer_500_and_stop_at_a_line_over_4096_bytes()
    {
        // Given a logged-in client that sends one byte too many
        ReadOnlySequence<byte> input = TestSegment.Sequence(
            "USER alice\nPASS open sesame\n", new string('x', 4097), "\nhello\n");

        // When
        string output = Converse(input);

        // Then
        Assert.Equal("220 netprog echo\r\n331 password required\r\n230 welcome alice\r\n500 line too long\r\n", output);
    }

    private static string Converse(ReadOnlySequence<byte> input)
    {
        var output = new ArrayBufferWriter<byte>();
        var session = new LoginSession("netprog echo");
        Perform(session.Start(), default, output);
        while (session.State != LoginState.Closed)
        {
            LineReadStatus status = LineReader.TryReadLine(
                ref input, LineReader.DefaultMaxLineLength, out ReadOnlySequence<byte> line, out ReadOnlySequence<byte> raw);
            if (status == LineReadStatus.NeedMoreData)
            {
                // The input ended; a final line without LF is dropped.
                break;
            }

            LoginAction action = status == LineReadStatus.TooLong ? session.OnLineTooLong() : session.OnLine(line.ToArray());
            if (action is VerifyPassword verify)
            {
                // The real service hashes here, against a dummy hash when the name is null or unknown.
                action = session.CompleteVerification(verify.UserName == "alice" && verify.Password == Password);
            }

            Perform(action, raw, output);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void Perform(LoginAction action, ReadOnlySequence<byte> raw, ArrayBufferWriter<byte> output)
    {
        switch (action)
        {
            case SendReply reply:
                int length = ReplyWriter.Write(reply.Code, reply.Text, output.GetSpan(ReplyWriter.GetByteCount(reply.Text)));
                output.Advance(length);
                break;
            case EchoLine:
                foreach (ReadOnlyMemory<byte> segment in raw)
                {
                    output.Write(segment.Span);
                }

                break;
            default:
                throw new InvalidOperationException($"Unexpected action {action}.");
        }
    }
}
