namespace NetProg.Services.Forward;

/// <summary>The forwarder cannot start as asked; the message says why and what to do, in one line.</summary>
public sealed class ForwardException(string message) : Exception(message);
