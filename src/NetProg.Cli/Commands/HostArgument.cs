namespace NetProg.Cli.Commands;

/// <summary>A HOST argument as typed: the host, and the port when it was written as <c>HOST:PORT</c> or <c>[v6]:PORT</c>.</summary>
internal readonly record struct HostArgument(string Host, int? Port);
