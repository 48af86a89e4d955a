using NetProg.Protocols.Login;

namespace NetProg.Protocols.Tests.Login;

/// <summary>Drives a <see cref="LoginSession"/> to a given state with string lines (UTF-8), so each test states only its own step.</summary>
internal static class SessionSteps
{
    public const string Banner = "netprog echo ready";

    public static LoginSession Started()
    {
        var session = new LoginSession(Banner);
        session.Start();
        return session;
    }

    public static LoginSession ExpectingPassword(string name = "alice")
    {
        LoginSession session = Started();
        session.Send("USER " + name);
        return session;
    }

    public static LoginSession Verifying(string name = "alice")
    {
        LoginSession session = ExpectingPassword(name);
        session.Send("PASS secret");
        return session;
    }

    public static LoginSession LoggedIn(string name = "alice")
    {
        LoginSession session = Verifying(name);
        session.CompleteVerification(passwordOk: true);
        return session;
    }

    public static LoginAction Send(this LoginSession session, string line) => session.OnLine(Encoding.UTF8.GetBytes(line));

    /// <summary>One failed USER/PASS round trip.</summary>
    public static LoginAction FailOnce(this LoginSession session, string name = "alice")
    {
        session.Send("USER " + name);
        session.Send("PASS wrong");
        return session.CompleteVerification(passwordOk: false);
    }

    public static SendReply Reply(ReplyCode code, string text) => new(code, text, ThenClose: false);

    public static SendReply Closing(ReplyCode code, string text) => new(code, text, ThenClose: true);
}
