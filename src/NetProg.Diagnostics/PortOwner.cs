namespace NetProg.Diagnostics;

/// <summary>A process holding a socket on a local port.</summary>
/// <param name="ProcessId">The owning process id.</param>
/// <param name="ProcessName">
/// The short process name (Linux: /proc/[pid]/comm, at most 15 characters because the kernel's
/// TASK_COMM_LEN is 16; Windows: the image name without ".exe"), or <see langword="null"/> when the
/// process could not be read or exited meanwhile.
/// </param>
public sealed record PortOwner(int ProcessId, string? ProcessName);
