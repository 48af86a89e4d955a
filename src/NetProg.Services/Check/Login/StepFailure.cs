using NetProg.Protocols.Checking;
using NetProg.Transport;

namespace NetProg.Services.Check.Login;

/// <summary>
/// A step of the transcript that did not go as written: an expect and what came instead, or a send, its error and what
/// the server had sent before (its refusal, most often), if anything.
/// </summary>
internal sealed record StepFailure(LoginScriptStep Step, ReplyWait? Wait, SocketErrorKind? SendError);
