namespace NetProg.Transport;

/// <summary>What we were doing when a <see cref="NetworkException"/> happened; the same error reads differently for each.</summary>
public enum NetworkOperation
{
    Resolve,
    Bind,
    Connect,
    Send,
    Receive,
}
