using System.Diagnostics.CodeAnalysis;

namespace NetProg.Fuzz;

/// <summary>
/// Every <see cref="IFuzzTarget"/> in this assembly, by name. Found by reflection so that adding a target (the capture
/// decoder's, for one) is a new class and a seed folder, with no list to edit.
/// </summary>
public static class FuzzTargets
{
    private static readonly Lazy<IReadOnlyList<IFuzzTarget>> Targets = new(Discover);

    /// <summary>All targets, ordered by name.</summary>
    public static IReadOnlyList<IFuzzTarget> All => Targets.Value;

    /// <summary>Finds a target by its exact name.</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out IFuzzTarget? target)
    {
        target = All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
        return target is not null;
    }

    private static IReadOnlyList<IFuzzTarget> Discover() =>
        typeof(IFuzzTarget).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IFuzzTarget).IsAssignableFrom(type))
            .Select(type => (IFuzzTarget)Activator.CreateInstance(type)!)
            .OrderBy(target => target.Name, StringComparer.Ordinal)
            .ToArray();
}
