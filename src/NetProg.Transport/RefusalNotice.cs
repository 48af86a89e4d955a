namespace NetProg.Transport;

/// <summary>What to log about one refused client (<see cref="RefusedSources.Record"/>).</summary>
/// <param name="Name">Log this client's address: its first refusal, or its first for a <see cref="RefusedSources.Window"/>.</param>
/// <param name="OthersNotNamed">
/// When above 0, a summary line is due: refusals of addresses that were not named (the table held another address logged
/// within the window) since the last summary, over <paramref name="Over"/>.
/// </param>
/// <param name="Over">The time the summary covers.</param>
public readonly record struct RefusalNotice(bool Name, long OthersNotNamed, TimeSpan Over);
