namespace NetProg.Cli.Infrastructure;

/// <summary>The command line is wrong in a way only found while running (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
