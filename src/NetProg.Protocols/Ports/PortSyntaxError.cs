namespace NetProg.Protocols.Ports;

/// <summary>
/// What is wrong with a port, a range or a list as typed. Kinds, not sentences: each command words them as it always has
/// (<c>capture --port</c>, <c>HOST:PORT</c> and <c>forward --listen</c> say it differently), in English or Korean.
/// </summary>
public enum PortSyntaxError
{
    /// <summary>Nothing is wrong.</summary>
    None,

    /// <summary>Nothing where a port was expected.</summary>
    Empty,

    /// <summary>A character other than an ASCII digit: a sign (<c>+80</c>, <c>-1</c>), a space, a letter, a digit of another script.</summary>
    NotANumber,

    /// <summary>A number above 65535, the largest a 16-bit port field holds (RFC 9293 section 3.1, RFC 768).</summary>
    TooLarge,

    /// <summary>Port 0 where "any free port" means nothing (a client's target, a range, a list).</summary>
    Zero,

    /// <summary><c>FIRST-LAST</c> whose ends are not both ports from 1 to 65535 (an end missing, not a number, too large, or 0 first).</summary>
    BadRange,

    /// <summary><c>FIRST-LAST</c> with the first port larger than the last.</summary>
    Reversed,

    /// <summary>A list with an empty item: <c>80,,443</c>, a comma at either end.</summary>
    EmptyItem,

    /// <summary>A list of more than <see cref="PortList.MaxItems"/> items.</summary>
    TooManyItems,
}
