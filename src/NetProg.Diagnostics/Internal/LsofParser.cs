using System.Globalization;

namespace NetProg.Diagnostics.Internal;

/// <summary>
/// Parses <c>lsof -F pc</c> output (lsof(8), "OUTPUT FOR OTHER PROGRAMS"): one field per line, the first
/// character names the field. A 'p' line (process id) starts a process set; the 'c' (command) line that
/// follows belongs to it; 'f' and other file-set fields are ignored.
/// </summary>
internal static class LsofParser
{
    public static IReadOnlyList<PortOwner> Parse(string lsofFieldOutput)
    {
        var owners = new List<PortOwner>();
        int? pid = null;
        string? command = null;

        foreach (var rawLine in lsofFieldOutput.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            switch (line[0])
            {
                case 'p':
                    Flush();
                    pid = int.TryParse(line.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
                    command = null;
                    break;
                case 'c' when pid is not null:
                    command = line.Length > 1 ? line[1..] : null;
                    break;
            }
        }

        Flush();
        owners.Sort((a, b) => a.ProcessId.CompareTo(b.ProcessId));
        return owners;

        void Flush()
        {
            if (pid is { } id && !owners.Exists(o => o.ProcessId == id))
            {
                owners.Add(new PortOwner(id, command));
            }
        }
    }
}
