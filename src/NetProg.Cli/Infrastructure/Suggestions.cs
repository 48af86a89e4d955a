namespace NetProg.Cli.Infrastructure;

/// <summary>"Did you mean ...?" for a mistyped command or option, as git's help.autocorrect suggestions do.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The names closest to <paramref name="typed"/>: within an edit distance that grows with its length (a swapped pair of
    /// letters counts as one edit, as in <c>time-clinet</c>), or names it is the start of; the closest first, at most three.
    /// </summary>
    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> names)
    {
        // The dashes of an option are not letters the user can mistype; a one-letter short option is close to every other.
        var letters = typed.TrimStart('-').Length;
        if (letters <= 1)
        {
            return [];
        }

        var limit = letters <= 3 ? 1 : letters <= 7 ? 2 : 3;
        return names
            .Select(name => (Name: name, Distance: Distance(typed.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(c => c.Distance <= limit || (typed.Length >= 2 && c.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(3)
            .Select(c => c.Name)
            .ToArray();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1][];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i] = new int[b.Length + 1];
            d[i][0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0][j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i][j] = Math.Min(Math.Min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i][j] = Math.Min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }

        return d[a.Length][b.Length];
    }
}
