namespace NetProg.Services.Check.Local;

/// <summary>What the local checks read about a process, one implementation per OS (<see cref="ProcessProbes.ForCurrentOs"/>).</summary>
internal interface IProcessProbe
{
    /// <summary>Why descriptors cannot be counted on this OS, or null when <see cref="Descriptors"/> works.</summary>
    string? NoDescriptors { get; }

    /// <summary>How many descriptors (Windows: handles) the process holds; null when it is gone or hidden.</summary>
    int? Descriptors(int pid);

    /// <summary>The process's CPU use so far, all its threads; null when it is gone or hidden.</summary>
    CpuUse? Cpu(int pid);

    /// <summary>The process's children, grandchildren and so on (a fork server's); empty where the OS does not say.</summary>
    IReadOnlyList<int> Descendants(int pid);
}
