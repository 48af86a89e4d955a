namespace NetProg.Protocols.Login;

/// <summary>
/// Write <c>"&lt;code&gt; &lt;text&gt;\r\n"</c> (<see cref="ReplyWriter"/>), then, when <see cref="ThenClose"/> is set,
/// close the connection after the reply was flushed.
/// </summary>
/// <param name="Code">The reply code.</param>
/// <param name="Text">The text after the code, without line ending.</param>
/// <param name="ThenClose">Whether the connection ends with this reply.</param>
public sealed record SendReply(ReplyCode Code, string Text, bool ThenClose) : LoginAction;
