namespace NetProg.Diagnostics.Interfaces;

/// <summary>This machine's interfaces, or none and the reason why.</summary>
/// <param name="Interfaces">The interfaces in the OS's order.</param>
/// <param name="Reason">Why the list is empty or incomplete, or null when everything could be read.</param>
public sealed record InterfaceList(IReadOnlyList<NetworkInterfaceInfo> Interfaces, string? Reason);
