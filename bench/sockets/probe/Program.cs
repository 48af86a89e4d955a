using System.Diagnostics;
using System.Globalization;
using NetProg.Diagnostics;
using NetProg.Diagnostics.Sockets;

// sockets-probe PORT [REPEATS]: times a whole socket-table read (SocketTables.ForCurrentOs().Snapshot(), what
// `netprog sockets` reads) and a port-owner lookup (PortOwnerLookup.ForCurrentOs().FindOwners, what `doctor` and a failed
// bind ask) in this process: the first call of each (JIT included, as in a one-shot CLI run), then the median of the
// next REPEATS. Prints "name milliseconds" lines, and the row count and owners as a check that both builds saw the load.
var port = int.Parse(args[0], CultureInfo.InvariantCulture);
var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;

var (rows, tableCold) = Time(() => SocketTables.ForCurrentOs().Snapshot().Count);
var (owners, ownerCold) = Time(() => PortOwnerLookup.ForCurrentOs().FindOwners(PortProtocol.Tcp, port));
var tableWarm = new List<double>();
var ownerWarm = new List<double>();
for (var i = 0; i < repeats; i++)
{
    tableWarm.Add(Time(() => SocketTables.ForCurrentOs().Snapshot().Count).Milliseconds);
    ownerWarm.Add(Time(() => PortOwnerLookup.ForCurrentOs().FindOwners(PortProtocol.Tcp, port)).Milliseconds);
}

Console.WriteLine(FormattableString.Invariant($"table_first {tableCold:F1}"));
Console.WriteLine(FormattableString.Invariant($"table_median {Median(tableWarm):F1}"));
Console.WriteLine(FormattableString.Invariant($"owner_first {ownerCold:F1}"));
Console.WriteLine(FormattableString.Invariant($"owner_median {Median(ownerWarm):F1}"));
Console.WriteLine(FormattableString.Invariant($"rows {rows}"));
Console.WriteLine("owners " + string.Join(",", owners.Select(o => FormattableString.Invariant($"{o.ProcessName}/{o.ProcessId}"))));

static (T Value, double Milliseconds) Time<T>(Func<T> call)
{
    var clock = Stopwatch.StartNew();
    var value = call();
    return (value, clock.Elapsed.TotalMilliseconds);
}

static double Median(List<double> values)
{
    values.Sort();
    return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
}
