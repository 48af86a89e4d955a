namespace NetProg.Services.Check.Udp;

/// <summary>
/// How a reply compares with the datagram sent: <see cref="Offset"/> is where they part (the reply's length when it is
/// cut short, the datagram's length when more came back, the first differing byte otherwise; 0 when they are the same).
/// </summary>
public readonly record struct EchoMismatch(EchoMismatchKind Kind, int Offset)
{
    public bool IsSame => Kind == EchoMismatchKind.Same;
}
