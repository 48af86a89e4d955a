namespace NetProg.Services.Check.Tcp;

/// <summary>What a time server's clock offset says.</summary>
public enum ClockFinding
{
    /// <summary>Within the measurement's uncertainty and a few seconds.</summary>
    InStep,

    /// <summary>Off by whole hours (or quarter hours, as some zones are): a time-zone mistake, not a clock that drifted.</summary>
    TimeZone,

    /// <summary>Off by more than a few seconds, and not by a zone: a wrong clock.</summary>
    WrongClock,
}
