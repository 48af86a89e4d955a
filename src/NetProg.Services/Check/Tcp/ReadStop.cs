namespace NetProg.Services.Check.Tcp;

/// <summary>Why <see cref="TcpProbe.ReadAsync"/> stopped reading.</summary>
internal enum ReadStop
{
    /// <summary>As many bytes as asked for arrived.</summary>
    Enough,

    /// <summary>The server closed its side (recv() returned 0: its FIN).</summary>
    Closed,

    /// <summary>The connection was reset (or failed otherwise).</summary>
    Reset,

    /// <summary>Nothing arrived for the idle time.</summary>
    Idle,

    /// <summary>The probe's buffer is full: the server sent more than any correct answer holds.</summary>
    Full,
}
